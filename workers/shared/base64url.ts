// Byte <-> text encodings for ciphertexts and keys, without Node's Buffer so the vault runs in
// workerd and in plain Node tests alike.

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64Url(bytes: Uint8Array): string {
	let binary = "";
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes unpadded base64url; returns null for anything that is not exactly that. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
	if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
	const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
	return fromBinaryString(atob(padded));
}

/** Decodes standard padded base64 (the keyring format); returns null for anything else. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
	if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
	return fromBinaryString(atob(text));
}

function fromBinaryString(binary: string): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
	return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
}

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
	return crypto.getRandomValues(new Uint8Array(length));
}
