// Appending to and reading the audit log. The database enforces the chain (triggers: the next
// seq, the previous hash, no UPDATE or DELETE); this module computes the entry and retries when
// another append took the head first. Appends within one isolate also queue behind each other,
// so the retries are only for appends racing in from other isolates.
import { asc, desc, gt, sql } from "drizzle-orm";
import type { AuditReviewRow } from "../../shared/vault-contract";
import type { VaultDb } from "../db/client";
import { type AuditRow, auditLog } from "../db/schema";
import { type AuditEntry, entryHash, GENESIS_HASH } from "./chain";

export type AuditEvent = {
	actorKind: "staff" | "shopper" | "system" | "storefront";
	actorId: string;
	actorRole?: string | null;
	action: string;
	purpose?: string | null;
	outcome: "allowed" | "denied" | "failed";
	reason?: string | null;
	/** Subject pseudonyms, never subject ids. */
	subjects?: readonly string[];
	/** `table.field` names. */
	fields?: readonly string[];
	itemCount?: number;
	requestId?: string | null;
};

const MAX_ATTEMPTS = 40;
const PAGE_SIZE = 500;

let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(task: () => Promise<T>): Promise<T> {
	const run = queue.then(task, task);
	queue = run.catch(() => undefined);
	return run;
}

async function head(db: VaultDb): Promise<{ seq: number; hash: string }> {
	const [last] = await db
		.select({ seq: auditLog.seq, hash: auditLog.hash })
		.from(auditLog)
		.orderBy(desc(auditLog.seq))
		.limit(1);
	return last ?? { seq: 0, hash: GENESIS_HASH };
}

function sortedUnique(values: readonly string[] = []): string[] {
	return [...new Set(values)].sort();
}

/** Appends one entry at the head of the chain; resolves only once it is stored. */
export function appendAudit(db: VaultDb, event: AuditEvent, now = Date.now()): Promise<AuditRow> {
	return serialized(async () => {
		let lastError: unknown;
		for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			const previous = await head(db);
			const entry: AuditEntry = {
				seq: previous.seq + 1,
				at: now,
				actorKind: event.actorKind,
				actorId: event.actorId,
				actorRole: event.actorRole ?? null,
				action: event.action,
				purpose: event.purpose ?? null,
				outcome: event.outcome,
				reason: event.reason ?? null,
				subjects: JSON.stringify(sortedUnique(event.subjects)),
				fields: JSON.stringify(sortedUnique(event.fields)),
				itemCount: event.itemCount ?? 0,
				requestId: event.requestId ?? null,
				prevHash: previous.hash,
			};
			const row: AuditRow = { ...entry, hash: await entryHash(entry) };
			try {
				await db.insert(auditLog).values(row);
				return row;
			} catch (err) {
				// Another isolate appended first (PRIMARY KEY or the chain trigger): take the new head.
				lastError = err;
				await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
			}
		}
		throw new Error("audit append failed", { cause: lastError });
	});
}

export function readAuditPage(db: VaultDb, afterSeq: number, limit = PAGE_SIZE): Promise<AuditRow[]> {
	return db.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit);
}

export async function auditHead(db: VaultDb): Promise<{ seq: number; hash: string } | null> {
	const last = await head(db);
	return last.seq === 0 ? null : last;
}

/**
 * Accesses per actor × purpose over [from, to): how many opens, how many denials, how many
 * distinct subjects; rows above the threshold of distinct subjects are flagged for a look.
 */
export async function reviewAccesses(
	db: VaultDb,
	from: number,
	to: number,
	threshold: number,
): Promise<AuditReviewRow[]> {
	const rows = await db.all<Omit<AuditReviewRow, "flagged">>(sql`
		select a.actor_id as actorId, a.actor_role as actorRole, a.purpose as purpose,
			count(distinct case when a.outcome = 'allowed' then a.seq end) as accesses,
			count(distinct case when a.outcome = 'denied' then a.seq end) as denials,
			count(distinct case when a.outcome = 'allowed' then s.value end) as distinctSubjects
		from ${auditLog} as a left join json_each(a.subjects) as s
		where a.at >= ${from} and a.at < ${to} and a.action = 'open'
		group by a.actor_id, a.actor_role, a.purpose`);
	return rows
		.map((row) => ({ ...row, flagged: row.distinctSubjects > threshold }))
		.sort((a, b) => b.distinctSubjects - a.distinctSubjects || a.actorId.localeCompare(b.actorId));
}
