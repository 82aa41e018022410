import { describe, expect, it } from "vitest";
import { anchorPairs, reduceEvents, setPairs } from "../../../analytics/reduce";
import type { AnonymousEvent } from "../../../analytics/strip";

const dims = { hour: 494_630, device: "desktop", country: "DE" } as const;
const day = Math.floor(494_630 / 24);

describe("reduceEvents", () => {
	it("sums events of the same product and hour into one row", () => {
		const events: AnonymousEvent[] = [
			{ type: "view", productId: 1, recent: [], ...dims },
			{ type: "view", productId: 1, recent: [], ...dims },
			{ type: "cart_add", productId: 1, ...dims },
			{ type: "cart_remove", productId: 1, ...dims },
			{ type: "view", productId: 1, recent: [], ...dims, hour: dims.hour + 1 },
		];
		const deltas = reduceEvents(events, { maxPairsPerEvent: 3 });
		expect(deltas.productHours).toStrictEqual([
			{ productId: 1, hour: dims.hour, views: 2, cartAdds: 1, cartRemoves: 1, purchases: 0 },
			{ productId: 1, hour: dims.hour + 1, views: 1, cartAdds: 0, cartRemoves: 0, purchases: 0 },
		]);
	});

	it("bounds the pairs one event contributes", () => {
		const view: AnonymousEvent = { type: "view", productId: 50, recent: [1, 2, 3, 4, 5, 6, 7, 8], ...dims };
		const deltas = reduceEvents([view], { maxPairsPerEvent: 3 });
		expect(deltas.coViews).toStrictEqual([
			{ day, productA: 1, productB: 50, count: 1 },
			{ day, productA: 2, productB: 50, count: 1 },
			{ day, productA: 3, productB: 50, count: 1 },
		]);
		const purchase: AnonymousEvent = { type: "purchase", productIds: [9, 8, 7, 6, 5], ...dims };
		expect(reduceEvents([purchase], { maxPairsPerEvent: 2 }).coPurchases).toHaveLength(2);
		expect(reduceEvents([purchase], { maxPairsPerEvent: 0 }).coPurchases).toHaveLength(0);
	});

	it("stores each pair once with the smaller id first, whichever side viewed first", () => {
		const deltas = reduceEvents(
			[
				{ type: "view", productId: 9, recent: [4], ...dims },
				{ type: "view", productId: 4, recent: [9], ...dims },
			],
			{ maxPairsPerEvent: 3 },
		);
		expect(deltas.coViews).toStrictEqual([{ day, productA: 4, productB: 9, count: 2 }]);
	});

	it("counts a purchase once per distinct product", () => {
		const deltas = reduceEvents([{ type: "purchase", productIds: [3, 3, 4], ...dims }], {
			maxPairsPerEvent: 3,
		});
		expect(deltas.productHours.map((r) => [r.productId, r.purchases])).toStrictEqual([
			[3, 1],
			[4, 1],
		]);
		expect(deltas.coPurchases).toStrictEqual([{ day, productA: 3, productB: 4, count: 1 }]);
	});

	it("counts page views per template, device, country and hour", () => {
		const deltas = reduceEvents(
			[
				{ type: "page", path: "/", ...dims },
				{ type: "page", path: "/", ...dims },
				{ type: "page", path: "/", ...dims, device: "mobile" },
			],
			{ maxPairsPerEvent: 3 },
		);
		expect(deltas.pageViews).toStrictEqual([
			{ path: "/", device: "desktop", country: "DE", hour: dims.hour, count: 2 },
			{ path: "/", device: "mobile", country: "DE", hour: dims.hour, count: 1 },
		]);
	});

	it("is pure and handles an empty batch", () => {
		const events: AnonymousEvent[] = [{ type: "view", productId: 2, recent: [1], ...dims }];
		const snapshot = structuredClone(events);
		expect(reduceEvents(events, { maxPairsPerEvent: 3 })).toStrictEqual(
			reduceEvents(events, { maxPairsPerEvent: 3 }),
		);
		expect(events).toStrictEqual(snapshot);
		expect(reduceEvents([], { maxPairsPerEvent: 3 })).toStrictEqual({
			productHours: [],
			coViews: [],
			coPurchases: [],
			pageViews: [],
		});
	});

	it("keeps its output bounded for adversarial input", () => {
		const huge: AnonymousEvent = {
			type: "view",
			productId: 1,
			recent: Array.from({ length: 100_000 }, (_, i) => i + 2),
			...dims,
		};
		expect(reduceEvents([huge], { maxPairsPerEvent: 3 }).coViews).toHaveLength(3);
	});
});

describe("pair helpers", () => {
	it("anchorPairs skips the anchor itself", () => {
		expect(anchorPairs(5, [5, 6, 4], 3)).toStrictEqual([
			[5, 6],
			[4, 5],
		]);
	});
	it("setPairs dedupes and caps", () => {
		expect(setPairs([2, 1, 2, 3], 10)).toStrictEqual([
			[1, 2],
			[1, 3],
			[2, 3],
		]);
	});
});
