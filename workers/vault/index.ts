// The vault worker (DESIGN §1, issue #6): holds the personal-data keys, the staff directory and
// the audit log. It has no public route (workers_dev = false, no routes); its fetch handler
// answers 404 to anything that reaches it anyway. The storefront talks to VaultRpc.
import { createLogger } from "../shared/logger";
import { cleanUpAccounts } from "./accounts/retention";
import { vaultDb } from "./db/client";
import { checkpointAuditHead } from "./operations";

export { VaultRpc } from "./rpc";

export default {
	fetch() {
		return Response.json(
			{ error: { code: "not_found", message: "No such route", requestId: "" } },
			{ status: 404 },
		);
	},

	/**
	 * Account housekeeping, then the audit checkpoint (which then covers the housekeeping's entry).
	 * A failed housekeeping run does not skip the checkpoint; it fails the run after it.
	 */
	async scheduled(controller, env) {
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
		const seq = await checkpointAuditHead({ db, env, now });
		logger.info("audit checkpoint", { seq });
		if (cleanupError) throw cleanupError;
	},
} satisfies ExportedHandler<VaultEnv>;
