// The customer's order history and one order's page: lines, totals, where it goes, the parcel's
// carrier and tracking number once shipped, and what can be done next (return, ask, review).
import type { MyOrderDetail } from "../../accounts/order-detail";
import { colorLabel, formatPrice, sizeLabel } from "../../catalog/format";
import type { OrderSummary } from "../../orders/order-view";
import { countryName } from "../checkout-page";
import { DataTable } from "../data-table";
import { AccountLayout } from "./account-layout";
import { ACCOUNT_PAGES_CSS } from "./styles";

export const STATUS_LABEL: Record<OrderSummary["status"], string> = {
	placed: "Awaiting payment",
	paid: "Paid",
	packed: "Packed",
	shipped: "Shipped",
	delivered: "Delivered",
	cancelled: "Cancelled",
};

const dateFormat = new Intl.DateTimeFormat("en-GB", {
	day: "numeric",
	month: "long",
	year: "numeric",
	timeZone: "UTC",
});

export function DateText({ iso }: { iso: string }) {
	return <time datetime={iso}>{dateFormat.format(new Date(iso))}</time>;
}

/** A table of orders: number (linking to its page), date, status, total. */
export function OrdersTable({ orders, caption }: { orders: OrderSummary[]; caption: string }) {
	return (
		<DataTable caption={caption} columns={["Order", "Placed", "Status", { num: "Total" }]}>
			{orders.map((order) => (
				<tr data-order={order.number}>
					<th scope="row">
						<a href={`/account/orders/${order.number}`}>{order.number}</a>
					</th>
					<td>
						<DateText iso={order.placedAt} />
					</td>
					<td data-status={order.status}>{STATUS_LABEL[order.status]}</td>
					<td class="num">{formatPrice(order.totalMinor, order.currency)}</td>
				</tr>
			))}
		</DataTable>
	);
}

export function OrdersPage({ orders }: { orders: OrderSummary[] }) {
	return (
		<AccountLayout title="Your orders" current="/account/orders" styles={ACCOUNT_PAGES_CSS}>
			<h1>Your orders</h1>
			{orders.length === 0 ? (
				<p>
					You have not ordered anything with this account yet. <a href="/">Browse the rugs</a>.
				</p>
			) : (
				<OrdersTable orders={orders} caption="Your orders, newest first" />
			)}
			<p class="muted">
				Ordered without signing in? <a href="/orders/track">Track that order</a> with its number and email.
			</p>
		</AccountLayout>
	);
}

function Shipment({ detail }: { detail: MyOrderDetail }) {
	const { order, shipment, deliveredAt } = detail;
	if (order.status === "cancelled") return <p>This order was cancelled.</p>;
	if (!shipment) return <p>Not shipped yet. We write to you when the parcel leaves.</p>;
	return (
		<dl class="facts">
			<dt>Carrier</dt>
			<dd>{shipment.carrier}</dd>
			<dt>Tracking number</dt>
			<dd>
				<code>{shipment.trackingNumber}</code>
			</dd>
			{shipment.shippedAt ? (
				<>
					<dt>Shipped</dt>
					<dd>
						<DateText iso={shipment.shippedAt} />
					</dd>
				</>
			) : null}
			{deliveredAt ? (
				<>
					<dt>Delivered</dt>
					<dd>
						<DateText iso={deliveredAt} />
					</dd>
				</>
			) : null}
		</dl>
	);
}

function Contact({ contact }: { contact: MyOrderDetail["contact"] }) {
	if (!contact) return <p>The delivery details of this order are no longer kept.</p>;
	const { address } = contact;
	return (
		<address>
			{contact.name}
			<br />
			{address.line1}
			<br />
			{address.line2 ? (
				<>
					{address.line2}
					<br />
				</>
			) : null}
			{[address.city, address.region, address.postalCode].filter(Boolean).join(" ")}
			<br />
			{countryName(address.country)}
			<br />
			{contact.phone}
			<br />
			{contact.email}
		</address>
	);
}

export function OrderDetailPage({ detail }: { detail: MyOrderDetail }) {
	const { order } = detail;
	const currency = order.currency;
	// One review link per product, however many of its sizes or colours were bought.
	const reviewable =
		order.status === "delivered"
			? [
					...new Map(
						order.lines.flatMap((line) => {
							const slug = detail.productSlugs[line.variantId];
							return slug ? [[slug, { slug, name: line.productName }] as const] : [];
						}),
					).values(),
				]
			: [];
	return (
		<AccountLayout title={`Order ${order.number}`} current="/account/orders" styles={ACCOUNT_PAGES_CSS}>
			<h1>Order {order.number}</h1>
			<dl class="facts">
				<dt>Placed</dt>
				<dd>
					<DateText iso={order.placedAt} />
				</dd>
				<dt>Status</dt>
				<dd data-status={order.status}>{STATUS_LABEL[order.status]}</dd>
			</dl>
			<DataTable
				caption="What you ordered"
				columns={["Rug", { num: "Quantity" }, { num: "Price" }]}
				foot={
					<>
						<tr>
							<th scope="row" colspan={2}>
								Subtotal
							</th>
							<td class="num">{formatPrice(order.subtotalMinor, currency)}</td>
						</tr>
						<tr>
							<th scope="row" colspan={2}>
								Shipping ({order.shippingMethod})
							</th>
							<td class="num">{formatPrice(order.shippingMinor, currency)}</td>
						</tr>
						<tr>
							<th scope="row" colspan={2}>
								Total
							</th>
							<td class="num">
								<strong>{formatPrice(order.totalMinor, currency)}</strong>
							</td>
						</tr>
					</>
				}
			>
				{order.lines.map((line) => (
					<tr>
						<th scope="row">
							{line.productName}
							<span class="hint">{`${sizeLabel(line.size)} · ${colorLabel(line.color)}`}</span>
						</th>
						<td class="num">{line.quantity}</td>
						<td class="num">{formatPrice(line.lineTotalMinor, currency)}</td>
					</tr>
				))}
			</DataTable>
			<h2>Delivery</h2>
			<Contact contact={detail.contact} />
			<h2>Tracking</h2>
			<Shipment detail={detail} />
			<h2>Anything else?</h2>
			<ul class="links">
				{detail.returnable ? (
					<li>
						<a href={`/account/orders/${order.number}/return`}>Return items from this order</a>
					</li>
				) : null}
				<li>
					<a href="/account/consultations">Ask us about this order</a>
				</li>
				{reviewable.map(({ slug, name }) => (
					<li>
						<a href={`/account/reviews/new?product=${encodeURIComponent(slug)}`}>Review {name}</a>
					</li>
				))}
			</ul>
			<p>
				<a href="/account/orders">All your orders</a>
			</p>
		</AccountLayout>
	);
}
