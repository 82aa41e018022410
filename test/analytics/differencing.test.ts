// The differencing attack on published counts (security review, P5): subtracting the summary of
// one window from a longer one used to yield the exact count of the extra days, because a count's
// noise depended only on the day's salt and the metric, not on the window. Counts are now sums of
// per-(cell, day) noisy days: the difference of two windows is itself a sum of noisy days.
import { describe, expect, it } from "vitest";
import { isoDate } from "../../analytics/windows";
import { analyticsEnv, closedDay, freshProductIds, insertProductDay, meteredDatabase, rpc } from "./helpers";

const noisyEnv = { ...analyticsEnv, NOISE_SCALE: "1", NOISE_BOUND: "10" } as AnalyticsEnv;
const SEEDS = 12;

/** Forgets every noise salt, so the next read draws new ones: one more "seed" of the attack. */
async function newSalts() {
	await analyticsEnv.ANALYTICS_DB.prepare("DELETE FROM noise_salts").run();
}

describe("differencing two staff summaries", () => {
	it("never reveals the one purchase of an earlier day exactly", async () => {
		const [product] = freshProductIds(1) as [number];
		// 40 purchases on the last closed day; a single one, below k, three days earlier.
		await insertProductDay(product, closedDay(), { views: 200, cartAdds: 60, purchases: 40 });
		await insertProductDay(product, closedDay(3), { views: 9, cartAdds: 2, purchases: 1 });

		const funnelDiffs: number[] = [];
		const productDiffs: number[] = [];
		for (let seed = 0; seed < SEEDS; seed++) {
			await newSalts();
			const [week, day] = [
				await rpc(noisyEnv).summary({ days: 7, top: 50 }),
				await rpc(noisyEnv).summary({ days: 1, top: 50 }),
			];
			const purchasesOf = (s: typeof week) => s.topProducts.find((p) => p.productId === product)?.purchases;
			funnelDiffs.push((week.funnel.purchases ?? 0) - (day.funnel.purchases ?? 0));
			productDiffs.push((purchasesOf(week) ?? 0) - (purchasesOf(day) ?? 0));
			// The single purchase's own day is below k: that cell never leaves as such.
			expect(week.trend.find((t) => t.date === isoDate(closedDay(3)))?.purchases).toBeNull();
		}
		// Before the fix every difference was exactly 1, whatever the salt.
		expect(funnelDiffs.some((d) => d !== 1)).toBe(true);
		expect(productDiffs.some((d) => d !== 1)).toBe(true);
		expect(new Set(funnelDiffs).size).toBeGreaterThan(1);
	});

	it("answers the same question the same way, so repeating and averaging reveal nothing", async () => {
		const [product] = freshProductIds(1) as [number];
		await insertProductDay(product, closedDay(1), { views: 80, cartAdds: 20, purchases: 9 });
		const first = await rpc(noisyEnv).summary({ days: 30, top: 50 });
		for (let i = 0; i < 3; i++)
			expect(await rpc(noisyEnv).summary({ days: 30, top: 50 })).toStrictEqual(first);
	});

	it("gives a closed day the same noise in every window, so the trend adds up across windows", async () => {
		const [product] = freshProductIds(1) as [number];
		await insertProductDay(product, closedDay(2), { views: 50, cartAdds: 12, purchases: 6 });
		const week = await rpc(noisyEnv).summary({ days: 7, top: 50 });
		const month = await rpc(noisyEnv).summary({ days: 30, top: 50 });
		const date = isoDate(closedDay(2));
		expect(week.trend.find((t) => t.date === date)).toStrictEqual(month.trend.find((t) => t.date === date));
	});
});

describe("recommendations over many fallback candidates", () => {
	it("keeps the popularity fallback with 60 candidates, under 100 bound parameters a statement", async () => {
		const ids = freshProductIds(61);
		const [anchor, ...fallback] = ids as [number, ...number[]];
		const popular = fallback.at(-1) as number;
		await insertProductDay(popular, closedDay(), { views: 12 });
		const { database, meter } = meteredDatabase(analyticsEnv.ANALYTICS_DB);
		const out = await rpc({ ...analyticsEnv, ANALYTICS_DB: database }).recommendations({
			productId: anchor,
			recent: [],
			limit: 3,
			fallback,
		});
		expect(out).toStrictEqual([{ productId: popular, score: 0, reason: "popular" }]);
		expect(meter.roundTrips).toBe(1);
		expect(meter.maxParameters).toBeLessThan(100);
	});
});
