// The return's rules as pure functions: its status machine, what an order has left to return,
// and how much a return may refund. The database applies a status change only from the status
// read (db/returns.ts), so two racing staff cannot both move a return.
import type { ReturnStatus } from "../db/schema";

export const RETURN_TRANSITIONS = {
	requested: ["approved", "rejected"],
	// Rejected after approval when the parcel never arrives; once received, the stock is back on
	// sale, so a received return goes on to its refund.
	approved: ["received", "rejected"],
	received: ["refunded"],
	refunded: [],
	rejected: [],
} as const satisfies Record<ReturnStatus, readonly ReturnStatus[]>;

/** In progress: at most one per order (the partial unique index returns_open_per_order_idx). */
export const OPEN_RETURN_STATUSES = [
	"requested",
	"approved",
	"received",
] as const satisfies readonly ReturnStatus[];

export function canMoveReturn(from: ReturnStatus, to: ReturnStatus): boolean {
	return (RETURN_TRANSITIONS[from] as readonly ReturnStatus[]).includes(to);
}

export type LineQuantity = { variantId: number; quantity: number };

/** Per variant, what the order bought minus what its earlier returns (not rejected) took back. */
export function returnableQuantities(
	bought: readonly LineQuantity[],
	takenBack: readonly LineQuantity[],
): Map<number, number> {
	const left = new Map<number, number>();
	for (const line of bought) left.set(line.variantId, (left.get(line.variantId) ?? 0) + line.quantity);
	for (const line of takenBack) {
		const had = left.get(line.variantId);
		if (had !== undefined) left.set(line.variantId, Math.max(0, had - line.quantity));
	}
	return left;
}

export type LineIssue = { path: (string | number)[]; message: string };

/** The requested lines that ask for more than is left to return (a variant not bought has 0 left). */
export function excessLines(
	lines: readonly LineQuantity[],
	returnable: ReadonlyMap<number, number>,
): LineIssue[] {
	return lines.flatMap((line, i) => {
		const left = returnable.get(line.variantId) ?? 0;
		if (line.quantity <= left) return [];
		return [
			{
				path: ["lines", i, "quantity"],
				message: left === 0 ? "Nothing of this item is left to return" : `At most ${left} left to return`,
			},
		];
	});
}

/** What the returned lines cost at the order's prices (shipping is not part of a line). */
export function returnedValueMinor(
	lines: readonly LineQuantity[],
	orderLines: readonly (LineQuantity & { unitPriceMinor: number })[],
): number {
	const price = new Map(orderLines.map((line) => [line.variantId, line.unitPriceMinor]));
	return lines.reduce((sum, line) => sum + line.quantity * (price.get(line.variantId) ?? 0), 0);
}

/**
 * The sales tax charged on top of the returned goods' value (US, CA), at the order's own rates:
 * it goes back with them. Zero where the tax was inside the prices (VAT, GST), which the line
 * value already holds.
 */
export function returnedAddedTaxMinor(
	returnedValue: number,
	order: { taxIncluded: boolean; taxLines: readonly { rateE5: number }[] },
): number {
	if (order.taxIncluded) return 0;
	return order.taxLines.reduce(
		(sum, line) => sum + Math.floor((2 * returnedValue * line.rateE5 + 100_000) / 200_000),
		0,
	);
}

/** The most a return may refund: its lines' value, and never more than the order has left paid. */
export function refundCeilingMinor(input: {
	returnedValueMinor: number;
	paidMinor: number;
	refundedMinor: number;
}): number {
	return Math.max(0, Math.min(input.returnedValueMinor, input.paidMinor - input.refundedMinor));
}
