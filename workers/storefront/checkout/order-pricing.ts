// Totals of an order from its lines, in integer minor units of the destination market's currency
// (issue #13): goods, shipping for the country and method, and tax from the country's (and US
// state's or Canadian province's) rule: inside the prices in the EU, UK, AU, NZ and JP, added on
// top in the US and CA. Pure.
import { AppError } from "../errors";
import { type Currency, MARKETS, type MarketId, marketOfCountry } from "../markets/markets";
import { shippingOptions } from "../markets/shipping-rates";
import { addedTaxMinor, type TaxLine, taxLines, taxRuleFor } from "../markets/taxes";
import type { ShippingMethod } from "./shipping";

export type OrderPricing = {
	market: MarketId;
	currency: Currency;
	subtotalMinor: number;
	shippingMinor: number;
	/** Every tax line's amount together: inside the total when `taxIncluded`, else added to it. */
	taxMinor: number;
	taxIncluded: boolean;
	taxLines: TaxLine[];
	totalMinor: number;
};

export type PricedLine = { unitPriceMinor: number | null; quantity: number; currency: string };

/** The market a delivery to `country` is sold in; the checkout's countries all have one. */
export function marketForDelivery(country: string): MarketId {
	const market = marketOfCountry(country);
	if (!market) throw new AppError("validation_failed", `We do not deliver to ${country}`);
	return market;
}

export function priceOrder(
	lines: readonly PricedLine[],
	address: { country: string; region?: string | undefined },
	method: ShippingMethod,
): OrderPricing {
	if (lines.length === 0) throw new AppError("invalid_state", "The cart is empty");
	const market = marketForDelivery(address.country);
	const { currency } = MARKETS[market];
	const unpriced = lines.some((line) => line.unitPriceMinor === null || line.currency !== currency);
	if (unpriced) throw new AppError("conflict", `Some items are not sold in ${currency}`);
	const subtotalMinor = lines.reduce((sum, line) => sum + (line.unitPriceMinor ?? 0) * line.quantity, 0);
	const shipping = shippingOptions(address.country, subtotalMinor);
	if (!shipping) throw new AppError("validation_failed", `We do not deliver to ${address.country}`);
	const shippingMinor = shipping.options[method].priceMinor;
	const rule = taxRuleFor(address.country, address.region);
	if (!rule) throw new AppError("validation_failed", `We do not deliver to ${address.country}`);
	const taxed = taxLines(rule, subtotalMinor + shippingMinor);
	return {
		market,
		currency,
		subtotalMinor,
		shippingMinor,
		taxMinor: taxed.reduce((sum, line) => sum + line.amountMinor, 0),
		taxIncluded: rule.included,
		taxLines: taxed,
		totalMinor: subtotalMinor + shippingMinor + addedTaxMinor(rule, taxed),
	};
}
