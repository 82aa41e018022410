// Writes of the consumer: count deltas as multi-row upserts, chunked under D1's bound-parameter
// limit, and the processed event ids that make a redelivery count nothing.
import { inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { chunk, rowsPerStatement } from "../../../analytics/chunk";
import type { CountDeltas } from "../../../analytics/reduce";
import type { AnalyticsDb } from "./client";
import {
	coPurchasesDaily,
	coViewsDaily,
	pageViewsHourly,
	processedEvents,
	productHourly,
	rejectedEvents,
} from "./schema";

export type Statement = BatchItem<"sqlite">;
export type RejectedCount = { reason: string; day: number; count: number };

const addExcluded = (column: SQLiteColumn): SQL => sql`${column} + excluded.${sql.identifier(column.name)}`;

export function countStatements(
	db: AnalyticsDb,
	deltas: CountDeltas,
	rejected: RejectedCount[],
): Statement[] {
	const statements: Statement[] = [];
	for (const rows of chunk(deltas.productHours, rowsPerStatement(6))) {
		statements.push(
			db
				.insert(productHourly)
				.values(rows)
				.onConflictDoUpdate({
					target: [productHourly.productId, productHourly.hour],
					set: {
						views: addExcluded(productHourly.views),
						cartAdds: addExcluded(productHourly.cartAdds),
						cartRemoves: addExcluded(productHourly.cartRemoves),
						purchases: addExcluded(productHourly.purchases),
					},
				}),
		);
	}
	for (const [table, pairs] of [
		[coViewsDaily, deltas.coViews],
		[coPurchasesDaily, deltas.coPurchases],
	] as const) {
		for (const rows of chunk(pairs, rowsPerStatement(4))) {
			statements.push(
				db
					.insert(table)
					.values(rows)
					.onConflictDoUpdate({
						target: [table.productA, table.productB, table.day],
						set: { count: addExcluded(table.count) },
					}),
			);
		}
	}
	for (const rows of chunk(deltas.pageViews, rowsPerStatement(5))) {
		statements.push(
			db
				.insert(pageViewsHourly)
				.values(rows)
				.onConflictDoUpdate({
					target: [
						pageViewsHourly.path,
						pageViewsHourly.device,
						pageViewsHourly.country,
						pageViewsHourly.hour,
					],
					set: { count: addExcluded(pageViewsHourly.count) },
				}),
		);
	}
	for (const rows of chunk(rejected, rowsPerStatement(3))) {
		statements.push(
			db
				.insert(rejectedEvents)
				.values(rows)
				.onConflictDoUpdate({
					target: [rejectedEvents.reason, rejectedEvents.day],
					set: { count: addExcluded(rejectedEvents.count) },
				}),
		);
	}
	return statements;
}

/** Plain INSERTs: in the same transaction as the counts, a redelivered id fails the whole batch. */
export function processedIdStatements(db: AnalyticsDb, ids: readonly string[]): Statement[] {
	// The hour comes from SQLite, so each row binds one parameter.
	const recordedHour = sql`(unixepoch() / 3600)`;
	return chunk(ids, rowsPerStatement(1)).map((part) =>
		db.insert(processedEvents).values(part.map((id) => ({ id, hour: recordedHour }))),
	);
}

/** The ids among `ids` already counted, in one round trip. */
export async function findProcessedIds(db: AnalyticsDb, ids: readonly string[]): Promise<Set<string>> {
	const queries = chunk(ids, rowsPerStatement(1)).map((part) =>
		db.select({ id: processedEvents.id }).from(processedEvents).where(inArray(processedEvents.id, part)),
	);
	const [first, ...rest] = queries;
	if (!first) return new Set();
	const results = await db.batch([first, ...rest]);
	return new Set(results.flat().map((row) => row.id));
}

export async function runStatements(db: AnalyticsDb, statements: Statement[]): Promise<void> {
	const [first, ...rest] = statements;
	if (first) await db.batch([first, ...rest]);
}

/** True when D1 refused the batch because an event id was already recorded. */
export function isDuplicateIdError(err: unknown): boolean {
	for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
		if (e instanceof Error && /UNIQUE constraint failed: processed_events\.id/.test(e.message)) return true;
		e = e instanceof Error ? e.cause : undefined;
	}
	return false;
}
