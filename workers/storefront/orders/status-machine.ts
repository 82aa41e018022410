// The order lifecycle as data. Pure: the database applies a transition only from the status
// this table allows (db/orders.ts), so two racing writers cannot both move an order.
import type { OrderStatus } from "../db/schema";

export const ORDER_TRANSITIONS = {
	placed: ["paid", "cancelled"],
	paid: ["packed", "cancelled"],
	packed: ["shipped"],
	shipped: ["delivered"],
	delivered: [],
	// Only a payment that lands after the reservation lapsed, and only while the stock can be
	// taken back (payments/apply-payment-event.ts); otherwise the payment is refunded.
	cancelled: ["paid"],
} as const satisfies Record<OrderStatus, readonly OrderStatus[]>;

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
	return (ORDER_TRANSITIONS[from] as readonly OrderStatus[]).includes(to);
}

/** Statuses from which `to` may be reached. */
export function sourcesOf(to: OrderStatus): OrderStatus[] {
	return (Object.keys(ORDER_TRANSITIONS) as OrderStatus[]).filter((from) => canTransition(from, to));
}
