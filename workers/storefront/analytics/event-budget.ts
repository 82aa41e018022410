// One client's weight in the counts, per day (issue #12, finding 2). The context cookies bound
// pairs per browser, and the rate limiter bounds a minute; a client that drops its cookies and
// paces itself would still be unbounded over a day. This budget is kept on the server, keyed by a
// daily pseudonym of the client's address, so it survives dropped cookies and resets at midnight
// UTC. Several shoppers behind one address share it: generous enough for a household or office.
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { eventBudgets } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { clientAddress, dailyPseudonym } from "./rate-limit";

export const DAILY_EVENT_BUDGET = 400;
const DAY_MS = 86_400_000;

/**
 * Charges `count` events to the client's budget for today; false (and nothing charged) when they
 * would exceed it. One statement: concurrent requests of one client cannot both pass the bound.
 */
export async function chargeBudget(db: Db, clientKey: string, day: number, count: number): Promise<boolean> {
	const rows = await db
		.insert(eventBudgets)
		.values({ clientKey, day, used: count })
		.onConflictDoUpdate({
			target: eventBudgets.clientKey,
			set: { used: sql`${eventBudgets.used} + excluded.used` },
			setWhere: sql`${eventBudgets.used} + excluded.used <= ${DAILY_EVENT_BUDGET}`,
		})
		.returning({ used: eventBudgets.used });
	return count <= DAILY_EVENT_BUDGET && rows.length > 0;
}

/**
 * Whether this request's events fit the client's daily budget. Cloudflare always sets the
 * client's address; without it (local tools) there is no client to tell apart, and one shared
 * bucket would only turn the bound into a global one.
 */
export async function withinEventBudget(c: Context<AppEnv>, count: number): Promise<boolean> {
	if (!c.req.header("CF-Connecting-IP") || count === 0) return true;
	const now = Date.now();
	const clientKey = await dailyPseudonym(c.env.SESSION_KEY, "event-budget", clientAddress(c), now);
	return chargeBudget(c.var.db, clientKey, Math.floor(now / DAY_MS), count);
}

/** Budgets of days gone by: nothing to bound any more (cron). */
export async function deleteOldBudgets(db: Db, now: number): Promise<number> {
	const deleted = await db
		.delete(eventBudgets)
		.where(sql`${eventBudgets.day} < ${Math.floor(now / DAY_MS)}`)
		.returning({ clientKey: eventBudgets.clientKey });
	return deleted.length;
}
