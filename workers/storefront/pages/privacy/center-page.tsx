// The privacy center: the shopper's consent choices and their rights, all without JavaScript.
// Personal (it shows this browser's and this account's choices, and may hold what was typed), so
// the route sends no-store. With Global Privacy Control the page says so and offers no analytics
// consent: the signal decides, and nothing is collected.

import type { PrivacyRequestKind } from "../../../shared/vault-contract";
import type { Consents } from "../../accounts/profile";
import type { AnalyticsConsent } from "../../analytics/consent";
import { AccountLayout } from "../account/account-layout";
import {
	describedBy,
	ErrorSummary,
	FieldMessages,
	type FormErrors,
	hasErrors,
	TextField,
} from "../form-parts";
import { Layout } from "../layout";
import { noErrors } from "./form-parts";
import { policyDate } from "./policy-page";
import { PRIVACY_CSS } from "./styles";

export type GuestRequestField = "orderNumber" | "email" | "kind";
export type GuestRequestValues = Partial<Record<GuestRequestField, string>>;
export const GUEST_REQUEST_FIELDS: readonly GuestRequestField[] = ["orderNumber", "email", "kind"];

export type ConsentField = "analytics" | "marketing";
export const CONSENT_FIELDS: readonly ConsentField[] = ["analytics", "marketing"];

export const KIND_LABELS: Record<PrivacyRequestKind, string> = {
	export: "A copy of the order's personal data",
	correction: "A correction of the order's personal data",
	deletion: "Deletion of the order's personal data",
};

const GUEST_TARGETS: Record<GuestRequestField, string> = {
	orderNumber: "r-orderNumber",
	email: "r-email",
	kind: "r-kind-export",
};
const CONSENT_TARGETS: Record<ConsentField, string> = {
	analytics: "c-analytics-on",
	marketing: "c-marketing-on",
};

export type PrivacyCenterProps = {
	/** This browser's analytics consent, the account's setting applied. */
	analytics: AnalyticsConsent;
	/** The signed-in customer's recorded consents; null for a guest. */
	account: { consents: Consents } | null;
	/** What was just done (after a form's 303). */
	confirmation?: string;
	consentErrors?: FormErrors<ConsentField>;
	request?: { values: GuestRequestValues; errors: FormErrors<GuestRequestField> };
};

const ANALYTICS_STATE: Record<Exclude<AnalyticsConsent["reason"], "global_privacy_control">, string> = {
	default:
		"On: anonymous, aggregate counts of which rugs are looked at together. No profile of you is made. You have not chosen yet.",
	granted: "On, as you chose: anonymous, aggregate counts of which rugs are looked at together.",
	withdrawn: "Off, as you chose. Nothing is collected from this browser.",
	do_not_track:
		"Off: your browser sends Do Not Track, and we honour it. Nothing is collected from this browser whatever is chosen here.",
};

function Radio({
	name,
	value,
	label,
	checked,
}: {
	name: string;
	value: string;
	label: string;
	checked: boolean;
}) {
	const id = `c-${name}-${value}`;
	return (
		<label for={id} class="radio">
			<input id={id} type="radio" name={name} value={value} checked={checked} />
			<span>{label}</span>
		</label>
	);
}

function OnOff({
	name,
	legend,
	state,
	on,
	record,
	error,
}: {
	name: ConsentField;
	legend: string;
	state: string;
	on: boolean;
	record?: { policyVersion: string; at: string };
	error?: string;
}) {
	const hintId = `c-${name}`;
	return (
		<fieldset class="choices" aria-describedby={describedBy(hintId, true, Boolean(error))}>
			<legend>{legend}</legend>
			<span class="hint" id={`${hintId}-hint`}>
				{state}
				{record ? ` Recorded under privacy policy ${record.policyVersion} on ${policyDate(record.at)}.` : ""}
			</span>
			<FieldMessages id={hintId} error={error} />
			<Radio name={name} value="on" label="On" checked={on} />
			<Radio name={name} value="off" label="Off" checked={!on} />
		</fieldset>
	);
}

