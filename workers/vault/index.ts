// The vault worker (DESIGN §1, issue #6): holds the personal-data keys, the staff directory and
// the audit log. It has no public route (workers_dev = false, no routes); its fetch handler
// answers 404 to anything that reaches it anyway. The storefront talks to VaultRpc.
import { createLogger } from "../shared/logger";
import { cleanUpAccounts } from "./accounts/retention";
import { createSubjectCipher } from "./crypto/subject-cipher";
import { vaultDb } from "./db/client";
import { checkpointAuditHead } from "./operations";
import { SYSTEM_RETENTION } from "./privacy/retention-context";
import { runRetentionSteps } from "./privacy/retention-steps";

export { VaultRpc } from "./rpc";

export default {
	fetch() {
		return Response.json(
			{ error: { code: "not_found", message: "No such route", requestId: "" } },
			{ status: 404 },
		);
	},

	/**
	 * Account housekeeping and the retention steps (P9), then the audit checkpoint (which then
	 * covers their entries). A failed one skips neither the other nor the checkpoint; it fails the
	 * run after it.
	 */
	async scheduled(controller, env, ctx?: ExecutionContext) {
		const logger = createLogger({ worker: "vault", cron: controller.cron });
		const db = vaultDb(env.VAULT_DB);
		const now = controller.scheduledTime;
		let cleanupError: unknown = null;
		try {
			logger.info("account cleanup", await cleanUpAccounts({ db, env, logger }, now));
		} catch (err) {
			cleanupError = err;
			logger.error("account cleanup failed", { err });
		}
		try {
			const cipher = createSubjectCipher(env);
			const defer = (task: Promise<unknown>) => ctx?.waitUntil(task);
			const deps = { db, env, cipher, logger, now, defer };
			logger.info("retention", { steps: await runRetentionSteps(deps, SYSTEM_RETENTION, { dryRun: false }) });
		} catch (err) {
			cleanupError = cleanupError ?? err;
			logger.error("retention failed", { err });
		}
		const seq = await checkpointAuditHead({ db, env, now });
		logger.info("audit checkpoint", { seq });
		if (cleanupError) throw cleanupError;
	},
} satisfies ExportedHandler<VaultEnv>;
