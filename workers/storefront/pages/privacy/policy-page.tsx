// The privacy policy page (P13): the version shown clause by clause with the mechanism that keeps
// each, every published version linked, and (for the version in force) the record of processing
// as tables: who receives what, for how long, why and how it is protected. The same for every
// visitor of one URL, so the route may cache it publicly; its locale comes from the URL's prefix.
// The policy and the record are the shop's legal text, in English: the page around them is in the
// page's language, says so, and marks the English text as English for assistive technology.
import type { RecordOfProcessing } from "../../../shared/personal-data/record";
import { DATA_CATEGORIES, type DataCategory } from "../../../shared/personal-data/vocabulary";
import { formatLongDate } from "../../i18n/formats";
import { type PageLocale, useLocale } from "../../i18n/locale-context";
import type { PolicySummary, PolicyText } from "../../privacy/policy";
import { rich } from "../after-sales/rich-text";
import { DataTable } from "../data-table";
import { Layout } from "../layout";
import { PRIVACY_CSS } from "./styles";

/**
 * "1 November 2026" from an ISO timestamp, in the page's language. English pages keep the
 * day-first date they have always shown, whichever English market; others write their own.
 */
export function policyDateIn(l: PageLocale, iso: string): string {
	return formatLongDate(new Date(iso), l.language === "en" ? "en-GB" : l.tag);
}

export const versionPath = (version: string) => `/privacy/versions/${encodeURIComponent(version)}`;

/** `lang="en"` on the shop's English legal text when the page around it is not English. */
const englishText = (l: PageLocale) => (l.language === "en" ? undefined : "en");

/** "Contact details" from "Contact details: email address and phone number". */
function categoryLabel(id: string): string {
	const description = (DATA_CATEGORIES as Record<string, string | undefined>)[id as DataCategory];
	return description ? (description.split(":")[0] ?? id) : id;
}

// The record's rows are the shop's record, in English like the policy; only its headings and
// captions are in the page's language.
const categoryList = (ids: readonly string[]) =>
	ids.length > 0 ? ids.map(categoryLabel).join(", ") : "No personal data";

/** "order_personal_data" → "Order personal data". */
const humanize = (id: string) => {
	const words = id.replaceAll("_", " ");
	return words.charAt(0).toUpperCase() + words.slice(1);
};

function Fields({ fields }: { fields: readonly string[] }) {
	if (fields.length === 0) return <span class="fields">no stored column</span>;
	return <span class="fields">{fields.join(", ")}</span>;
}

function Clauses({ policy }: { policy: PolicyText }) {
	const l = useLocale();
	return (
		<ol class="clauses" lang={englishText(l)}>
			{policy.clauses.map((clause) => (
				<li id={`clause-${clause.id}`}>
					<h3>{`${clause.id} ${clause.title}`}</h3>
					<p>{clause.text}</p>
					<p class="mechanism">
						<strong lang={englishText(l) ? l.tag : undefined}>{l.t("privacy.policy.keptBy")}</strong>{" "}
						{clause.mechanism}
					</p>
				</li>
			))}
		</ol>
	);
}

function History({ history, shown, inForce }: { history: PolicySummary[]; shown: string; inForce: string }) {
	const l = useLocale();
	return (
		<DataTable
			caption={l.t("privacy.versions.caption")}
			columns={[
				l.t("privacy.policy.version"),
				l.t("privacy.policy.effective"),
				l.t("privacy.versions.changed"),
			]}
		>
			{history.map((entry) => (
				<tr>
					<th scope="row">
						{entry.version === shown ? (
							<span aria-current="page">{entry.version}</span>
						) : (
							<a href={l.href(entry.version === inForce ? "/privacy" : versionPath(entry.version))}>
								{entry.version}
							</a>
						)}
						{entry.version === inForce ? ` ${l.t("privacy.versions.inForce")}` : ""}
					</th>
					<td>{policyDateIn(l, entry.effectiveAt)}</td>
					<td lang={englishText(l)}>{entry.summary}</td>
				</tr>
			))}
		</DataTable>
	);
}

