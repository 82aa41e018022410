// The account's return pages: the form on a delivered order, the list of returns and one return
// with its refund. The description is opened by the vault for its owner only on the return's page.
// Words in the shopper's language; money in the order's own currency, whatever the market now.
import { translatedColorLabel } from "../../catalog/format";
import { RETURN_REASONS } from "../../db/schema";
import { type PageLocale, useLocale } from "../../i18n/locale-context";
import type { ReturnView, ReturnWithDetailsView } from "../../returns/return-schemas";
import { RETURN_WINDOW_DAYS } from "../../returns/return-window";
import type { ReturnableLine, ReturnableOrder } from "../../returns/returnable";
import { AccountLayout } from "../account/account-layout";
import { DataTable } from "../data-table";
import { describedBy, FieldMessages, TextAreaField } from "../form-parts";
import { type FormErrors, type FormValues, qtyField } from "./forms";
import { dayIn, FormPage, Notice } from "./parts";
import { rich } from "./rich-text";
import { AFTER_SALES_CSS } from "./styles";

const DAY_MS = 24 * 60 * 60_000;
const ORDERS_NAV = "/account/orders";
const RETURNS_NAV = "/account/returns";
const MAX_DETAILS = 2000;

export const orderPath = (number: string) => `/account/orders/${encodeURIComponent(number)}`;
export const returnFormPath = (number: string) => `${orderPath(number)}/return`;
export const returnPath = (number: string) => `/account/returns/${encodeURIComponent(number)}`;

const lineText = (l: PageLocale, line: { size: string; color: string }) =>
	`${l.size(line.size)} · ${translatedColorLabel(line.color, l.t)}`;

