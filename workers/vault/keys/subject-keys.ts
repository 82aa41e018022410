// Queries over wrapped data keys. Writes that re-wrap a key name the wrapping they replace, so a
// re-wrap racing another (rotation and re-activation, two rotation runs) changes nothing twice.
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { SubjectKeyRecord } from "../crypto/subject-cipher";
import type { VaultDb } from "../db/client";
import { type SubjectKeyRow, shreddedSubjects, subjectKeys } from "../db/schema";

// Subject ids are bound one per parameter: stay well under D1's 100 bound parameters.
const IDS_PER_QUERY = 90;

/** Awaitable on its own, or a statement in a batch (an account's key goes in with its credentials). */
export function insertSubjectKey(db: VaultDb, record: SubjectKeyRecord) {
	return db.insert(subjectKeys).values(record);
}

export async function getSubjectKeys(
	db: VaultDb,
	ids: readonly string[],
): Promise<Map<string, SubjectKeyRow>> {
	const found = new Map<string, SubjectKeyRow>();
	const unique = [...new Set(ids)];
	for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
		const rows = await db
			.select()
			.from(subjectKeys)
			.where(inArray(subjectKeys.id, unique.slice(i, i + IDS_PER_QUERY)));
		for (const row of rows) found.set(row.id, row);
	}
	return found;
}

/** Replaces a wrapped key only if it is still the one that was read. */
export async function replaceWrappedKey(
	db: VaultDb,
	before: Pick<SubjectKeyRow, "id" | "wrappedKey">,
	after: Pick<SubjectKeyRow, "kekId" | "wrappedKey">,
	now: number,
): Promise<boolean> {
	const updated = await db
		.update(subjectKeys)
		.set({ kekId: after.kekId, wrappedKey: after.wrappedKey, rewrappedAt: now })
		.where(and(eq(subjectKeys.id, before.id), eq(subjectKeys.wrappedKey, before.wrappedKey)))
		.returning({ id: subjectKeys.id });
	return updated.length > 0;
}

/**
 * Destroys data keys (crypto-shredding) and records each destroyed id in `shredded_subjects`, one
 * batch per chunk, so the storefront's sweep learns of every key gone whatever destroyed it.
 * Returns the ids that existed. Callers audit before calling.
 */
export async function deleteSubjectKeys(
	db: VaultDb,
	subjectIds: readonly string[],
	reason: string,
	now: number,
): Promise<string[]> {
	const ids = [...new Set(subjectIds)];
	const deleted: string[] = [];
	for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
		const chunk = ids.slice(i, i + IDS_PER_QUERY);
		const existing = await db
			.select({ id: subjectKeys.id })
			.from(subjectKeys)
			.where(inArray(subjectKeys.id, chunk));
		if (existing.length === 0) continue;
		const records = existing.map(({ id }) => ({ subjectId: id, reason, shreddedAt: now }));
		const [, rows] = await db.batch([
			db.insert(shreddedSubjects).values(records).onConflictDoNothing(),
			db.delete(subjectKeys).where(inArray(subjectKeys.id, chunk)).returning({ id: subjectKeys.id }),
		]);
		deleted.push(...rows.map((row) => row.id));
	}
	return deleted;
}

/** The next keys wrapped by one of the given (older) generations, by id. */
export function listKeysToRotate(
	db: VaultDb,
	olderKekIds: string[],
	limit: number,
): Promise<SubjectKeyRow[]> {
	return db
		.select()
		.from(subjectKeys)
		.where(inArray(subjectKeys.kekId, olderKekIds))
		.orderBy(asc(subjectKeys.id))
		.limit(limit);
}

/** How many data keys each KEK wraps: rotation's progress, and when an old key may go. */
export async function countKeysByKek(db: VaultDb): Promise<Record<string, number>> {
	const rows = await db
		.select({ kekId: subjectKeys.kekId, n: count() })
		.from(subjectKeys)
		.groupBy(subjectKeys.kekId);
	return Object.fromEntries(rows.map((row) => [row.kekId, row.n]));
}
