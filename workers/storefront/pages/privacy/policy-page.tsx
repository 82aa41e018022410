// The privacy policy page (P13): the version shown clause by clause with the mechanism that keeps
// each, every published version linked, and (for the version in force) the record of processing
// as tables: who receives what, for how long, why and how it is protected. The same for every
// visitor, so the route may cache it publicly.
import type { RecordOfProcessing } from "../../../shared/personal-data/record";
import { DATA_CATEGORIES, type DataCategory } from "../../../shared/personal-data/vocabulary";
import type { PolicySummary, PolicyText } from "../../privacy/policy";
import { DataTable } from "../data-table";
import { Layout } from "../layout";
import { PRIVACY_CSS } from "./styles";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

/** "1 November 2026" from an ISO timestamp. */
export function policyDate(iso: string): string {
	return dateFormat.format(new Date(iso));
}

export const versionPath = (version: string) => `/privacy/versions/${encodeURIComponent(version)}`;

/** "Contact details" from "Contact details: email address and phone number". */
function categoryLabel(id: string): string {
	const description = (DATA_CATEGORIES as Record<string, string | undefined>)[id as DataCategory];
	return description ? (description.split(":")[0] ?? id) : id;
}

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
	return (
		<ol class="clauses">
			{policy.clauses.map((clause) => (
				<li id={`clause-${clause.id}`}>
					<h3>{`${clause.id} ${clause.title}`}</h3>
					<p>{clause.text}</p>
					<p class="mechanism">
						<strong>How the shop keeps it:</strong> {clause.mechanism}
					</p>
				</li>
			))}
		</ol>
	);
}

function History({ history, shown, inForce }: { history: PolicySummary[]; shown: string; inForce: string }) {
	return (
		<DataTable
			caption="Every published version, newest first"
			columns={["Version", "Effective from", "What changed"]}
		>
			{history.map((entry) => (
				<tr>
					<th scope="row">
						{entry.version === shown ? (
							<span aria-current="page">{entry.version}</span>
						) : (
							<a href={entry.version === inForce ? "/privacy" : versionPath(entry.version)}>
								{entry.version}
							</a>
						)}
						{entry.version === inForce ? " (in force)" : ""}
					</th>
					<td>{policyDate(entry.effectiveAt)}</td>
					<td>{entry.summary}</td>
				</tr>
			))}
		</DataTable>
	);
}

function Record({ record }: { record: RecordOfProcessing }) {
	return (
		<section aria-labelledby="record-title">
			<h2 id="record-title">Record of processing</h2>
			<p>
				Generated from the annotations beside every stored personal column, so it cannot leave one out. The
				same record is published as{" "}
				<a href="/api/v1/privacy/record" type="application/json">
					JSON
				</a>
				.
			</p>
			<h3>Who receives what</h3>
			<DataTable
				caption="Recipients of personal data"
				columns={["Recipient", "What it receives", "Kinds of data"]}
				class="record"
			>
				{record.recipients.map((entry) => (
					<tr>
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
			<h3>How long it is kept</h3>
			<DataTable caption="Retention periods" columns={["Data", "Kept", "Ended by"]} class="record">
				{record.retention.map((entry) => (
					<tr>
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
			<h3>Why, and on which legal basis</h3>
			<DataTable
				caption="Purposes and legal bases"
				columns={["Purpose", "Legal basis", "Kinds of data"]}
				class="record"
			>
				{record.purposes.map((entry) => (
					<tr>
						<th scope="row">{entry.description}</th>
						<td>{entry.legalBases.map((basis) => basis.description).join("; ")}</td>
						<td>{categoryList(entry.categories)}</td>
					</tr>
				))}
			</DataTable>
			<h3>How it is protected</h3>
			<DataTable caption="Safeguards" columns={["Safeguard", "How"]} class="record">
				{record.safeguards.map((entry) => (
					<tr>
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
	const current = policy.version === inForce.version;
	const title = current ? "Privacy policy" : `Privacy policy, version ${policy.version}`;
	return (
		<Layout
			title={title}
			description="How Loomwash handles personal data: each promise and the code that keeps it."
			categories={[]}
			styles={PRIVACY_CSS}
			head={current ? null : <link rel="canonical" href={versionPath(policy.version)} />}
		>
			<h1>{title}</h1>
			{current ? null : (
				<p class="notice">
					This is not the version in force. The policy in force is{" "}
					<a href="/privacy">{`version ${inForce.version}`}</a>, effective from{" "}
					{policyDate(inForce.effectiveAt)}.
				</p>
			)}
			<dl class="policy-meta">
				<dt>Version</dt>
				<dd>{policy.version}</dd>
				<dt>Effective from</dt>
				<dd>
					<time datetime={policy.effectiveAt}>{policyDate(policy.effectiveAt)}</time>
				</dd>
			</dl>
			<p class="lead">{policy.summary}</p>
			<p>
				Your choices and your rights (a copy of your data, correction, deletion) are in the{" "}
				<a href="/privacy/center">privacy center</a>.
			</p>
			<h2>The policy, clause by clause</h2>
			<Clauses policy={policy} />
			<h2>Versions</h2>
			<History history={history} shown={policy.version} inForce={inForce.version} />
			{record ? <Record record={record} /> : null}
		</Layout>
	);
}
