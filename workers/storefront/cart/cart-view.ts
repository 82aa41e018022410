// What the API shows of a cart: lines with names, prices, totals and availability. Pure.
import type { CartLineRow } from "../db/carts";
import { MAX_LINE_QUANTITY } from "./cart-rules";

export type Availability = "in_stock" | "limited" | "out_of_stock";

export function lineAvailability(stock: number, quantity: number): Availability {
	if (stock <= 0) return "out_of_stock";
	return stock >= quantity ? "in_stock" : "limited";
}

export function buildCartView(lines: readonly CartLineRow[]) {
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
		lineTotalMinor: line.unitPriceMinor * line.quantity,
		availability: lineAvailability(line.stock, line.quantity),
		maxQuantity: Math.max(0, Math.min(line.stock, MAX_LINE_QUANTITY)),
	}));
	return {
		lines: viewLines,
		itemCount: viewLines.reduce((sum, line) => sum + line.quantity, 0),
		subtotalMinor: viewLines.reduce((sum, line) => sum + line.lineTotalMinor, 0),
		currency: lines[0]?.currency ?? null,
		readyForCheckout: viewLines.length > 0 && viewLines.every((line) => line.availability === "in_stock"),
	};
}

export type CartView = ReturnType<typeof buildCartView>;
