// P9, rows that simply expire: abandoned carts (their lines cascade), payment events past any
// replay worth recognising, and the local payment stand-in's sessions. Each run deletes at most a
// batch, oldest first, re-checking the condition in the delete itself; a run cut off deletes
// nothing twice and leaves the rest for the next.
import { and, count, eq, gt, inArray, isNull, lt, notExists, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { carts, localPaymentSessions, orders, paymentEvents } from "../../db/schema";
import type { Db } from "../../env";
import { doneStep, dueStep, type RetentionDeps, type RetentionRun } from "./job";
import { CART_DAYS, daysBefore, LOCAL_PAYMENT_SESSION_DAYS, PAYMENT_EVENT_DAYS } from "./periods";

/** One kind of expiring row: its table, a column that identifies a row, and when a row is due. */
type ExpiringRows = {
	job: string;
	table: SQLiteTable;
	key: SQLiteColumn;
	due: (db: Db, now: number) => SQL | undefined;
};

export const EXPIRING_ROWS: readonly ExpiringRows[] = [
	{
		// Open, merged or checked out: a cart nobody touched for a month is abandoned either way.
		job: "carts",
		table: carts,
		key: carts.id,
		due: (_db, now) => lt(carts.updatedAt, daysBefore(now, CART_DAYS)),
	},
	{
		job: "payment_events",
		table: paymentEvents,
		key: paymentEvents.eventId,
		due: (_db, now) => lt(paymentEvents.receivedAt, daysBefore(now, PAYMENT_EVENT_DAYS)),
	},
	{
		job: "local_payment_sessions",
		table: localPaymentSessions,
		key: localPaymentSessions.id,
		due: (db, now) =>
			and(
				lt(localPaymentSessions.createdAt, daysBefore(now, LOCAL_PAYMENT_SESSION_DAYS)),
				notExists(stillNeeded(db)),
			),
	},
];

/**
 * The stand-in refunds by its session (the session is the payment's reference), and a late
 * payment may still complete an open one: a session stays while its order is placed, or paid and
 * not yet past retention (a refund may still come).
 */
function stillNeeded(db: Db) {
	return db
		.select({ id: orders.id })
		.from(orders)
		.where(
			and(
				eq(orders.number, localPaymentSessions.orderNumber),
				or(eq(orders.status, "placed"), and(gt(orders.paidMinor, 0), isNull(orders.personalDataPurgedAt))),
			),
		);
}

export async function deleteExpiredRows(deps: RetentionDeps, run: RetentionRun, rows: ExpiringRows) {
	const due = rows.due(deps.db, run.now);
	const [counted] = await deps.db.select({ n: count() }).from(rows.table).where(due);
	const total = counted?.n ?? 0;
	if (run.dryRun || total === 0) return dueStep(rows.job, total, run.batchSize);
	const batch = deps.db.select({ key: rows.key }).from(rows.table).where(due).limit(run.batchSize);
	const deleted = await deps.db
		.delete(rows.table)
		.where(and(inArray(rows.key, batch), due))
		.returning({ key: rows.key });
	return doneStep(rows.job, total, deleted.length);
}
