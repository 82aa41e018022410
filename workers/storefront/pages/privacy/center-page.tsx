// The privacy center: the shopper's consent choices and their rights, all without JavaScript.
// Personal (it shows this browser's and this account's choices, and may hold what was typed), so
// the route sends no-store. With Global Privacy Control the page says so and offers no analytics
// consent: the signal decides, and nothing is collected. In the shopper's language (`privacy.`).

import type { PrivacyRequestKind } from "../../../shared/vault-contract";
import type { Consents } from "../../accounts/profile";
import type { AnalyticsConsent } from "../../analytics/consent";
import { useLocale } from "../../i18n/locale-context";
import { AccountLayout } from "../account/account-layout";
import { rich } from "../after-sales/rich-text";
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
import { policyDateIn } from "./policy-page";
import { PRIVACY_CSS } from "./styles";

export type GuestRequestField = "orderNumber" | "email" | "kind";
export type GuestRequestValues = Partial<Record<GuestRequestField, string>>;
export const GUEST_REQUEST_FIELDS: readonly GuestRequestField[] = ["orderNumber", "email", "kind"];

export type ConsentField = "analytics" | "marketing";
export const CONSENT_FIELDS: readonly ConsentField[] = ["analytics", "marketing"];

export const REQUEST_KINDS: readonly PrivacyRequestKind[] = ["export", "correction", "deletion"];

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
	confirmation?: Confirmed;
	consentErrors?: FormErrors<ConsentField>;
	request?: { values: GuestRequestValues; errors: FormErrors<GuestRequestField> };
};

/** What a form just did, confirmed on the center after its 303. */
export type Confirmed = "consent" | "request";

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
	const l = useLocale();
	const hintId = `c-${name}`;
	const recorded = record
		? l.t("privacy.center.recorded", { version: record.policyVersion, date: policyDateIn(l, record.at) })
		: "";
	return (
		<fieldset class="choices" aria-describedby={describedBy(hintId, true, Boolean(error))}>
			<legend>{legend}</legend>
			<span class="hint" id={`${hintId}-hint`}>
				{state}
				{recorded ? ` ${recorded}` : ""}
			</span>
			<FieldMessages id={hintId} error={error} />
			<Radio name={name} value="on" label={l.t("privacy.center.on")} checked={on} />
			<Radio name={name} value="off" label={l.t("privacy.center.off")} checked={!on} />
		</fieldset>
	);
}

function Choices({ analytics, account, consentErrors = noErrors() }: PrivacyCenterProps) {
	const l = useLocale();
	const gpc = analytics.reason === "global_privacy_control";
	const marketing = account?.consents.marketing;
	return (
		<section aria-labelledby="choices-title">
			<h2 id="choices-title">{l.t("privacy.center.choices")}</h2>
			{gpc ? (
				<p class="gpc" id="gpc">
					<strong>{l.t("privacy.center.gpcTitle")}</strong> {l.t("privacy.center.gpcText")}
				</p>
			) : null}
			<ErrorSummary errors={consentErrors} order={CONSENT_FIELDS} idOf={(field) => CONSENT_TARGETS[field]} />
			{gpc && !marketing ? null : (
				<form method="post" action="/privacy/center/consent" novalidate>
					{gpc ? null : (
						<OnOff
							name="analytics"
							legend={l.t("privacy.center.analytics")}
							state={
								analytics.reason === "global_privacy_control"
									? ""
									: l.t(`privacy.center.analytics.${analytics.reason}`)
							}
							on={analytics.allowed}
							record={account?.consents.analytics}
							error={consentErrors.fields.analytics}
						/>
					)}
					{marketing ? (
						<OnOff
							name="marketing"
							legend={l.t("privacy.center.marketing")}
							state={l.t(marketing.given ? "privacy.center.marketing.on" : "privacy.center.marketing.off")}
							on={marketing.given}
							record={marketing}
							error={consentErrors.fields.marketing}
						/>
					) : null}
					<button type="submit">{l.t("privacy.center.save")}</button>
				</form>
			)}
		</section>
	);
}

function GuestRequestForm({ request }: Pick<PrivacyCenterProps, "request">) {
	const l = useLocale();
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
			<h2 id="request-title">{l.t("privacy.guest.title")}</h2>
			<p>{l.t("privacy.guest.intro")}</p>
			<ErrorSummary errors={errors} order={GUEST_REQUEST_FIELDS} idOf={(field) => GUEST_TARGETS[field]} />
			<form method="post" action="/privacy/center/request" class="privacy-form" novalidate>
				{text(
					"orderNumber",
					l.t("privacy.guest.orderNumber"),
					l.t("privacy.guest.orderNumberHint", { example: "LW-7K2M-9QXA-4TPB" }),
					"text",
					"off",
				)}
				{text("email", l.t("privacy.guest.email"), l.t("privacy.guest.emailHint"), "email", "email")}
				<fieldset class="choices" aria-describedby={describedBy("r-kind", false, Boolean(kindError))}>
					<legend>{l.t("privacy.guest.kind")}</legend>
					<FieldMessages id="r-kind" error={kindError} />
					{REQUEST_KINDS.map((kind) => (
						<label for={`r-kind-${kind}`} class="radio">
							<input
								id={`r-kind-${kind}`}
								type="radio"
								name="kind"
								value={kind}
								checked={values.kind === kind}
								required
							/>
							<span>{l.t(`privacy.guest.kind.${kind}`)}</span>
						</label>
					))}
				</fieldset>
				<button type="submit">{l.t("privacy.guest.send")}</button>
			</form>
			<p>
				{rich(l.t("privacy.guest.signIn"), {
					link: <a href="/account/login?next=%2Fprivacy%2Fcenter">{l.t("privacy.guest.signInLink")}</a>,
				})}
			</p>
		</section>
	);
}

