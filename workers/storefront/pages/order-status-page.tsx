// After the hosted payment page: the order's number, totals and status, nothing personal. The
// webhook may land a moment after the redirect, so `placed` reads as "confirming". Also the
// totals with their tax lines, as every order page of the shop writes them.
import type { OrderRow } from "../db/orders";
import { formatPercent } from "../i18n/formats";
import { type PageLocale, useLocale } from "../i18n/locale-context";
import type { MessageKey } from "../i18n/translate";
import type { TaxLine } from "../markets/taxes";
import { CommerceLayout } from "./commerce-layout";

export const STATUS_TEXT: Record<OrderRow["status"], MessageKey> = {
	placed: "order.statusText.placed",
	paid: "order.statusText.paid",
	packed: "order.statusText.packed",
	shipped: "order.statusText.shipped",
	delivered: "order.statusText.delivered",
	cancelled: "order.statusText.cancelled",
};

const STATUS_NAME: Record<OrderRow["status"], MessageKey> = {
	placed: "order.status.placed",
	paid: "order.status.paid",
	packed: "order.status.packed",
	shipped: "order.status.shipped",
	delivered: "order.status.delivered",
	cancelled: "order.status.cancelled",
};

/** "Status: paid. Payment received…", the status word kept machine-readable in data-status. */
export function OrderStatusLine({ status }: { status: OrderRow["status"] }) {
	const l = useLocale();
	return (
		<>
			{l.t("order.statusLabel")} <strong data-status={status}>{l.t(STATUS_NAME[status])}</strong>.{" "}
			{l.t(STATUS_TEXT[status])}
		</>
	);
}

/** What an order's totals are drawn from: a row or the summary the API answers. */
export type OrderTotalsSource = Pick<
	OrderRow,
	"currency" | "subtotalMinor" | "shippingMinor" | "taxIncluded" | "taxLines" | "totalMinor"
>;

/** A tax rate in parts per 100,000 as the locale writes a percentage: 7.25% in en, 7,25 % in fr. */
export function formatRate(rateE5: number, tag: string): string {
	return formatPercent(rateE5 / 100_000, tag);
}

/** The tax's own name (TVA, MwSt., GST, 消費税), except the US one, which is a phrase to translate. */
export function taxName(l: PageLocale, name: string): string {
	return name === "Sales tax" ? l.t("order.salesTax") : name;
}

/** "Sales tax 7.25%": the label of a tax line added to the total. */
export function addedTaxLabel(l: PageLocale, line: Pick<TaxLine, "name" | "rateE5">): string {
	return `${taxName(l, line.name)} ${formatRate(line.rateE5, l.tag)}`;
}

/** "Including TVA 20 %: 26,49 €": a tax line already inside the total. */
export function includedTaxText(l: PageLocale, line: TaxLine, currency: string): string {
	return l.t("order.taxIncluded", {
		tax: taxName(l, line.name),
		rate: formatRate(line.rateE5, l.tag),
		amount: l.money(line.amountMinor, currency),
	});
}

/** The tax lines added on top of the prices (US, CA) as rows of an order's table, before its total. */
export function AddedTaxRows({ order, colspan }: { order: OrderTotalsSource; colspan: number }) {
	const l = useLocale();
	if (order.taxIncluded) return null;
	return (
		<>
			{order.taxLines.map((line) => (
				<tr data-tax-line="">
					<th scope="row" colspan={colspan}>
						{addedTaxLabel(l, line)}
					</th>
					<td class="num">{l.money(line.amountMinor, order.currency)}</td>
				</tr>
			))}
		</>
	);
}

/**
 * Subtotal, shipping, any added tax, the total, then any tax the total includes: the same rows on
 * the checkout summary, the status and tracking pages. `subtotal: false` leaves the goods out where
 * the lines above already list them.
 */
export function OrderTotals({ order, subtotal = true }: { order: OrderTotalsSource; subtotal?: boolean }) {
	const l = useLocale();
	const money = (minor: number) => l.money(minor, order.currency);
	return (
		<>
			<dl class="totals">
				{subtotal ? (
					<>
						<dt>{l.t("cart.subtotal")}</dt>
						<dd>{money(order.subtotalMinor)}</dd>
					</>
				) : null}
				<dt>{l.t("checkout.shipping")}</dt>
				<dd>{money(order.shippingMinor)}</dd>
				{order.taxIncluded
					? null
					: order.taxLines.map((line) => (
							<>
								<dt data-tax-line="">{addedTaxLabel(l, line)}</dt>
								<dd>{money(line.amountMinor)}</dd>
							</>
						))}
				<dt>{l.t("cart.total")}</dt>
				<dd data-total="">
					<strong>{money(order.totalMinor)}</strong>
				</dd>
			</dl>
			{order.taxIncluded
				? order.taxLines.map((line) => (
						<p class="hint" data-tax-included="">
							{includedTaxText(l, line, order.currency)}
						</p>
					))
				: null}
		</>
	);
}

const TITLES = {
	thanks: "order.thanksTitle",
	cancelled: "order.cancelledTitle",
	status: "order.statusTitle",
} as const satisfies Record<string, MessageKey>;

/** What the page shows of an order: a row, or the summary guest lookup answers. */
type ShownOrder = Pick<OrderRow, "number" | "status"> & OrderTotalsSource;

export function OrderStatusPage({ order, returned }: { order: ShownOrder; returned: keyof typeof TITLES }) {
	const l = useLocale();
	const title = l.t(TITLES[returned]);
	return (
		<CommerceLayout title={title}>
			<h1>{title}</h1>
			<p>
				{l.t("order.orderLabel")} <strong>{order.number}</strong>
			</p>
			<OrderTotals order={order} />
			<p>
				<OrderStatusLine status={order.status} />
			</p>
			{returned === "cancelled" && order.status === "placed" ? <p>{l.t("order.stillReserved")}</p> : null}
			<p>{l.t("order.keepNumber")}</p>
		</CommerceLayout>
	);
}

/** For a browser that has not shown it placed the order: the same page whatever the number. */
export function OrderLookupPage({ number, error }: { number?: string; error?: string }) {
	const l = useLocale();
	return (
		<CommerceLayout title={l.t("order.findTitle")}>
			<h1>{l.t("order.findTitle")}</h1>
			<p>{l.t("order.findLead")}</p>
			{error ? (
				<p role="alert" class="form-error">
					{error}
				</p>
			) : null}
			{/* The tracking page's form: it answers with the order's lines and parcel, not only its status. */}
			<form method="post" action="/orders/track">
				<p>
					<label for="f-orderNumber">{l.t("track.orderNumber")}</label>
					<input id="f-orderNumber" name="orderNumber" required maxlength={40} value={number ?? ""} />
				</p>
				<p>
					<label for="f-email">{l.t("checkout.email")}</label>
					<input id="f-email" name="email" type="email" required maxlength={254} autocomplete="email" />
				</p>
				<button type="submit">{l.t("order.findButton")}</button>
			</form>
		</CommerceLayout>
	);
}
