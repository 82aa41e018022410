// Lawful disclosure (P11) in the console: the requests (no personal data) and the form to ask for
// one; a request's page with the decision form (a compliance officer other than the asker: the
// vault refuses self-approval, and the page shows that refusal) and, once approved, the one run of
// the scoped export, which the page says opens personal data and is logged, shown on the page
// answering that POST or downloaded as a file.
import { DISCLOSURE_BASES, DISCLOSURE_FIELDS, type StaffIdentity } from "../../../shared/vault-contract";
import type { DisclosedData, DisclosureView } from "../../privacy/disclosures";
import { describedBy, TextArea, TextInput } from "./field-parts";
import { ScrollTable, StatusFilter } from "./list-parts";
import { mayUse } from "./sections";
import { dateTime, FieldError, type FormErrors, invalid, NO_ERRORS } from "./staff-layout";
import { StaffPage } from "./staff-page";

type Basis = (typeof DISCLOSURE_BASES)[number];
type Status = DisclosureView["status"];

export const BASIS_LABEL: Record<Basis, string> = {
	legal_order: "A legal order (court, authority)",
	fraud: "Fraud investigation",
	emergency_safety: "An emergency: someone's safety",
};

export const SCOPE_LABEL: Record<(typeof DISCLOSURE_FIELDS)[number], string> = {
	"order_contacts.email": "The order's email address",
	"order_contacts.name": "The order's name",
	"order_contacts.phone": "The order's phone number",
	"order_contacts.address": "The order's delivery address",
	"returns.details": "What the shopper wrote in the order's returns",
	"consultation_messages.body": "The messages about the order",
};

export const STATUS_LABEL: Record<Status, string> = {
	requested: "Requested (awaiting a decision)",
	approved: "Approved (not yet run)",
	rejected: "Rejected",
	executed: "Run",
};

export const disclosurePath = (id: string) => `/staff/disclosures/${id}`;

/** Field ids the error summary links to. */
export const DISCLOSURE_FORM = {
	basis: "d-basis",
	reference: "d-reference",
	orderNumber: "d-order",
	scope: "scope-0",
	decision: "decision-approve",
	reason: "decision-reason",
} as const;

export type RequestFormValues = {
	basis?: string;
	reference?: string;
	orderNumber?: string;
	scope?: string[];
};
export type DecisionFormValues = { decision?: string; reason?: string };

function RequestForm({ values, errors }: { values: RequestFormValues; errors: FormErrors }) {
	const scope = values.scope ?? [];
	return (
		<form method="post" action="/staff/disclosures" novalidate>
			<fieldset>
				<legend>Ask for a disclosure</legend>
				<p class="hint">
					Asking opens nothing. The vault records the request under your name; a compliance officer other than
					you decides it, and only an approved request can be run, once, within its scope.
				</p>
				<div class="field">
					<label for={DISCLOSURE_FORM.basis}>Legal basis</label>
					<FieldError id={DISCLOSURE_FORM.basis} errors={errors} />
					<select
						id={DISCLOSURE_FORM.basis}
						name="basis"
						required
						{...invalid(DISCLOSURE_FORM.basis, errors)}
					>
						<option value="">Choose the basis</option>
						{DISCLOSURE_BASES.map((basis) => (
							<option value={basis} selected={values.basis === basis}>
								{BASIS_LABEL[basis]}
							</option>
						))}
					</select>
				</div>
				<TextInput
					id={DISCLOSURE_FORM.reference}
					name="reference"
					label="Reference"
					hint="The authority's or the case's reference: 3 to 120 letters, digits, spaces and . / : # _ -"
					value={values.reference ?? ""}
					errors={errors}
					required
				/>
				<TextInput
					id={DISCLOSURE_FORM.orderNumber}
					name="orderNumber"
					label="Order number"
					value={values.orderNumber ?? ""}
					errors={errors}
					required
				/>
				<fieldset aria-describedby={describedBy(DISCLOSURE_FORM.scope, errors)}>
					<legend>What the export may open</legend>
					<FieldError id={DISCLOSURE_FORM.scope} errors={errors} />
					{DISCLOSURE_FIELDS.map((field, i) => (
						<label class="check" for={`scope-${i}`}>
							<input
								id={`scope-${i}`}
								type="checkbox"
								name="scope"
								value={field}
								checked={scope.includes(field)}
							/>
							{SCOPE_LABEL[field]}
						</label>
					))}
				</fieldset>
				<button type="submit">Ask for this disclosure</button>
			</fieldset>
		</form>
	);
}

