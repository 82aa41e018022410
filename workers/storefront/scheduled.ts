// The cron trigger (wrangler.toml [triggers]): housekeeping that no request would do.
import { drizzle } from "drizzle-orm/d1";
import { createLogger } from "../shared/logger";
import { deleteOldBudgets } from "./analytics/event-budget";
import { runAnalyticsMaintenance } from "./analytics/maintenance";
import { deleteSettledHolds } from "./checkout/client-limits";
import * as schema from "./db/schema";
import { releaseExpiredReservations } from "./orders/release-expired";

export async function scheduled(
	controller: ScheduledController,
	env: Env,
	_ctx: ExecutionContext,
): Promise<void> {
	const logger = createLogger({ cron: controller.cron });
	const db = drizzle(env.DB, { schema });
	// Independent jobs: one failing must not keep the other from running.
	const [released, analytics] = await Promise.allSettled([
		// Holds go once their order is paid or cancelled, after this run's releases.
		releaseExpiredReservations(db, controller.scheduledTime).then(async (orders) => ({
			orders,
			holds: await deleteSettledHolds(db),
		})),
		runAnalyticsMaintenance(env).then(async () => ({
			budgets: await deleteOldBudgets(db, controller.scheduledTime),
		})),
	]);
	if (released.status === "fulfilled") logger.info("released expired reservations", released.value);
	else logger.error("releasing reservations failed", { err: released.reason });
	if (analytics.status === "rejected") logger.warn("analytics maintenance failed", { err: analytics.reason });
	if (released.status === "rejected") throw released.reason;
}
