// Device tokens (OWASP "device cookies"): a browser that signed in to an account before holds a
// token the vault made for that account, `<nonce>.<mac>`: 16 random bytes, and an HMAC over the
// account id and the nonce under a key only the vault holds (BLIND_INDEX_KEY, kind
// "device_token"). Nothing is stored: a token verifies or it does not. Showing one for the account
// a sign-in names spares that attempt the account-wide throttle, so guessers elsewhere cannot lock
// the owner out; the token's own attempts are throttled on their own key instead.
import { randomBytes, toBase64Url } from "../../shared/base64url";
import { constantTimeEqual } from "../../shared/constant-time";
import { blindIndex } from "../crypto/blind-index";

/** Stands in for the account when the address is unknown, so every token costs the same to check. */
const NO_ACCOUNT = `acc_${"0".repeat(22)}`;

function deviceMac(key: string, accountId: string, nonce: string): Promise<string> {
	return blindIndex(key, "device_token", `${accountId}\u0000${nonce}`);
}

/** A new token for a browser that has just signed in to the account: 22 + 1 + 43 characters. */
export async function newDeviceToken(key: string, accountId: string): Promise<string> {
	const nonce = toBase64Url(randomBytes(16));
	return `${nonce}.${await deviceMac(key, accountId, nonce)}`;
}

/**
 * The nonce of the first token made for this account, or null (no account, no such token). Every
 * token shown is checked, for a known account or not, so the time taken says nothing either.
 */
export async function trustedDevice(
	key: string,
	accountId: string | null,
	tokens: readonly string[],
): Promise<string | null> {
	let trusted: string | null = null;
	for (const token of tokens) {
		const [nonce, mac, ...rest] = token.split(".");
		if (!nonce || !mac || rest.length > 0) continue;
		const verifies = await constantTimeEqual(mac, await deviceMac(key, accountId ?? NO_ACCOUNT, nonce));
		if (verifies && accountId !== null && trusted === null) trusted = nonce;
	}
	return trusted;
}
