// Totals of an order from its cart lines, in integer minor units. Pure.
import type { CartLineRow } from "../db/carts";
import { AppError } from "../errors";
import { COUNTRY_RULES, type CountryCode } from "./countries";
import { priceShipping, type ShippingMethod } from "./shipping";

export type OrderPricing = {
	currency: string;
	subtotalMinor: number;
	shippingMinor: number;
	totalMinor: number;
};

export function priceOrder(
	lines: readonly Pick<CartLineRow, "unitPriceMinor" | "quantity" | "currency">[],
	country: CountryCode,
	method: ShippingMethod,
): OrderPricing {
	const [first] = lines;
	if (!first) throw new AppError("invalid_state", "The cart is empty");
	const currency = first.currency.toUpperCase();
	if (lines.some((line) => line.currency.toUpperCase() !== currency)) {
		throw new AppError("conflict", "All items in an order must share one currency");
	}
	const subtotalMinor = lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
	const shippingMinor = priceShipping(COUNTRY_RULES[country].zone, method, currency, subtotalMinor);
	if (shippingMinor === null) throw new AppError("conflict", `Shipping cannot be priced in ${currency}`);
	return { currency, subtotalMinor, shippingMinor, totalMinor: subtotalMinor + shippingMinor };
}
