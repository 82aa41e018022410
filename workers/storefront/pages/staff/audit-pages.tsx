// Compliance's view of the audit log: the chain verification and the access review, as tables.
// Both show pseudonymous staff ids, purposes and counts: never a person's data.
import type { AuditVerifyReport, StaffIdentity } from "../../../shared/vault-contract";
import type { reviewAccesses } from "../../routes/staff-audit";
import { TextInput } from "./field-parts";
import { ScrollTable } from "./list-parts";
import { dateTime, type FormErrors, NO_ERRORS } from "./staff-layout";
import { StaffPage } from "./staff-page";

type Review = Awaited<ReturnType<typeof reviewAccesses>>;
export type ReviewFormValues = { from?: string; to?: string; threshold?: string };

export function AuditReviewPage({
	staff,
	review,
	values,
	errors = NO_ERRORS,
}: {
	staff: StaffIdentity;
	review: Review | null;
	values: ReviewFormValues;
	errors?: FormErrors;
}) {
	return (
		<StaffPage title="Access review" staff={staff} current="/staff/audit/review" errors={errors}>
			<p class="lead">
				Openings of personal data and refusals, by staff member and purpose, over whole UTC days. A member who
				reached more people than the threshold is flagged.
			</p>
			<form method="get" action="/staff/audit/review" class="filters" novalidate>
				<TextInput
					id="from"
					name="from"
					type="date"
					label="From (UTC day)"
					value={values.from ?? ""}
					errors={errors}
					required
					boxed={false}
				/>
				<TextInput
					id="to"
					name="to"
					type="date"
					label="To (UTC day, included)"
					value={values.to ?? ""}
					errors={errors}
					required
					boxed={false}
				/>
				<TextInput
					id="threshold"
					name="threshold"
					type="number"
					min={1}
					label="Flag above (people)"
					value={values.threshold ?? ""}
					errors={errors}
					boxed={false}
				/>
				<button type="submit">Review</button>
			</form>
			{review ? (
				<ScrollTable
					captionId="review-caption"
					caption={`Accesses from ${review.from} to ${review.to}, flagged above ${review.threshold} people`}
					head={
						<>
							<th scope="col">Staff member</th>
							<th scope="col">Role</th>
							<th scope="col">Purpose</th>
							<th scope="col" class="num">
								Accesses
							</th>
							<th scope="col" class="num">
								Refusals
							</th>
							<th scope="col" class="num">
								People
							</th>
							<th scope="col">Flagged</th>
						</>
					}
				>
					{review.rows.map((row) => (
						<tr>
							<th scope="row">{row.actorId}</th>
							<td>{row.actorRole ?? "—"}</td>
							<td>{row.purpose ?? "—"}</td>
							<td class="num">{row.accesses}</td>
							<td class="num">{row.denials}</td>
							<td class="num">{row.distinctSubjects}</td>
							<td>{row.flagged ? <span class="bad">Unusual volume</span> : "No"}</td>
						</tr>
					))}
				</ScrollTable>
			) : null}
			{review && review.rows.length === 0 ? <p>No accesses in this period.</p> : null}
		</StaffPage>
	);
}

export function AuditVerifyPage({
	staff,
	report,
	at,
}: {
	staff: StaffIdentity;
	report: AuditVerifyReport;
	at: number;
}) {
	return (
		<StaffPage title="Audit chain" staff={staff} current="/staff/audit/verify">
			<p class={report.valid ? "logged" : "notice"} role="status">
				{report.valid
					? "The chain is intact: every entry links to the one before, and the signed checkpoints match."
					: `The chain is broken at entry ${report.firstBad?.seq ?? "?"}: ${report.firstBad?.message ?? "unknown problem"}.`}
			</p>
			<table>
				<caption>{`Verification at ${dateTime(at)} UTC`}</caption>
				<tbody>
					<tr>
						<th scope="row">Result</th>
						<td>{report.valid ? <span class="ok">Valid</span> : <span class="bad">Invalid</span>}</td>
					</tr>
					<tr>
						<th scope="row">Entries</th>
						<td>{report.entries}</td>
					</tr>
					<tr>
						<th scope="row">Head</th>
						<td>{report.head ? `#${report.head.seq} · ${report.head.hash.slice(0, 16)}…` : "Empty log"}</td>
					</tr>
					<tr>
						<th scope="row">Signed checkpoints</th>
						<td>{report.checkpoints}</td>
					</tr>
					<tr>
						<th scope="row">First bad entry</th>
						<td>{report.firstBad ? `#${report.firstBad.seq} (${report.firstBad.problem})` : "None"}</td>
					</tr>
				</tbody>
			</table>
			<form method="get" action="/staff/audit/verify">
				<p>
					<button type="submit">Verify again</button>
				</p>
			</form>
		</StaffPage>
	);
}
