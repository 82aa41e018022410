// Per-subject data keys (DEKs): AES-256-GCM keys that encrypt a subject's fields, stored only
// wrapped by a KEK. Wrapping is AES-GCM with the subject id as associated data, so a wrapped key
// moved to another subject's row no longer unwraps. Destroying the wrapped key (crypto-shredding)
// makes every ciphertext of that subject unreadable, backups included.
import { fromBase64Url, randomBytes, toBase64Url, utf8 } from "../../shared/base64url";
import { VaultError } from "./vault-error";

const WRAP_VERSION = "v1";
const IV_BYTES = 12;
const DEK_ALGORITHM = { name: "AES-GCM", length: 256 } as const;

function wrapAad(subjectId: string) {
	return utf8(`subject_keys|${subjectId}`);
}

/** A fresh DEK; extractable only so that it can be wrapped, never exported in the clear. */
export async function generateDataKey(): Promise<CryptoKey> {
	return (await crypto.subtle.generateKey(DEK_ALGORITHM, true, ["encrypt", "decrypt"])) as CryptoKey;
}

/** Wraps a DEK under a KEK: `v1.<iv>.<wrapped key>` in base64url. */
export async function wrapDataKey(dataKey: CryptoKey, kek: CryptoKey, subjectId: string): Promise<string> {
	const iv = randomBytes(IV_BYTES);
	const wrapped = await crypto.subtle.wrapKey("raw", dataKey, kek, {
		name: "AES-GCM",
		iv,
		additionalData: wrapAad(subjectId),
	});
	return `${WRAP_VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(wrapped))}`;
}

/**
 * Unwraps a DEK. `extractable` stays false except to re-wrap it under another KEK (rotation,
 * dormancy), where the key has to leave WebCrypto for a moment to be wrapped again.
 */
export async function unwrapDataKey(
	wrappedKey: string,
	kek: CryptoKey,
	subjectId: string,
	extractable = false,
): Promise<CryptoKey> {
	const [version, ivText, keyText, ...rest] = wrappedKey.split(".");
	const iv = ivText === undefined ? null : fromBase64Url(ivText);
	const wrapped = keyText === undefined ? null : fromBase64Url(keyText);
	if (version !== WRAP_VERSION || rest.length > 0 || !iv || iv.length !== IV_BYTES || !wrapped) {
		throw new VaultError("Malformed wrapped data key");
	}
	try {
		return await crypto.subtle.unwrapKey(
			"raw",
			wrapped,
			kek,
			{ name: "AES-GCM", iv, additionalData: wrapAad(subjectId) },
			DEK_ALGORITHM,
			extractable,
			["encrypt", "decrypt"],
		);
	} catch {
		throw new VaultError("Data key does not unwrap under this key");
	}
}
