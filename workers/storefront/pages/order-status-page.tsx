// After the hosted payment page: the order's number and status, nothing personal. The webhook
// may land a moment after the redirect, so `placed` reads as "confirming".
import type { OrderRow } from "../db/orders";
import { CommerceLayout, formatAmount } from "./commerce-layout";

const STATUS_TEXT: Record<OrderRow["status"], string> = {
	placed: "We are confirming your payment. This page will show it once it arrives.",
	paid: "Payment received. We will pack your order soon.",
	packed: "Your order is packed.",
	shipped: "Your order is on its way.",
	delivered: "Your order was delivered.",
	cancelled: "This order is cancelled. Nothing was charged for it.",
};

export function OrderStatusPage({ order, returned }: { order: OrderRow; returned: "thanks" | "cancelled" }) {
	const title = returned === "thanks" ? "Thank you" : "Payment not completed";
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
