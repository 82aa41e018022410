// Stable pseudonyms for values we must key by but must not store or hand on as they are (a cart
// cookie's token, an order number given to a rate limiter): HMAC-SHA256 under a key derived from
// a Worker secret and a purpose, so pseudonyms of one purpose never match another's.
import { toBase64Url } from "../shared/base64url";

const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string, purpose: string): Promise<CryptoKey> {
	const cacheKey = `${purpose}\u0000${secret}`;
	let key = keys.get(cacheKey);
	if (!key) {
		const material = new TextEncoder().encode(`loomwash/${purpose}/${secret}`);
		key = crypto.subtle.importKey("raw", material, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
		keys.set(cacheKey, key);
	}
	return key;
}

/** 128 bits of HMAC-SHA256(secret ‖ purpose, value), base64url. */
export async function pseudonym(secret: string, purpose: string, value: string): Promise<string> {
	const mac = await crypto.subtle.sign(
		"HMAC",
		await keyFor(secret, purpose),
		new TextEncoder().encode(value),
	);
	return toBase64Url(new Uint8Array(mac).slice(0, 16));
}
