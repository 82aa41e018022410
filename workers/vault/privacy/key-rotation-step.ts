// Key rotation as a retention step (DESIGN §5): each run re-wraps one batch of data keys still
// under an older PII_KEYRING or dormant generation (operations.ts `rotateKeyBatch`, the code
// behind `keys:rotate`), so a new generation takes over without anyone running the command. A
// generation that wraps nothing any more is logged: it may be retired once D1's Time Travel window
// has passed since the rotation, which is what makes every erasure before it irreversible.
import type { RetentionStep } from "../../shared/vault-contract";
import { rotateKeyBatch } from "../operations";
import { AuditUnavailable, auditStep, report, type StepContext } from "./retention-context";

export async function keyRotation(ctx: StepContext): Promise<RetentionStep> {
	const job = "key_rotation";
	const { deps } = ctx;
	const progress = await rotateKeyBatch(deps, ctx.dryRun ? 0 : ctx.batchSize, async (planned) => {
		// Logged before the first key changes; a batch with nothing to do writes no entry.
		if (planned > 0) await auditStep(ctx, { action: "keys.rotate", reason: "retention", itemCount: planned });
		return true;
	});
	if (!progress) throw new AuditUnavailable("keys.rotate");
	const current = [progress.currentKeyId, await deps.cipher.currentDormantKekId()];
	for (const kekId of await deps.cipher.knownKekIds()) {
		if (!current.includes(kekId) && !progress.byKey[kekId]) {
			deps.logger.info("key generation wraps no data key; retire it once the Time Travel window has passed", {
				kekId,
			});
		}
	}
	if (progress.orphaned > 0) {
		deps.logger.warn("data keys wrapped by a retired generation", { orphaned: progress.orphaned });
	}
	return report(job, progress.rewrapped + progress.remaining, progress.rewrapped);
}
