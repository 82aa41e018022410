// The analytics worker (DESIGN §1, §4): a thin shell around the pure pipeline in /analytics.
// It binds only its own aggregate database and holds no secret.
import { readPipelineConfig } from "../../analytics/config";
import { hourBucket } from "../../analytics/dimensions";
import { planRetention } from "../../analytics/rollup";
import { createLogger } from "../shared/logger";
import { consumeBatch } from "./consumer";
import { analyticsDb } from "./db/client";
import { applyRetention } from "./db/retention";

export { AnalyticsRpc } from "./rpc";

// Rollup and expiry run at most once an hour per isolate, after a batch, off the ack path.
let lastMaintenanceHour = -1;

export default {
	async queue(batch, env, ctx) {
		const config = readPipelineConfig(env);
		const logger = createLogger({ worker: "analytics", queue: batch.queue });
		const db = analyticsDb(env.ANALYTICS_DB);
		const nowMs = Date.now();
		await consumeBatch(batch, db, { maxPairsPerEvent: config.maxPairsPerEvent, nowMs, logger });
		if (hourBucket(nowMs) !== lastMaintenanceHour) {
			lastMaintenanceHour = hourBucket(nowMs);
			ctx.waitUntil(
				applyRetention(env.ANALYTICS_DB, planRetention(nowMs, config.retention)).catch((err: unknown) =>
					logger.warn("analytics maintenance failed", {
						err,
					}),
				),
			);
		}
	},
} satisfies ExportedHandler<AnalyticsEnv, unknown>;