/** A correction's place: the page that corrects it, and what it holds. */
const CORRECTIONS = [
	{ href: "/account/profile", link: "privacy.correct.profile", text: "privacy.correct.profileText" },
	{ href: "/account/addresses", link: "privacy.correct.addresses", text: "privacy.correct.addressesText" },
	{ href: "/account/orders", link: "privacy.correct.orders", text: "privacy.correct.ordersText" },
] as const;

function AccountRights() {
	const l = useLocale();
	return (
		<>
			<section aria-labelledby="export-title">
				<h2 id="export-title">{l.t("privacy.export.title")}</h2>
				<p>{l.t("privacy.export.text")}</p>
				<p>
					<a class="button" href="/privacy/center/export" download>
						{l.t("privacy.export.download")}
					</a>
				</p>
			</section>
			<section aria-labelledby="correct-title">
				<h2 id="correct-title">{l.t("privacy.correct.title")}</h2>
				<ul>
					{CORRECTIONS.map((entry) => (
						<li>{rich(l.t(entry.text), { link: <a href={entry.href}>{l.t(entry.link)}</a> })}</li>
					))}
				</ul>
			</section>
			<section aria-labelledby="delete-title">
				<h2 id="delete-title">{l.t("privacy.delete.title")}</h2>
				<p>{l.t("privacy.delete.short")}</p>
				<p>
					<a href="/privacy/center/delete">{l.t("privacy.delete.link")}</a>
				</p>
			</section>
		</>
	);
}

function Confirmation({ confirmation }: Pick<PrivacyCenterProps, "confirmation">) {
	const l = useLocale();
	if (!confirmation) return null;
	return (
		<p class="confirmation" role="status">
			{l.t(`privacy.center.done.${confirmation}`)}
		</p>
	);
}

export function PrivacyCenterPage(props: PrivacyCenterProps) {
	const l = useLocale();
	const failed =
		(props.consentErrors && hasErrors(props.consentErrors)) ||
		(props.request && hasErrors(props.request.errors));
	const heading = l.t("privacy.center.title");
	const title = failed ? l.t("privacy.errorTitle", { title: heading }) : heading;
	const body = (
		<>
			<h1>{heading}</h1>
			<Confirmation confirmation={props.confirmation} />
			<p class="lead">
				{rich(l.t("privacy.center.lead"), {
					link: <a href={l.href("/privacy")}>{l.t("privacy.center.policyLink")}</a>,
				})}
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

const GOES = [
	"privacy.delete.goes.signIn",
	"privacy.delete.goes.profile",
	"privacy.delete.goes.addresses",
	"privacy.delete.goes.orders",
] as const;
const STAYS = ["privacy.delete.stays.orders", "privacy.delete.stays.reviews"] as const;

export function DeleteAccountPage({ error }: { error?: string }) {
	const l = useLocale();
	const errors: FormErrors<"password"> = error ? { fields: { password: error }, form: [] } : noErrors();
	const heading = l.t("privacy.delete.title");
	return (
		<AccountLayout
			title={error ? l.t("privacy.errorTitle", { title: heading }) : heading}
			current="/privacy/center"
			styles={PRIVACY_CSS}
		>
			<h1>{heading}</h1>
			<ErrorSummary errors={errors} order={["password"]} idOf={() => "d-password"} />
			<p class="lead">
				{rich(l.t("privacy.delete.lead"), {
					link: <a href="/privacy/center/export">{l.t("privacy.delete.exportLink")}</a>,
				})}
			</p>
			<h2>{l.t("privacy.delete.goes")}</h2>
			<ul>
				{GOES.map((key) => (
					<li>{l.t(key)}</li>
				))}
			</ul>
			<p>{l.t("privacy.delete.key")}</p>
			<h2>{l.t("privacy.delete.stays")}</h2>
			<ul>
				{STAYS.map((key) => (
					<li>{l.t(key)}</li>
				))}
			</ul>
			<form method="post" action="/privacy/center/delete" class="privacy-form" novalidate>
				<TextField
					id="d-password"
					name="password"
					type="password"
					label={l.t("privacy.delete.password")}
					hint={l.t("privacy.delete.passwordHint")}
					autocomplete="current-password"
					maxlength={128}
					error={error}
				/>
				<button type="submit" class="danger">
					{l.t("privacy.delete.confirm")}
				</button>
			</form>
			<p>
				<a href="/privacy/center">{l.t("privacy.delete.keep")}</a>
			</p>
		</AccountLayout>
	);
}
