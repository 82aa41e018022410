// Shopper session tokens (DESIGN §5): ES256 JWTs signed with SESSION_SIGNING_KEY (a private P-256
// JWK only the vault holds). The storefront checks the signature with the public half before it
// asks the vault anything, so a forged cookie costs the vault nothing; whether the session is
// still alive (not revoked, not idle, not past its absolute expiry) only the vault's row says.
import { calculateJwkThumbprint, errors, importJWK, type JWK, jwtVerify, SignJWT } from "jose";
import * as z from "zod/mini";
import { SESSION_AUDIENCE, SESSION_ISSUER } from "../../shared/vault-contract";
import { PrivateEcJwkSchema } from "../crypto/signing-jwk";

export const AccountIdSchema = z.string().check(z.regex(/^acc_[A-Za-z0-9_-]{22}$/));
export const SessionIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));
const ClaimsSchema = z.object({ sub: AccountIdSchema, sid: SessionIdSchema });

type SessionKeys = { privateKey: CryptoKey; publicKey: CryptoKey; kid: string };
const imported = new Map<string, Promise<SessionKeys>>();

/** The signing key, its public half and its `kid` (the RFC 7638 thumbprint of the public JWK). */
export function sessionKeys(secret: string): Promise<SessionKeys> {
	let keys = imported.get(secret);
	if (!keys) {
		keys = (async () => {
			const jwk = PrivateEcJwkSchema.parse(JSON.parse(secret));
			const publicJwk: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
			return {
				privateKey: (await importJWK(jwk as JWK, "ES256")) as CryptoKey,
				publicKey: (await importJWK(publicJwk, "ES256")) as CryptoKey,
				kid: await calculateJwkThumbprint(publicJwk, "sha256"),
			};
		})();
		imported.set(secret, keys);
		keys.catch(() => imported.delete(secret));
	}
	return keys;
}

export type SessionClaims = { accountId: string; sessionId: string; issuedAt: number; expiresAt: number };

/** Times in milliseconds; the token carries whole seconds, its `exp` the session's absolute expiry. */
export async function signSessionToken(secret: string, claims: SessionClaims): Promise<string> {
	const { privateKey, kid } = await sessionKeys(secret);
	return new SignJWT({ sid: claims.sessionId })
		.setProtectedHeader({ alg: "ES256", typ: "JWT", kid })
		.setIssuer(SESSION_ISSUER)
		.setAudience(SESSION_AUDIENCE)
		.setSubject(claims.accountId)
		.setIssuedAt(Math.floor(claims.issuedAt / 1000))
		.setExpirationTime(Math.floor(claims.expiresAt / 1000))
		.sign(privateKey);
}

export type TokenVerdict =
	| { ok: true; accountId: string; sessionId: string }
	| { ok: false; refusal: "expired" | "invalid" };

/**
 * Signature (ES256 only: no `none`, no HMAC with the public key), issuer, audience and expiry, at
 * the vault's `now`. Any other failure is just "invalid": the caller learns nothing more.
 */
export async function verifySessionToken(secret: string, token: string, now: number): Promise<TokenVerdict> {
	const { publicKey, kid } = await sessionKeys(secret);
	try {
		const { payload, protectedHeader } = await jwtVerify(token, publicKey, {
			algorithms: ["ES256"],
			issuer: SESSION_ISSUER,
			audience: SESSION_AUDIENCE,
			requiredClaims: ["exp", "iat", "sub", "sid"],
			currentDate: new Date(now),
		});
		if (protectedHeader.kid !== kid) return { ok: false, refusal: "invalid" };
		const claims = ClaimsSchema.safeParse(payload);
		return claims.success
			? { ok: true, accountId: claims.data.sub, sessionId: claims.data.sid }
			: { ok: false, refusal: "invalid" };
	} catch (err) {
		return { ok: false, refusal: err instanceof errors.JWTExpired ? "expired" : "invalid" };
	}
}