function Choices({ analytics, account, consentErrors = noErrors() }: PrivacyCenterProps) {
	const gpc = analytics.reason === "global_privacy_control";
	const marketing = account?.consents.marketing;
	return (
		<section aria-labelledby="choices-title">
			<h2 id="choices-title">Your choices</h2>
			{gpc ? (
				<p class="gpc" id="gpc">
					<strong>Global Privacy Control is honoured.</strong> Your browser sends the Global Privacy Control
					signal, so we collect no analytics from it: no page views, no product views, nothing counted. There
					is nothing to choose here while the signal is on.
				</p>
			) : null}
			<ErrorSummary errors={consentErrors} order={CONSENT_FIELDS} idOf={(field) => CONSENT_TARGETS[field]} />
			{gpc && !marketing ? null : (
				<form method="post" action="/privacy/center/consent" novalidate>
					{gpc ? null : (
						<OnOff
							name="analytics"
							legend="Anonymous analytics"
							state={analytics.reason === "global_privacy_control" ? "" : ANALYTICS_STATE[analytics.reason]}
							on={analytics.allowed}
							record={account?.consents.analytics}
							error={consentErrors.fields.analytics}
						/>
					)}
					{marketing ? (
						<OnOff
							name="marketing"
							legend="Marketing email"
							state={
								marketing.given
									? "On: we may email you about new rugs."
									: "Off: we send you no marketing email."
							}
							on={marketing.given}
							record={marketing}
							error={consentErrors.fields.marketing}
						/>
					) : null}
					<button type="submit">Save choices</button>
				</form>
			)}
		</section>
	);
}

function GuestRequestForm({ request }: Pick<PrivacyCenterProps, "request">) {
	const values = request?.values ?? {};
	const errors = request?.errors ?? noErrors<GuestRequestField>();
	const text = (
		field: "orderNumber" | "email",
		label: string,
		hint: string,
		type: "text" | "email",
		autocomplete: string,
	) => (
		<TextField
			id={GUEST_TARGETS[field]}
			name={field}
			type={type}
			label={label}
			hint={hint}
			value={values[field]}
			error={errors.fields[field]}
			autocomplete={autocomplete}
			maxlength={field === "email" ? 254 : 40}
		/>
	);
	const kindError = errors.fields.kind;
	return (
		<section aria-labelledby="request-title">
			<h2 id="request-title">Your data from an order without an account</h2>
			<p>
				Give the order number and the email address you used at checkout. If they match an order, we send a
				single-use link to that address; following it completes the request.
			</p>
			<ErrorSummary errors={errors} order={GUEST_REQUEST_FIELDS} idOf={(field) => GUEST_TARGETS[field]} />
			<form method="post" action="/privacy/center/request" class="privacy-form" novalidate>
				{text(
					"orderNumber",
					"Order number",
					"From your order confirmation, e.g. LW-7K2M-9QXA-4TPB.",
					"text",
					"off",
				)}
				{text("email", "Email address", "The address the order confirmation went to.", "email", "email")}
				<fieldset class="choices" aria-describedby={describedBy("r-kind", false, Boolean(kindError))}>
					<legend>What would you like?</legend>
					<FieldMessages id="r-kind" error={kindError} />
					{(Object.keys(KIND_LABELS) as PrivacyRequestKind[]).map((kind) => (
						<label for={`r-kind-${kind}`} class="radio">
							<input
								id={`r-kind-${kind}`}
								type="radio"
								name="kind"
								value={kind}
								checked={values.kind === kind}
								required
							/>
							<span>{KIND_LABELS[kind]}</span>
						</label>
					))}
				</fieldset>
				<button type="submit">Send me the link</button>
			</form>
			<p>
				Have an account? <a href="/account/login?next=%2Fprivacy%2Fcenter">Sign in</a> to download, correct or
				delete your data at once.
			</p>
		</section>
	);
}

