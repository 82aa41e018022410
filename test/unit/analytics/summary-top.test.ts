// Issue #12, finding 6 (the top-N half): the staff summary's top products are chosen by noisy
// counts from a candidate set that does not depend on `top`, so `top=n` and `top=n+1` together
// reveal nothing the noisy counts do not.
import { describe, expect, it } from "vitest";
import { publishSummary } from "../../../analytics/publish";
import { dailySaltedNoise } from "../../../analytics/threshold";

const DAY = 20_000;
const window = { sinceDay: DAY - 6, untilDay: DAY };
const params = { k: 5, noiseScale: 4, noiseBound: 10 };
// Ten products whose true views differ by one each: noise decides their published order.
const data = {
	topProducts: Array.from({ length: 10 }, (_, i) => ({
		productId: i + 1,
		day: DAY - 1,
		views: 200 - i,
		cartAdds: 0,
		purchases: 0,
	})),
	days: [],
	devices: [],
};

function summaryWith(seed: number, top: number) {
	const salts = new Map(Array.from({ length: 7 }, (_, i) => [DAY - 6 + i, `salt-${seed}-${i}`]));
	const noise = dailySaltedNoise(salts, { firstOpenDay: DAY + 1, hour: (DAY + 1) * 24 });
	return publishSummary(data, { window, params, noise, top });
}

describe("the summary's top products", () => {
	it("are a prefix of a longer top list, and ordered by noisy counts, not true ones", () => {
		let reordered = 0;
		for (let seed = 0; seed < 40; seed++) {
			const ten = summaryWith(seed, 10).topProducts;
			for (const n of [1, 3, 5, 9]) expect(summaryWith(seed, n).topProducts).toEqual(ten.slice(0, n));
			const views = ten.map((p) => p.views);
			expect(views).toEqual([...views].sort((a, b) => b - a));
			if (ten[0]?.productId !== 1 || ten.some((p, i) => p.productId !== i + 1)) reordered++;
		}
		// With neighbours one view apart, noise must reorder them in most draws.
		expect(reordered).toBeGreaterThan(20);
	});
});
