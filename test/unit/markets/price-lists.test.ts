import { describe, expect, it } from "vitest";
import { CURRENCIES } from "../../../workers/storefront/markets/markets";
import { listPrice, listPrices, shopRounding } from "../../../workers/storefront/markets/price-lists";

describe("shop rounding", () => {
	it("ends two-decimal prices in a whole 9 at or above the amount", () => {
		expect(shopRounding(120.3, "EUR")).toBe(129);
		expect(shopRounding(129, "EUR")).toBe(129);
		expect(shopRounding(129.01, "GBP")).toBe(139);
	});

	it("ends yen prices in 900 from ¥1,000, in 90 below", () => {
		expect(shopRounding(18_120, "JPY")).toBe(18_900);
		expect(shopRounding(18_900, "JPY")).toBe(18_900);
		expect(shopRounding(18_901, "JPY")).toBe(19_900);
		expect(shopRounding(412, "JPY")).toBe(490);
	});
});

describe("list prices", () => {
	it("keeps the US price as it is", () => {
		expect(listPrice(12_899, "USD")).toBe(12_899);
	});

	it("prices every currency in whole shop prices, yen without minor digits", () => {
		const prices = listPrices(12_899);
		expect(Object.keys(prices)).toEqual([...CURRENCIES]);
		expect(prices.EUR).toBe(14_900); // 128.99 × 0.92 × 1.2 = 142.40 → 149.00 €
		expect(prices.JPY).toBe(21_900); // 128.99 × 150 × 1.1 = 21,283 → ¥21,900
		for (const currency of CURRENCIES.filter((c) => c !== "USD" && c !== "JPY")) {
			expect(prices[currency] % 1_000, currency).toBe(900);
		}
	});

	it("keeps the order of prices: a dearer rug is never cheaper in another currency", () => {
		const usd = [2_999, 4_999, 12_899, 12_999, 39_999];
		for (const currency of CURRENCIES) {
			const converted = usd.map((price) => listPrice(price, currency));
			expect(
				[...converted].sort((a, b) => a - b),
				currency,
			).toEqual(converted);
		}
	});

	it("refuses amounts that are not positive whole cents", () => {
		expect(() => listPrice(0, "EUR")).toThrow(RangeError);
		expect(() => listPrice(12.5, "EUR")).toThrow(RangeError);
	});
});
