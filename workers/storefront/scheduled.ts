// The cron trigger (wrangler.toml [triggers]): housekeeping that no request would do.
import { drizzle } from "drizzle-orm/d1";
import { createLogger } from "../shared/logger";
import { deleteOldBudgets } from "./analytics/event-budget";
import { runAnalyticsMaintenance } from "./analytics/maintenance";
import { deleteSettledHolds } from "./checkout/client-limits";
import { deleteUnconfirmedCustomers } from "./db/customers";
import * as schema from "./db/schema";
import { releaseExpiredReservations } from "./orders/release-expired";
import { createLocalProvider } from "./payments/local";
import { retryLateRefunds } from "./payments/settle-payment";
import { createStripeProvider } from "./payments/stripe";
import { CRON_RETENTION_BATCH, runRetention } from "./privacy/retention/runner";

/** A day past the vault's 7 for unconfirmed accounts: their data keys are gone by then. */
const UNCONFIRMED_PROFILE_DAYS = 8;
const LATE_REFUNDS_PER_RUN = 50;

export async function scheduled(
	controller: ScheduledController,
	env: Env,
	_ctx: ExecutionContext,
): Promise<void> {
	const logger = createLogger({ cron: controller.cron });
	const db = drizzle(env.DB, { schema });
	// Each order's session is settled with the provider it was opened at, whatever is configured now.
	const providers = {
		local: createLocalProvider({ db, webhookSecret: env.PAYMENT_WEBHOOK_SECRET, origin: "" }),
		stripe: createStripeProvider({
			secretKey: env.STRIPE_SECRET_KEY,
			webhookSecret: env.PAYMENT_WEBHOOK_SECRET,
		}),
	};
	const payments = { db, now: controller.scheduledTime, logger, mail: { vault: env.VAULT, logger } };
	// Independent jobs: one failing must not keep the others from running.
	const [released, analytics, profiles, retention] = await Promise.allSettled([
		// Holds go once their order is paid or cancelled, after this run's releases.
		releaseExpiredReservations(db, controller.scheduledTime, { providers, logger, mail: payments.mail }).then(
			async (orders) => ({
				orders,
				lateRefunds: await retryLateRefunds(payments, providers, LATE_REFUNDS_PER_RUN),
				holds: await deleteSettledHolds(db),
			}),
		),
		runAnalyticsMaintenance(env).then(async () => ({
			budgets: await deleteOldBudgets(db, controller.scheduledTime),
		})),
		deleteUnconfirmedCustomers(db, controller.scheduledTime - UNCONFIRMED_PROFILE_DAYS * 86_400_000),
		// P9: one batch of each storefront retention job (the vault's cron runs its own part).
		runRetention(
			{ db, vault: env.VAULT, logger },
			{ now: controller.scheduledTime, dryRun: false, batchSize: CRON_RETENTION_BATCH },
		),
	]);
	if (released.status === "fulfilled") logger.info("released expired reservations", released.value);
	else logger.error("releasing reservations failed", { err: released.reason });
	if (analytics.status === "rejected") logger.warn("analytics maintenance failed", { err: analytics.reason });
	if (profiles.status === "fulfilled")
		logger.info("deleted unconfirmed profiles", { profiles: profiles.value });
	else logger.warn("deleting unconfirmed profiles failed", { err: profiles.reason });
	if (retention.status === "rejected") logger.warn("retention failed", { err: retention.reason });
	if (released.status === "rejected") throw released.reason;
}
