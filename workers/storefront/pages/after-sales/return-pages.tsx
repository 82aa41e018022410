// The account's return pages: the form on a delivered order, the list of returns and one return
// with its refund. The description is opened by the vault for its owner only on the return's page.
import { colorLabel, formatPrice, sizeLabel } from "../../catalog/format";
import { RETURN_REASONS } from "../../db/schema";
import type { ReturnView, ReturnWithDetailsView } from "../../returns/return-schemas";
import { RETURN_WINDOW_DAYS } from "../../returns/return-window";
import type { ReturnableLine, ReturnableOrder } from "../../returns/returnable";
import { AccountLayout } from "../account/account-layout";
import { DataTable } from "../data-table";
import { describedBy, FieldMessages, TextAreaField } from "../form-parts";
import { type FormErrors, type FormValues, qtyField, RETURN_REASON_TEXT } from "./forms";
import { FormPage, formatDay, Notice, REJECTION_TEXT, RETURN_STATUS_TEXT } from "./parts";
import { AFTER_SALES_CSS } from "./styles";

const DAY_MS = 24 * 60 * 60_000;
const ORDERS_NAV = "/account/orders";
const RETURNS_NAV = "/account/returns";

export const orderPath = (number: string) => `/account/orders/${encodeURIComponent(number)}`;
export const returnFormPath = (number: string) => `${orderPath(number)}/return`;
export const returnPath = (number: string) => `/account/returns/${encodeURIComponent(number)}`;

const lineText = (line: { size: string; color: string }) =>
	`${sizeLabel(line.size)} · ${colorLabel(line.color)}`;

function WindowText({ order }: { order: ReturnableOrder }) {
	if (order.deliveredAt === null || order.windowClosesAt === null) {
		return (
			<p>This order has not been delivered yet. Returns open on delivery, for {RETURN_WINDOW_DAYS} days.</p>
		);
	}
	const lastDay = formatDay(order.windowClosesAt - DAY_MS);
	return order.windowOpen ? (
		<p>
			Delivered on {formatDay(order.deliveredAt)}. The {RETURN_WINDOW_DAYS}-day return window is{" "}
			<strong>open</strong> until the end of {lastDay} (UTC).
		</p>
	) : (
		<p>
			Delivered on {formatDay(order.deliveredAt)}. The {RETURN_WINDOW_DAYS}-day return window{" "}
			<strong>closed</strong> at the end of {lastDay} (UTC).
		</p>
	);
}

function QuantityCell({
	line,
	values,
	errors,
}: {
	line: ReturnableLine;
	values: FormValues;
	errors: FormErrors;
}) {
	const field = qtyField(line.variantId);
	const id = `f-${field}`;
	const error = errors.fields[field];
	if (line.left === 0) return <td>Already returned</td>;
	return (
		<td>
			<label for={id}>
				<span class="visually-hidden">{`How many of ${line.productName} to send back`}</span>
			</label>
			<FieldMessages id={id} hint={`Up to ${line.left}`} error={error} />
			<input
				id={id}
				name={field}
				type="number"
				inputmode="numeric"
				min={0}
				max={line.left}
				value={values[field] ?? "0"}
				aria-invalid={error ? "true" : undefined}
				aria-describedby={describedBy(id, true, Boolean(error))}
			/>
		</td>
	);
}

function ReturnForm({
	order,
	values,
	errors,
}: {
	order: ReturnableOrder;
	values: FormValues;
	errors: FormErrors;
}) {
	const linesError = errors.fields.lines;
	const reasonError = errors.fields.reason;
	const detailsError = errors.fields.details;
	return (
		<form method="post" action={returnFormPath(order.number)} class="as-form" novalidate>
			<fieldset
				id="f-lines"
				tabindex={-1}
				aria-describedby={describedBy("f-lines", false, Boolean(linesError))}
			>
				<legend>What are you sending back?</legend>
				<FieldMessages id="f-lines" error={linesError} />
				<DataTable
					caption={<>Items in order {order.number}</>}
					columns={["Item", { num: "Price" }, { num: "Bought" }, "To send back"]}
				>
					{order.lines.map((line) => (
						<tr data-variant-id={String(line.variantId)}>
							<td>
								{line.productName}
								<span class="hint">{lineText(line)}</span>
							</td>
							<td class="num">{formatPrice(line.unitPriceMinor, order.currency)}</td>
							<td class="num">{line.quantity}</td>
							<QuantityCell line={line} values={values} errors={errors} />
						</tr>
					))}
				</DataTable>
			</fieldset>
			<div class="field">
				<label for="f-reason">Why are you sending it back?</label>
				<FieldMessages id="f-reason" error={reasonError} />
				<select
					id="f-reason"
					name="reason"
					required
					aria-invalid={reasonError ? "true" : undefined}
					aria-describedby={describedBy("f-reason", false, Boolean(reasonError))}
				>
					<option value="">Choose a reason</option>
					{RETURN_REASONS.map((reason) => (
						<option value={reason} selected={values.reason === reason}>
							{RETURN_REASON_TEXT[reason]}
						</option>
					))}
				</select>
			</div>
			<TextAreaField
				id="f-details"
				name="details"
				label="What happened (optional)"
				hint="In your words, up to 2000 characters. Stored encrypted; only customer service reads it, to handle the return."
				value={values.details}
				error={detailsError}
				required={false}
				maxlength={2000}
			/>
			<button type="submit">Request the return</button>
		</form>
	);
}

