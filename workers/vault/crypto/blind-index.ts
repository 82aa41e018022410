// Blind indexes (DESIGN P3): HMAC-SHA256 of a normalised value under BLIND_INDEX_KEY, a key only
// the vault holds, so the storefront can match an email (guest lookup, later login) without ever
// storing or decrypting it, and a copy of its database cannot be searched by dictionary.
// Self-contained (no imports) so the staff scripts can run the same code in Node.

/** What is being indexed; each kind is a separate domain, so indexes of two kinds never match. */
export type BlindIndexKind =
	| "email"
	| "staff_email"
	| "audit_subject"
	| "audit_account"
	| "seal_receipt"
	| "staff_record"
	| "device_token";

export function normalizeEmail(email: string): string {
	return email.normalize("NFC").trim().toLowerCase();
}

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(keyBase64: string): Promise<CryptoKey> {
	let key = keys.get(keyBase64);
	if (!key) {
		const raw = Uint8Array.from(atob(keyBase64), (ch) => ch.charCodeAt(0));
		if (raw.length !== 32) throw new Error("BLIND_INDEX_KEY must be 32 bytes of base64");
		key = crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
		keys.set(keyBase64, key);
	}
	return key;
}

/** 256-bit HMAC as unpadded base64url (43 characters). */
export async function blindIndex(keyBase64: string, kind: BlindIndexKind, value: string): Promise<string> {
	const normalized = kind === "email" || kind === "staff_email" ? normalizeEmail(value) : value;
	const mac = await crypto.subtle.sign(
		"HMAC",
		await hmacKey(keyBase64),
		new TextEncoder().encode(`${kind}\u0000${normalized}`),
	);
	let binary = "";
	for (const byte of new Uint8Array(mac)) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