type ListProps = {
	staff: StaffIdentity;
	disclosures: DisclosureView[];
	status?: Status;
	values?: RequestFormValues;
	errors?: FormErrors;
};

export function StaffDisclosuresPage({
	staff,
	disclosures,
	status,
	values = {},
	errors = NO_ERRORS,
}: ListProps) {
	return (
		<StaffPage title="Disclosure requests" staff={staff} current="/staff/disclosures" errors={errors}>
			<StatusFilter action="/staff/disclosures" labels={STATUS_LABEL} status={status} />
			<ScrollTable
				captionId="disclosures-caption"
				caption={status ? `Requests: ${STATUS_LABEL[status]}` : "Requests, newest first"}
				head={
					<>
						<th scope="col">Request</th>
						<th scope="col">Basis</th>
						<th scope="col">Reference</th>
						<th scope="col">Order</th>
						<th scope="col">Status</th>
						<th scope="col">Asked (UTC)</th>
					</>
				}
			>
				{disclosures.map((d) => (
					<tr>
						<th scope="row">
							<a href={disclosurePath(d.id)}>{d.id}</a>
						</th>
						<td>{BASIS_LABEL[d.basis]}</td>
						<td>{d.reference}</td>
						<td>{d.orderNumber ?? "—"}</td>
						<td>{STATUS_LABEL[d.status]}</td>
						<td>{dateTime(d.requestedAt)}</td>
					</tr>
				))}
			</ScrollTable>
			{disclosures.length === 0 ? <p>No requests here.</p> : null}
			{mayUse(staff.role, "disclosures.request") ? <RequestForm values={values} errors={errors} /> : null}
		</StaffPage>
	);
}

type DetailProps = {
	staff: StaffIdentity;
	disclosure: DisclosureView;
	values?: DecisionFormValues;
	errors?: FormErrors;
};

function Facts({ disclosure }: { disclosure: DisclosureView }) {
	return (
		<dl class="specs">
			<dt>Status</dt>
			<dd>{STATUS_LABEL[disclosure.status]}</dd>
			<dt>Basis</dt>
			<dd>{BASIS_LABEL[disclosure.basis]}</dd>
			<dt>Reference</dt>
			<dd>{disclosure.reference}</dd>
			<dt>Order</dt>
			<dd>{disclosure.orderNumber ?? "—"}</dd>
			<dt>Scope</dt>
			<dd>
				{disclosure.scope.map((field) => SCOPE_LABEL[field as keyof typeof SCOPE_LABEL] ?? field).join("; ")}
			</dd>
			<dt>Asked by</dt>
			<dd>{`${disclosure.requestedBy}, ${dateTime(disclosure.requestedAt)} UTC`}</dd>
			<dt>Decided by</dt>
			<dd>
				{disclosure.decidedBy ? `${disclosure.decidedBy}, ${dateTime(disclosure.decidedAt)} UTC` : "Not yet"}
			</dd>
			{disclosure.decisionReason ? (
				<>
					<dt>Decision's reason</dt>
					<dd>{disclosure.decisionReason}</dd>
				</>
			) : null}
			<dt>Run</dt>
			<dd>{disclosure.executedAt ? `${dateTime(disclosure.executedAt)} UTC` : "Not yet"}</dd>
		</dl>
	);
}

const DECISIONS = [
	["approve", "Approve: the export may be run once, within the scope"],
	["reject", "Reject"],
] as const;