export type ReturnFormPageProps = { order: ReturnableOrder; values?: FormValues; errors?: FormErrors };

export function ReturnFormPage({ order, values = {}, errors }: ReturnFormPageProps) {
	const nothingLeft = order.lines.every((line) => line.left === 0);
	return (
		<FormPage title="Return items" current={ORDERS_NAV} errors={errors}>
			<p>
				Order <a href={orderPath(order.number)}>{order.number}</a>
			</p>
			<WindowText order={order} />
			{order.returnInProgress ? (
				<Notice title="A return is already in progress">
					<p>
						One return per order at a time: see <a href="/account/returns">your returns</a>. Once it is
						closed, you can send back what is left.
					</p>
				</Notice>
			) : !order.windowOpen ? null : nothingLeft ? (
				<p>Everything in this order has been returned already.</p>
			) : (
				<ReturnForm order={order} values={values} errors={errors ?? { fields: {}, form: [] }} />
			)}
			<p>
				<a href="/account/consultations/new">Ask customer service</a> if something is not right.
			</p>
		</FormPage>
	);
}

function Refund({ view }: { view: ReturnView }) {
	if (view.status === "rejected") {
		return <>{view.rejection ? REJECTION_TEXT[view.rejection] : "Not refunded."}</>;
	}
	if (view.refundMinor === null)
		return <>Not decided yet: customer service sets the amount when they approve the return.</>;
	const approved = formatPrice(view.refundMinor, view.currency);
	const refunded = formatPrice(view.refundedMinor, view.currency);
	if (view.status === "refunded") return <>{`${refunded} refunded to your original payment method.`}</>;
	return <>{`${approved} approved, refunded when the items arrive. Refunded so far: ${refunded}.`}</>;
}

const NEXT_STEP: Record<ReturnView["status"], string> = {
	requested: "Customer service will look at your request and write to you.",
	approved: "Send the items back; we refund the approved amount when they arrive.",
	received: "The items have arrived; the refund follows.",
	refunded: "This return is complete.",
	rejected: "This return was not accepted. Customer service wrote to you with the reason.",
};

function StatusBadge({ status }: { status: ReturnView["status"] }) {
	return <span class="status">{RETURN_STATUS_TEXT[status]}</span>;
}

export function ReturnsListPage({ returns }: { returns: ReturnView[] }) {
	return (
		<AccountLayout title="Your returns" current={RETURNS_NAV} styles={AFTER_SALES_CSS}>
			<h1>Your returns</h1>
			{returns.length === 0 ? (
				<p>
					You have not sent anything back. To return items, open a delivered order in{" "}
					<a href="/account/orders">your orders</a>.
				</p>
			) : (
				<DataTable caption="Returns, newest first" columns={["Return", "Order", "Requested", "Status"]}>
					{returns.map((view) => (
						<tr data-return={view.number}>
							<td>
								<a href={returnPath(view.number)}>{view.number}</a>
							</td>
							<td>
								<a href={orderPath(view.orderNumber)}>{view.orderNumber}</a>
							</td>
							<td>{formatDay(view.requestedAt)}</td>
							<td>
								<StatusBadge status={view.status} />
							</td>
						</tr>
					))}
				</DataTable>
			)}
		</AccountLayout>
	);
}

export function ReturnPage({ view }: { view: ReturnWithDetailsView }) {
	return (
		<AccountLayout title={`Return ${view.number}`} current={RETURNS_NAV} styles={AFTER_SALES_CSS}>
			<h1>Return {view.number}</h1>
			<dl class="specs">
				<dt>Status</dt>
				<dd>
					<StatusBadge status={view.status} />
				</dd>
				<dt>Order</dt>
				<dd>
					<a href={orderPath(view.orderNumber)}>{view.orderNumber}</a>
				</dd>
				<dt>Reason</dt>
				<dd>{RETURN_REASON_TEXT[view.reason]}</dd>
				<dt>Requested</dt>
				<dd>{formatDay(view.requestedAt)}</dd>
				{view.approvedAt ? (
					<>
						<dt>Approved</dt>
						<dd>{formatDay(view.approvedAt)}</dd>
					</>
				) : null}
				{view.receivedAt ? (
					<>
						<dt>Received</dt>
						<dd>{formatDay(view.receivedAt)}</dd>
					</>
				) : null}
				{view.closedAt ? (
					<>
						<dt>Closed</dt>
						<dd>{formatDay(view.closedAt)}</dd>
					</>
				) : null}
				<dt>Refund</dt>
				<dd>
					<Refund view={view} />
				</dd>
			</dl>
			<p>{NEXT_STEP[view.status]}</p>
			<DataTable
				caption="Items in this return"
				columns={["Item", { num: "Quantity" }, { num: "Price each" }]}
			>
				{view.lines.map((line) => (
					<tr>
						<td>
							{line.productName}
							<span class="hint">{lineText(line)}</span>
						</td>
						<td class="num">{line.quantity}</td>
						<td class="num">{formatPrice(line.unitPriceMinor, view.currency)}</td>
					</tr>
				))}
			</DataTable>
			<h2>What you told us</h2>
			{view.details ? <p class="pre">{view.details}</p> : <p class="muted">No description.</p>}
			<p>
				<a href="/account/returns">All your returns</a> ·{" "}
				<a href={`/account/consultations/new?order=${encodeURIComponent(view.orderNumber)}`}>
					Ask customer service about it
				</a>
			</p>
		</AccountLayout>
	);
}
