// Tampered JSON Web Tokens, from a genuine one: the classic attacks on a verifier (alg none, an
// HMAC keyed with the public key, an algorithm swap), broken encodings, edited claims under the
// original signature, a foreign key, and tokens signed with the real key but hostile claims.
import fc from "fast-check";
import type { JWK } from "jose";

export const JWT_TAMPERS = [
	"alg-none",
	"alg-none-mixed-case",
	"hs256-with-public-key",
	"alg-swapped",
	"truncated",
	"signature-dropped",
	"bad-base64",
	"padded-base64",
	"two-parts",
	"four-parts",
	"huge",
	"claims-edited",
	"kid-traversal",
	"jku-remote",
	"crit-unknown",
	"foreign-key",
	"real-key-hostile-claims",
	"real-key-expired",
	"real-key-wrong-audience",
	"empty",
] as const;

export type JwtTamper = (typeof JWT_TAMPERS)[number];

/** What a tampering needs besides the genuine token. */
export type JwtKeys = {
	/** The verifier's public key (JWK JSON): an HS256 "secret" in the key-confusion attack. */
	publicJwk: string;
	/** The real signing key, for tokens with valid signatures and hostile claims. */
	privateJwk: JWK;
	/** A key the verifier does not trust, same algorithm as the real one. */
	foreignJwk: JWK;
	alg: "ES256" | "RS256";
};

const encoder = new TextEncoder();

export function base64url(data: string | Uint8Array): string {
	const bytes = typeof data === "string" ? encoder.encode(data) : data;
	let binary = "";
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodePart(part: string): Record<string, unknown> {
	const b64 = part.replace(/-/g, "+").replace(/_/g, "/");
	const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
	const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
	return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

function encodeJson(value: unknown): string {
	return base64url(JSON.stringify(value));
}

async function hmacSign(secret: string, input: string): Promise<string> {
	const key = await crypto.subtle.importKey(
		"raw",
		encoder.encode(secret),
		{ name: "HMAC", hash: "SHA-256" },
		false,
		["sign"],
	);
	return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(input))));
}

/**
 * A compact JWS signed by hand: jose's signer (rightly) refuses an unknown `crit` extension, and
 * the point is to send one anyway.
 */
async function signWith(jwk: JWK, alg: "ES256" | "RS256", header: Record<string, unknown>, payload: unknown) {
	const input = `${encodeJson({ ...header, alg })}.${encodeJson(payload)}`;
	const params =
		alg === "ES256"
			? { import: { name: "ECDSA", namedCurve: "P-256" }, sign: { name: "ECDSA", hash: "SHA-256" } }
			: { import: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, sign: { name: "RSASSA-PKCS1-v1_5" } };
	const key = await crypto.subtle.importKey("jwk", jwk as JsonWebKey, params.import, false, ["sign"]);
	return `${input}.${base64url(new Uint8Array(await crypto.subtle.sign(params.sign, key, encoder.encode(input))))}`;
}

/**
 * `token` (a genuine three-part compact JWS) tampered `how`; `hostileClaims` go into the payload
 * of the tamperings that edit claims.
 */
export async function tamperJwt(
	token: string,
	how: JwtTamper,
	keys: JwtKeys,
	hostileClaims: Record<string, unknown>,
): Promise<string> {
	const [h = "", p = "", s = ""] = token.split(".");
	const header = decodePart(h);
	const payload = decodePart(p);
	const nowS = Math.floor(Date.now() / 1000);
	switch (how) {
		case "alg-none":
			return `${encodeJson({ ...header, alg: "none" })}.${p}.`;
		case "alg-none-mixed-case":
			return `${encodeJson({ ...header, alg: "nOnE" })}.${p}.${s}`;
		case "hs256-with-public-key": {
			const input = `${encodeJson({ ...header, alg: "HS256" })}.${p}`;
			return `${input}.${await hmacSign(keys.publicJwk, input)}`;
		}
		case "alg-swapped":
			return `${encodeJson({ ...header, alg: keys.alg === "ES256" ? "RS256" : "ES256" })}.${p}.${s}`;
		case "truncated":
			return token.slice(0, token.length - 7);
		case "signature-dropped":
			return `${h}.${p}.`;
		case "bad-base64":
			return `${h}.${p.slice(0, 10)}!*$${p.slice(10)}.${s}`;
		case "padded-base64":
			return `${h}==.${p}==.${s}==`;
		case "two-parts":
			return `${h}.${p}`;
		case "four-parts":
			return `${token}.${s}`;
		case "huge":
			return `${h}.${encodeJson({ ...payload, pad: "x".repeat(9000) })}.${s}`;
		case "claims-edited":
			return `${h}.${encodeJson({ ...payload, ...hostileClaims, exp: nowS + 10 * 365 * 86_400 })}.${s}`;
		case "kid-traversal":
			return `${encodeJson({ ...header, kid: "../../../../dev/null" })}.${p}.${s}`;
		case "jku-remote":
			return `${encodeJson({ ...header, jku: "https://evil.example/jwks.json", x5u: "https://evil.example/x5" })}.${p}.${s}`;
		case "crit-unknown":
			return signWith(keys.privateJwk, keys.alg, { ...header, crit: ["x-evil"], "x-evil": true }, payload);
		case "foreign-key":
			return signWith(keys.foreignJwk, keys.alg, header, payload);
		case "real-key-hostile-claims":
			return signWith(keys.privateJwk, keys.alg, header, { ...payload, ...hostileClaims });
		case "real-key-expired":
			return signWith(keys.privateJwk, keys.alg, header, { ...payload, iat: nowS - 7200, exp: nowS - 3600 });
		case "real-key-wrong-audience":
			return signWith(keys.privateJwk, keys.alg, header, {
				...payload,
				aud: "someone-else",
				iss: "https://evil.example",
			});
		case "empty":
			return "..";
	}
}

export const jwtTamper: fc.Arbitrary<JwtTamper> = fc.constantFrom(...JWT_TAMPERS);
