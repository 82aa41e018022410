// Shopper password hashes (DESIGN §5): PBKDF2-SHA256 over an HMAC of the password under a pepper
// (PASSWORD_PEPPER, a vault secret), stored as a PHC-style string that names its parameters so a
// hash made under older ones is upgraded at the next login. WebCrypto only and no imports, so the
// unit tests run this very code in Node.
//
// Why PBKDF2 and not argon2 or scrypt: Workers' WebCrypto offers PBKDF2 natively, and WASM argon2
// builds that compile at run time do not load on Workers. Why 100,000 iterations: production
// Workers refuse more (NotSupportedError); local workerd does not, so a unit test pins the cap.
// The pepper means a stolen copy of the database alone cannot be guessed against offline.

export const PBKDF2_ITERATIONS = 100_000;
const SCHEME = "pbkdf2-sha256";
const VERSION = 1;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

const PHC = /^\$pbkdf2-sha256\$v=(\d{1,3})\$i=(\d{1,7})\$([A-Za-z0-9+/]{16,88})\$([A-Za-z0-9+/]{16,88})$/;

export type PasswordParams = { iterations: number };
export type PasswordCheck = { ok: boolean; needsRehash: boolean };

/**
 * Verified when the email is unknown, so that a login for an unknown address does the same
 * PBKDF2 work as one for a known address: today's parameters, a 16-byte salt and a 32-byte hash
 * (a longer hash would cost PBKDF2 a second block, twice the work). Random bytes, not the hash of
 * any password anyone knows.
 */
export const DUMMY_PASSWORD_HASH = `$${SCHEME}$v=${VERSION}$i=${PBKDF2_ITERATIONS}$rdaMMeA96PK01CEO1Tulaw$vOLT47yBaq1S19xTtbyQl6CmzLUJhF5ekcrwrq/F8CY`;

function toB64(bytes: Uint8Array): string {
	let binary = "";
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/=+$/, "");
}

function fromB64(text: string): Uint8Array<ArrayBuffer> | null {
	if (!/^[A-Za-z0-9+/]*$/.test(text) || text.length % 4 === 1) return null;
	const binary = atob(text + "=".repeat((4 - (text.length % 4)) % 4));
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

const pepperKeys = new Map<string, Promise<CryptoKey>>();

function pepperKey(pepperBase64: string): Promise<CryptoKey> {
	let key = pepperKeys.get(pepperBase64);
	if (!key) {
		const raw = fromB64(pepperBase64.replace(/=+$/, ""));
		if (raw?.length !== 32) throw new Error("PASSWORD_PEPPER must be 32 bytes of base64");
		key = crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
		pepperKeys.set(pepperBase64, key);
	}
	return key;
}

/**
 * NFKC first (NIST SP 800-63B): the same password typed on two keyboards must hash the same.
 * The HMAC bounds PBKDF2's input to 32 bytes whatever the password's length.
 */
async function pepperedInput(pepper: string, password: string): Promise<CryptoKey> {
	const mac = await crypto.subtle.sign(
		"HMAC",
		await pepperKey(pepper),
		new TextEncoder().encode(password.normalize("NFKC")),
	);
	return crypto.subtle.importKey("raw", mac, "PBKDF2", false, ["deriveBits"]);
}

async function derive(
	pepper: string,
	password: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number,
	bytes: number,
): Promise<Uint8Array> {
	const bits = await crypto.subtle.deriveBits(
		{ name: "PBKDF2", hash: "SHA-256", salt, iterations },
		await pepperedInput(pepper, password),
		bytes * 8,
	);
	return new Uint8Array(bits);
}

export async function hashPassword(
	pepper: string,
	password: string,
	params: PasswordParams = { iterations: PBKDF2_ITERATIONS },
): Promise<string> {
	const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
	const hash = await derive(pepper, password, salt, params.iterations, HASH_BYTES);
	return `$${SCHEME}$v=${VERSION}$i=${params.iterations}$${toB64(salt)}$${toB64(hash)}`;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	// Lengths are public (they are in the stored string); the contents are compared without an early exit.
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
	return diff === 0;
}

/** Whether the password matches, and whether its hash was made under other parameters than today's. */
export async function verifyPassword(pepper: string, password: string, phc: string): Promise<PasswordCheck> {
	const match = PHC.exec(phc);
	const version = Number(match?.[1]);
	const iterations = Number(match?.[2]);
	const salt = match?.[3] ? fromB64(match[3]) : null;
	const expected = match?.[4] ? fromB64(match[4]) : null;
	// More than the cap would throw in production: such a hash cannot have been made here.
	if (!salt || !expected || version !== VERSION || iterations < 1 || iterations > PBKDF2_ITERATIONS) {
		return { ok: false, needsRehash: false };
	}
	const actual = await derive(pepper, password, salt, iterations, expected.length);
	const ok = equalBytes(actual, expected);
	const current =
		iterations === PBKDF2_ITERATIONS && salt.length === SALT_BYTES && expected.length === HASH_BYTES;
	return { ok, needsRehash: ok && !current };
}
