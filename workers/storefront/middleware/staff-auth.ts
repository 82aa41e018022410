// Staff authentication (DESIGN §5): a Cloudflare Access JWT in `Cf-Access-Jwt-Assertion`, RS256,
// verified with jose against the team's JWKS (keys matched by `kid`, rotated by Cloudflare), with
// `iss` (team domain) and `aud` (application tag) checked. Local dev and tests set ACCESS_JWKS, a
// local key set, and run the same verification.
import { createMiddleware } from "hono/factory";
import {
	createLocalJWKSet,
	createRemoteJWKSet,
	type JSONWebKeySet,
	type JWTPayload,
	type JWTVerifyGetKey,
	jwtVerify,
} from "jose";
import { z } from "zod";
import type { AppEnv } from "../env";
import { AppError } from "../errors";

export const ACCESS_HEADER = "Cf-Access-Jwt-Assertion";
const MAX_TOKEN_LENGTH = 8192;

/** What the rest of the code may know about a staff member: a stable subject and roles. */
export type Staff = { sub: string; roles: string[] };

export type StaffEnv = AppEnv & { Variables: AppEnv["Variables"] & { staff: Staff } };

// Roles arrive as a custom claim (Access can pass IdP groups); a later issue maps them to P7 roles.
const RolesClaimSchema = z.array(z.string().max(64)).max(32).catch([]);

const remoteKeySets = new Map<string, JWTVerifyGetKey>();

function keySetFor(env: Env): JWTVerifyGetKey {
	if (env.ACCESS_JWKS) return createLocalJWKSet(JSON.parse(env.ACCESS_JWKS) as JSONWebKeySet);
	const url = `${env.ACCESS_TEAM_DOMAIN}/cdn-cgi/access/certs`;
	let keySet = remoteKeySets.get(url);
	if (!keySet) {
		// Cached per isolate: jose refetches on an unknown kid, so key rotation just works.
		keySet = createRemoteJWKSet(new URL(url));
		remoteKeySets.set(url, keySet);
	}
	return keySet;
}

export function staffFromPayload(payload: JWTPayload): Staff {
	if (!payload.sub) throw new AppError("unauthorized", "Staff token has no subject");
	return { sub: payload.sub, roles: RolesClaimSchema.parse(payload.roles) };
}

/** Requires a valid Access token; `requiredRoles` (any of) is the hook for role checks. */
export const staffAuth = (options: { requiredRoles?: string[] } = {}) =>
	createMiddleware<StaffEnv>(async (c, next) => {
		const token = c.req.header(ACCESS_HEADER);
		if (!token || token.length > MAX_TOKEN_LENGTH)
			throw new AppError("unauthorized", "Staff sign-in required");
		let payload: JWTPayload;
		try {
			({ payload } = await jwtVerify(token, keySetFor(c.env), {
				issuer: c.env.ACCESS_TEAM_DOMAIN,
				audience: c.env.ACCESS_AUD,
				algorithms: ["RS256"],
				// Access tokens always expire; one that does not is not an Access token.
				requiredClaims: ["exp"],
			}));
		} catch {
			throw new AppError("unauthorized", "Invalid staff token");
		}
		const staff = staffFromPayload(payload);
		if (options.requiredRoles && !options.requiredRoles.some((role) => staff.roles.includes(role))) {
			throw new AppError("forbidden", "Not allowed for this staff role");
		}
		c.set("staff", staff);
		await next();
	});
