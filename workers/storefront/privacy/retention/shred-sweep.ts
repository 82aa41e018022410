// P9/P12, the sweep of destroyed keys: the vault lists every subject whose data key it destroyed
// (account erasure, dormant erasure, a guest's deletion, a retention purge), in order; the
// storefront removes or anonymises those subjects' rows, then remembers how far it got. The
// cursor moves in the same transaction as the rows it passes, so a run cut off anywhere either
// swept a chunk and moved past it, or will sweep it again (harmless), never skips one. This is what finishes an erasure the vault began on its own
// (a dormant account) and cleans the rows of any subject orphaned by a failed request.
import { eq } from "drizzle-orm";
import { runBatch } from "../../../shared/d1-batch";
import { type ShredCursor, ShredCursorSchema } from "../../../shared/vault-contract";
import { jobCursors } from "../../db/schema";
import type { Db } from "../../env";
import { fromVault } from "../../vault-client";
import { ERASE_CHUNK, eraseRowsStatements } from "../erase-rows";
import type { RetentionDeps, RetentionRun } from "./job";

export const SHRED_SWEEP_JOB = "shred_sweep";

export async function readShredCursor(db: Db): Promise<ShredCursor | null> {
	const [row] = await db.select().from(jobCursors).where(eq(jobCursors.job, SHRED_SWEEP_JOB));
	if (!row) return null;
	// A cursor that does not parse starts the sweep over: repeating it is harmless, skipping is not.
	const parsed = ShredCursorSchema.safeParse(safeJson(row.cursor));
	return parsed.success ? parsed.data : null;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

function storeShredCursorStatement(db: Db, cursor: ShredCursor, now: number) {
	const value = { job: SHRED_SWEEP_JOB, cursor: JSON.stringify(cursor), updatedAt: now };
	return db
		.insert(jobCursors)
		.values(value)
		.onConflictDoUpdate({ target: jobCursors.job, set: { cursor: value.cursor, updatedAt: now } });
}

export async function sweepShreddedSubjects(deps: RetentionDeps, run: RetentionRun) {
	const after = await readShredCursor(deps.db);
	const { subjects } = await fromVault(
		deps.vault.shreddedSince({ after, limit: run.batchSize }),
		deps.logger,
	);
	// A full page may have a successor; a short one was the end of the list.
	const more = subjects.length === run.batchSize;
	if (run.dryRun || subjects.length === 0)
		return { job: SHRED_SWEEP_JOB, due: subjects.length, done: 0, more };
	for (let i = 0; i < subjects.length; i += ERASE_CHUNK) {
		const chunk = subjects.slice(i, i + ERASE_CHUNK);
		const last = chunk.at(-1);
		if (!last) break;
		const subjectIds = chunk.map((subject) => subject.subjectId);
		await runBatch(deps.db, [
			...eraseRowsStatements(deps.db, { subjectIds }, run.now),
			storeShredCursorStatement(deps.db, { at: last.shreddedAt, subjectId: last.subjectId }, run.now),
		]);
	}
	return { job: SHRED_SWEEP_JOB, due: subjects.length, done: subjects.length, more };
}
