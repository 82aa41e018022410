// Staff authentication (DESIGN §5): a Cloudflare Access JWT, verified by the vault itself with
// jose: RS256 only, keys by `kid` from the team's JWKS (createRemoteJWKSet; Access rotates them),
// `iss` = the team domain, `aud` = the application tag, `exp` required.
//
// Local development and tests sign with a local key pair. That path cannot be switched on in a
// production configuration: it is compiled in only when LOCAL_STAFF_KEYS is defined true at build
// time (workers/vault/wrangler.dev.toml, which npm start and the tests use), so the production
// bundle does not contain it. Where it is compiled in, a local key set is consulted only under the reserved local
// issuer below (`.localhost` can never be a Cloudflare Access team domain), and a
// `*.cloudflareaccess.com` issuer always and only uses that team's remote JWKS.
import {
	createLocalJWKSet,
	createRemoteJWKSet,
	errors,
	type JSONWebKeySet,
	type JWTPayload,
	type JWTVerifyGetKey,
	jwtVerify,
} from "jose";
import * as z from "zod/mini";

export const LOCAL_ACCESS_ISSUER = "https://access.loomwash.localhost";
/** Access sessions last at most a day by default; a staff token older than that is refused. */
const MAX_TOKEN_AGE = "24h";
const MAX_LIFETIME_S = 24 * 60 * 60;
const ACCESS_TEAM_DOMAIN = /^https:\/\/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.cloudflareaccess\.com$/;

export type AccessConfig = { ACCESS_TEAM_DOMAIN: string; ACCESS_AUD: string; ACCESS_LOCAL_JWKS?: string };

export type TokenRefusal =
	| "misconfigured"
	| "malformed"
	| "bad_algorithm"
	| "unknown_key"
	| "bad_signature"
	| "expired"
	| "wrong_issuer"
	| "wrong_audience"
	| "no_email"
	| "keys_unavailable"
	| "invalid";

export type TokenCheck = { ok: true; email: string } | { ok: false; refusal: TokenRefusal };

const LocalJwksSchema = z.object({
	keys: z.array(z.record(z.string(), z.unknown())).check(z.minLength(1), z.maxLength(8)),
});
const EmailClaimSchema = z.email().check(z.maxLength(254));

const remoteKeySets = new Map<string, JWTVerifyGetKey>();

export function isProductionIssuer(issuer: string): boolean {
	return ACCESS_TEAM_DOMAIN.test(issuer);
}

/** The key source the configuration allows, or null when it allows none. */
export function keySetFor(config: AccessConfig): JWTVerifyGetKey | null {
	const issuer = config.ACCESS_TEAM_DOMAIN;
	if (isProductionIssuer(issuer)) {
		let keySet = remoteKeySets.get(issuer);
		if (!keySet) {
			// Cached per isolate: jose refetches on an unknown kid, so Access key rotation just works.
			keySet = createRemoteJWKSet(new URL(`${issuer}/cdn-cgi/access/certs`));
			remoteKeySets.set(issuer, keySet);
		}
		return keySet;
	}
	if (LOCAL_STAFF_KEYS && issuer === LOCAL_ACCESS_ISSUER && config.ACCESS_LOCAL_JWKS) {
		try {
			const parsed = LocalJwksSchema.parse(JSON.parse(config.ACCESS_LOCAL_JWKS));
			return createLocalJWKSet(parsed as JSONWebKeySet);
		} catch {
			return null;
		}
	}
	return null;
}

function refusalOf(err: unknown): TokenRefusal {
	// Not a verdict on the token: the team's keys could not be fetched (network, timeout, bad JWKS).
	if (
		!(err instanceof errors.JOSEError) ||
		err instanceof errors.JWKSTimeout ||
		err instanceof errors.JWKSInvalid
	) {
		return "keys_unavailable";
	}
	if (err instanceof errors.JWTExpired) return "expired";
	if (err instanceof errors.JWTClaimValidationFailed) {
		if (err.claim === "iss") return "wrong_issuer";
		if (err.claim === "aud") return "wrong_audience";
		return "invalid";
	}
	if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported)
		return "bad_algorithm";
	if (err instanceof errors.JWKSNoMatchingKey) return "unknown_key";
	if (err instanceof errors.JWSSignatureVerificationFailed) return "bad_signature";
	if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return "malformed";
	return "invalid";
}

/** Verifies an Access token; on success, the staff member's email as Access asserted it. */
export async function verifyAccessToken(config: AccessConfig, token: string): Promise<TokenCheck> {
	const keySet = keySetFor(config);
	// jose skips the audience check when none is given: no audience, no verification at all.
	if (!keySet || !config.ACCESS_AUD) return { ok: false, refusal: "misconfigured" };
	let payload: JWTPayload;
	try {
		({ payload } = await jwtVerify(token, keySet, {
			issuer: config.ACCESS_TEAM_DOMAIN,
			audience: config.ACCESS_AUD,
			algorithms: ["RS256"],
			// Access tokens always expire and say when they were issued; one that does not, or that
			// claims to live longer than any Access session, is not an Access token.
			requiredClaims: ["exp", "iat"],
			maxTokenAge: MAX_TOKEN_AGE,
		}));
	} catch (err) {
		return { ok: false, refusal: refusalOf(err) };
	}
	if (
		typeof payload.exp === "number" &&
		typeof payload.iat === "number" &&
		payload.exp - payload.iat > MAX_LIFETIME_S
	) {
		return { ok: false, refusal: "invalid" };
	}
	const email = EmailClaimSchema.safeParse(payload.email);
	return email.success ? { ok: true, email: email.data } : { ok: false, refusal: "no_email" };
}
