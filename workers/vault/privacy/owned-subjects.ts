// Subjects an account owns besides its own (issue #9, P12): a review is sealed under a subject of
// its own, so that erasing the account leaves the review readable and nameless; `subject_owners`
// records whose it is, so the owner's session may open it (their export) and erasure knows it.
// The owner is proven by a live session when the subject is created, never claimed by the caller.
import { and, eq, inArray } from "drizzle-orm";
import { runBatch } from "../../shared/d1-batch";
import type { OpenItem } from "../../shared/vault-contract";
import type { SealResult } from "../accounts/self-service";
import { shopperSealGate } from "../accounts/self-service";
import { AUDIT_UNAVAILABLE, audited, subjectPseudonyms } from "../audit/audited";
import type { VaultDb } from "../db/client";
import { subjectOwners } from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { insertSubjectKey } from "../keys/subject-keys";

// One id per bound parameter plus the account id: well under D1's 100.
const IDS_PER_QUERY = 90;

export type OwnedSealRequest = {
	owner: string;
	table: string;
	rowId: string;
	fields: Record<string, string>;
	blindIndex?: "email"[];
	openCase?: unknown;
	requestId?: string;
};

/**
 * A new subject owned by the session's account: sealed, audited as the shopper's seal, then its
 * key and its owner row stored together (a key without its owner would be nobody's to export).
 */
export async function sealOwnedSubject(deps: VaultDeps, req: OwnedSealRequest): Promise<SealResult> {
	// An owned subject holds an account's own texts: no lookup index, no support case.
	if (req.blindIndex?.length || req.openCase)
		return failure("bad_request", "An owned subject takes no blind index and opens no case");
	const names = Object.keys(req.fields);
	const call = await shopperSealGate(deps, req.owner, { table: req.table, names, requestId: req.requestId });
	if (!call.ok) return call;
	const { actor, event } = call;
	const { subject, record } = await deps.cipher.createSubject(deps.now);
	const sealed = await deps.cipher.sealFields(subject, req.table, req.rowId, req.fields);
	const logged = await audited(deps, {
		...event,
		subjects: await subjectPseudonyms(deps, [subject.id]),
		outcome: "allowed",
		reason: "owned_subject",
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	await runBatch(deps.db, [
		insertSubjectKey(deps.db, record),
		deps.db
			.insert(subjectOwners)
			.values({ subjectId: subject.id, accountId: actor.id, tableName: req.table, createdAt: deps.now }),
	]);
	// No receipt: only a checkout's guest subject is shreddable by its creator.
	return { ok: true, subjectId: subject.id, sealed, blindIndexes: {}, receipt: null };
}

/** The subjects an account owns, with the table each was sealed for. */
export async function ownedSubjectsOf(
	db: VaultDb,
	accountId: string,
): Promise<{ subjectId: string; table: string }[]> {
	return db
		.select({ subjectId: subjectOwners.subjectId, table: subjectOwners.tableName })
		.from(subjectOwners)
		.where(eq(subjectOwners.accountId, accountId))
		.orderBy(subjectOwners.createdAt, subjectOwners.subjectId);
}

/**
 * Whether every item not under the account's own subject is under a subject the account owns, in
 * the table that subject was sealed for (a review's subject opens as `reviews` only).
 */
export async function ownsAll(db: VaultDb, accountId: string, items: readonly OpenItem[]): Promise<boolean> {
	const ids = [...new Set(items.map((item) => item.subjectId))];
	const tables = new Map<string, string>();
	for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
		const rows = await db
			.select({ subjectId: subjectOwners.subjectId, table: subjectOwners.tableName })
			.from(subjectOwners)
			.where(
				and(
					eq(subjectOwners.accountId, accountId),
					inArray(subjectOwners.subjectId, ids.slice(i, i + IDS_PER_QUERY)),
				),
			);
		for (const row of rows) tables.set(row.subjectId, row.table);
	}
	return items.every((item) => tables.get(item.subjectId) === item.table);
}
