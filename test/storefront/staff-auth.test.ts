// The storefront's staff gateway: it forwards Access tokens to the vault and turns its answers
// into the shared error shape; it never judges a token itself.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { STAFF_ROUTES } from "../../workers/storefront/routes/staff";
import { signAccessToken } from "../staff-tokens";
import { fetchWith, staffMember, staffToken } from "./analytics/helpers";

const PATH = "/api/v1/staff/orders";

const asStaff = (token: string) => fetchWith({}, PATH, { headers: { "Cf-Access-Jwt-Assertion": token } });

describe("staff authentication through the vault", () => {
	it("refuses a correctly signed token that never expires, and one of a disabled member", async () => {
		const { email } = await staffMember("support");
		expect(
			(await asStaff(await signAccessToken(env.TEST_ACCESS_PRIVATE_JWK, { email, exp: null }))).status,
		).toBe(401);
		const disabled = await staffMember("support", "disabled");
		expect(
			(await asStaff(await signAccessToken(env.TEST_ACCESS_PRIVATE_JWK, { email: disabled.email }))).status,
		).toBe(401);
		expect((await asStaff(await signAccessToken(env.TEST_ACCESS_PRIVATE_JWK, { email }))).status).toBe(200);
	});

	it("answers 401 for a valid Access token of someone who is not staff", async () => {
		const res = await asStaff(
			await signAccessToken(env.TEST_ACCESS_PRIVATE_JWK, { email: "visitor@example.org" }),
		);
		expect(res.status).toBe(401);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
	});

	it("answers 503 in the shared shape when the vault cannot be reached", async () => {
		const broken = { authorize: () => Promise.reject(new Error("network lost")) } as unknown as Env["VAULT"];
		const res = await fetchWith({ VAULT: broken }, PATH, {
			headers: { "Cf-Access-Jwt-Assertion": await staffToken({ role: "support" }) },
		});
		expect(res.status).toBe(503);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe("vault_unavailable");
	});
});

describe("the staff route registry", () => {
	it("names an operation for exactly the staff operations of the OpenAPI document", async () => {
		const doc = (await (await fetchWith({}, "/api/v1/openapi.json")).json()) as {
			paths: Record<string, Record<string, { security?: unknown[] }>>;
		};
		const documented = Object.entries(doc.paths)
			.filter(([path]) => path.startsWith("/api/v1/staff/"))
			.flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
			.sort();
		expect(documented).toEqual(STAFF_ROUTES.map(([method, path]) => `${method} ${path}`).sort());
		for (const [path, methods] of Object.entries(doc.paths)) {
			if (!path.startsWith("/api/v1/staff/")) continue;
			for (const operation of Object.values(methods))
				expect(operation.security).toEqual([{ CloudflareAccess: [] }]);
		}
	});

	it("refuses a staff path it does not know before asking the vault", async () => {
		const vault = {
			authorize: () => Promise.reject(new Error("must not be called")),
		} as unknown as Env["VAULT"];
		const token = await staffToken({ role: "admin" });
		for (const [method, path] of [
			["GET", "/api/v1/staff/secrets"],
			["GET", "/api/v1/staff/members/stf_AAAAAAAAAAAAAAAA"],
			["GET", "/api/v1/staff/orders/a/b/contact"],
		] as const) {
			const res = await fetchWith({ VAULT: vault }, path, {
				method,
				headers: { "Cf-Access-Jwt-Assertion": token },
			});
			expect(res.status, `${method} ${path}`).toBe(404);
		}
	});
});
