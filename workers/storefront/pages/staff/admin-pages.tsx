// The admin's two maintenance forms: one batch of every retention job (a dry run counts and
// changes nothing) with the steps it reports, and one batch of data-key rotation, confirmed first,
// with the progress the vault reports. Each run is the vault's and the cron's own code, logged.
import type { RetentionStep, StaffIdentity } from "../../../shared/vault-contract";
import { TextInput } from "./field-parts";
import { ScrollTable } from "./list-parts";
import { FieldError, type FormErrors, invalid, NO_ERRORS } from "./staff-layout";
import { StaffPage } from "./staff-page";

export type BatchValues = { dryRun?: boolean; batchSize?: string; confirm?: boolean };
export const BATCH_FIELD = "batch-size";
export const CONFIRM_FIELD = "confirm";

function BatchFields({ values, errors, max }: { values: BatchValues; errors: FormErrors; max: number }) {
	return (
		<>
			<label class="check" for="dry-run">
				<input id="dry-run" type="checkbox" name="dryRun" value="yes" checked={values.dryRun ?? true} />
				Dry run: count what is due, change nothing
			</label>
			<TextInput
				id={BATCH_FIELD}
				name="batchSize"
				label="Batch size"
				hint={`A whole number from 1 to ${max}; empty for the default.`}
				inputmode="numeric"
				value={values.batchSize ?? ""}
				errors={errors}
			/>
		</>
	);
}

/** What both maintenance pages take: the form's last values and refusal, and whether it was a dry run. */
type BatchPageProps = {
	staff: StaffIdentity;
	dryRun?: boolean;
	values?: BatchValues;
	errors?: FormErrors;
};

type RetentionProps = BatchPageProps & { steps?: RetentionStep[] };

export function RetentionPage({ staff, steps, dryRun, values = {}, errors = NO_ERRORS }: RetentionProps) {
	return (
		<StaffPage title="Retention" staff={staff} current="/staff/retention" errors={errors}>
			<p class="lead">
				The nightly job erases what has outlived its retention period. Run one batch of every job by hand
				here; the vault logs each of its steps under your name. Run again while a step says it has more.
			</p>
			{steps ? (
				<ScrollTable
					captionId="steps-caption"
					caption={dryRun ? "Dry run: what is due" : "What this batch did"}
					head={
						<>
							<th scope="col">Job</th>
							<th scope="col" class="num">
								Due
							</th>
							<th scope="col" class="num">
								Done
							</th>
							<th scope="col">More to do</th>
						</>
					}
				>
					{steps.map((step) => (
						<tr>
							<th scope="row">{step.job}</th>
							<td class="num">{step.due}</td>
							<td class="num">{step.done}</td>
							<td>{step.more ? "Yes" : "No"}</td>
						</tr>
					))}
				</ScrollTable>
			) : null}
			<form method="post" action="/staff/retention" novalidate>
				<fieldset>
					<legend>Run one batch</legend>
					<BatchFields values={values} errors={errors} max={500} />
					<button type="submit">Run retention</button>
				</fieldset>
			</form>
		</StaffPage>
	);
}

export type RotationProgress = {
	currentKeyId: string;
	rewrapped: number;
	remaining: number;
	orphaned: number;
	byKey: Record<string, number>;
	done: boolean;
};

type KeysProps = BatchPageProps & { progress?: RotationProgress };

export function KeyRotationPage({ staff, progress, dryRun, values = {}, errors = NO_ERRORS }: KeysProps) {
	return (
		<StaffPage title="Key rotation" staff={staff} current="/staff/keys" errors={errors}>
			<p class="lead">
				After a new key is added to the vault's keyring, each data key wrapped under an older one is
				re-wrapped under the current key, a batch at a time. Nothing personal is opened; the vault logs each
				batch.
			</p>
			{progress ? (
				<section aria-labelledby="progress-title">
					<h2 id="progress-title">{dryRun ? "Dry run: where rotation stands" : "This batch"}</h2>
					<dl class="specs">
						<dt>Current key</dt>
						<dd>{progress.currentKeyId}</dd>
						<dt>Re-wrapped now</dt>
						<dd>{progress.rewrapped}</dd>
						<dt>Still under an older key</dt>
						<dd>{progress.remaining}</dd>
						<dt>Under a key no longer in the keyring</dt>
						<dd>{progress.orphaned}</dd>
						<dt>Data keys by wrapping key</dt>
						<dd>
							{Object.entries(progress.byKey)
								.map(([key, n]) => `${key}: ${n}`)
								.join("; ") || "—"}
						</dd>
						<dt>Done</dt>
						<dd>
							{progress.done ? "Yes: every data key is under the current key" : "No: run another batch"}
						</dd>
					</dl>
				</section>
			) : null}
			<form method="post" action="/staff/keys" novalidate>
				<fieldset>
					<legend>Rotate one batch</legend>
					<BatchFields values={values} errors={errors} max={500} />
					<FieldError id={CONFIRM_FIELD} errors={errors} />
					<label class="check" for={CONFIRM_FIELD}>
						<input
							id={CONFIRM_FIELD}
							type="checkbox"
							name="confirm"
							value="yes"
							checked={values.confirm ?? false}
							{...invalid(CONFIRM_FIELD, errors)}
						/>
						I have added the new key to the keyring and want its data keys re-wrapped (not needed for a dry
						run)
					</label>
					<button type="submit">Rotate keys</button>
				</fieldset>
			</form>
		</StaffPage>
	);
}
