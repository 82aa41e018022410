// After the hosted payment page: the order's number and status, nothing personal. The webhook
// may land a moment after the redirect, so `placed` reads as "confirming".
import type { OrderRow } from "../db/orders";
import { CommerceLayout, formatAmount } from "./commerce-layout";

export const STATUS_TEXT: Record<OrderRow["status"], string> = {
	placed: "We are confirming your payment. This page will show it once it arrives.",
	paid: "Payment received. We will pack your order soon.",
	packed: "Your order is packed.",
	shipped: "Your order is on its way.",
	delivered: "Your order was delivered.",
	cancelled: "This order is cancelled. Nothing was charged for it.",
};

const TITLES = { thanks: "Thank you", cancelled: "Payment not completed", status: "Your order" } as const;

/** What the page shows of an order: a row, or the summary guest lookup answers. */
type ShownOrder = Pick<OrderRow, "number" | "status" | "totalMinor" | "currency">;

export function OrderStatusPage({ order, returned }: { order: ShownOrder; returned: keyof typeof TITLES }) {
	const title = TITLES[returned];
	return (
		<CommerceLayout title={title}>
			<h1>{title}</h1>
			<p>
				Order <strong>{order.number}</strong>, total {formatAmount(order.totalMinor, order.currency)}.
			</p>
			<p>
				Status: <strong data-status={order.status}>{order.status}</strong>. {STATUS_TEXT[order.status]}
			</p>
			{returned === "cancelled" && order.status === "placed" ? (
				<p>
					Your items stay reserved for a short while; after that the order is cancelled and they go back on
					sale.
				</p>
			) : null}
			<p>Keep your order number: with your email it lets you look the order up.</p>
		</CommerceLayout>
	);
}

/** For a browser that has not shown it placed the order: the same page whatever the number. */
export function OrderLookupPage({ number, error }: { number?: string; error?: string }) {
	return (
		<CommerceLayout title="Find your order">
			<h1>Find your order</h1>
			<p>Enter your order number and the email address you gave at checkout.</p>
			{error ? (
				<p role="alert" class="form-error">
					{error}
				</p>
			) : null}
			{/* The tracking page's form: it answers with the order's lines and parcel, not only its status. */}
			<form method="post" action="/orders/track">
				<p>
					<label for="f-orderNumber">Order number</label>
					<input id="f-orderNumber" name="orderNumber" required maxlength={40} value={number ?? ""} />
				</p>
				<p>
					<label for="f-email">Email address</label>
					<input id="f-email" name="email" type="email" required maxlength={254} autocomplete="email" />
				</p>
				<button type="submit">Find order</button>
			</form>
		</CommerceLayout>
	);
}
