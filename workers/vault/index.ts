// The vault worker (DESIGN §1, issue #6): holds the personal-data keys, the staff directory and
// the audit log. It has no public route (workers_dev = false, no routes); its fetch handler
// answers 404 to anything that reaches it anyway. The storefront talks to VaultRpc.
import { createLogger } from "../shared/logger";
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

	async scheduled(controller, env) {
		const logger = createLogger({ worker: "vault", cron: controller.cron });
		const seq = await checkpointAuditHead({ db: vaultDb(env.VAULT_DB), env, now: controller.scheduledTime });
		logger.info("audit checkpoint", { seq });
	},
} satisfies ExportedHandler<VaultEnv>;
