// Abandoned payments: a `placed` order whose reservation has run out is cancelled and its stock
// put back on sale. Each order is its own batch, conditional on still being `placed`, so a
// payment webhook racing the cron wins or loses cleanly.
import { runBatch } from "../../shared/d1-batch";
import { cancelPlacedOrderStatements, listExpiredReservations } from "../db/orders";
import type { Db } from "../env";

const ORDERS_PER_RUN = 200;
/** Time after a reservation ends for a payment completed at the last moment to reach our webhook. */
export const PAYMENT_GRACE_MS = 10 * 60_000;

export async function releaseExpiredReservations(
	db: Db,
	now: number,
	limit = ORDERS_PER_RUN,
): Promise<number> {
	const expired = await listExpiredReservations(db, now - PAYMENT_GRACE_MS, limit);
	let released = 0;
	for (const order of expired) {
		const results = await runBatch(db, [
			...cancelPlacedOrderStatements(db, order.id, "reservation_expired", now),
		]);
		if (((results.at(-1) as { id: string }[] | undefined) ?? []).length > 0) released++;
	}
	return released;
}
