import { env } from "cloudflare:workers";
import { importJWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { fetchWith, staffToken } from "./analytics/helpers";

const PATH = "/api/v1/staff/analytics/summary";

async function tokenWithoutExpiry(): Promise<string> {
	const jwk = JSON.parse(env.TEST_ACCESS_PRIVATE_JWK) as { kid?: string };
	return new SignJWT({ roles: ["admin"] })
		.setProtectedHeader({ alg: "RS256", kid: jwk.kid ?? "k" })
		.setSubject("staff-1")
		.setIssuer(env.ACCESS_TEAM_DOMAIN)
		.setAudience(env.ACCESS_AUD)
		.setIssuedAt()
		.sign(await importJWK(jwk, "RS256"));
}

describe("staff Access tokens", () => {
	it("refuses a correctly signed token that never expires", async () => {
		const res = await fetchWith({}, PATH, {
			headers: { "Cf-Access-Jwt-Assertion": await tokenWithoutExpiry() },
		});
		expect(res.status).toBe(401);
	});

	it("answers 401, not 500, when the configured key set is malformed", async () => {
		const res = await fetchWith({ ACCESS_JWKS: "{not json" }, PATH, {
			headers: { "Cf-Access-Jwt-Assertion": await staffToken() },
		});
		expect(res.status).toBe(401);
	});
});
