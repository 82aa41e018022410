// The cron trigger (wrangler.toml [triggers]): housekeeping that no request would do.
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./db/schema";
import { createLogger } from "./logger";
import { releaseExpiredReservations } from "./orders/release-expired";

export async function scheduled(
	controller: ScheduledController,
	env: Env,
	_ctx: ExecutionContext,
): Promise<void> {
	const logger = createLogger({ cron: controller.cron });
	const db = drizzle(env.DB, { schema });
	const released = await releaseExpiredReservations(db, controller.scheduledTime);
	logger.info("released expired reservations", { orders: released });
}
