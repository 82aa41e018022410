// Returns for staff: a status filter and pages of returns without personal data; a return's page
// with its lines and the steps the member's role may take in its status (approve with an amount,
// reject with a reason, receive the parcel, refund). The shopper's description is personal data:
// the page says so and opens it only when asked, by a POST whose answer is the page itself.

import type { StaffIdentity } from "../../../shared/vault-contract";
import { colorLabel, formatPrice, sizeLabel } from "../../catalog/format";
import { RETURN_REJECTIONS, RETURN_STATUSES } from "../../db/schema";
import { minorDigits } from "../../i18n/formats";
import type { ReturnView } from "../../returns/return-schemas";
import { RETURN_REASON_TEXT } from "../after-sales/forms";
import { TextInput } from "./field-parts";
import { Pager, ScrollTable, StatusFilter } from "./list-parts";
import { mayUse } from "./sections";
import { dateTime, FieldError, type FormErrors, invalid, NO_ERRORS } from "./staff-layout";
import { LoggedAccess, StaffPage } from "./staff-page";

type ReturnStatus = (typeof RETURN_STATUSES)[number];
type Rejection = (typeof RETURN_REJECTIONS)[number];

export const RETURN_STATUS_LABEL: Record<ReturnStatus, string> = {
	requested: "Requested (to decide)",
	approved: "Approved (awaiting the parcel)",
	received: "Received (to refund)",
	refunded: "Refunded",
	rejected: "Rejected",
};

export const REJECTION_LABEL: Record<Rejection, string> = {
	outside_window: "Outside the 60-day window",
	not_received: "The parcel did not arrive",
	used_or_damaged: "Came back used or damaged",
	not_eligible: "Not returnable",
	other: "Another reason (explain by email)",
};

export const returnPath = (number: string) => `/staff/returns/${encodeURIComponent(number)}`;

/** Field ids, which the error summary links to. */
export const RETURN_FIELDS = {
	approve: "approve-amount",
	rejection: "reject-rejection",
	refund: "refund-amount",
} as const;

export type ReturnFormValues = { approve?: string; rejection?: string; refund?: string };

/** "90" or "90.5" in the currency's units to minor units; null when it is not such an amount. */
export function minorFrom(text: string, currency: string): number | null {
	const digits = minorDigits(currency);
	const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(text.trim());
	if (!match?.[1] || (match[2] ?? "").length > digits) return null;
	const minor = Number(match[1]) * 10 ** digits + Number((match[2] ?? "").padEnd(digits, "0") || "0");
	return minor >= 1 ? minor : null;
}

/** Minor units as the amount field shows them ("90.00"). */
export function majorOf(minor: number, currency: string): string {
	const digits = minorDigits(currency);
	return (minor / 10 ** digits).toFixed(digits);
}

const linesValue = (view: ReturnView) =>
	view.lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);

// ---- The list ----

export type StaffReturnList = { returns: ReturnView[]; nextCursor: string | null };

export function StaffReturnsPage({
	staff,
	list,
	status,
}: {
	staff: StaffIdentity;
	list: StaffReturnList;
	status?: ReturnStatus;
}) {
	return (
		<StaffPage title="Returns" heading="Returns and refunds" staff={staff} current="/staff/returns">
			<StatusFilter
				action="/staff/returns"
				labels={RETURN_STATUS_LABEL}
				order={RETURN_STATUSES}
				status={status}
			/>
			<ScrollTable
				captionId="returns-caption"
				caption={status ? `Returns: ${RETURN_STATUS_LABEL[status]}` : "Returns, newest first"}
				head={
					<>
						<th scope="col">Return</th>
						<th scope="col">Order</th>
						<th scope="col">Status</th>
						<th scope="col">Reason</th>
						<th scope="col" class="num">
							Items
						</th>
						<th scope="col">Requested (UTC)</th>
					</>
				}
			>
				{list.returns.map((view) => (
					<tr>
						<th scope="row">
							<a href={returnPath(view.number)}>{view.number}</a>
						</th>
						<td>{view.orderNumber}</td>
						<td>{RETURN_STATUS_LABEL[view.status]}</td>
						<td>{RETURN_REASON_TEXT[view.reason]}</td>
						<td class="num">{view.lines.reduce((n, line) => n + line.quantity, 0)}</td>
						<td>{dateTime(Date.parse(view.requestedAt))}</td>
					</tr>
				))}
			</ScrollTable>
			{list.returns.length === 0 ? <p>No returns here.</p> : null}
			<Pager
				path="/staff/returns"
				status={status}
				cursor={list.nextCursor}
				firstLabel="First page, all statuses"
			/>
		</StaffPage>
	);
}

// ---- One return ----

type ReturnPageProps = {
	staff: StaffIdentity;
	view: ReturnView;
	/** The description, once the vault has opened and logged it (the answer to that POST only). */
	opened?: { details: string | null; requestId: string };
	values?: ReturnFormValues;
	errors?: FormErrors;
};

function AmountField({
	id,
	label,
	hint,
	value,
	errors,
	required,
}: {
	id: string;
	label: string;
	hint: string;
	value: string;
	errors: FormErrors;
	required?: boolean;
}) {
	return (
		<TextInput
			id={id}
			name="amount"
			label={label}
			hint={hint}
			inputmode="decimal"
			value={value}
			errors={errors}
			required={required}
		/>
	);
}

