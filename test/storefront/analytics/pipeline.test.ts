// End to end in workerd: beacon → EVENTS queue → analytics consumer → aggregates → RPC → widget data.
import { describe, expect, it } from "vitest";
import { analyticsCount, eventually, newShopper, postEvents, seedCategory, shopperFetch } from "./helpers";

type Recommendations = { productId: number; items: { id: number; reason: string }[] };

async function shoppersViewing(first: number, then: number, shoppers: number) {
	for (let i = 0; i < shoppers; i++) {
		const shopper = newShopper();
		expect((await postEvents(shopper, [{ type: "view", productId: first }])).status).toBe(202);
		// The second view carries the first as context, from the shopper's own cookie.
		expect(decodeURIComponent(shopper.cookies.get("__Host-lw_recent") ?? "")).toMatch(
			new RegExp(`^${first}\\.`),
		);
		expect((await postEvents(shopper, [{ type: "view", productId: then }])).status).toBe(202);
	}
}

const pairCount = (a: number, b: number) =>
	analyticsCount(
		"SELECT SUM(count) AS n FROM co_views_daily WHERE product_a = ? AND product_b = ?",
		Math.min(a, b),
		Math.max(a, b),
	);

describe("analytics pipeline, end to end", () => {
	it("turns posted views into also-viewed recommendations, above k and in stock only", async () => {
		const { ids } = await seedCategory(4, 1);
		const [anchor, often, rarely, quiet, soldOut] = ids as [number, number, number, number, number];
		await shoppersViewing(often, anchor, 6);
		await shoppersViewing(rarely, anchor, 3);
		await shoppersViewing(soldOut, anchor, 6);

		await eventually(
			async () =>
				(await pairCount(anchor, often)) === 6 &&
				(await pairCount(anchor, rarely)) === 3 &&
				(await pairCount(anchor, soldOut)) === 6,
			"co-view counts",
		);
		expect(
			await analyticsCount("SELECT SUM(views) AS n FROM product_hourly WHERE product_id = ?", anchor),
		).toBe(15);

		const res = await shopperFetch(newShopper(), `/api/v1/recommendations?product=${anchor}&limit=4`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as Recommendations;
		expect(body.items[0]).toMatchObject({ id: often, reason: "also_viewed" });
		// Seen together by 3 < k shoppers: never an also-viewed, only the category fallback.
		expect(body.items.find((i) => i.id === rarely)?.reason).toBe("same_category");
		expect(body.items.map((i) => i.id)).not.toContain(soldOut);
		expect(body.items.map((i) => i.id)).toContain(quiet);
		expect(body.items.map((i) => i.id)).not.toContain(anchor);
	});

	it("counts page views by route template and device class", async () => {
		const before = await analyticsCount(
			"SELECT SUM(count) AS n FROM page_views_hourly WHERE path_template = '/p/:slug' AND device_class = 'mobile'",
		);
		const phone = newShopper({
			"User-Agent":
				"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
		});
		await postEvents(phone, [
			{ type: "page", path: "/p/blue-runner?ref=mail" },
			{ type: "page", path: "/p/sand-kitchen-mat" },
		]);
		await eventually(
			async () =>
				(await analyticsCount(
					"SELECT SUM(count) AS n FROM page_views_hourly WHERE path_template = '/p/:slug' AND device_class = 'mobile'",
				)) ===
				before + 2,
			"page views",
		);
	});
});
