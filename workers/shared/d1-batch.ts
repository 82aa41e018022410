// D1 runs a batch as one transaction; drizzle wants a non-empty tuple, routes build arrays.
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { DrizzleD1Database } from "drizzle-orm/d1";

export type Statement = BatchItem<"sqlite">;

export async function runBatch<S extends Record<string, unknown>>(
	db: DrizzleD1Database<S>,
	statements: Statement[],
): Promise<BatchResponse<[Statement, ...Statement[]]>> {
	const [first, ...rest] = statements;
	if (!first) throw new Error("runBatch needs at least one statement");
	return db.batch([first, ...rest]);
}

/** Which constraint a failed write hit, read from the D1 error (drizzle may wrap it in `cause`). */
export function violatedConstraint(err: unknown): "check" | "unique" | "foreign_key" | null {
	for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
		if (/CHECK constraint failed/i.test(e.message)) return "check";
		if (/UNIQUE constraint failed|PRIMARY KEY/i.test(e.message)) return "unique";
		if (/FOREIGN KEY constraint failed/i.test(e.message)) return "foreign_key";
	}
	return null;
}