function Steps({ staff, view, values, errors }: Required<Omit<ReturnPageProps, "opened">>) {
	const manages = mayUse(staff.role, "returns.manage");
	const forms = [];
	const action = (step: string) => `${returnPath(view.number)}/${step}`;
	if (view.status === "requested" && manages) {
		forms.push(
			<form method="post" action={action("approve")} novalidate>
				<fieldset>
					<legend>Approve</legend>
					<AmountField
						id={RETURN_FIELDS.approve}
						label={`Amount to refund on receipt (${view.currency})`}
						hint={`The returned items are worth ${formatPrice(linesValue(view), view.currency)}; the order's payment less its refunds caps it.`}
						value={values.approve ?? majorOf(linesValue(view), view.currency)}
						errors={errors}
						required
					/>
					<button type="submit">Approve the return</button>
				</fieldset>
			</form>,
		);
	}
	if ((view.status === "requested" || view.status === "approved") && manages) {
		forms.push(
			<form method="post" action={action("reject")} novalidate>
				<fieldset>
					<legend>Reject</legend>
					<div class="field">
						<label for={RETURN_FIELDS.rejection}>Reason</label>
						<FieldError id={RETURN_FIELDS.rejection} errors={errors} />
						<select
							id={RETURN_FIELDS.rejection}
							name="rejection"
							required
							{...invalid(RETURN_FIELDS.rejection, errors)}
						>
							<option value="">Choose a reason</option>
							{RETURN_REJECTIONS.map((code) => (
								<option value={code} selected={values.rejection === code}>
									{REJECTION_LABEL[code]}
								</option>
							))}
						</select>
					</div>
					<button type="submit">Reject the return</button>
				</fieldset>
			</form>,
		);
	}
	if (view.status === "approved" && mayUse(staff.role, "returns.receive")) {
		forms.push(
			<form method="post" action={action("receive")} class="inline">
				<button type="submit">The parcel arrived: put its items back in stock</button>
			</form>,
		);
	}
	if (view.status === "received" && view.refundMinor !== null && mayUse(staff.role, "refunds.issue")) {
		forms.push(
			<form method="post" action={action("refund")} novalidate>
				<fieldset>
					<legend>Refund</legend>
					<AmountField
						id={RETURN_FIELDS.refund}
						label={`Amount (${view.currency})`}
						hint={`Leave it as it is to refund the approved ${formatPrice(view.refundMinor, view.currency)}; never more.`}
						value={values.refund ?? majorOf(view.refundMinor, view.currency)}
						errors={errors}
					/>
					<button type="submit">Refund to the original payment</button>
				</fieldset>
			</form>,
		);
	}
	return (
		<section aria-labelledby="steps-title">
			<h2 id="steps-title">Next steps</h2>
			{forms.length > 0 ? forms : <p>Nothing for your role to do in this status.</p>}
		</section>
	);
}

export function StaffReturnPage({ staff, view, opened, values = {}, errors = NO_ERRORS }: ReturnPageProps) {
	const title = `Return ${view.number}`;
	return (
		<StaffPage title={title} staff={staff} current="/staff/returns" errors={errors}>
			<dl class="specs">
				<dt>Order</dt>
				<dd>{view.orderNumber}</dd>
				<dt>Status</dt>
				<dd>{RETURN_STATUS_LABEL[view.status]}</dd>
				<dt>Reason</dt>
				<dd>{RETURN_REASON_TEXT[view.reason]}</dd>
				{view.rejection ? (
					<>
						<dt>Rejected because</dt>
						<dd>{REJECTION_LABEL[view.rejection]}</dd>
					</>
				) : null}
				<dt>Asked by</dt>
				<dd>{view.requestedBy === "account" ? "A signed-in customer" : "A guest"}</dd>
				<dt>Requested (UTC)</dt>
				<dd>{dateTime(Date.parse(view.requestedAt))}</dd>
				<dt>Approved refund</dt>
				<dd>{view.refundMinor === null ? "—" : formatPrice(view.refundMinor, view.currency)}</dd>
				<dt>Refunded so far</dt>
				<dd>{formatPrice(view.refundedMinor, view.currency)}</dd>
			</dl>
			<ScrollTable
				captionId="lines-caption"
				caption="Items sent back"
				head={
					<>
						<th scope="col">Item</th>
						<th scope="col">SKU</th>
						<th scope="col" class="num">
							Quantity
						</th>
						<th scope="col" class="num">
							Unit price
						</th>
					</>
				}
			>
				{view.lines.map((line) => (
					<tr>
						<th scope="row">{`${line.productName}, ${sizeLabel(line.size)}, ${colorLabel(line.color)}`}</th>
						<td>{line.sku}</td>
						<td class="num">{line.quantity}</td>
						<td class="num">{formatPrice(line.unitPriceMinor, view.currency)}</td>
					</tr>
				))}
			</ScrollTable>
			<Description staff={staff} view={view} opened={opened} />
			<Steps staff={staff} view={view} values={values} errors={errors} />
			<p>
				<a href="/staff/returns">Back to returns</a>
			</p>
		</StaffPage>
	);
}

function Description({ staff, view, opened }: Pick<ReturnPageProps, "staff" | "view" | "opened">) {
	if (opened) {
		return (
			<section aria-labelledby="details-title">
				<h2 id="details-title">The shopper's description</h2>
				<LoggedAccess requestId={opened.requestId} />
				{opened.details === null ? (
					<p>The shopper wrote nothing.</p>
				) : (
					<blockquote class="said">{opened.details}</blockquote>
				)}
			</section>
		);
	}
	if (!mayUse(staff.role, "returns.manage")) return null;
	return (
		<section aria-labelledby="details-title">
			<h2 id="details-title">The shopper's description</h2>
			<div class="personal">
				<p>
					What the shopper wrote is personal data, stored encrypted. Opening it asks the vault, which checks
					your role and logs the access under your name for the purpose support before it shows anything.
				</p>
			</div>
			<form method="post" action={`${returnPath(view.number)}/details`} class="inline">
				<button type="submit">Open and log the description</button>
			</form>
		</section>
	);
}
