// What keeps an order's personal data although the order itself is finished (P9, P12): work on it
// that still needs its contact. One definition serves the retention purge and a guest's deletion
// request, so the two can never disagree about when an order is settled. Each is a condition
// correlated with `orders.id`, for use inside a query on `orders`.
import { and, eq, exists, gte, inArray, or, type SQL } from "drizzle-orm";
import { consultations, orders, refunds, returns } from "../db/schema";
import type { Db } from "../env";
import { OPEN_RETURN_STATUSES } from "../returns/return-rules";

/**
 * A consultation counts as live while open and written to within this many days: support may
 * still answer it, but one abandoned open for ever must not keep the contact beyond its period.
 */
export const CONSULTATION_IDLE_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

/** A return not yet settled, or a refund the provider has not confirmed. */
export function settlementOpen(db: Db): SQL {
	const openReturn = db
		.select({ id: returns.id })
		.from(returns)
		.where(and(eq(returns.orderId, orders.id), inArray(returns.status, [...OPEN_RETURN_STATUSES])));
	const pendingRefund = db
		.select({ id: refunds.id })
		.from(refunds)
		.where(and(eq(refunds.orderId, orders.id), eq(refunds.status, "pending")));
	return or(exists(openReturn), exists(pendingRefund)) as SQL;
}

/** An after-sales conversation on the order still going on at `now`: support may need to write back. */
export function conversationOpen(db: Db, now: number): SQL {
	return exists(
		db
			.select({ id: consultations.id })
			.from(consultations)
			.where(
				and(
					eq(consultations.orderId, orders.id),
					eq(consultations.status, "open"),
					gte(consultations.updatedAt, now - CONSULTATION_IDLE_DAYS * DAY_MS),
				),
			),
	);
}
