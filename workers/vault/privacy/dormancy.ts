// Dormant accounts (DESIGN P9): an account unused for DORMANT_AFTER_DAYS has its data key and the
// keys of the subjects it owns re-wrapped under the dormant keyring, so nothing of it opens (for
// staff or for a stolen session) until its owner signs in again; after DORMANT_ERASE_AFTER_DAYS of
// sleep it is mailed a notice (erasure-notice.ts), and ERASURE_NOTICE_DAYS later it is erased:
// its keys destroyed (recorded for the storefront's sweep) and its credentials, sessions, links
// and ownership records deleted. A sign-in at any point before that re-activates it.
import { and, asc, count, eq, inArray, isNotNull, isNull, like, lte, or, type SQL } from "drizzle-orm";
import { runBatch, type Statement } from "../../shared/d1-batch";
import type { RetentionStep, VaultFailure } from "../../shared/vault-contract";
import { audited, shopperEvent, subjectPseudonyms } from "../audit/audited";
import { DORMANT_PREFIX, isDormant } from "../crypto/subject-cipher";
import type { VaultDb } from "../db/client";
import { VAULT_PERSONAL_DATA } from "../db/personal-data";
import {
	credentials,
	emailTokens,
	type SubjectKeyRow,
	sessions,
	subjectKeys,
	subjectOwners,
} from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { deleteSubjectKeys, getSubjectKeys, replaceWrappedKey } from "../keys/subject-keys";
import { auditStep, report, type StepContext } from "./retention-context";

/** Account ids bound per statement: under D1's 100 bound parameters with room for the rest. */
const IDS_PER_STATEMENT = 90;

/**
 * What erasure of an account removes, named by the vault's personal-field annotations (its own:
 * the shared registry would pull the other workers' schemas into the vault).
 */
const ACCOUNT_TABLES = new Set(["credentials", "sessions", "email_tokens", "subject_owners"]);
export function accountFields(): string[] {
	return VAULT_PERSONAL_DATA.filter((table) => ACCOUNT_TABLES.has(table.table)).flatMap((table) =>
		table.columns.filter((c) => c.annotation.personal).map((c) => `${table.table}.${c.column}`),
	);
}

type DueAccount = { accountId: string; subjectId: string };

function chunks<T>(items: readonly T[], size = IDS_PER_STATEMENT): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

async function countWhere(db: VaultDb, where: SQL | undefined): Promise<number> {
	const [row] = await db.select({ n: count() }).from(credentials).where(where);
	return row?.n ?? 0;
}

async function dueAccounts(ctx: StepContext, where: SQL | undefined, order: SQL | ReturnType<typeof asc>) {
	return ctx.deps.db
		.select({
			accountId: credentials.accountId,
			subjectId: credentials.subjectId,
			emailCt: credentials.emailCt,
		})
		.from(credentials)
		.where(where)
		.orderBy(order, asc(credentials.accountId))
		.limit(ctx.batchSize);
}

/** Each account's own subject and the subjects it owns (a review's), by account id. */
async function subjectsOf(db: VaultDb, accounts: readonly DueAccount[]): Promise<Map<string, string[]>> {
	const byAccount = new Map(accounts.map((a) => [a.accountId, [a.subjectId]]));
	for (const ids of chunks(accounts.map((a) => a.accountId))) {
		const owned = await db
			.select({ accountId: subjectOwners.accountId, subjectId: subjectOwners.subjectId })
			.from(subjectOwners)
			.where(inArray(subjectOwners.accountId, ids));
		for (const row of owned) byAccount.get(row.accountId)?.push(row.subjectId);
	}
	return byAccount;
}

/** Re-wraps the given subjects' keys to dormant or back; keys already there are left as they are. */
async function rewrapSubjects(deps: VaultDeps, subjectIds: readonly string[], to: "dormant" | "active") {
	let rewrapped = 0;
	for (const row of (await getSubjectKeys(deps.db, subjectIds)).values()) {
		if ((to === "dormant") === isDormant(row.kekId)) continue;
		const after =
			to === "dormant" ? await deps.cipher.rewrapToDormant(row) : await deps.cipher.rewrapToCurrent(row);
		if (await replaceWrappedKey(deps.db, row, after, deps.now)) rewrapped++;
	}
	return rewrapped;
}

// ---- a. Active accounts unused for DORMANT_AFTER go to sleep ----

function inactiveSince(cutoff: number) {
	return and(
		eq(credentials.status, "active"),
		isNull(credentials.dormantAt),
		lte(credentials.lastActiveAt, cutoff),
	);
}

export async function dormantAccounts(ctx: StepContext): Promise<RetentionStep> {
	const job = "dormant_accounts";
	const { deps } = ctx;
	const cutoff = deps.now - ctx.config.dormantAfterMs;
	const due = await countWhere(deps.db, inactiveSince(cutoff));
	if (ctx.dryRun || due === 0) return report(job, due, 0);
	const batch = await dueAccounts(ctx, inactiveSince(cutoff), asc(credentials.lastActiveAt));
	const subjects = await subjectsOf(deps.db, batch);
	await auditStep(ctx, {
		action: "retention.dormant",
		reason: "inactive",
		subjects: await subjectPseudonyms(deps, [...subjects.values()].flat()),
		itemCount: batch.length,
	});
	let done = 0;
	for (const account of batch) {
		const ids = subjects.get(account.accountId) ?? [account.subjectId];
		// Keys first, then the mark: a run cut short between the two selects the account again.
		await rewrapSubjects(deps, ids, "dormant");
		const marked = await deps.db
			.update(credentials)
			.set({ dormantAt: deps.now })
			.where(and(eq(credentials.accountId, account.accountId), inactiveSince(cutoff)))
			.returning({ id: credentials.accountId });
		if (marked.length > 0) done++;
		// Signed in meanwhile: its sign-in may have seen the keys still active, so wake them here.
		else await rewrapSubjects(deps, ids, "active");
	}
	return report(job, due, done);
}

