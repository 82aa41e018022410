import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const base = "https://loomwash.test";

describe("app shell", () => {
	it("answers unknown routes with the shared 404 shape", async () => {
		const res = await exports.default.fetch(`${base}/api/v1/nope`);
		expect(res.status).toBe(404);
		const body = (await res.json()) as { error: { code: string; requestId: string } };
		expect(body.error.code).toBe("not_found");
		expect(body.error.requestId).toMatch(/.+/);
	});

	it("sets secure headers on every response", async () => {
		const res = await exports.default.fetch(`${base}/healthz`);
		expect(res.headers.get("x-content-type-options")).toBe("nosniff");
		expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
	});

	it("serves the OpenAPI document", async () => {
		const res = await exports.default.fetch(`${base}/api/v1/openapi.json`);
		expect(res.status).toBe(200);
		const doc = (await res.json()) as { openapi: string };
		expect(doc.openapi).toBe("3.1.0");
	});
});
