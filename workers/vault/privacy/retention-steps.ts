// The vault's retention run (DESIGN P9): the same steps for the cron (system actor) and an admin's
// `retention.run`, in order, each bounded by the batch size and resumable (a step selects by the
// condition that makes a row due, so whatever a cut-short run left is simply still due). A step
// that fails is logged and reported with nothing done; the others still run.
import type { RetentionStep } from "../../shared/vault-contract";
import type { VaultDeps } from "../deps";
import { dormantAccounts, dormantErasure } from "./dormancy";
import { erasureNotices } from "./erasure-notice";
import { keyRotation } from "./key-rotation-step";
import { expiredPrivacyRequests, expiredShredRecords } from "./record-expiry";
import { retentionConfig } from "./retention-config";
import type { RetentionActor, StepContext } from "./retention-context";

export const DEFAULT_RETENTION_BATCH = 100;

type Step = { job: string; run: (ctx: StepContext) => Promise<RetentionStep> };

// The lifecycle's order. The periods between the stages keep one run from taking an account
// through more than one of them.
const STEPS: readonly Step[] = [
	{ job: "dormant_accounts", run: dormantAccounts },
	{ job: "erasure_notices", run: erasureNotices },
	{ job: "dormant_erasure", run: dormantErasure },
	{ job: "key_rotation", run: keyRotation },
	{ job: "shred_records", run: expiredShredRecords },
	{ job: "privacy_requests", run: expiredPrivacyRequests },
];

/** Runs every step; the periods come from the env (an invalid one throws before anything runs). */
export async function runRetentionSteps(
	deps: VaultDeps,
	actor: RetentionActor,
	options: { dryRun: boolean; batchSize?: number },
): Promise<RetentionStep[]> {
	const ctx: StepContext = {
		deps,
		actor,
		dryRun: options.dryRun,
		batchSize: options.batchSize ?? DEFAULT_RETENTION_BATCH,
		config: retentionConfig(deps.env),
	};
	const steps: RetentionStep[] = [];
	for (const step of STEPS) {
		try {
			steps.push(await step.run(ctx));
		} catch (err) {
			deps.logger.error("retention step failed", { job: step.job, err });
			steps.push({ job: step.job, due: 0, done: 0, more: true });
		}
	}
	return steps;
}
