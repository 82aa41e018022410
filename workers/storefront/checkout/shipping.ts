// Shipping prices per zone and method, in integer minor units of the order currency. Pure.
import type { ShippingZone } from "./countries";

export const SHIPPING_METHODS = ["standard", "express"] as const;
export type ShippingMethod = (typeof SHIPPING_METHODS)[number];

type RateTable = {
	rates: Record<ShippingZone, Record<ShippingMethod, number>>;
	freeStandardFromMinor: number;
};

// Rugs are bulky: rates are per parcel (one order ships as one), not per item.
const TWO_DECIMAL_RATES: RateTable = {
	rates: {
		north_america: { standard: 995, express: 2495 },
		europe: { standard: 1295, express: 2995 },
		asia_pacific: { standard: 1995, express: 4495 },
	},
	freeStandardFromMinor: 20_000,
};

const RATES_BY_CURRENCY: Record<string, RateTable> = {
	USD: TWO_DECIMAL_RATES,
	EUR: TWO_DECIMAL_RATES,
	GBP: TWO_DECIMAL_RATES,
	CAD: TWO_DECIMAL_RATES,
	AUD: TWO_DECIMAL_RATES,
	JPY: {
		rates: {
			north_america: { standard: 1500, express: 3800 },
			europe: { standard: 1900, express: 4500 },
			asia_pacific: { standard: 800, express: 2000 },
		},
		freeStandardFromMinor: 30_000,
	},
};

export function supportsCurrency(currency: string): boolean {
	return Object.hasOwn(RATES_BY_CURRENCY, currency);
}

/** The shipping price, or null when we do not price shipping in that currency. */
export function priceShipping(
	zone: ShippingZone,
	method: ShippingMethod,
	currency: string,
	subtotalMinor: number,
): number | null {
	if (!supportsCurrency(currency)) return null;
	const table = RATES_BY_CURRENCY[currency] as RateTable;
	if (method === "standard" && subtotalMinor >= table.freeStandardFromMinor) return 0;
	return table.rates[zone][method];
}

export const SHIPPING_ZONES = [
	"north_america",
	"europe",
	"asia_pacific",
] as const satisfies readonly ShippingZone[];

export type ShippingQuote = { method: ShippingMethod; prices: { zone: ShippingZone; priceMinor: number }[] };

/** Each method's price in every zone, for a page that shows them before the country is chosen. */
export function quoteShipping(currency: string, subtotalMinor: number): ShippingQuote[] | null {
	if (!supportsCurrency(currency)) return null;
	return SHIPPING_METHODS.map((method) => ({
		method,
		prices: SHIPPING_ZONES.map((zone) => ({
			zone,
			priceMinor: priceShipping(zone, method, currency, subtotalMinor) as number,
		})),
	}));
}
