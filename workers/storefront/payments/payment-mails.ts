// What the shopper is told about their payment: facts of the order only (number, lines,
// amounts), never anything personal; the vault adds the address and sends (order-mail.ts).
import type { OrderMail } from "../../shared/vault-contract";
import type { OrderLineRow, OrderRow } from "../db/orders";

/** The contract's bounds: 50 lines, 120 characters a text. */
const MAX_MAIL_LINES = 50;
const clip = (text: string) => text.slice(0, 120);

export function orderConfirmedMail(
	order: Pick<OrderRow, "number" | "currency" | "totalMinor" | "shippingMinor" | "shippingMethod">,
	lines: readonly OrderLineRow[],
): OrderMail {
	return {
		kind: "order_confirmed",
		orderNumber: order.number,
		currency: order.currency,
		totalMinor: order.totalMinor,
		shippingMinor: order.shippingMinor,
		shippingMethod: clip(order.shippingMethod),
		lines: lines.slice(0, MAX_MAIL_LINES).map((line) => ({
			name: clip(line.productName),
			detail: clip(`${line.size} · ${line.color}`),
			quantity: Math.min(line.quantity, 999),
			unitPriceMinor: line.unitPriceMinor,
		})),
	};
}

export function paymentFailedMail(order: Pick<OrderRow, "number">): OrderMail {
	return { kind: "payment_failed", orderNumber: order.number };
}

export function paymentLateMail(
	order: Pick<OrderRow, "number" | "currency">,
	outcome: "reinstated" | "refunded",
	amountMinor: number,
): OrderMail {
	return { kind: "payment_late", orderNumber: order.number, outcome, currency: order.currency, amountMinor };
}
