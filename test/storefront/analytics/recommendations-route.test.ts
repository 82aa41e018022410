import { describe, expect, it } from "vitest";
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
	});

	it("renders a hidden fragment the script fills in", () => {
		const html = String(RecommendationsWidget({ productId: 12, limit: 3 }));
		expect(html).toContain('data-product="12"');
		expect(html).toContain('data-limit="3"');
		expect(html).toContain("hidden");
		expect(html).toContain(`src="${WIDGET_SCRIPT_PATH}"`);
	});
});
