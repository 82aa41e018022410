// A customer's rights over their account (issue #9, GDPR Art. 15/17/20, P12): the vault's half of
// the inquiry (everything it holds about the account, opened with the account's own session) and
// of erasure (crypto-shredding the account's data key and deleting the account's rows). Both are
// audited before anything is revealed or destroyed.
import { asc, eq } from "drizzle-orm";
import { runBatch, type Statement } from "../../shared/d1-batch";
import {
	type AccountExport,
	type ErasedAccount,
	SELF_SERVICE,
	type VaultResult,
} from "../../shared/vault-contract";
import { LOGIN_BUSY, LOGIN_REQUIRED, WRONG_CURRENT_PASSWORD } from "../accounts/answers";
import { findCredentialsById } from "../accounts/credentials";
import { verifyPassword } from "../accounts/password-hash";
import { openOwnAccountEmail, selfServiceCall } from "../accounts/self-service";
import { type Actor, authenticateAudited } from "../actors";
import { AUDIT_UNAVAILABLE, audited, refuse, shopperEvent, subjectPseudonyms } from "../audit/audited";
import type { VaultDb } from "../db/client";
import {
	type CredentialsRow,
	credentials,
	emailTokens,
	sessions,
	shreddedSubjects,
	subjectKeys,
	subjectOwners,
} from "../db/schema";
import type { VaultDeps } from "../deps";
import { ownedSubjectsOf } from "./owned-subjects";

/** What the vault holds about an account, as the export names it (the registry's vault fields). */
const EXPORTED_FIELDS = [
	"credentials.email",
	"credentials.status",
	"credentials.created_at",
	"credentials.password_changed_at",
	"credentials.last_active_at",
	"sessions.created_at",
	"sessions.last_seen_at",
	"sessions.expires_at",
];

/**
 * The inquiry's vault half: the account's email (opened under its own key), status and dates, its
 * sessions (which one is asking marked `current`), and the subjects it owns, whose texts the
 * storefront then opens with the same session. One audit entry (`account.export`) comes first.
 */
export async function exportAccount(
	deps: VaultDeps,
	req: { session: string; requestId?: string },
): Promise<VaultResult<{ account: AccountExport }>> {
	const call = await selfServiceCall(deps, req.session, {
		action: "account.export",
		purpose: SELF_SERVICE,
		fields: EXPORTED_FIELDS,
		itemCount: 1,
		requestId: req.requestId,
	});
	if (!call.ok) return call;
	const { actor, event } = call;
	const own = await openOwnAccountEmail(deps, call);
	if (!own.ok) return own;
	const { account, email } = own;
	const rows = await deps.db
		.select()
		.from(sessions)
		.where(eq(sessions.accountId, account.accountId))
		.orderBy(asc(sessions.createdAt), asc(sessions.id));
	const owned = await ownedSubjectsOf(deps.db, account.accountId);
	// Log before reveal.
	if (!(await audited(deps, { ...event, outcome: "allowed" }))) return AUDIT_UNAVAILABLE;
	return {
		ok: true,
		account: {
			accountId: account.accountId,
			email,
			status: account.status,
			createdAt: account.createdAt,
			passwordChangedAt: account.passwordChangedAt,
			lastActiveAt: account.lastActiveAt,
			sessions: rows.map((row) => ({
				createdAt: row.createdAt,
				lastSeenAt: row.lastSeenAt,
				expiresAt: row.expiresAt,
				revokedAt: row.revokedAt,
				current: row.id === actor.sessionId,
			})),
			ownedSubjects: owned,
		},
	};
}

/**
 * Everything of the account the vault keeps, gone in one transaction: its data key (recorded in
 * `shredded_subjects`, so the storefront's sweep finishes the commerce rows should the
 * storefront's own step fail), the owner records of its reviews' subjects (those keys stay: a
 * review outlives its author, nameless), its emailed tokens, sessions and credentials. The same
 * records `deleteSubjectKeys` writes, here in the account's batch so the key and the account never
 * outlive each other. Exported for the dormant-account erasure of retention.
 */
export function eraseAccountStatements(
	db: VaultDb,
	account: Pick<CredentialsRow, "accountId" | "subjectId">,
	reason: string,
	now: number,
): Statement[] {
	return [
		db
			.insert(shreddedSubjects)
			.values({ subjectId: account.subjectId, reason, shreddedAt: now })
			.onConflictDoNothing(),
		db.delete(subjectKeys).where(eq(subjectKeys.id, account.subjectId)),
		db.delete(subjectOwners).where(eq(subjectOwners.accountId, account.accountId)),
		db.delete(emailTokens).where(eq(emailTokens.accountId, account.accountId)),
		db.delete(sessions).where(eq(sessions.accountId, account.accountId)),
		db.delete(credentials).where(eq(credentials.accountId, account.accountId)),
	];
}

function isShopper(actor: Actor): actor is Extract<Actor, { kind: "shopper" }> {
	return actor.kind === "shopper";
}

/**
 * Erasure (GDPR Art. 17): a live session and the password again, so a stolen session alone cannot
 * erase anyone. Guessing the password here costs the account's sign-in budget, as at login. The
 * entry (`account.erase`) is appended before the key is destroyed.
 */
export async function eraseAccount(
	deps: VaultDeps,
	req: { session: string; password: string; requestId?: string },
): Promise<VaultResult<{ erased: ErasedAccount }>> {
	const base = { action: "account.erase", purpose: SELF_SERVICE, requestId: req.requestId };
	const auth = await authenticateAudited(deps, { kind: "shopper", token: req.session }, base);
	if (!auth.ok) return auth;
	if (!isShopper(auth.actor)) return LOGIN_REQUIRED;
	const account = await findCredentialsById(deps.db, auth.actor.id);
	if (!account) return LOGIN_REQUIRED;
	const event = {
		...base,
		...(await shopperEvent(deps, account.accountId, req.requestId)),
		subjects: await subjectPseudonyms(deps, [account.subjectId]),
	};
	if (!(await deps.env.LOGIN_ACCOUNT_LIMITER.limit({ key: account.emailBidx })).success) return LOGIN_BUSY;
	const check = await verifyPassword(deps.env.PASSWORD_PEPPER, req.password, account.passwordHash);
	if (!check.ok) {
		return refuse(deps, { ...event, outcome: "denied", reason: "wrong_password" }, WRONG_CURRENT_PASSWORD);
	}
	const owned = await ownedSubjectsOf(deps.db, account.accountId);
	const logged = await audited(deps, {
		...event,
		outcome: "allowed",
		reason: "erasure",
		fields: ["subject_keys.wrapped_key", "credentials.email"],
		itemCount: 1,
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	await runBatch(deps.db, eraseAccountStatements(deps.db, account, "erasure", deps.now));
	return {
		ok: true,
		erased: {
			accountId: account.accountId,
			subjectId: account.subjectId,
			ownedSubjects: owned.map((subject) => subject.subjectId),
		},
	};
}
