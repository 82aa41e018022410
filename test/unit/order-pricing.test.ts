import { describe, expect, it } from "vitest";
import { priceOrder } from "../../workers/storefront/checkout/order-pricing";
import { AppError } from "../../workers/storefront/errors";
import { CURRENCIES, MARKET_IDS, MARKETS } from "../../workers/storefront/markets/markets";
import { listPrice } from "../../workers/storefront/markets/price-lists";
import { FREE_STANDARD_FROM_MINOR } from "../../workers/storefront/markets/shipping-rates";

const line = (unitPriceMinor: number, quantity: number, currency: string) => ({
	unitPriceMinor,
	quantity,
	currency,
});

describe("priceOrder: each market in its own currency, exact in minor units", () => {
	it("adds US state sales tax on goods and shipping", () => {
		const pricing = priceOrder(
			[line(4_500, 2, "USD"), line(1_999, 1, "USD")],
			{ country: "US", region: "CA" },
			"express",
		);
		// 10,999 goods + 2,495 express = 13,494; California's 7.25 % base rate is 978.315 → 978.
		expect(pricing).toEqual({
			market: "us",
			currency: "USD",
			subtotalMinor: 10_999,
			shippingMinor: 2_495,
			taxMinor: 978,
			taxIncluded: false,
			taxLines: [{ name: "Sales tax", rateE5: 7_250, amountMinor: 978 }],
			totalMinor: 13_494 + 978,
		});
	});

	it("adds no tax line in a state without sales tax", () => {
		const pricing = priceOrder([line(10_000, 1, "USD")], { country: "US", region: "OR" }, "standard");
		expect(pricing.taxLines).toEqual([]);
		expect(pricing.totalMinor).toBe(10_000 + 995);
	});

	it("adds GST and QST separately in Québec", () => {
		const pricing = priceOrder([line(20_000, 1, "CAD")], { country: "CA", region: "QC" }, "standard");
		// 20,000 + 1,495 = 21,495: GST 5 % = 1,074.75 → 1,075; QST 9.975 % = 2,144.12 → 2,144.
		expect(pricing.taxLines).toEqual([
			{ name: "GST", rateE5: 5_000, amountMinor: 1_075 },
			{ name: "QST", rateE5: 9_975, amountMinor: 2_144 },
		]);
		expect(pricing.totalMinor).toBe(21_495 + 1_075 + 2_144);
	});

	it("shows VAT inside the price in the EU, at the destination country's rate", () => {
		const france = priceOrder([line(14_900, 1, "EUR")], { country: "FR" }, "standard");
		expect(france.taxIncluded).toBe(true);
		expect(france.totalMinor).toBe(14_900 + 995);
		// 15,895 × 20/120 = 2,649.17 → 2,649.
		expect(france.taxLines).toEqual([{ name: "TVA", rateE5: 20_000, amountMinor: 2_649 }]);
		const germany = priceOrder([line(14_900, 1, "EUR")], { country: "DE" }, "standard");
		expect(germany.totalMinor).toBe(14_900 + 695);
		// 15,595 × 19/119 = 2,489.92 → 2,490.
		expect(germany.taxLines).toEqual([{ name: "MwSt.", rateE5: 19_000, amountMinor: 2_490 }]);
	});

	it("keeps yen whole: no minor digits, consumption tax included", () => {
		const pricing = priceOrder([line(21_900, 2, "JPY")], { country: "JP", region: "東京都" }, "express");
		expect(pricing.currency).toBe("JPY");
		expect(pricing.subtotalMinor).toBe(43_800);
		expect(pricing.shippingMinor).toBe(1_900);
		// 45,700 × 10/110 = 4,154.5 → 4,155 (half away from zero).
		expect(pricing.taxLines).toEqual([{ name: "消費税", rateE5: 10_000, amountMinor: 4_155 }]);
		expect(pricing.totalMinor).toBe(45_700);
		expect(Number.isInteger(pricing.totalMinor)).toBe(true);
	});

	it("ships standard free from each currency's threshold", () => {
		for (const id of MARKET_IDS) {
			const { currency, countries } = MARKETS[id];
			const country = countries[0] as string;
			const free = FREE_STANDARD_FROM_MINOR[currency];
			expect(priceOrder([line(free, 1, currency)], { country }, "standard").shippingMinor).toBe(0);
			expect(
				priceOrder([line(free - 1, 1, currency)], { country }, "standard").shippingMinor,
			).toBeGreaterThan(0);
			expect(priceOrder([line(free, 1, currency)], { country }, "express").shippingMinor).toBeGreaterThan(0);
		}
	});

	it("totals every market exactly: goods + shipping + added tax, integers only", () => {
		for (const currency of CURRENCIES) {
			const id = MARKET_IDS.find((m) => MARKETS[m].currency === currency);
			const market = MARKETS[id as (typeof MARKET_IDS)[number]];
			const unit = listPrice(12_999, currency);
			const country = market.countries[0] as string;
			const region = country === "US" ? "NY" : country === "CA" ? "ON" : undefined;
			const pricing = priceOrder([line(unit, 3, currency)], { country, region }, "standard");
			const added = pricing.taxIncluded ? 0 : pricing.taxMinor;
			expect(pricing.totalMinor).toBe(pricing.subtotalMinor + pricing.shippingMinor + added);
			expect(pricing.taxIncluded).toBe(market.pricesIncludeTax);
			for (const value of [
				pricing.subtotalMinor,
				pricing.shippingMinor,
				pricing.taxMinor,
				pricing.totalMinor,
			])
				expect(Number.isSafeInteger(value)).toBe(true);
		}
	});

	it("refuses an empty order, a line in another currency and a line without a price", () => {
		expect(() => priceOrder([], { country: "US" }, "standard")).toThrow(AppError);
		expect(() => priceOrder([line(100, 1, "USD")], { country: "FR" }, "standard")).toThrow(/not sold in EUR/);
		expect(() =>
			priceOrder([{ unitPriceMinor: null, quantity: 1, currency: "EUR" }], { country: "FR" }, "standard"),
		).toThrow(AppError);
		expect(() => priceOrder([line(100, 1, "USD")], { country: "BR" }, "standard")).toThrow(/do not deliver/);
	});
});
