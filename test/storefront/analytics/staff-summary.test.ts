import { env } from "cloudflare:workers";
import { exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { firstOpenDay, isoDate } from "../../../analytics/windows";
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

	it("summarises closed days only, from aggregates, for signed-in staff", async () => {
		const { ids } = await seedCategory(2);
		const [today, closed] = ids as [number, number];
		// Today's views reach the aggregates through the pipeline, but today is still open: not shown.
		for (let i = 0; i < 6; i++) {
			await postEvents(newShopper(), [
				{ type: "page", path: "/" },
				{ type: "view", productId: today },
			]);
		}
		await eventually(async () => {
			const row = await env.ANALYTICS_DB.prepare("SELECT views FROM product_hourly WHERE product_id = ?")
				.bind(today)
				.first<{ views: number }>();
			return row?.views === 6;
		}, "views to reach the aggregates");
		// The last closed day, as the rollup leaves it.
		const lastClosed = firstOpenDay(Date.now()) - 1;
		await env.ANALYTICS_DB.batch([
			env.ANALYTICS_DB.prepare(
				"INSERT INTO product_daily (product_id, day, views, cart_adds, cart_removes, purchases) VALUES (?, ?, 6, 0, 0, 0)",
			).bind(closed, lastClosed),
			env.ANALYTICS_DB.prepare(
				"INSERT INTO page_views_daily (path_template, device_class, country, day, count) VALUES ('/', 'desktop', 'DE', ?, 6)",
			).bind(lastClosed),
		]);

		const res = await asStaff(await staffToken(), "?days=7&top=5");
		expect(res.status).toBe(200);
		expect(res.headers.get("cache-control")).toBe("private, no-store");
		const summary = (await res.json()) as Summary;
		expect(summary.topProducts).toContainEqual(expect.objectContaining({ productId: closed, views: 6 }));
		// Closed days only: what is still being counted today is not in the summary.
		expect(summary.topProducts.map((p) => p.productId)).not.toContain(today);
		expect(summary.funnel.views).toBeGreaterThanOrEqual(6);
		expect(summary.deviceMix).toContainEqual(expect.objectContaining({ device: "desktop" }));
		expect(summary.trend).toHaveLength(7);
		expect(summary.trend.at(-1)?.date).toBe(isoDate(lastClosed));
	});

	it("rejects a hostile query", async () => {
		const token = await staffToken();
		// Only whole-day windows of 1, 7, 30 or 90 days: free windows could be subtracted.
		for (const query of [
			"?days=0",
			"?days=366",
			"?days=2",
			"?days=8",
			"?days=29",
			"?days=1.5",
			"?days=-7",
			"?days=7&days=1",
			"?top=abc",
			"?days=7&x=1",
		]) {
			const res = await asStaff(token, query);
			expect(res.status, query).toBe(400);
			expect(((await res.json()) as { error: { code: string } }).error.code, query).toBe("validation_failed");
		}
		for (const days of [1, 30, 90]) {
			const res = await asStaff(token, `?days=${days}`);
			expect(res.status).toBe(200);
			expect(((await res.json()) as Summary).trend).toHaveLength(days);
		}
	});
});
