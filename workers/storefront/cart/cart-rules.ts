// Pure rules for changing a cart. They throw AppError so every route reports a broken rule the
// same way; nothing here touches the database.
import type { CartLineRow, VariantForCart } from "../db/carts";
import { AppError } from "../errors";

export const MAX_LINE_QUANTITY = 10;
export const MAX_CART_LINES = 20;

/** The quantity a line ends up with when `quantity` more of `variant` is added. */
export function planAddItem(
	lines: readonly Pick<CartLineRow, "variantId" | "quantity">[],
	variant: VariantForCart,
	quantity: number,
): number {
	const existing = lines.find((line) => line.variantId === variant.variantId);
	if (!existing && lines.length >= MAX_CART_LINES) {
		throw new AppError("conflict", `A cart holds at most ${MAX_CART_LINES} different items`);
	}
	// The price list has no price for it in the cart's currency: not sold in the cart's market.
	if (variant.unitPriceMinor === null) {
		throw new AppError("conflict", `This item is not sold in ${variant.currency}`);
	}
	return checkLineQuantity(variant, (existing?.quantity ?? 0) + quantity);
}

/** A line's quantity must stay within the per-line limit and never exceed current stock. */
export function checkLineQuantity(variant: Pick<VariantForCart, "stock">, quantity: number): number {
	if (quantity > MAX_LINE_QUANTITY) {
		throw new AppError("conflict", `At most ${MAX_LINE_QUANTITY} of one item per order`);
	}
	if (quantity > variant.stock) {
		throw new AppError(
			"out_of_stock",
			variant.stock > 0 ? `Only ${variant.stock} left in stock` : "Out of stock",
		);
	}
	return quantity;
}
