// Compliance's view of the audit log: the chain verification and the access review, as tables.
// Both show pseudonymous staff ids, purposes and counts: never a person's data.
import type { AuditVerifyReport, StaffIdentity } from "../../../shared/vault-contract";
import type { reviewAccesses } from "../../routes/staff-audit";
import {
	dateTime,
	ErrorSummary,
	FieldError,
	type FormErrors,
	hasErrors,
	invalid,
	NO_ERRORS,
	StaffLayout,
} from "./staff-layout";

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
		<StaffLayout title="Access review" staff={staff} current="/staff/audit/review" failed={hasErrors(errors)}>
			<h1>Access review</h1>
			<ErrorSummary errors={errors} />
			<p class="lead">
				Openings of personal data and refusals, by staff member and purpose, over whole UTC days. A member who
				reached more people than the threshold is flagged.
			</p>
			<form method="get" action="/staff/audit/review" class="filters" novalidate>
				<div>
					<label for="from">From (UTC day)</label>
					<FieldError id="from" errors={errors} />
					<input
						id="from"
						name="from"
						type="date"
						value={values.from ?? ""}
						required
						{...invalid("from", errors)}
					/>
				</div>
				<div>
					<label for="to">To (UTC day, included)</label>
					<FieldError id="to" errors={errors} />
					<input id="to" name="to" type="date" value={values.to ?? ""} required {...invalid("to", errors)} />
				</div>
				<div>
					<label for="threshold">Flag above (people)</label>
					<FieldError id="threshold" errors={errors} />
					<input
						id="threshold"
						name="threshold"
						type="number"
						min={1}
						value={values.threshold ?? ""}
						{...invalid("threshold", errors)}
					/>
				</div>
				<button type="submit">Review</button>
			</form>
			{review ? (
				<section class="scroll" tabindex={0} aria-labelledby="review-caption">
					<table>
						<caption id="review-caption">{`Accesses from ${review.from} to ${review.to}, flagged above ${review.threshold} people`}</caption>
						<thead>
							<tr>
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
							</tr>
						</thead>
						<tbody>
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
						</tbody>
					</table>
				</section>
			) : null}
			{review && review.rows.length === 0 ? <p>No accesses in this period.</p> : null}
		</StaffLayout>
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
		<StaffLayout title="Audit chain" staff={staff} current="/staff/audit/verify">
			<h1>Audit chain</h1>
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
		</StaffLayout>
	);
}
