// Guest order tracking: a form for the order number and the email given at checkout, and the
// order it proves (status, lines, parcel). Personal by nature: never cached, never indexed.
import type { OrderRow } from "../../db/orders";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/translate";
import type { OrderSummary } from "../../orders/order-view";
import { colourName } from "../cart-page";
import { ErrorSummary, FieldError, type FormErrors } from "../form-parts";
import { Layout, type NavCategory } from "../layout";
import { AddedTaxRows, includedTaxText, OrderStatusLine } from "../order-status-page";
import { SHOP_CSS } from "./styles";

export const TRACK_FIELDS = ["orderNumber", "email"] as const;
export type TrackField = (typeof TRACK_FIELDS)[number];
export type TrackErrors = FormErrors<TrackField>;
export type TrackValues = Partial<Record<TrackField, string>>;

const LABELS: Record<TrackField, MessageKey> = { orderNumber: "track.orderNumber", email: "checkout.email" };
const fieldId = (field: TrackField) => `f-${field}`;

function TrackField({
	field,
	values,
	errors,
	hint,
}: {
	field: TrackField;
	values: TrackValues;
	errors?: TrackErrors;
	hint: string;
}) {
	const l = useLocale();
	const id = fieldId(field);
	const error = errors?.fields[field];
	return (
		<div class="field">
			<label for={id}>{l.t(LABELS[field])}</label>
			<span class="hint" id={`${id}-hint`}>
				{hint}
			</span>
			<FieldError id={id} message={error} />
			<input
				id={id}
				name={field}
				type={field === "email" ? "email" : "text"}
				required
				maxlength={field === "email" ? 254 : 40}
				autocomplete={field === "email" ? "email" : "off"}
				value={values[field] ?? ""}
				aria-invalid={error ? "true" : undefined}
				aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
			/>
		</div>
	);
}

/** The form; the same page whether or not a number exists, so it tells nobody which ones do. */
export function TrackOrderPage({
	categories,
	values = {},
	errors,
}: {
	categories: NavCategory[];
	values?: TrackValues;
	errors?: TrackErrors;
}) {
	const l = useLocale();
	return (
		<Layout title={l.t("track.title")} categories={categories} styles={SHOP_CSS} noindex>
			<h1>{l.t("track.title")}</h1>
			<p class="lead">{l.t("track.lead")}</p>
			<ErrorSummary errors={errors} order={TRACK_FIELDS} idOf={fieldId} />
			<form class="track" method="post" action="/orders/track">
				<TrackField field="orderNumber" values={values} errors={errors} hint={l.t("track.orderNumberHint")} />
				<TrackField field="email" values={values} errors={errors} hint={l.t("track.emailHint")} />
				<button type="submit">{l.t("track.submit")}</button>
			</form>
			<p>
				{l.t("track.haveAccount")} <a href="/account">{l.t("track.yourOrders")}</a>
			</p>
		</Layout>
	);
}

/** What the tracking page shows of an order: its summary and where the parcel is. Nothing personal. */
export type TrackedOrder = OrderSummary &
	Pick<OrderRow, "carrier" | "trackingNumber" | "shippedAt" | "deliveredAt">;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A day as the shopper's locale writes it, machine-readable in datetime. */
function Day({ at }: { at: number }) {
	const l = useLocale();
	return <time datetime={day(at)}>{l.date(at)}</time>;
}

export function TrackedOrderPage({ categories, order }: { categories: NavCategory[]; order: TrackedOrder }) {
	const l = useLocale();
	const money = (minor: number) => l.money(minor, order.currency);
	const title = l.t("track.orderTitle", { number: order.number });
	return (
		<Layout title={title} categories={categories} styles={SHOP_CSS} noindex>
			<h1>{title}</h1>
			<p class="status">
				<OrderStatusLine status={order.status} />
			</p>
			<dl class="specs">
				<dt>{l.t("track.placed")}</dt>
				<dd>
					<Day at={Date.parse(order.placedAt)} />
				</dd>
				<dt>{l.t("checkout.shipping")}</dt>
				<dd>{l.t(order.shippingMethod === "express" ? "shipping.express" : "shipping.standard")}</dd>
				{order.shippedAt ? (
					<>
						<dt>{l.t("track.shipped")}</dt>
						<dd>
							<Day at={order.shippedAt} />
						</dd>
					</>
				) : null}
				{order.deliveredAt ? (
					<>
						<dt>{l.t("track.delivered")}</dt>
						<dd>
							<Day at={order.deliveredAt} />
						</dd>
					</>
				) : null}
				<dt>{l.t("track.parcel")}</dt>
				<dd data-tracking="">
					{order.trackingNumber
						? l.t("track.trackingNumber", {
								carrier: order.carrier ?? l.t("track.carrier"),
								number: order.trackingNumber,
							})
						: l.t("track.notShipped")}
				</dd>
			</dl>
			<table class="lines">
				<caption>{l.t("track.caption")}</caption>
				<thead>
					<tr>
						<th scope="col">{l.t("track.rug")}</th>
						<th scope="col">{l.t("product.sizeAndColour")}</th>
						<th scope="col" class="num">
							{l.t("cart.quantity")}
						</th>
						<th scope="col" class="num">
							{l.t("cart.price")}
						</th>
					</tr>
				</thead>
				<tbody>
					{order.lines.map((line) => (
						<tr>
							<th scope="row">{line.productName}</th>
							<td>{`${l.size(line.size)}, ${colourName(l, line.color)}`}</td>
							<td class="num">{l.number(line.quantity)}</td>
							<td class="num">{money(line.lineTotalMinor)}</td>
						</tr>
					))}
				</tbody>
				<tfoot>
					<tr>
						<th scope="row" colspan={3}>
							{l.t("checkout.shipping")}
						</th>
						<td class="num">{money(order.shippingMinor)}</td>
					</tr>
					<AddedTaxRows order={order} colspan={3} />
					<tr>
						<th scope="row" colspan={3}>
							{l.t("cart.total")}
						</th>
						<td class="num" data-total="">
							{money(order.totalMinor)}
						</td>
					</tr>
					{order.taxIncluded
						? order.taxLines.map((line) => (
								<tr data-tax-included="">
									<td colspan={4} class="hint">
										{includedTaxText(l, line, order.currency)}
									</td>
								</tr>
							))
						: null}
				</tfoot>
			</table>
			<p>
				<a href="/orders/track">{l.t("track.another")}</a>
			</p>
		</Layout>
	);
}
