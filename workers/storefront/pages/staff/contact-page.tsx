// An order's contact, in two steps: first what opening it means (personal data, logged, for a
// stated purpose) and the form to ask for it; then, after the vault has opened and logged it, the
// contact with the notice that this access was logged and the request id that names its audit
// entry. The opened page is the answer to a POST, never a URL a browser could revisit or cache.
import { PURPOSES, type StaffIdentity } from "../../../shared/vault-contract";
import { CONTACT_FIELDS, type ContactField, type openOrderContact } from "../../routes/staff-orders";
import { FieldError, type FormErrors, NO_ERRORS } from "./staff-layout";
import { StaffPage } from "./staff-page";

type Purpose = (typeof PURPOSES)[number];

export const PURPOSE_LABEL: Record<Purpose, string> = {
	support: "Customer service: answering this customer about this order",
	fulfilment: "Fulfilment: getting this parcel to its consignee",
	compliance_review: "Compliance review: examining this record",
};

export const FIELD_LABEL: Record<ContactField, string> = {
	email: "Email address",
	name: "Name",
	phone: "Phone number",
	address: "Delivery address",
};

/** The controls a refusal's summary links to: the first of each group. */
export const FIRST_PURPOSE = `purpose-${PURPOSES[0]}`;
export const FIRST_FIELD = `field-${CONTACT_FIELDS[0]}`;

export type ContactFormValues = { purpose?: string; fields?: string[] };

type ConfirmProps = {
	staff: StaffIdentity;
	number: string;
	values?: ContactFormValues;
	errors?: FormErrors;
};

export function ContactConfirmPage({ staff, number, values = {}, errors = NO_ERRORS }: ConfirmProps) {
	const chosen = values.fields ?? [];
	return (
		<StaffPage title={`Contact of order ${number}`} staff={staff} current="/staff/orders" errors={errors}>
			<div class="personal">
				<h2>This opens personal data</h2>
				<p>
					The customer's contact details are stored encrypted. Opening them asks the vault, which checks that
					your role may open these fields for the purpose you state, and logs the access under your name
					before it shows anything. Compliance reviews these logs. Open only what you need now.
				</p>
			</div>
			<form method="post" action={`/staff/orders/${number}/contact`} novalidate>
				<fieldset aria-describedby={errors.fields[FIRST_PURPOSE] ? `${FIRST_PURPOSE}-error` : undefined}>
					<legend>Purpose</legend>
					<FieldError id={FIRST_PURPOSE} errors={errors} />
					{PURPOSES.map((purpose) => (
						<label class="check" for={`purpose-${purpose}`}>
							<input
								id={`purpose-${purpose}`}
								type="radio"
								name="purpose"
								value={purpose}
								checked={values.purpose === purpose}
								required
							/>
							{PURPOSE_LABEL[purpose]}
						</label>
					))}
				</fieldset>
				<fieldset aria-describedby={errors.fields[FIRST_FIELD] ? `${FIRST_FIELD}-error` : undefined}>
					<legend>Fields to open</legend>
					<FieldError id={FIRST_FIELD} errors={errors} />
					{CONTACT_FIELDS.map((field) => (
						<label class="check" for={`field-${field}`}>
							<input
								id={`field-${field}`}
								type="checkbox"
								name="fields"
								value={field}
								checked={chosen.includes(field)}
							/>
							{FIELD_LABEL[field]}
						</label>
					))}
				</fieldset>
				<div class="actions">
					<button type="submit">Open and log this access</button>
					<a href="/staff/orders">Back to orders</a>
				</div>
			</form>
		</StaffPage>
	);
}

type Opened = Awaited<ReturnType<typeof openOrderContact>>;

export function ContactOpenedPage({
	staff,
	opened,
	requestId,
}: {
	staff: StaffIdentity;
	opened: Opened;
	requestId: string;
}) {
	const { contact } = opened;
	const address = contact.address;
	return (
		<StaffPage title={`Contact of order ${opened.orderNumber}`} staff={staff} current="/staff/orders">
			<div class="logged" role="status">
				<h2>This access was logged</h2>
				<p>
					{`The vault logged this opening under your name for the purpose ${opened.purpose}. `}
					Its audit entry carries the request id <code>{requestId}</code>.
				</p>
			</div>
			<dl class="specs">
				{contact.name !== undefined ? (
					<>
						<dt>{FIELD_LABEL.name}</dt>
						<dd>{contact.name}</dd>
					</>
				) : null}
				{contact.email !== undefined ? (
					<>
						<dt>{FIELD_LABEL.email}</dt>
						<dd>{contact.email}</dd>
					</>
				) : null}
				{contact.phone !== undefined ? (
					<>
						<dt>{FIELD_LABEL.phone}</dt>
						<dd>{contact.phone}</dd>
					</>
				) : null}
				{address ? (
					<>
						<dt>{FIELD_LABEL.address}</dt>
						<dd>
							<address>
								{[
									address.line1,
									address.line2,
									address.city,
									address.region,
									address.postalCode,
									address.country,
								]
									.filter(Boolean)
									.join(", ")}
							</address>
						</dd>
					</>
				) : null}
			</dl>
			<p class="hint">Do not copy these details anywhere they would outlive the task.</p>
			<p>
				<a href="/staff/orders">Back to orders</a>
			</p>
		</StaffPage>
	);
}
