// The customer's order history and one order's page: lines, totals with their taxes, where it
// goes, the parcel's carrier and tracking number once shipped, and what can be done next (return,
// ask, review). Every amount is in the order's own currency, whatever market the shopper is in now.
import type { MyOrderDetail } from "../../accounts/order-detail";
import { translatedColorLabel } from "../../catalog/format";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/translate";
import type { OrderSummary } from "../../orders/order-view";
import { DataTable } from "../data-table";
import { AddedTaxRows, includedTaxText } from "../order-status-page";
import { AccountLayout } from "./account-layout";
import { AddressBlock } from "./address-block";
import { LinkedText } from "./form-parts";
import { ACCOUNT_PAGES_CSS } from "./styles";

export const STATUS_LABEL: Record<OrderSummary["status"], MessageKey> = {
	placed: "account.status.placed",
	paid: "account.status.paid",
	packed: "account.status.packed",
	shipped: "account.status.shipped",
	delivered: "account.status.delivered",
	cancelled: "account.status.cancelled",
};

export function DateText({ iso }: { iso: string }) {
	const l = useLocale();
	return <time datetime={iso}>{l.date(Date.parse(iso))}</time>;
}

/** A table of orders: number (linking to its page), date, status, total in the order's currency. */
export function OrdersTable({ orders, caption }: { orders: OrderSummary[]; caption: string }) {
	const l = useLocale();
	const { t } = l;
	const columns = [
		t("account.orders.order"),
		t("account.orders.placed"),
		t("account.orders.status"),
		{ num: t("account.orders.total") },
	];
	return (
		<DataTable caption={caption} columns={columns}>
			{orders.map((order) => (
				<tr data-order={order.number}>
					<th scope="row">
						<a href={`/account/orders/${order.number}`}>{order.number}</a>
					</th>
					<td>
						<DateText iso={order.placedAt} />
					</td>
					<td data-status={order.status}>{t(STATUS_LABEL[order.status])}</td>
					<td class="num">{l.money(order.totalMinor, order.currency)}</td>
				</tr>
			))}
		</DataTable>
	);
}

export function OrdersPage({ orders }: { orders: OrderSummary[] }) {
	const l = useLocale();
	const { t } = l;
	const title = t("account.orders.title");
	return (
		<AccountLayout title={title} current="/account/orders" styles={ACCOUNT_PAGES_CSS}>
			<h1>{title}</h1>
			{orders.length === 0 ? (
				<p>
					<LinkedText text={t("account.orders.none")} href={l.href("/")} label={t("account.browseRugs")} />
				</p>
			) : (
				<OrdersTable orders={orders} caption={t("account.orders.caption")} />
			)}
			<p class="muted">
				<LinkedText
					text={t("account.orders.guest")}
					href="/orders/track"
					label={t("account.orders.trackLink")}
				/>
			</p>
		</AccountLayout>
	);
}

function Shipment({ detail }: { detail: MyOrderDetail }) {
	const { t } = useLocale();
	const { order, shipment, deliveredAt } = detail;
	if (order.status === "cancelled") return <p>{t("account.order.cancelled")}</p>;
	if (!shipment) return <p>{t("account.order.notShipped")}</p>;
	return (
		<dl class="facts">
			<dt>{t("account.order.carrier")}</dt>
			<dd>{shipment.carrier}</dd>
			<dt>{t("account.order.trackingNumber")}</dt>
			<dd>
				<code>{shipment.trackingNumber}</code>
			</dd>
			{shipment.shippedAt ? (
				<>
					<dt>{t("account.order.shippedOn")}</dt>
					<dd>
						<DateText iso={shipment.shippedAt} />
					</dd>
				</>
			) : null}
			{deliveredAt ? (
				<>
					<dt>{t("account.order.deliveredOn")}</dt>
					<dd>
						<DateText iso={deliveredAt} />
					</dd>
				</>
			) : null}
		</dl>
	);
}

function Contact({ contact }: { contact: MyOrderDetail["contact"] }) {
	const { t } = useLocale();
	if (!contact) return <p>{t("account.order.contactGone")}</p>;
	return (
		<AddressBlock name={contact.name} address={contact.address} after={[contact.phone, contact.email]} />
	);
}

