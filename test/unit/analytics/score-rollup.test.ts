import { describe, expect, it } from "vitest";
import { readPipelineConfig } from "../../../analytics/config";
import { deviceClassOf, isAutomatedClient } from "../../../analytics/dimensions";
import { templatePath } from "../../../analytics/path-template";
import { planRetention } from "../../../analytics/rollup";
import { anchorWeights, scoreRecommendations } from "../../../analytics/score";

describe("scoreRecommendations", () => {
	it("ranks by co-views and co-purchases with the product and the recent items", () => {
		const out = scoreRecommendations({
			productId: 1,
			recent: [2],
			coViews: [
				{ productA: 1, productB: 10, count: 8 },
				{ productA: 2, productB: 11, count: 20 },
				{ productA: 1, productB: 2, count: 50 },
			],
			coPurchases: [{ productA: 1, productB: 12, count: 5 }],
			popular: [],
			limit: 5,
		});
		expect(out).toStrictEqual([
			{ productId: 12, score: 15, reason: "bought_together" },
			{ productId: 11, score: 10, reason: "also_viewed" },
			{ productId: 10, score: 8, reason: "also_viewed" },
		]);
	});

	it("falls back to popularity, never repeating a product or recommending an anchor", () => {
		const out = scoreRecommendations({
			productId: 1,
			recent: [2],
			coViews: [{ productA: 1, productB: 10, count: 8 }],
			coPurchases: [],
			popular: [
				{ productId: 2, count: 99 },
				{ productId: 10, count: 90 },
				{ productId: 30, count: 7 },
				{ productId: 31, count: 12 },
			],
			limit: 3,
		});
		expect(out.map((r) => [r.productId, r.reason])).toStrictEqual([
			[10, "also_viewed"],
			[31, "popular"],
			[30, "popular"],
		]);
	});

	it("weights older recent views less", () => {
		expect([...anchorWeights(1, [2, 3, 1]).entries()]).toStrictEqual([
			[1, 1],
			[2, 0.5],
			[3, 0.25],
		]);
	});
});

describe("planRetention", () => {
	it("rolls up whole days older than the rollup age and expires ids after the ttl", () => {
		const now = Date.UTC(2026, 10, 29, 13, 0, 0);
		const hour = Math.floor(now / 3_600_000);
		const plan = planRetention(now, { rollupAfterHours: 48, processedIdTtlHours: 72, saltKeepDays: 91 });
		expect(plan.rollupBeforeHour % 24).toBe(0);
		expect(plan.rollupBeforeHour).toBeLessThanOrEqual(hour - 48);
		expect(plan.rollupBeforeHour).toBeGreaterThan(hour - 48 - 24);
		expect(plan.expireIdsBeforeHour).toBe(hour - 72);
		// A day's noise salt lives as long as the longest window can read that day, not one day:
		// a redrawn salt would give a second, independent draw of the same closed day to average.
		expect(plan.expireSaltsBeforeDay).toBe(Math.floor(hour / 24) - 92);
	});
});

describe("pipeline config", () => {
	it("reads vars with defaults for missing or hostile values", () => {
		const config = readPipelineConfig({ K_THRESHOLD: "7", NOISE_SCALE: "abc", MAX_PAIRS_PER_EVENT: "999" });
		expect(config.privacy).toStrictEqual({ k: 7, noiseScale: 1, noiseBound: 10 });
		expect(config.maxPairsPerEvent).toBe(3);
	});
});

describe("coarse dimensions", () => {
	it("classifies devices and automated clients", () => {
		const iphone =
			"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
		const ipad = "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15";
		const mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15";
		expect(deviceClassOf(iphone)).toBe("mobile");
		expect(deviceClassOf(ipad)).toBe("tablet");
		expect(deviceClassOf(mac)).toBe("desktop");
		expect(deviceClassOf(undefined)).toBe("other");
		expect(isAutomatedClient("Googlebot/2.1")).toBe(true);
		expect(isAutomatedClient(undefined)).toBe(true);
		expect(isAutomatedClient(mac)).toBe(false);
	});

	it("templates paths", () => {
		expect(templatePath("/")).toBe("/");
		expect(templatePath("/p/blue-rug?ref=mail#top")).toBe("/p/:slug");
		expect(templatePath("/C/Runners/")).toBe("/c/:slug");
		expect(templatePath("/orders/LW-7K2M-9QXA-4TPB/thanks")).toBe("/orders/:number");
		expect(templatePath("/pay/local/BwDImla_ZyGsvbnfVMcuJw")).toBe("/pay/:session");
		// A route this storefront does not have, and anything that could carry a typed value.
		expect(templatePath("/account/orders/123")).toBe("/other");
		expect(templatePath("/p/blue-rug/jane@example.com")).toBe("/other");
		expect(templatePath("/wp-admin/../etc/passwd")).toBe("/other");
		expect(templatePath("")).toBe("/");
	});
});