function AccountRights() {
	return (
		<>
			<section aria-labelledby="export-title">
				<h2 id="export-title">A copy of your data</h2>
				<p>
					Everything we hold about you (profile, addresses, orders, returns, messages, reviews and your
					choices) as one JSON file. Opening it is recorded in our audit log.
				</p>
				<p>
					<a class="button" href="/privacy/center/export" download>
						Download my data
					</a>
				</p>
			</section>
			<section aria-labelledby="correct-title">
				<h2 id="correct-title">Correct your data</h2>
				<ul>
					<li>
						<a href="/account/profile">Your profile</a>: the name we call you.
					</li>
					<li>
						<a href="/account/addresses">Your address book</a>: saved delivery addresses.
					</li>
					<li>
						<a href="/account/orders">Your orders</a>: the delivery contact of an order not yet packed can be
						corrected from the order.
					</li>
				</ul>
			</section>
			<section aria-labelledby="delete-title">
				<h2 id="delete-title">Delete your account</h2>
				<p>Your personal data is destroyed; you are asked to confirm first.</p>
				<p>
					<a href="/privacy/center/delete">Delete my account…</a>
				</p>
			</section>
		</>
	);
}

function Confirmation({ confirmation }: Pick<PrivacyCenterProps, "confirmation">) {
	if (!confirmation) return null;
	return (
		<p class="confirmation" role="status">
			{confirmation}
		</p>
	);
}

export function PrivacyCenterPage(props: PrivacyCenterProps) {
	const failed =
		(props.consentErrors && hasErrors(props.consentErrors)) ||
		(props.request && hasErrors(props.request.errors));
	const title = failed ? "Error: Privacy center" : "Privacy center";
	const body = (
		<>
			<h1>Privacy center</h1>
			<Confirmation confirmation={props.confirmation} />
			<p class="lead">
				Your choices and your rights over your data. What we do with it, and why, is in our{" "}
				<a href="/privacy">privacy policy</a>.
			</p>
			<Choices {...props} />
			{props.account ? <AccountRights /> : <GuestRequestForm request={props.request} />}
		</>
	);
	if (props.account) {
		return (
			<AccountLayout title={title} current="/privacy/center" styles={PRIVACY_CSS}>
				{body}
			</AccountLayout>
		);
	}
	return (
		<Layout title={title} categories={[]} styles={PRIVACY_CSS} noindex>
			{body}
		</Layout>
	);
}

export function DeleteAccountPage({ error }: { error?: string }) {
	const errors: FormErrors<"password"> = error ? { fields: { password: error }, form: [] } : noErrors();
	return (
		<AccountLayout
			title={error ? "Error: Delete your account" : "Delete your account"}
			current="/privacy/center"
			styles={PRIVACY_CSS}
		>
			<h1>Delete your account</h1>
			<ErrorSummary errors={errors} order={["password"]} idOf={() => "d-password"} />
			<p class="lead">
				This cannot be undone. You may want to <a href="/privacy/center/export">download your data</a> first.
			</p>
			<h2>What goes</h2>
			<ul>
				<li>Your sign-in: email address, password and every session</li>
				<li>Your profile, nickname and privacy choices</li>
				<li>Your address book and your carts</li>
				<li>
					The names, addresses, phone numbers and emails of your orders, your return details and messages
				</li>
			</ul>
			<p>Your data key is destroyed first, so nothing of yours can be opened again, even from backups.</p>
			<h2>What stays</h2>
			<ul>
				<li>
					Your orders, with only their number, items, totals, dates and destination country, for our accounts
				</li>
				<li>Your published reviews, without your name</li>
			</ul>
			<form method="post" action="/privacy/center/delete" class="privacy-form" novalidate>
				<TextField
					id="d-password"
					name="password"
					type="password"
					label="Your password"
					hint="To confirm it is you."
					autocomplete="current-password"
					maxlength={128}
					error={error}
				/>
				<button type="submit" class="danger">
					Delete my account
				</button>
			</form>
			<p>
				<a href="/privacy/center">Keep my account</a>
			</p>
		</AccountLayout>
	);
}
