// The browser's device tokens (OWASP "device cookies"): the vault hands one out at each successful
// sign-in, and a browser that shows one for an account is spared that account's login throttle,
// so guessers elsewhere cannot lock its owner out. Kept in a signed, HttpOnly __Host- cookie; up
// to five (a shared computer may hold a few accounts).
import type { Context } from "hono";
import { DeviceTokenSchema } from "../../shared/vault-contract";
import type { AppEnv } from "../env";
import { readSignedCookie, writeSignedCookie } from "../signed-cookie";

const COOKIE = "lw_device";
const MAX_TOKENS = 5;
const MAX_AGE_S = 180 * 24 * 3600;

export async function readDeviceTokens(c: Context<AppEnv>): Promise<string[]> {
	const value = await readSignedCookie(c, COOKIE);
	if (value === undefined) return [];
	return value
		.split("~")
		.filter((token) => DeviceTokenSchema.safeParse(token).success)
		.slice(0, MAX_TOKENS);
}

export async function rememberDevice(c: Context<AppEnv>, token: string): Promise<void> {
	const tokens = [token, ...(await readDeviceTokens(c)).filter((t) => t !== token)].slice(0, MAX_TOKENS);
	await writeSignedCookie(c, COOKIE, tokens.join("~"), MAX_AGE_S);
}
