// One retention run (P9): every storefront job once, each bounded by the batch size, then (when a
// staff member runs it) the vault's own steps under their name, and last the sweep of destroyed
// keys, so it sees what this run destroyed. The cron and `npm run retention` run this same
// function; a job that fails does not keep the others from running, and the run then fails with
// its error so that nobody mistakes it for a complete one.
import type { RetentionStep } from "../../../shared/vault-contract";
import { fromVault } from "../../vault-client";
import { deleteExpiredRows, EXPIRING_ROWS } from "./expired-rows";
import type { RetentionDeps, RetentionRun } from "./job";
import { purgeExpiredOrders } from "./orders";
import { sweepShreddedSubjects } from "./shred-sweep";

export type { RetentionDeps, RetentionRun } from "./job";

/** The cron's batch: one per job and run, a backlog clears over a few runs. */
export const CRON_RETENTION_BATCH = 200;

type Job = { job: string; run: () => Promise<RetentionStep[]> };

export async function runRetention(deps: RetentionDeps, run: RetentionRun): Promise<RetentionStep[]> {
	const { actor } = deps;
	const jobs: Job[] = [
		{ job: "orders", run: async () => [await purgeExpiredOrders(deps, run)] },
		...EXPIRING_ROWS.map((rows) => ({
			job: rows.job,
			run: async () => [await deleteExpiredRows(deps, run, rows)],
		})),
		...(actor
			? [
					{
						job: "vault",
						run: async () => {
							const { steps } = await fromVault(
								deps.vault.runRetention({
									actor,
									dryRun: run.dryRun,
									batchSize: run.batchSize,
									requestId: deps.requestId,
								}),
								deps.logger,
							);
							return steps;
						},
					},
				]
			: []),
		{ job: "shred_sweep", run: async () => [await sweepShreddedSubjects(deps, run)] },
	];
	const steps: RetentionStep[] = [];
	let failed: { err: unknown } | null = null;
	for (const { job, run: runJob } of jobs) {
		try {
			steps.push(...(await runJob()));
		} catch (err) {
			deps.logger.error("retention job failed", { job, err });
			failed ??= { err };
		}
	}
	if (failed) throw failed.err;
	deps.logger.info("retention run", { dryRun: run.dryRun, steps });
	return steps;
}