/**
 * The footer's rows, in the words of the order status pages: an added tax (US sales tax, Canadian
 * GST/PST) is a line before the total; an included one (VAT, GST, 消費税) is already in the
 * prices, so it is told under the total.
 */
function Totals({ order }: { order: OrderSummary }) {
	const l = useLocale();
	const { t } = l;
	const money = (minor: number) => l.money(minor, order.currency);
	return (
		<>
			<tr>
				<th scope="row" colspan={2}>
					{t("account.order.subtotal")}
				</th>
				<td class="num">{money(order.subtotalMinor)}</td>
			</tr>
			<tr>
				<th scope="row" colspan={2}>
					{t("account.order.shipping", { method: t(`shipping.${order.shippingMethod}`) })}
				</th>
				<td class="num">{money(order.shippingMinor)}</td>
			</tr>
			<AddedTaxRows order={order} colspan={2} />
			<tr>
				<th scope="row" colspan={2}>
					{t("account.order.total")}
				</th>
				<td class="num">
					<strong>{money(order.totalMinor)}</strong>
				</td>
			</tr>
			{order.taxIncluded
				? order.taxLines.map((line) => (
						<tr data-tax-included="">
							<td colspan={3} class="hint">
								{includedTaxText(l, line, order.currency)}
							</td>
						</tr>
					))
				: null}
		</>
	);
}

/** One review link per product, however many of its sizes or colours were bought. */
function reviewableProducts(detail: MyOrderDetail) {
	const { order } = detail;
	if (order.status !== "delivered") return [];
	const bySlug = new Map(
		order.lines.flatMap((line) => {
			const slug = detail.productSlugs[line.variantId];
			return slug ? [[slug, { slug, name: line.productName }] as const] : [];
		}),
	);
	return [...bySlug.values()];
}

export function OrderDetailPage({ detail }: { detail: MyOrderDetail }) {
	const l = useLocale();
	const { t } = l;
	const { order } = detail;
	const title = t("account.order.title", { number: order.number });
	return (
		<AccountLayout title={title} current="/account/orders" styles={ACCOUNT_PAGES_CSS}>
			<h1>{title}</h1>
			<dl class="facts">
				<dt>{t("account.orders.placed")}</dt>
				<dd>
					<DateText iso={order.placedAt} />
				</dd>
				<dt>{t("account.orders.status")}</dt>
				<dd data-status={order.status}>{t(STATUS_LABEL[order.status])}</dd>
			</dl>
			<DataTable
				caption={t("account.order.caption")}
				columns={[
					t("account.order.rug"),
					{ num: t("account.order.quantity") },
					{ num: t("account.order.price") },
				]}
				foot={<Totals order={order} />}
			>
				{order.lines.map((line) => {
					const slug = detail.productSlugs[line.variantId];
					return (
						<tr>
							<th scope="row">
								{slug ? <a href={l.href(`/p/${slug}`)}>{line.productName}</a> : line.productName}
								<span class="hint">{`${l.size(line.size)} · ${translatedColorLabel(line.color, t)}`}</span>
							</th>
							<td class="num">{l.number(line.quantity)}</td>
							<td class="num">{l.money(line.lineTotalMinor, order.currency)}</td>
						</tr>
					);
				})}
			</DataTable>
			<h2>{t("account.order.delivery")}</h2>
			<Contact contact={detail.contact} />
			<h2>{t("account.order.tracking")}</h2>
			<Shipment detail={detail} />
			<h2>{t("account.order.next")}</h2>
			<ul class="links">
				{detail.returnable ? (
					<li>
						<a href={`/account/orders/${order.number}/return`}>{t("account.order.returnItems")}</a>
					</li>
				) : null}
				<li>
					<a href="/account/consultations">{t("account.order.ask")}</a>
				</li>
				{reviewableProducts(detail).map(({ slug, name }) => (
					<li>
						<a href={`/account/reviews/new?product=${encodeURIComponent(slug)}`}>
							{t("account.order.review", { name })}
						</a>
					</li>
				))}
			</ul>
			<p>
				<a href="/account/orders">{t("account.orders.all")}</a>
			</p>
		</AccountLayout>
	);
}
