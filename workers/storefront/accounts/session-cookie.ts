// The shopper's session cookie (DESIGN §5, ASVS V3): the vault issues the token (an ES256 JWT
// over a session row it keeps), the browser holds it in a __Host- HttpOnly, Secure, SameSite=Lax
// cookie, and the storefront checks the signature with the vault's public key (a plain var)
// before asking the vault whether the session is still alive. The storefront has no way to mint
// one: it never holds the signing key.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { importJWK, type JWK, jwtVerify } from "jose";
import * as z from "zod";
import { type IssuedSession, SESSION_AUDIENCE, SESSION_ISSUER } from "../../shared/vault-contract";
import type { AppEnv } from "../env";

const COOKIE = "lw_session";
const TokenShape = z
	.string()
	.max(4096)
	.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
const ClaimsSchema = z.object({ sub: z.string().regex(/^acc_[A-Za-z0-9_-]{22}$/), sid: z.string() });

const cookieOptions = { prefix: "host", httpOnly: true, secure: true, sameSite: "Lax", path: "/" } as const;

/** The session token in the request's cookie, if it is shaped like one at all. */
export function readSessionToken(c: Context<AppEnv>): string | undefined {
	const parsed = TokenShape.safeParse(getCookie(c, COOKIE, "host"));
	return parsed.success ? parsed.data : undefined;
}

export function writeSessionCookie(c: Context<AppEnv>, session: IssuedSession): void {
	const maxAge = Math.max(0, Math.floor((session.expiresAt - Date.now()) / 1000));
	setCookie(c, COOKIE, session.token, { ...cookieOptions, maxAge });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
	deleteCookie(c, COOKIE, cookieOptions);
}

const publicKeys = new Map<string, Promise<CryptoKey | Uint8Array>>();

function publicKey(jwkJson: string): Promise<CryptoKey | Uint8Array> {
	let key = publicKeys.get(jwkJson);
	if (!key) {
		const jwk = JSON.parse(jwkJson) as JWK;
		// Only a public key belongs here: a private one in a storefront var is a deployment mistake.
		if ("d" in jwk) throw new Error("SESSION_PUBLIC_KEY must hold the public key only");
		key = importJWK(jwk, "ES256");
		publicKeys.set(jwkJson, key);
	}
	return key;
}

/**
 * The account a token names when its signature, issuer, audience and expiry check out; null
 * otherwise, and when no public key is configured (fail closed). Revocation is the vault's to say.
 */
export async function verifySessionSignature(
	publicKeyJson: string | undefined,
	token: string,
): Promise<{ accountId: string; sessionId: string } | null> {
	if (!publicKeyJson) return null;
	try {
		const { payload } = await jwtVerify(token, await publicKey(publicKeyJson), {
			algorithms: ["ES256"],
			issuer: SESSION_ISSUER,
			audience: SESSION_AUDIENCE,
			requiredClaims: ["exp", "sub", "sid"],
		});
		const claims = ClaimsSchema.parse(payload);
		return { accountId: claims.sub, sessionId: claims.sid };
	} catch {
		return null;
	}
}
