import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { windowEndingToday } from "../../../analytics/windows";
import { RecommendationsWidget } from "../../../workers/storefront/analytics/widget";
import { WIDGET_SCRIPT_PATH } from "../../../workers/storefront/analytics/widget-script";
import { fetchWith, seedCategory } from "./helpers";

type Body = { productId: number; items: { id: number; slug: string; reason: string; priceMinor: number }[] };

describe("GET /api/v1/recommendations", () => {
	it("falls back to in-stock products of the category when there is no data yet", async () => {
		const { ids } = await seedCategory(3, 1);
		const [anchor, a, b, soldOut] = ids as [number, number, number, number];
		const res = await fetchWith({}, `/api/v1/recommendations?product=${anchor}&limit=5`);
		expect(res.status).toBe(200);
		expect(res.headers.get("cache-control")).toBe("private, max-age=60");
		const body = (await res.json()) as Body;
		expect(body.productId).toBe(anchor);
		expect(body.items.map((i) => i.id).sort()).toStrictEqual([a, b].sort());
		expect(body.items.map((i) => i.id)).not.toContain(soldOut);
		expect(body.items[0]).toMatchObject({ reason: "same_category", priceMinor: 9900 });
	});

	it("still answers from the catalog when the analytics worker is down", async () => {
		const { ids } = await seedCategory(2);
		const down = {
			recommendations: () => Promise.reject(new Error("analytics unavailable")),
		} as unknown as Env["ANALYTICS"];
		const res = await fetchWith({ ANALYTICS: down }, `/api/v1/recommendations?product=${ids[0]}`);
		expect(res.status).toBe(200);
		expect(((await res.json()) as Body).items.map((i) => i.id)).toStrictEqual([ids[1]]);
	});

	it("ranks by popularity among 60 candidates of a large category", async () => {
		// 65 in-stock rugs: the storefront hands the analytics worker 60 fallback candidates, which
		// once meant 123 bound parameters in one statement (D1 allows 100) and no popularity at all.
		const { ids } = await seedCategory(65);
		const [anchor] = ids as [number];
		const popular = ids[60] as number; // the last of the 60 candidates (same popularity, by id)
		const lastClosed = windowEndingToday(Date.now(), 1).untilDay - 1;
		await env.ANALYTICS_DB.prepare(
			"INSERT INTO product_daily (product_id, day, views, cart_adds, cart_removes, purchases) VALUES (?, ?, 12, 0, 0, 0)",
		)
			.bind(popular, lastClosed)
			.run();
		const res = await fetchWith({}, `/api/v1/recommendations?product=${anchor}&limit=4`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as Body;
		expect(body.items[0]).toMatchObject({ id: popular, reason: "popular" });
		expect(body.items).toHaveLength(4);
	});

	it("prices the cards from the page's market's list, leaving out what it does not sell", async () => {
		const { ids } = await seedCategory(3);
		const [anchor, yen, dollarsOnly] = ids as [number, number, number];
		await env.DB.prepare(
			"INSERT INTO variant_prices (variant_id, currency, price_minor) VALUES (?, 'JPY', 16900)",
		)
			.bind(yen)
			.run();
		const res = await fetchWith({}, `/api/v1/recommendations?product=${anchor}&market=jp`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as Body & { items: { currency: string }[] };
		expect(body.items).toEqual([expect.objectContaining({ id: yen, priceMinor: 16_900, currency: "JPY" })]);
		expect(body.items.map((i) => i.id)).not.toContain(dollarsOnly);
		expect((await fetchWith({}, `/api/v1/recommendations?product=${anchor}&market=xx`)).status).toBe(400);
	});

	it("answers 404 for an unknown product", async () => {
		const res = await fetchWith({}, "/api/v1/recommendations?product=999999");
		expect(res.status).toBe(404);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
	});

	it("rejects hostile query strings with 400", async () => {
		for (const query of [
			"",
			"product=abc",
			"product=1e3",
			"product=-1",
			"product=0",
			"product=%201",
			"product=99999999999",
			"product=1&limit=0",
			"product=1&limit=13",
			"product=1&limit=x",
			"product=1&email=a@b.c",
		]) {
			const res = await fetchWith({}, `/api/v1/recommendations?${query}`);
			expect(res.status, query).toBe(400);
		}
	});
});

describe("recommendation widget", () => {
	it("serves a small script", async () => {
		const res = await fetchWith({}, WIDGET_SCRIPT_PATH);
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toContain("javascript");
		const script = await res.text();
		expect(script.length).toBeLessThan(4096);
		expect(script).toContain("/api/v1/recommendations");
		expect(script).not.toContain("innerHTML");
		expect(script).toContain("&market=");
		// It is plain script text: a syntax error would only show in a browser.
		expect(() => new Function(script)).not.toThrow();
	});

	it("renders a hidden fragment the script fills in", () => {
		const html = String(RecommendationsWidget({ productId: 12, limit: 3 }));
		expect(html).toContain('data-product="12"');
		expect(html).toContain('data-limit="3"');
		expect(html).toContain("hidden");
		expect(html).toContain(`src="${WIDGET_SCRIPT_PATH}"`);
		// Outside a localized page, the default market: US dollars, unprefixed links.
		expect(html).toContain('data-market="us"');
		expect(html).toContain('data-prefix=""');
	});
});
