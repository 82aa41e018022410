// One batch of anonymous events into the aggregates, exactly once per event id.
// Common case: one D1 round trip (ids + counts in one transaction). When D1 refuses it because
// some id was already counted (a redelivery), the transaction left nothing behind: look up the
// counted ids, reduce the rest again and write once more.
import { dayOfHour, hourBucket } from "../../analytics/dimensions";
import type { RejectReason } from "../../analytics/event-schema";
import { reduceEvents } from "../../analytics/reduce";
import type { AnonymousEvent } from "../../analytics/strip";
import type { AnalyticsDb } from "./db/client";
import {
	countStatements,
	findProcessedIds,
	isDuplicateIdError,
	processedIdStatements,
	type RejectedCount,
	runStatements,
} from "./db/counts";

export type CountableEvent = { eventId: string; event: AnonymousEvent };
export type PersistResult = { counted: number; duplicates: number; roundTrips: number };

export function rejectedCounts(reasons: readonly RejectReason[], nowMs: number): RejectedCount[] {
	const day = dayOfHour(hourBucket(nowMs));
	const counts = new Map<string, number>();
	for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
	return [...counts].map(([reason, count]) => ({ reason, day, count }));
}

export async function persistEvents(
	db: AnalyticsDb,
	events: readonly CountableEvent[],
	rejected: readonly RejectReason[],
	options: { maxPairsPerEvent: number; nowMs: number },
): Promise<PersistResult> {
	// One id once, even if a batch carries the same message twice.
	const unique = [...new Map(events.map((e) => [e.eventId, e])).values()];
	const rejectedRows = rejectedCounts(rejected, options.nowMs);
	const write = (fresh: readonly CountableEvent[]) =>
		runStatements(db, [
			...processedIdStatements(
				db,
				fresh.map((e) => e.eventId),
			),
			...countStatements(
				db,
				reduceEvents(
					fresh.map((e) => e.event),
					options,
				),
				rejectedRows,
			),
		]);

	try {
		await write(unique);
		return { counted: unique.length, duplicates: events.length - unique.length, roundTrips: 1 };
	} catch (err) {
		if (!isDuplicateIdError(err)) throw err;
	}
	const seen = await findProcessedIds(
		db,
		unique.map((e) => e.eventId),
	);
	const fresh = unique.filter((e) => !seen.has(e.eventId));
	await write(fresh);
	return { counted: fresh.length, duplicates: events.length - fresh.length, roundTrips: 3 };
}
