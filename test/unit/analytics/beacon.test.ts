import { describe, expect, it } from "vitest";
import { parseEnvelope } from "../../../analytics/event-schema";
import { planBeacon } from "../../../workers/storefront/analytics/beacon";
import { analyticsConsentOf } from "../../../workers/storefront/analytics/consent";
import { buildEnvelope } from "../../../workers/storefront/analytics/envelope";
import {
	pairKey,
	parsePairedToday,
	parseRecentViews,
	pushRecentView,
} from "../../../workers/storefront/analytics/recent-views";

describe("planBeacon", () => {
	it("gives each view the views before it as context and keeps server-only events out", () => {
		const plan = planBeacon(
			[
				{ type: "view", productId: 1 },
				{ type: "purchase", productIds: [1, 2] },
				{ type: "page", path: "/cart" },
				{ type: "view", productId: 2 },
			],
			[9],
		);
		expect(plan.events).toStrictEqual([
			{ type: "view", productId: 1, recent: [9] },
			{ type: "page", path: "/cart" },
			{ type: "view", productId: 2, recent: [1, 9] },
		]);
		expect(plan.recent).toStrictEqual([2, 1, 9]);
		expect(plan.ignored).toBe(1);
		expect(plan.paired.sort()).toStrictEqual(["1-2", "1-9", "2-9"]);
	});

	it("puts a pair in context once per request, however often the client flips between two rugs", () => {
		const flips = Array.from({ length: 10 }, (_, i) => ({ type: "view" as const, productId: i % 2 ? 8 : 3 }));
		const plan = planBeacon(flips, []);
		const contexts = plan.events.map((e) => (e.type === "view" ? e.recent : []));
		expect(contexts.flat()).toStrictEqual([3]);
		expect(plan.paired).toStrictEqual(["3-8"]);
	});

	it("counts a pair at most once a day per browser, and at most a day's budget of pairs", () => {
		const again = planBeacon([{ type: "view", productId: 3 }], [8, 5], ["3-8"]);
		expect(again.events).toStrictEqual([{ type: "view", productId: 3, recent: [5] }]);
		const spent = Array.from({ length: 24 }, (_, i) => pairKey(100 + i, 200 + i));
		expect(planBeacon([{ type: "view", productId: 3 }], [8], spent).events).toStrictEqual([
			{ type: "view", productId: 3, recent: [] },
		]);
		const many = planBeacon(
			Array.from({ length: 10 }, (_, i) => ({ type: "view" as const, productId: i + 1 })),
			[11, 12, 13, 14, 15, 16, 17, 18],
			spent.slice(0, 20),
		);
		expect(many.paired).toHaveLength(24);
		expect(many.events.every((e) => e.type !== "view" || e.recent.length <= 3)).toBe(true);
	});
});

describe("paired-today cookie", () => {
	it("reads only today's well-formed, bounded list", () => {
		expect(parsePairedToday("20000.3-8.1-2", 20000)).toStrictEqual(["3-8", "1-2"]);
		expect(parsePairedToday("19999.3-8", 20000)).toStrictEqual([]);
		expect(parsePairedToday("20000.8-3", 20000)).toStrictEqual([]);
		expect(parsePairedToday("20000.0-3", 20000)).toStrictEqual([]);
		expect(parsePairedToday("20000.3-8;x", 20000)).toStrictEqual([]);
		expect(parsePairedToday(undefined, 20000)).toStrictEqual([]);
		const tooMany = Array.from({ length: 25 }, (_, i) => `${i + 1}-${i + 100}`).join(".");
		expect(parsePairedToday(`20000.${tooMany}`, 20000)).toStrictEqual([]);
	});
});

describe("recent views cookie", () => {
	it("parses only well-formed, bounded lists", () => {
		expect(parseRecentViews("3.4.3")).toStrictEqual([3, 4]);
		expect(parseRecentViews(undefined)).toStrictEqual([]);
		expect(parseRecentViews("1.2.x")).toStrictEqual([]);
		expect(parseRecentViews("0.1")).toStrictEqual([]);
		expect(parseRecentViews(Array.from({ length: 9 }, (_, i) => i + 1).join("."))).toStrictEqual([]);
	});

	it("keeps the most recent first, without duplicates, at most 8", () => {
		expect(pushRecentView([1, 2, 3, 4, 5, 6, 7, 8], 3)).toStrictEqual([3, 1, 2, 4, 5, 6, 7, 8]);
		expect(pushRecentView([1, 2, 3, 4, 5, 6, 7, 8], 9)).toStrictEqual([9, 1, 2, 3, 4, 5, 6, 7]);
	});
});

describe("analyticsConsentOf", () => {
	it("lets browser signals win, then the cookie, defaulting to allowed", () => {
		expect(analyticsConsentOf({ gpc: "1", cookie: "granted" }).allowed).toBe(false);
		expect(analyticsConsentOf({ dnt: "1" }).allowed).toBe(false);
		expect(analyticsConsentOf({ cookie: "withdrawn" }).allowed).toBe(false);
		expect(analyticsConsentOf({ cookie: "<script>" }).allowed).toBe(false);
		expect(analyticsConsentOf({ cookie: "granted", dnt: "0" }).allowed).toBe(true);
		expect(analyticsConsentOf({})).toStrictEqual({ allowed: true, reason: "default" });
	});
});

describe("buildEnvelope", () => {
	it("builds envelopes the consumer accepts, with templated paths and no request data", () => {
		const dims = { at: Date.UTC(2026, 10, 29), device: "mobile" as const, country: "DE" };
		const page = buildEnvelope(
			{ type: "page", path: "/orders/LW-77?email=a@b.c" },
			dims,
			crypto.randomUUID(),
		);
		expect(page).toMatchObject({ type: "page", path: "/orders/:number" });
		const view = buildEnvelope({ type: "view", productId: 4, recent: [4, 5] }, dims, crypto.randomUUID());
		expect(view).toMatchObject({ recent: [5] });
		for (const envelope of [page, view]) expect(parseEnvelope(envelope).ok).toBe(true);
	});
});
