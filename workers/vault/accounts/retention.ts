// Account housekeeping, run by the vault's cron (DESIGN P9: expired sessions and old links
// expire; an address nobody confirmed is not kept). Each run deletes, at most `limit` rows of each
// kind: sessions and emailed tokens dead for more than a day (revoked, past their expiry, idle, or
// used), and accounts still pending a week after registration, crypto-shredded: their data key is
// destroyed with their credentials and tokens, after one audit entry for the run (pseudonyms
// only). Idempotent: a row deleted is not selected again, and a run cut short leaves the rest for
// the next one. Every delete re-checks its condition, so an account confirmed (or reset) between
// the selection and the delete is left whole.
import { and, asc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { runBatch } from "../../shared/d1-batch";
import type { Logger } from "../../shared/logger";
import { audited, subjectPseudonyms } from "../audit/audited";
import type { VaultDb } from "../db/client";
import { credentials, emailTokens, sessions, shreddedSubjects, subjectKeys } from "../db/schema";
import { sessionLifetimes } from "./sessions";

const DAY_MS = 24 * 60 * 60_000;
/** Dead rows are kept this long (a day) before they go: enough to look into yesterday's incident. */
export const DEAD_ROW_GRACE_MS = DAY_MS;
/** An account nobody confirmed within a week is deleted (its confirm links last a day). */
export const PENDING_ACCOUNT_MAX_AGE_MS = 7 * DAY_MS;
export const CLEANUP_BATCH = 500;
/** Account ids bound per statement, with two more parameters: under D1's 100. */
const IDS_PER_STATEMENT = 90;

export type CleanupDeps = { db: VaultDb; env: VaultEnv; logger: Logger };
export type CleanupReport = { sessions: number; emailTokens: number; pendingAccounts: number };

export async function cleanUpAccounts(
	deps: CleanupDeps,
	now: number,
	limit = CLEANUP_BATCH,
): Promise<CleanupReport> {
	return {
		sessions: await deleteDeadSessions(deps, now, limit),
		emailTokens: await deleteDeadEmailTokens(deps.db, now, limit),
		pendingAccounts: await shredPendingAccounts(deps, now, limit),
	};
}

async function deleteDeadSessions(deps: CleanupDeps, now: number, limit: number): Promise<number> {
	const cutoff = now - DEAD_ROW_GRACE_MS;
	const dead = or(
		lt(sessions.revokedAt, cutoff),
		lt(sessions.expiresAt, cutoff),
		lt(sessions.lastSeenAt, cutoff - sessionLifetimes(deps.env).idleMs),
	);
	const ids = deps.db.select({ id: sessions.id }).from(sessions).where(dead).limit(limit);
	const deleted = await deps.db
		.delete(sessions)
		.where(and(inArray(sessions.id, ids), dead))
		.returning({ id: sessions.id });
	return deleted.length;
}

async function deleteDeadEmailTokens(db: VaultDb, now: number, limit: number): Promise<number> {
	const cutoff = now - DEAD_ROW_GRACE_MS;
	const dead = or(lt(emailTokens.usedAt, cutoff), lt(emailTokens.expiresAt, cutoff));
	const hashes = db.select({ hash: emailTokens.tokenHash }).from(emailTokens).where(dead).limit(limit);
	const deleted = await db
		.delete(emailTokens)
		.where(and(inArray(emailTokens.tokenHash, hashes), dead))
		.returning({ hash: emailTokens.tokenHash });
	return deleted.length;
}

async function shredPendingAccounts(deps: CleanupDeps, now: number, limit: number): Promise<number> {
	const createdBefore = now - PENDING_ACCOUNT_MAX_AGE_MS;
	const candidates = await deps.db
		.select({ accountId: credentials.accountId, subjectId: credentials.subjectId })
		.from(credentials)
		.where(and(eq(credentials.status, "pending"), lt(credentials.createdAt, createdBefore)))
		.orderBy(asc(credentials.createdAt))
		.limit(limit);
	if (candidates.length === 0) return 0;
	// Logged before any key is destroyed: a shred with no entry cannot happen.
	const logged = await audited(
		{ ...deps, now },
		{
			actorKind: "system",
			actorId: "retention",
			action: "retention.pending_accounts",
			outcome: "allowed",
			reason: "unconfirmed_7_days",
			subjects: await subjectPseudonyms(
				deps,
				candidates.map((row) => row.subjectId),
			),
			fields: ["credentials.email", "customers.nickname"],
			itemCount: candidates.length,
		},
	);
	if (!logged) {
		deps.logger.error("pending accounts kept: the audit log is unavailable");
		return 0;
	}
	let shredded = 0;
	for (let i = 0; i < candidates.length; i += IDS_PER_STATEMENT) {
		const ids = candidates.slice(i, i + IDS_PER_STATEMENT).map((row) => row.accountId);
		const stale = and(
			inArray(credentials.accountId, ids),
			eq(credentials.status, "pending"),
			lt(credentials.createdAt, createdBefore),
		);
		const staleAccounts = deps.db.select({ id: credentials.accountId }).from(credentials).where(stale);
		const staleSubjects = deps.db.select({ id: credentials.subjectId }).from(credentials).where(stale);
		// One transaction; the credentials go last, since the other deletes find their rows through them.
		const [, , , , deleted] = await runBatch(deps.db, [
			// The storefront's sweep learns of the destroyed keys from these records.
			deps.db
				.insert(shreddedSubjects)
				.select(
					deps.db
						.select({
							subjectId: credentials.subjectId,
							reason: sql<string>`'unconfirmed_7_days'`.as("reason"),
							shreddedAt: sql<number>`${now}`.as("shredded_at"),
						})
						.from(credentials)
						.where(stale),
				)
				.onConflictDoNothing(),
			deps.db.delete(emailTokens).where(inArray(emailTokens.accountId, staleAccounts)),
			deps.db.delete(sessions).where(inArray(sessions.accountId, staleAccounts)),
			deps.db.delete(subjectKeys).where(inArray(subjectKeys.id, staleSubjects)),
			deps.db.delete(credentials).where(stale).returning({ id: credentials.accountId }),
		]);
		shredded += (deleted as unknown[]).length;
	}
	return shredded;
}