function Record({ record }: { record: RecordOfProcessing }) {
	const l = useLocale();
	const english = englishText(l);
	return (
		<section aria-labelledby="record-title">
			<h2 id="record-title">{l.t("privacy.record.title")}</h2>
			<p>
				{rich(l.t("privacy.record.intro"), {
					link: (
						<a href="/api/v1/privacy/record" type="application/json">
							JSON
						</a>
					),
				})}
			</p>
			<h3>{l.t("privacy.record.recipients")}</h3>
			<DataTable
				caption={l.t("privacy.record.recipientsCaption")}
				columns={[
					l.t("privacy.record.recipient"),
					l.t("privacy.record.receives"),
					l.t("privacy.record.kinds"),
				]}
				class="record"
			>
				{record.recipients.map((entry) => (
					<tr lang={english}>
						<th scope="row">{humanize(entry.id)}</th>
						<td>{entry.description}</td>
						<td>
							{categoryList(entry.categories)}
							<br />
							<Fields fields={entry.fields} />
						</td>
					</tr>
				))}
			</DataTable>
			<h3>{l.t("privacy.record.retention")}</h3>
			<DataTable
				caption={l.t("privacy.record.retentionCaption")}
				columns={[l.t("privacy.record.data"), l.t("privacy.record.kept"), l.t("privacy.record.endedBy")]}
				class="record"
			>
				{record.retention.map((entry) => (
					<tr lang={english}>
						<th scope="row">
							{humanize(entry.rule)}
							<br />
							<Fields fields={entry.fields} />
						</th>
						<td>{entry.period}</td>
						<td>{entry.job === null ? "The period itself" : `The ${entry.job.replaceAll("_", " ")} job`}</td>
					</tr>
				))}
			</DataTable>
			<h3>{l.t("privacy.record.purposes")}</h3>
			<DataTable
				caption={l.t("privacy.record.purposesCaption")}
				columns={[l.t("privacy.record.purpose"), l.t("privacy.record.basis"), l.t("privacy.record.kinds")]}
				class="record"
			>
				{record.purposes.map((entry) => (
					<tr lang={english}>
						<th scope="row">{entry.description}</th>
						<td>{entry.legalBases.map((basis) => basis.description).join("; ")}</td>
						<td>{categoryList(entry.categories)}</td>
					</tr>
				))}
			</DataTable>
			<h3>{l.t("privacy.record.safeguards")}</h3>
			<DataTable
				caption={l.t("privacy.record.safeguardsCaption")}
				columns={[l.t("privacy.record.safeguard"), l.t("privacy.record.how")]}
				class="record"
			>
				{record.safeguards.map((entry) => (
					<tr lang={english}>
						<th scope="row">{humanize(entry.id)}</th>
						<td>{entry.description}</td>
					</tr>
				))}
			</DataTable>
		</section>
	);
}

type PolicyPageProps = {
	/** The version shown. */
	policy: PolicyText;
	/** The version in force now. */
	inForce: PolicySummary;
	history: PolicySummary[];
	/** Only with the version in force: the record describes the shop as it runs today. */
	record?: RecordOfProcessing;
};

export function PolicyPage({ policy, inForce, history, record }: PolicyPageProps) {
	const l = useLocale();
	const current = policy.version === inForce.version;
	const title = current
		? l.t("privacy.policy.title")
		: l.t("privacy.policy.versionTitle", { version: policy.version });
	return (
		<Layout
			title={title}
			description={l.t("privacy.policy.description")}
			categories={[]}
			styles={PRIVACY_CSS}
			head={current ? null : <link rel="canonical" href={l.href(versionPath(policy.version))} />}
		>
			<h1>{title}</h1>
			{current ? null : (
				<p class="notice">
					{rich(l.t("privacy.policy.notInForce"), {
						link: (
							<a href={l.href("/privacy")}>
								{l.t("privacy.policy.versionLink", { version: inForce.version })}
							</a>
						),
						date: policyDateIn(l, inForce.effectiveAt),
					})}
				</p>
			)}
			{l.language === "en" ? null : <p class="notice">{l.t("privacy.policy.inEnglish")}</p>}
			<dl class="policy-meta">
				<dt>{l.t("privacy.policy.version")}</dt>
				<dd>{policy.version}</dd>
				<dt>{l.t("privacy.policy.effective")}</dt>
				<dd>
					<time datetime={policy.effectiveAt}>{policyDateIn(l, policy.effectiveAt)}</time>
				</dd>
			</dl>
			<p class="lead" lang={englishText(l)}>
				{policy.summary}
			</p>
			<p>
				{rich(l.t("privacy.policy.center"), {
					link: <a href="/privacy/center">{l.t("privacy.policy.centerLink")}</a>,
				})}
			</p>
			<h2>{l.t("privacy.policy.clauses")}</h2>
			<Clauses policy={policy} />
			<h2>{l.t("privacy.policy.versions")}</h2>
			<History history={history} shown={policy.version} inForce={inForce.version} />
			{record ? <Record record={record} /> : null}
		</Layout>
	);
}
