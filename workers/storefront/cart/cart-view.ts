// What the API shows of a cart: lines with names, prices, totals and availability, all in the
// cart's one currency. Pure.
import type { CartLineRow, CartRow } from "../db/carts";
import { DEFAULT_MARKET, isMarketId } from "../markets/markets";
import { MAX_LINE_QUANTITY } from "./cart-rules";

/** `unavailable`: the variant has no price in the cart's currency, so it cannot be bought there. */
export type Availability = "in_stock" | "limited" | "out_of_stock" | "unavailable";

export function lineAvailability(
	line: Pick<CartLineRow, "stock" | "unitPriceMinor">,
	quantity: number,
): Availability {
	if (line.unitPriceMinor === null) return "unavailable";
	if (line.stock <= 0) return "out_of_stock";
	return line.stock >= quantity ? "in_stock" : "limited";
}

export function buildCartView(cart: Pick<CartRow, "market" | "currency">, lines: readonly CartLineRow[]) {
	const viewLines = lines.map((line) => ({
		variantId: line.variantId,
		productId: line.productId,
		productName: line.productName,
		productSlug: line.productSlug,
		sku: line.sku,
		size: line.size,
		color: line.color,
		quantity: line.quantity,
		unitPriceMinor: line.unitPriceMinor,
		lineTotalMinor: line.unitPriceMinor === null ? null : line.unitPriceMinor * line.quantity,
		availability: lineAvailability(line, line.quantity),
		maxQuantity: Math.max(0, Math.min(line.stock, MAX_LINE_QUANTITY)),
	}));
	return {
		// A market the code no longer knows (a row written by hand) reads as the default one.
		market: isMarketId(cart.market) ? cart.market : DEFAULT_MARKET,
		currency: cart.currency,
		lines: viewLines,
		itemCount: viewLines.reduce((sum, line) => sum + line.quantity, 0),
		subtotalMinor: viewLines.reduce((sum, line) => sum + (line.lineTotalMinor ?? 0), 0),
		readyForCheckout: viewLines.length > 0 && viewLines.every((line) => line.availability === "in_stock"),
	};
}

export type CartView = ReturnType<typeof buildCartView>;
