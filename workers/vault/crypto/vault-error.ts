/**
 * Every vault failure: bad keyring, unknown key id, malformed or tampered ciphertext. Messages
 * never include key material or plaintext, so the error may be logged as it is.
 */
export class VaultError extends Error {
	override readonly name = "VaultError";
}
