import { env } from "cloudflare:workers";
import { exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { eventually, fetchWith, newShopper, postEvents, seedCategory, staffToken } from "./helpers";

const PATH = "/api/v1/staff/analytics/summary";

function asStaff(token: string | undefined, query = "") {
	return fetchWith({}, `${PATH}${query}`, { headers: token ? { "Cf-Access-Jwt-Assertion": token } : {} });
}

type Summary = {
	topProducts: { productId: number; views: number }[];
	funnel: { views: number | null };
	deviceMix: { device: string; pageViews: number; share: number }[];
	trend: { date: string }[];
};

describe("GET /api/v1/staff/analytics/summary", () => {
	it("answers 401 in the shared shape without a valid Access token", async () => {
		const { privateKey } = await generateKeyPair("RS256", { extractable: true });
		const foreignKey = JSON.stringify({ ...(await exportJWK(privateKey)), kid: "test-access-key" });
		const tokens = [
			undefined,
			"not-a-jwt",
			await staffToken({}, foreignKey),
			await staffToken({ aud: "another-app" }),
			await staffToken({ iss: "https://evil.cloudflareaccess.com" }),
			await staffToken({ exp: Math.floor(Date.now() / 1000) - 60 }),
			"x".repeat(9000),
		];
		for (const token of tokens) {
			const res = await asStaff(token);
			expect(res.status).toBe(401);
			const body = (await res.json()) as { error: { code: string; requestId: string } };
			expect(body.error.code).toBe("unauthorized");
			expect(body.error.requestId).toMatch(/.+/);
		}
	});

	it("summarises the aggregates for signed-in staff", async () => {
		const { ids } = await seedCategory(1);
		const productId = ids[0] as number;
		for (let i = 0; i < 6; i++) {
			await postEvents(newShopper(), [
				{ type: "page", path: "/" },
				{ type: "view", productId },
			]);
		}
		await eventually(async () => {
			const row = await env.ANALYTICS_DB.prepare("SELECT views FROM product_hourly WHERE product_id = ?")
				.bind(productId)
				.first<{ views: number }>();
			return row?.views === 6;
		}, "views to reach the aggregates");

		const res = await asStaff(await staffToken(), "?days=7&top=5");
		expect(res.status).toBe(200);
		expect(res.headers.get("cache-control")).toBe("private, no-store");
		const summary = (await res.json()) as Summary;
		expect(summary.topProducts).toContainEqual(expect.objectContaining({ productId, views: 6 }));
		expect(summary.funnel.views).toBeGreaterThanOrEqual(6);
		expect(summary.deviceMix).toContainEqual(expect.objectContaining({ device: "desktop" }));
		expect(summary.trend.at(-1)?.date).toBe(new Date().toISOString().slice(0, 10));
	});

	it("rejects a hostile query", async () => {
		const token = await staffToken();
		for (const query of ["?days=0", "?days=366", "?top=abc", "?days=7&x=1"]) {
			expect((await asStaff(token, query)).status, query).toBe(400);
		}
	});
});