export function StaffDisclosurePage({ staff, disclosure, values = {}, errors = NO_ERRORS }: DetailProps) {
	const title = `Disclosure request ${disclosure.id}`;
	const path = disclosurePath(disclosure.id);
	const decides = disclosure.status === "requested" && mayUse(staff.role, "disclosures.decide");
	const runs = disclosure.status === "approved" && mayUse(staff.role, "disclosures.run");
	return (
		<StaffPage title={title} staff={staff} current="/staff/disclosures" errors={errors}>
			<Facts disclosure={disclosure} />
			{decides ? (
				<form method="post" action={`${path}/decision`} novalidate>
					<fieldset>
						<legend>Decide</legend>
						{disclosure.requestedBy === staff.id ? (
							<p class="hint">
								You asked for this: the vault lets only another compliance officer decide it.
							</p>
						) : null}
						<fieldset aria-describedby={describedBy(DISCLOSURE_FORM.decision, errors)}>
							<legend>Decision</legend>
							<FieldError id={DISCLOSURE_FORM.decision} errors={errors} />
							{DECISIONS.map(([value, label]) => (
								<label class="check" for={`decision-${value}`}>
									<input
										id={`decision-${value}`}
										type="radio"
										name="decision"
										value={value}
										checked={values.decision === value}
										required
									/>
									{label}
								</label>
							))}
						</fieldset>
						<TextArea
							id={DISCLOSURE_FORM.reason}
							name="reason"
							label="Reason for the decision"
							hint="3 to 500 characters; kept with the request."
							value={values.reason ?? ""}
							errors={errors}
							maxlength={500}
						/>
						<button type="submit">Record the decision</button>
					</fieldset>
				</form>
			) : null}
			{runs ? (
				<section aria-labelledby="run-title">
					<h2 id="run-title">Run the export</h2>
					<div class="personal">
						<p>
							Running the export opens this order's personal data within the scope above, once: the vault
							checks the approval, logs the run under your name for the purpose lawful disclosure, and the
							request cannot be run again. Hand the result only to the authority named by the reference.
						</p>
					</div>
					<form method="post" action={`${path}/export`} novalidate>
						<fieldset>
							<legend>How to receive it</legend>
							<label class="check" for="format-page">
								<input id="format-page" type="radio" name="format" value="page" checked />
								Show it on the page
							</label>
							<label class="check" for="format-json">
								<input id="format-json" type="radio" name="format" value="json" />
								Download it as a JSON file
							</label>
						</fieldset>
						<button type="submit">Run and log the export</button>
					</form>
				</section>
			) : null}
			<p>
				<a href="/staff/disclosures">Back to disclosure requests</a>
			</p>
		</StaffPage>
	);
}

const CONTACT_KEYS = [
	"order_contacts.name",
	"order_contacts.email",
	"order_contacts.phone",
	"order_contacts.address",
] as const;

export function StaffDisclosureExportPage({
	staff,
	disclosure,
	data,
	requestId,
}: {
	staff: StaffIdentity;
	disclosure: DisclosureView;
	data: DisclosedData;
	requestId: string;
}) {
	const title = `Disclosure ${disclosure.id}: the export`;
	const returns = data["returns.details"];
	const messages = data["consultation_messages.body"];
	return (
		<StaffPage title={title} staff={staff} current="/staff/disclosures">
			<div class="logged" role="status">
				<h2>This run was logged</h2>
				<p>
					The vault opened this data once, for the purpose lawful disclosure, and logged the run under your
					name. Its audit entry carries the request id <code>{requestId}</code>. This page is the only copy
					the shop gives: it is not stored and cannot be opened again.
				</p>
			</div>
			<Facts disclosure={disclosure} />
			<h2>The order's contact</h2>
			<dl class="specs">
				{CONTACT_KEYS.filter((key) => data[key] !== undefined).map((key) => (
					<>
						<dt>{SCOPE_LABEL[key]}</dt>
						<dd>{data[key]}</dd>
					</>
				))}
			</dl>
			{returns ? (
				<section aria-labelledby="returns-title">
					<h2 id="returns-title">Returns</h2>
					{returns.length === 0 ? <p>None.</p> : null}
					{returns.map((r) => (
						<>
							<p class="hint">{`${r.returnNumber} · ${dateTime(r.createdAt)} UTC`}</p>
							<blockquote class="said">{r.details}</blockquote>
						</>
					))}
				</section>
			) : null}
			{messages ? (
				<section aria-labelledby="messages-title">
					<h2 id="messages-title">Messages</h2>
					{messages.length === 0 ? <p>None.</p> : null}
					{messages.map((m) => (
						<>
							<p class="hint">{`${m.consultationId.slice(0, 8)} · ${m.author} · ${dateTime(m.createdAt)} UTC`}</p>
							<blockquote class="said">{m.body}</blockquote>
						</>
					))}
				</section>
			) : null}
			<p>
				<a href="/staff/disclosures">Back to disclosure requests</a>
			</p>
		</StaffPage>
	);
}
