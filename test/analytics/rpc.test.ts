import { describe, expect, it } from "vitest";
import { isoDate } from "../../analytics/windows";
import {
	analyticsEnv,
	closedDay,
	deliver,
	envelope,
	freshProductIds,
	insertPageViewsDay,
	insertProductDay,
	messagesOf,
	productRow,
	rpc,
} from "./helpers";

/** `shoppers` distinct view events of `product` with `other` as their recent context. */
async function coView(product: number, other: number, shoppers: number) {
	await deliver(
		messagesOf(
			Array.from({ length: shoppers }, () => envelope({ type: "view", productId: product, recent: [other] })),
		),
	);
}

describe("AnalyticsRpc.recommendations", () => {
	it("never returns a pair seen by fewer than k shoppers, and returns pairs at or above k", async () => {
		const [anchor, rare, common, exact] = freshProductIds(4) as [number, number, number, number];
		await coView(rare, anchor, 4);
		await coView(common, anchor, 9);
		await coView(exact, anchor, 5);
		const out = await rpc().recommendations({ productId: anchor, recent: [], limit: 10, fallback: [] });
		expect(out.map((r) => r.productId)).toStrictEqual([common, exact]);
		expect(out.every((r) => r.reason === "also_viewed")).toBe(true);
	});

	it("scores bought-together from co-purchases and uses the shopper's recent items", async () => {
		const [anchor, recent, bought, viewedWithRecent] = freshProductIds(4) as [number, number, number, number];
		await deliver(
			messagesOf(
				Array.from({ length: 6 }, () => envelope({ type: "purchase", productIds: [anchor, bought] })),
			),
		);
		await coView(viewedWithRecent, recent, 6);
		const withRecent = await rpc().recommendations({
			productId: anchor,
			recent: [recent],
			limit: 4,
			fallback: [],
		});
		expect(withRecent).toStrictEqual([
			{ productId: bought, score: 18, reason: "bought_together" },
			{ productId: viewedWithRecent, score: 3, reason: "also_viewed" },
		]);
		const without = await rpc().recommendations({ productId: anchor, recent: [], limit: 4, fallback: [] });
		expect(without.map((r) => r.productId)).toStrictEqual([bought]);
	});

	it("falls back to popularity among the given candidates, each above k", async () => {
		const [anchor, popular, quiet] = freshProductIds(3) as [number, number, number];
		await deliver(
			messagesOf([
				...Array.from({ length: 7 }, () => envelope({ type: "view", productId: popular, recent: [] })),
				...Array.from({ length: 2 }, () => envelope({ type: "view", productId: quiet, recent: [] })),
			]),
		);
		const out = await rpc().recommendations({
			productId: anchor,
			recent: [],
			limit: 3,
			fallback: [quiet, popular],
		});
		expect(out).toStrictEqual([{ productId: popular, score: 0, reason: "popular" }]);
	});

	it("rejects malformed requests", async () => {
		const bad = [
			{ productId: -1, recent: [], limit: 3, fallback: [] },
			{ productId: 1, recent: Array.from({ length: 50 }, (_, i) => i + 1), limit: 3, fallback: [] },
			{ productId: 1, recent: [], limit: 1000, fallback: [] },
			{ productId: 1, recent: [], limit: 3, fallback: [], email: "x@example.com" },
		];
		for (const request of bad) {
			await expect(rpc().recommendations(request as never)).rejects.toThrow();
		}
	});
});

describe("AnalyticsRpc.summary", () => {
	it("reports top products, the funnel, device mix and the daily trend", async () => {
		const [product] = freshProductIds(1) as [number];
		const day = closedDay();
		await insertProductDay(product, day, { views: 30, cartAdds: 10, purchases: 5 });
		await insertPageViewsDay("mobile", day, 8);
		await insertPageViewsDay("tablet", day, 2);
		const summary = await rpc().summary({ days: 7, top: 5 });
		expect(summary.topProducts).toContainEqual({ productId: product, views: 30, cartAdds: 10, purchases: 5 });
		expect(summary.funnel.views).toBeGreaterThanOrEqual(30);
		expect(summary.funnel.cartAdds).toBeGreaterThanOrEqual(10);
		expect(summary.deviceMix.map((d) => d.device)).toContain("mobile");
		// Two tablet page views are below k: they never leave the worker.
		expect(summary.deviceMix.map((d) => d.device)).not.toContain("tablet");
		// Seven whole closed days, ending with the last one to close.
		const lastClosed = closedDay();
		expect(summary.trend).toHaveLength(7);
		expect(summary.windowDays).toBe(7);
		expect(summary.to).toBe(isoDate(lastClosed));
		expect(summary.trend.find((t) => t.date === isoDate(day))).toMatchObject({
			views: 30,
			cartAdds: 10,
			purchases: 5,
		});
		expect(summary.trend.at(0)?.date).toBe(isoDate(lastClosed - 6));
	});

	it("leaves out the day still being counted: closed days only", async () => {
		const [product] = freshProductIds(1) as [number];
		await deliver(
			messagesOf(
				Array.from({ length: 12 }, () => envelope({ type: "view", productId: product, recent: [] })),
			),
		);
		expect((await productRow(product))?.views).toBe(12);
		const summary = await rpc().summary({ days: 1, top: 50 });
		expect(summary.topProducts.map((p) => p.productId)).not.toContain(product);
		expect(summary.trend.map((t) => t.date)).toStrictEqual([isoDate(closedDay())]);
	});

	it("accepts only the fixed window lengths", async () => {
		for (const days of [0, 2, 8, 31, 89, 365, 1.5, -7]) {
			await expect(rpc().summary({ days, top: 5 } as never)).rejects.toThrow();
		}
		for (const days of [1, 7, 30, 90] as const) {
			expect((await rpc().summary({ days, top: 5 })).trend).toHaveLength(days);
		}
	});
});

describe("AnalyticsRpc.runMaintenance", () => {
	it("rolls old hourly rows into daily rows and expires old processed ids", async () => {
		const [product] = freshProductIds(1) as [number];
		const nowHour = Math.floor(Date.now() / 3_600_000);
		const oldHour = nowHour - 24 * 5;
		const db = analyticsEnv.ANALYTICS_DB;
		await db.batch([
			db
				.prepare(
					"INSERT INTO product_hourly (product_id, hour, views) VALUES (?, ?, 3), (?, ?, 4), (?, ?, 1)",
				)
				.bind(product, oldHour, product, oldHour + 1, product, nowHour),
			db
				.prepare("INSERT INTO processed_events (id, hour) VALUES ('old-id', ?), ('new-id', ?)")
				.bind(oldHour, nowHour),
		]);
		await rpc().runMaintenance();
		const hourly = await db
			.prepare("SELECT hour, views FROM product_hourly WHERE product_id = ?")
			.bind(product)
			.all<{ hour: number; views: number }>();
		expect(hourly.results).toStrictEqual([{ hour: nowHour, views: 1 }]);
		const daily = await db
			.prepare("SELECT SUM(views) AS views FROM product_daily WHERE product_id = ?")
			.bind(product)
			.first<{ views: number }>();
		expect(daily?.views).toBe(7);
		const ids = await db.prepare("SELECT id FROM processed_events WHERE id IN ('old-id', 'new-id')").all();
		expect(ids.results).toStrictEqual([{ id: "new-id" }]);
		// Idempotent: running it again changes nothing.
		await rpc().runMaintenance();
		const again = await db
			.prepare("SELECT SUM(views) AS views FROM product_daily WHERE product_id = ?")
			.bind(product)
			.first<{ views: number }>();
		expect(again?.views).toBe(7);
	});
});
