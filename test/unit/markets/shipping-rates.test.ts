import { describe, expect, it } from "vitest";
import { MARKET_IDS, MARKETS } from "../../../workers/storefront/markets/markets";
import {
	deliversTo,
	FREE_STANDARD_FROM_MINOR,
	SHIPPING_METHODS,
	shippingOptions,
} from "../../../workers/storefront/markets/shipping-rates";

describe("shipping per country", () => {
	it("prices every method for every country of every market, in that market's currency", () => {
		for (const id of MARKET_IDS) {
			for (const country of MARKETS[id].countries) {
				const quote = shippingOptions(country, 0);
				expect(quote, country).toMatchObject({ market: id, currency: MARKETS[id].currency });
				for (const method of SHIPPING_METHODS) {
					const option = quote?.options[method];
					expect(Number.isSafeInteger(option?.priceMinor) && (option?.priceMinor ?? 0) > 0, country).toBe(
						true,
					);
					expect(option?.minDays, country).toBeLessThanOrEqual(option?.maxDays ?? 0);
				}
				// Express is faster and dearer than standard everywhere.
				expect(quote?.options.express.maxDays).toBeLessThanOrEqual(quote?.options.standard.minDays ?? 0);
				expect(quote?.options.express.priceMinor).toBeGreaterThan(quote?.options.standard.priceMinor ?? 0);
			}
		}
	});

	it("makes standard free from the currency's threshold, never express", () => {
		const threshold = FREE_STANDARD_FROM_MINOR.EUR;
		expect(shippingOptions("FR", threshold - 1)?.options.standard.priceMinor).toBe(995);
		expect(shippingOptions("FR", threshold)?.options.standard.priceMinor).toBe(0);
		expect(shippingOptions("FR", threshold)?.options.express.priceMinor).toBe(2_195);
		expect(shippingOptions("JP", FREE_STANDARD_FROM_MINOR.JPY)?.options.standard.priceMinor).toBe(0);
	});

	it("refuses a country the shop does not deliver to", () => {
		expect(shippingOptions("BR", 10_000)).toBeUndefined();
		expect(deliversTo("BR")).toBe(false);
		expect(deliversTo("ie")).toBe(true);
	});
});