function WindowText({ order }: { order: ReturnableOrder }) {
	const l = useLocale();
	const days = l.number(RETURN_WINDOW_DAYS);
	if (order.deliveredAt === null || order.windowClosesAt === null) {
		return <p>{l.t("after.window.notDelivered", { days })}</p>;
	}
	const date = dayIn(l, order.deliveredAt);
	const lastDay = dayIn(l, order.windowClosesAt - DAY_MS);
	return order.windowOpen ? (
		<p>
			{rich(l.t("after.window.open"), {
				date,
				days,
				lastDay,
				open: <strong>{l.t("after.window.openWord")}</strong>,
			})}
		</p>
	) : (
		<p>
			{rich(l.t("after.window.closed"), {
				date,
				days,
				lastDay,
				closed: <strong>{l.t("after.window.closedWord")}</strong>,
			})}
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
	const l = useLocale();
	const field = qtyField(line.variantId);
	const id = `f-${field}`;
	const error = errors.fields[field];
	if (line.left === 0) return <td>{l.t("after.form.alreadyReturned")}</td>;
	return (
		<td>
			<label for={id}>
				<span class="visually-hidden">{l.t("after.form.howMany", { product: line.productName })}</span>
			</label>
			<FieldMessages id={id} hint={l.t("after.form.upTo", { count: l.number(line.left) })} error={error} />
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
	const l = useLocale();
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
				<legend>{l.t("after.form.whatBack")}</legend>
				<FieldMessages id="f-lines" error={linesError} />
				<DataTable
					caption={l.t("after.form.itemsCaption", { number: order.number })}
					columns={[
						l.t("after.col.item"),
						{ num: l.t("after.col.price") },
						{ num: l.t("after.col.bought") },
						l.t("after.col.toSendBack"),
					]}
				>
					{order.lines.map((line) => (
						<tr data-variant-id={String(line.variantId)}>
							<td>
								{line.productName}
								<span class="hint">{lineText(l, line)}</span>
							</td>
							<td class="num">{l.money(line.unitPriceMinor, order.currency)}</td>
							<td class="num">{l.number(line.quantity)}</td>
							<QuantityCell line={line} values={values} errors={errors} />
						</tr>
					))}
				</DataTable>
			</fieldset>
			<div class="field">
				<label for="f-reason">{l.t("after.form.why")}</label>
				<FieldMessages id="f-reason" error={reasonError} />
				<select
					id="f-reason"
					name="reason"
					required
					aria-invalid={reasonError ? "true" : undefined}
					aria-describedby={describedBy("f-reason", false, Boolean(reasonError))}
				>
					<option value="">{l.t("after.form.chooseReason")}</option>
					{RETURN_REASONS.map((reason) => (
						<option value={reason} selected={values.reason === reason}>
							{l.t(`after.reason.${reason}`)}
						</option>
					))}
				</select>
			</div>
			<TextAreaField
				id="f-details"
				name="details"
				label={l.t("after.form.details")}
				hint={l.t("after.form.detailsHint", { max: MAX_DETAILS })}
				value={values.details}
				error={detailsError}
				required={false}
				maxlength={MAX_DETAILS}
			/>
			<button type="submit">{l.t("after.form.submitReturn")}</button>
		</form>
	);
}

export type ReturnFormPageProps = { order: ReturnableOrder; values?: FormValues; errors?: FormErrors };

export function ReturnFormPage({ order, values = {}, errors }: ReturnFormPageProps) {
	const l = useLocale();
	const nothingLeft = order.lines.every((line) => line.left === 0);
	return (
		<FormPage title={l.t("after.form.title")} current={ORDERS_NAV} errors={errors}>
			<p>{rich(l.t("after.form.order"), { number: <a href={orderPath(order.number)}>{order.number}</a> })}</p>
			<WindowText order={order} />
			{order.returnInProgress ? (
				<Notice title={l.t("after.form.inProgress")}>
					<p>
						{rich(l.t("after.form.inProgressText"), {
							link: <a href="/account/returns">{l.t("after.form.inProgressLink")}</a>,
						})}
					</p>
				</Notice>
			) : !order.windowOpen ? null : nothingLeft ? (
				<p>{l.t("after.form.allReturned")}</p>
			) : (
				<ReturnForm order={order} values={values} errors={errors ?? { fields: {}, form: [] }} />
			)}
			<p>
				{rich(l.t("after.form.askIfWrong"), {
					link: <a href="/account/consultations/new">{l.t("after.form.askLink")}</a>,
				})}
			</p>
		</FormPage>
	);
}

function Refund({ view }: { view: ReturnView }) {
	const l = useLocale();
	if (view.status === "rejected") {
		return <>{view.rejection ? l.t(`after.rejection.${view.rejection}`) : l.t("after.refund.none")}</>;
	}
	if (view.refundMinor === null) return <>{l.t("after.refund.undecided")}</>;
	// A refund is paid in the order's currency, whatever market the shopper now browses.
	const approved = l.money(view.refundMinor, view.currency);
	const refunded = l.money(view.refundedMinor, view.currency);
	if (view.status === "refunded") return <>{l.t("after.refund.done", { refunded })}</>;
	return <>{l.t("after.refund.approved", { approved, refunded })}</>;
}

function StatusBadge({ status }: { status: ReturnView["status"] }) {
	const l = useLocale();
	return <span class="status">{l.t(`after.returnStatus.${status}`)}</span>;
}

export function ReturnsListPage({ returns }: { returns: ReturnView[] }) {
	const l = useLocale();
	const title = l.t("after.returns.title");
	return (
		<AccountLayout title={title} current={RETURNS_NAV} styles={AFTER_SALES_CSS}>
			<h1>{title}</h1>
			{returns.length === 0 ? (
				<p>
					{rich(l.t("after.returns.none"), {
						link: <a href="/account/orders">{l.t("after.yourOrdersLink")}</a>,
					})}
				</p>
			) : (
				<DataTable
					caption={l.t("after.returns.caption")}
					columns={[
						l.t("after.col.return"),
						l.t("after.col.order"),
						l.t("after.col.requested"),
						l.t("after.col.status"),
					]}
				>
					{returns.map((view) => (
						<tr data-return={view.number}>
							<td>
								<a href={returnPath(view.number)}>{view.number}</a>
							</td>
							<td>
								<a href={orderPath(view.orderNumber)}>{view.orderNumber}</a>
							</td>
							<td>{dayIn(l, view.requestedAt)}</td>
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

/** A term and its value in the return's facts, when there is a value. */
function Fact({ term, at }: { term: string; at: string | null }) {
	const l = useLocale();
	if (!at) return null;
	return (
		<>
			<dt>{term}</dt>
			<dd>{dayIn(l, at)}</dd>
		</>
	);
}

export function ReturnPage({ view }: { view: ReturnWithDetailsView }) {
	const l = useLocale();
	const title = l.t("after.return.title", { number: view.number });
	return (
		<AccountLayout title={title} current={RETURNS_NAV} styles={AFTER_SALES_CSS}>
			<h1>{title}</h1>
			<dl class="specs">
				<dt>{l.t("after.col.status")}</dt>
				<dd>
					<StatusBadge status={view.status} />
				</dd>
				<dt>{l.t("after.col.order")}</dt>
				<dd>
					<a href={orderPath(view.orderNumber)}>{view.orderNumber}</a>
				</dd>
				<dt>{l.t("after.return.reason")}</dt>
				<dd>{l.t(`after.reason.${view.reason}`)}</dd>
				<Fact term={l.t("after.col.requested")} at={view.requestedAt} />
				<Fact term={l.t("after.return.approved")} at={view.approvedAt} />
				<Fact term={l.t("after.return.received")} at={view.receivedAt} />
				<Fact term={l.t("after.return.closed")} at={view.closedAt} />
				<dt>{l.t("after.return.refund")}</dt>
				<dd>
					<Refund view={view} />
				</dd>
			</dl>
			<p>{l.t(`after.next.${view.status}`)}</p>
			<DataTable
				caption={l.t("after.return.itemsCaption")}
				columns={[
					l.t("after.col.item"),
					{ num: l.t("after.col.quantity") },
					{ num: l.t("after.col.priceEach") },
				]}
			>
				{view.lines.map((line) => (
					<tr>
						<td>
							{line.productName}
							<span class="hint">{lineText(l, line)}</span>
						</td>
						<td class="num">{l.number(line.quantity)}</td>
						<td class="num">{l.money(line.unitPriceMinor, view.currency)}</td>
					</tr>
				))}
			</DataTable>
			<h2>{l.t("after.return.toldUs")}</h2>
			{view.details ? (
				<p class="pre">{view.details}</p>
			) : (
				<p class="muted">{l.t("after.return.noDetails")}</p>
			)}
			<p>
				<a href="/account/returns">{l.t("after.return.all")}</a> ·{" "}
				<a href={`/account/consultations/new?order=${encodeURIComponent(view.orderNumber)}`}>
					{l.t("after.return.ask")}
				</a>
			</p>
		</AccountLayout>
	);
}