// ---- c. Dormant accounts noticed ERASURE_NOTICE_DAYS ago are erased ----

function noticeExpired(cutoff: number) {
	return and(
		isNotNull(credentials.dormantAt),
		isNotNull(credentials.erasureNoticeAt),
		lte(credentials.erasureNoticeAt, cutoff),
	);
}

export async function dormantErasure(ctx: StepContext): Promise<RetentionStep> {
	const job = "dormant_erasure";
	const { deps } = ctx;
	const cutoff = deps.now - ctx.config.noticeMs;
	const due = await countWhere(deps.db, noticeExpired(cutoff));
	if (ctx.dryRun || due === 0) return report(job, due, 0);
	const batch = await dueAccounts(ctx, noticeExpired(cutoff), asc(credentials.erasureNoticeAt));
	const subjects = await subjectsOf(deps.db, batch);
	const subjectIds = [...subjects.values()].flat();
	// Logged before any key is destroyed: an erasure with no entry cannot happen.
	await auditStep(ctx, {
		action: "retention.dormant_erasure",
		reason: "dormant_erasure",
		subjects: await subjectPseudonyms(deps, subjectIds),
		fields: accountFields(),
		itemCount: batch.length,
	});
	await deleteSubjectKeys(deps.db, subjectIds, "dormant_erasure", deps.now);
	// Without its keys the account is gone whatever else happens: its rows follow unconditionally.
	// A run cut short here selects the account again, finds no key and finishes the rows.
	let done = 0;
	for (const ids of chunks(batch.map((a) => a.accountId))) {
		const [, , , deleted] = await runBatch(deps.db, [
			deps.db.delete(emailTokens).where(inArray(emailTokens.accountId, ids)),
			deps.db.delete(sessions).where(inArray(sessions.accountId, ids)),
			deps.db.delete(subjectOwners).where(inArray(subjectOwners.accountId, ids)),
			deps.db
				.delete(credentials)
				.where(inArray(credentials.accountId, ids))
				.returning({ id: credentials.accountId }),
		]);
		done += (deleted as unknown[]).length;
	}
	return report(job, due, done);
}

// ---- Re-activation at sign-in ----

/** The account's keys (own and owned) still under the dormant keyring: usually none, one query. */
function dormantKeysOf(db: VaultDb, account: DueAccount): Promise<SubjectKeyRow[]> {
	const owned = db
		.select({ id: subjectOwners.subjectId })
		.from(subjectOwners)
		.where(eq(subjectOwners.accountId, account.accountId));
	return db
		.select()
		.from(subjectKeys)
		.where(
			and(
				or(eq(subjectKeys.id, account.subjectId), inArray(subjectKeys.id, owned)),
				like(subjectKeys.kekId, `${DORMANT_PREFIX}%`),
			),
		);
}

const NOT_REACTIVATED = failure("unavailable", "The account could not be re-activated; try again later");

/**
 * Wakes a dormant account as its owner signs in, before the session is issued: audited, then its
 * keys re-wrapped to the current active generation. Answers the statement that records the
 * activity (and clears the dormancy marks) for the sign-in's own batch.
 */
export async function reactivateAccount(
	deps: VaultDeps,
	account: DueAccount,
	requestId?: string,
): Promise<{ ok: true; statements: Statement[] } | VaultFailure> {
	const dormant = await dormantKeysOf(deps.db, account);
	if (dormant.length > 0) {
		const logged = await audited(deps, {
			...(await shopperEvent(deps, account.accountId, requestId)),
			action: "retention.reactivate",
			outcome: "allowed",
			subjects: await subjectPseudonyms(
				deps,
				dormant.map((row) => row.id),
			),
			itemCount: dormant.length,
		});
		if (!logged) return NOT_REACTIVATED;
		try {
			for (const row of dormant) {
				await replaceWrappedKey(deps.db, row, await deps.cipher.rewrapToCurrent(row), deps.now);
			}
		} catch (err) {
			// The dormant generation that wraps it was retired: nothing can wake this account.
			deps.logger.error("account not re-activated", { err });
			return NOT_REACTIVATED;
		}
	}
	return { ok: true, statements: [recordActivity(deps.db, account.accountId, deps.now, true)] };
}

/** Activity refreshes last_active_at; a sign-in also clears the dormancy marks. */
export function recordActivity(db: VaultDb, accountId: string, now: number, signIn = false) {
	return db
		.update(credentials)
		.set({ lastActiveAt: now, ...(signIn ? { dormantAt: null, erasureNoticeAt: null } : {}) })
		.where(eq(credentials.accountId, accountId));
}
