// Logging in merges the guest's cart with the account's (issue #7), within the same limits as
// adding by hand: a line never exceeds MAX_LINE_QUANTITY or the stock, a cart holds at most
// MAX_CART_LINES lines. What does not fit is left out, not refused: a login must never fail because
// of a cart. Lines hold no price: the merged cart shows them all in its own market's currency
// (issue #13), so carts of two markets merge without mixing currencies.
import type { CartLineRow } from "../db/carts";
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from "./cart-rules";

export type MergedLine = { variantId: number; quantity: number; addedAt: number };

/** The lines to write into `target` so it also holds `incoming`; `dropped` counts what did not fit. */
export function planCartMerge(
	target: readonly CartLineRow[],
	incoming: readonly CartLineRow[],
): { lines: MergedLine[]; dropped: number } {
	const byVariant = new Map(target.map((line) => [line.variantId, line]));
	let lineCount = target.length;
	let dropped = 0;
	const lines: MergedLine[] = [];
	for (const line of incoming) {
		const existing = byVariant.get(line.variantId);
		if (!existing && lineCount >= MAX_CART_LINES) {
			dropped++;
			continue;
		}
		const wanted = (existing?.quantity ?? 0) + line.quantity;
		const quantity = Math.min(wanted, MAX_LINE_QUANTITY, line.stock);
		if (quantity <= (existing?.quantity ?? 0)) {
			if (wanted > (existing?.quantity ?? 0)) dropped++;
			continue;
		}
		if (quantity < wanted) dropped++;
		if (!existing) lineCount++;
		lines.push({ variantId: line.variantId, quantity, addedAt: existing?.addedAt ?? line.addedAt });
	}
	return { lines, dropped };
}
