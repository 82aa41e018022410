// Guest order tracking: a form for the order number and the email given at checkout, and the
// order it proves (status, lines, parcel). Personal by nature: never cached, never indexed.
import { colorLabel, formatPrice, sizeLabel } from "../../catalog/format";
import type { OrderRow } from "../../db/orders";
import type { OrderSummary } from "../../orders/order-view";
import { ErrorSummary, FieldError, type FormErrors } from "../form-parts";
import { Layout, type NavCategory } from "../layout";
import { STATUS_TEXT } from "../order-status-page";
import { SHOP_CSS } from "./styles";

export const TRACK_FIELDS = ["orderNumber", "email"] as const;
export type TrackField = (typeof TRACK_FIELDS)[number];
export type TrackErrors = FormErrors<TrackField>;
export type TrackValues = Partial<Record<TrackField, string>>;

const LABELS: Record<TrackField, string> = { orderNumber: "Order number", email: "Email address" };
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
	const id = fieldId(field);
	const error = errors?.fields[field];
	return (
		<div class="field">
			<label for={id}>{LABELS[field]}</label>
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
	return (
		<Layout title="Track an order" categories={categories} styles={SHOP_CSS} noindex>
			<h1>Track an order</h1>
			<p class="lead">
				Enter your order number and the email address you gave at checkout to see where your order is.
			</p>
			<ErrorSummary errors={errors} order={TRACK_FIELDS} idOf={fieldId} />
			<form class="track" method="post" action="/orders/track">
				<TrackField
					field="orderNumber"
					values={values}
					errors={errors}
					hint="It is in your confirmation email, like LW-7K2M-9QXA-4TPB."
				/>
				<TrackField field="email" values={values} errors={errors} hint="The one your confirmation went to." />
				<button type="submit">Track order</button>
			</form>
			<p>
				Have an account? <a href="/account">Your orders</a> are listed there.
			</p>
		</Layout>
	);
}

/** What the tracking page shows of an order: its summary and where the parcel is. Nothing personal. */
export type TrackedOrder = OrderSummary &
	Pick<OrderRow, "carrier" | "trackingNumber" | "shippedAt" | "deliveredAt">;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function TrackedOrderPage({ categories, order }: { categories: NavCategory[]; order: TrackedOrder }) {
	return (
		<Layout title={`Order ${order.number}`} categories={categories} styles={SHOP_CSS} noindex>
			<h1>{`Order ${order.number}`}</h1>
			<p class="status">
				Status: <strong data-status={order.status}>{order.status}</strong>. {STATUS_TEXT[order.status]}
			</p>
			<dl class="specs">
				<dt>Placed</dt>
				<dd>
					<time datetime={order.placedAt}>{order.placedAt.slice(0, 10)}</time>
				</dd>
				<dt>Shipping</dt>
				<dd>{order.shippingMethod === "express" ? "Express" : "Standard"}</dd>
				{order.shippedAt ? (
					<>
						<dt>Shipped</dt>
						<dd>
							<time datetime={day(order.shippedAt)}>{day(order.shippedAt)}</time>
						</dd>
					</>
				) : null}
				{order.deliveredAt ? (
					<>
						<dt>Delivered</dt>
						<dd>
							<time datetime={day(order.deliveredAt)}>{day(order.deliveredAt)}</time>
						</dd>
					</>
				) : null}
				<dt>Parcel</dt>
				<dd data-tracking="">
					{order.trackingNumber
						? `${order.carrier ?? "Carrier"}, tracking number ${order.trackingNumber}`
						: "Not shipped yet: the tracking number appears here once it is."}
				</dd>
			</dl>
			<table class="lines">
				<caption>What you ordered</caption>
				<thead>
					<tr>
						<th scope="col">Rug</th>
						<th scope="col">Size and colour</th>
						<th scope="col" class="num">
							Quantity
						</th>
						<th scope="col" class="num">
							Price
						</th>
					</tr>
				</thead>
				<tbody>
					{order.lines.map((line) => (
						<tr>
							<th scope="row">{line.productName}</th>
							<td>{`${sizeLabel(line.size)}, ${colorLabel(line.color)}`}</td>
							<td class="num">{String(line.quantity)}</td>
							<td class="num">{formatPrice(line.lineTotalMinor, order.currency)}</td>
						</tr>
					))}
				</tbody>
				<tfoot>
					<tr>
						<th scope="row" colspan={3}>
							Shipping
						</th>
						<td class="num">{formatPrice(order.shippingMinor, order.currency)}</td>
					</tr>
					<tr>
						<th scope="row" colspan={3}>
							Total
						</th>
						<td class="num">{formatPrice(order.totalMinor, order.currency)}</td>
					</tr>
				</tfoot>
			</table>
			<p>
				<a href="/orders/track">Track another order</a>
			</p>
		</Layout>
	);
}
