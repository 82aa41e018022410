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
		expect(res.headers.get("content-security-policy")).toContain("base-uri 'none'");
		expect(res.headers.get("content-security-policy")).toContain("object-src 'none'");
	});

	it("serves the OpenAPI document", async () => {
		const res = await exports.default.fetch(`${base}/api/v1/openapi.json`);
		expect(res.status).toBe(200);
		const doc = (await res.json()) as { openapi: string };
		expect(doc.openapi).toBe("3.1.0");
	});

	it("refuses bodies over the size limit with 413 in the shared shape, before touching D1", async () => {
		const res = await exports.default.fetch(`${base}/api/v1/cart/items`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ variantId: 1, quantity: 1, pad: "x".repeat(40 * 1024) }),
		});
		expect(res.status).toBe(413);
		const body = (await res.json()) as { error: { code: string } };
		expect(body.error.code).toBe("payload_too_large");
	});

	it("answers malformed JSON with 400 invalid_json", async () => {
		const res = await exports.default.fetch(`${base}/api/v1/orders/lookup`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: '{"orderNumber":',
		});
		expect(res.status).toBe(400);
		const body = (await res.json()) as { error: { code: string } };
		expect(body.error.code).toBe("invalid_json");
	});

	it("hands a D1 bookmark cookie back after a write, so the next read sees it", async () => {
		const res = await exports.default.fetch(`${base}/api/v1/cart`, {
			method: "POST",
			headers: { "content-type": "application/json" },
		});
		expect(res.status).toBe(201);
		const bookmark = res.headers
			.getSetCookie()
			.find((c) => c.startsWith("__Host-lw_bm="))
			?.split(";")[0]
			?.slice("__Host-lw_bm=".length);
		expect(bookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/);
		const read = await exports.default.fetch(`${base}/api/v1/categories`, {
			headers: { cookie: `__Host-lw_bm=${bookmark}` },
		});
		expect(read.status).toBe(200);
	});

	it("never adopts a client-chosen request id (it would ride into every log line)", async () => {
		const res = await exports.default.fetch(`${base}/api/v1/nope`, {
			headers: { "X-Request-Id": "client-chosen-marker-42" },
		});
		const body = (await res.json()) as { error: { requestId: string } };
		expect(body.error.requestId).not.toBe("client-chosen-marker-42");
		expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(res.headers.get("x-request-id")).toBe(body.error.requestId);
	});
});
