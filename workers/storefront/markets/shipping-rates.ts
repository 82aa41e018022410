// Shipping per destination country (issue #13): each method's price in the market's currency,
// the working days it takes, and a free-standard threshold per currency. Pure.
//
// Rugs are bulky: a price is per parcel (one order ships as one), not per item. Estimates are
// working days from dispatch, from the carrier's published ranges for a parcel of this size.
import type { ShippingMethod } from "../checkout/shipping";
import { type Currency, MARKETS, type MarketId, marketOfCountry } from "./markets";

export { SHIPPING_METHODS, type ShippingMethod } from "../checkout/shipping";

export type ShippingOption = { priceMinor: number; minDays: number; maxDays: number };
type CountryRates = Readonly<Record<ShippingMethod, ShippingOption>>;

const rates = (standard: [number, number, number], express: [number, number, number]): CountryRates => ({
	standard: { priceMinor: standard[0], minDays: standard[1], maxDays: standard[2] },
	express: { priceMinor: express[0], minDays: express[1], maxDays: express[2] },
});

// In the minor units of the destination's market currency.
const RATES_BY_COUNTRY: Readonly<Record<string, CountryRates>> = {
	US: rates([995, 3, 6], [2_495, 1, 2]),
	CA: rates([1_495, 4, 8], [3_495, 2, 3]),
	GB: rates([995, 2, 4], [1_995, 1, 1]),
	DE: rates([695, 2, 4], [1_495, 1, 2]),
	AT: rates([895, 3, 5], [1_995, 1, 2]),
	NL: rates([895, 2, 4], [1_995, 1, 2]),
	BE: rates([895, 2, 4], [1_995, 1, 2]),
	FR: rates([995, 3, 5], [2_195, 1, 2]),
	IT: rates([1_295, 4, 7], [2_495, 2, 3]),
	ES: rates([1_295, 4, 7], [2_495, 2, 3]),
	IE: rates([1_295, 4, 7], [2_495, 2, 3]),
	AU: rates([1_995, 4, 9], [3_995, 2, 4]),
	NZ: rates([2_495, 5, 10], [4_495, 2, 5]),
	JP: rates([900, 2, 4], [1_900, 1, 2]),
};

/** Standard delivery is free from this order subtotal (goods, as shown), per currency. */
export const FREE_STANDARD_FROM_MINOR: Readonly<Record<Currency, number>> = {
	USD: 20_000,
	CAD: 27_500,
	GBP: 17_500,
	EUR: 19_900,
	AUD: 30_000,
	NZD: 35_000,
	JPY: 30_000,
};

/** The methods a country can choose with their price for this subtotal; undefined: not delivered. */
export function shippingOptions(
	country: string,
	subtotalMinor: number,
): { market: MarketId; currency: Currency; options: Record<ShippingMethod, ShippingOption> } | undefined {
	const upper = country.toUpperCase();
	const market = marketOfCountry(upper);
	const countryRates = RATES_BY_COUNTRY[upper];
	if (!market || !countryRates) return undefined;
	const currency = MARKETS[market].currency;
	const free = subtotalMinor >= FREE_STANDARD_FROM_MINOR[currency];
	return {
		market,
		currency,
		options: {
			standard: { ...countryRates.standard, priceMinor: free ? 0 : countryRates.standard.priceMinor },
			express: countryRates.express,
		},
	};
}

/** Whether the shop delivers to a country at all: every country of every market. */
export function deliversTo(country: string): boolean {
	return Object.hasOwn(RATES_BY_COUNTRY, country.toUpperCase());
}
