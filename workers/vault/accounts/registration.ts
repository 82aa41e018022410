// Registering, confirming and resetting (issue #7, OWASP ASVS V2): an address becomes an account
// only when a link sent to it is used, and none of these answers tells whether an address has an
// account. Registering always hashes the password once and sends exactly one mail; the three
// cases (new, pending, active) differ only in what the mail says and what is stored.
import { runBatch, violatedConstraint } from "../../shared/d1-batch";
import type { AccountRef, IssuedSession, VaultResult } from "../../shared/vault-contract";
import { AUDIT_UNAVAILABLE, audited, shopperEvent, subjectPseudonyms } from "../audit/audited";
import { blindIndex } from "../crypto/blind-index";
import { type CredentialsRow, credentials } from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { insertSubjectKey } from "../keys/subject-keys";
import { isFailure, newPasswordProblem, openAccountSubject } from "./account-data";
import { LINK_INVALID, MAIL_BUSY } from "./answers";
import {
	activateAccount,
	findCredentialsByEmailBidx,
	findCredentialsById,
	newAccountId,
	setPasswordHash,
} from "./credentials";
import { consumeEmailToken, dropUnusedEmailTokens, findLiveEmailToken, newEmailToken } from "./email-tokens";
import { alreadyRegisteredMail, confirmMail, deliverMail, resetMail, sendMail } from "./mail";
import { hashPassword } from "./password-hash";
import { passwordProblem } from "./password-policy";
import { newSession, revokeAllSessions } from "./sessions";

export type RegisteredAccount = AccountRef & { sealed: { nickname: string } };
export type RegisterResult = VaultResult<{ account: RegisteredAccount | null }>;

type RegisterRequest = {
	email: string;
	password: string;
	profile: { nickname: string };
	requestId?: string;
};

/** Account mails per address, for known and unknown addresses alike. */
async function withinMailBudget(deps: VaultDeps, emailBidx: string): Promise<boolean> {
	return (await deps.env.AUTH_MAIL_LIMITER.limit({ key: emailBidx })).success;
}

/** An account's entries name the shopper and the account's subject, both by pseudonym. */
async function accountEvent(
	deps: VaultDeps,
	account: Pick<CredentialsRow, "accountId" | "subjectId">,
	requestId?: string,
) {
	const who = await shopperEvent(deps, account.accountId, requestId);
	return { ...who, subjects: await subjectPseudonyms(deps, [account.subjectId]) };
}

export async function register(deps: VaultDeps, req: RegisterRequest): Promise<RegisterResult> {
	const problem = passwordProblem(req.password, req.email);
	if (problem) return failure("bad_request", problem);
	const emailBidx = await blindIndex(deps.env.BLIND_INDEX_KEY, "email", req.email);
	if (!(await withinMailBudget(deps, emailBidx))) return MAIL_BUSY;
	// Hashed whatever follows, so a known address costs what an unknown one does.
	const passwordHash = await hashPassword(deps.env.PASSWORD_PEPPER, req.password);
	const existing = await findCredentialsByEmailBidx(deps.db, emailBidx);
	if (existing) return registerKnown(deps, req, existing, passwordHash);
	const created = await createAccount(deps, req, emailBidx, passwordHash);
	if (created) return created;
	// The same address registered concurrently and won: answer as for a known address.
	const winner = await findCredentialsByEmailBidx(deps.db, emailBidx);
	if (!winner) throw new Error("registration conflict without a conflicting account");
	return registerKnown(deps, req, winner, passwordHash);
}

/**
 * A new account: subject key, credentials and confirm token in one batch; null when the same
 * address was registered meanwhile (its unique blind index refused the batch).
 */
async function createAccount(
	deps: VaultDeps,
	req: RegisterRequest,
	emailBidx: string,
	passwordHash: string,
): Promise<RegisterResult | null> {
	const accountId = newAccountId();
	const { subject, record } = await deps.cipher.createSubject(deps.now);
	const { email: emailCt } = await deps.cipher.sealFields(subject, "credentials", accountId, {
		email: req.email,
	});
	const { nickname } = await deps.cipher.sealFields(subject, "customers", accountId, req.profile);
	const confirm = await newEmailToken(deps.db, accountId, "confirm", deps.now);
	const mail = confirmMail(deps.env.SHOP_ORIGIN, confirm.token);
	// Logged first: an account with no entry must not exist.
	const logged = await audited(deps, {
		...(await accountEvent(deps, { accountId, subjectId: subject.id }, req.requestId)),
		action: "account.register",
		outcome: "allowed",
		reason: "created",
		fields: ["credentials.email", "customers.nickname"],
		itemCount: 2,
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	try {
		await runBatch(deps.db, [
			insertSubjectKey(deps.db, record),
			deps.db.insert(credentials).values({
				accountId,
				subjectId: subject.id,
				emailBidx,
				emailCt,
				passwordHash,
				status: "pending",
				createdAt: deps.now,
				updatedAt: deps.now,
				passwordChangedAt: deps.now,
			}),
			confirm.insert,
		]);
	} catch (err) {
		if (violatedConstraint(err) === "unique") return null;
		throw err;
	}
	sendMail(deps, req.email, mail);
	return { ok: true, account: { id: accountId, subjectId: subject.id, sealed: { nickname } } };
}

/**
 * A known address. Pending: whoever registers it now replaces the password (a squatter who
 * registered someone else's address never gets the link, so never the account) and gets a fresh
 * link sent to the address. Active: nothing changes; the address is told someone tried.
 */
async function registerKnown(
	deps: VaultDeps,
	req: RegisterRequest,
	account: CredentialsRow,
	passwordHash: string,
): Promise<RegisterResult> {
	const who = await accountEvent(deps, account, req.requestId);
	if (account.status === "active") {
		const mail = alreadyRegisteredMail(deps.env.SHOP_ORIGIN);
		const logged = await audited(deps, {
			...who,
			action: "account.register",
			outcome: "denied",
			reason: "already_active",
		});
		if (!logged) return AUDIT_UNAVAILABLE;
		sendMail(deps, req.email, mail);
		return { ok: true, account: null };
	}
	const subject = await openAccountSubject(deps, account.subjectId);
	if (isFailure(subject)) return subject;
	const { nickname } = await deps.cipher.sealFields(subject, "customers", account.accountId, req.profile);
	const confirm = await newEmailToken(deps.db, account.accountId, "confirm", deps.now);
	const mail = confirmMail(deps.env.SHOP_ORIGIN, confirm.token);
	const logged = await audited(deps, {
		...who,
		action: "account.register",
		outcome: "allowed",
		reason: "re_registered",
		fields: ["customers.nickname"],
		itemCount: 1,
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	await runBatch(deps.db, [
		setPasswordHash(deps.db, account.accountId, passwordHash, deps.now),
		dropUnusedEmailTokens(deps.db, account.accountId, "confirm"),
		confirm.insert,
	]);
	sendMail(deps, req.email, mail);
	return {
		ok: true,
		account: { id: account.accountId, subjectId: account.subjectId, sealed: { nickname } },
	};
}

/** The emailed link proves the address: the account becomes active and the shopper is signed in. */
export async function confirm(
	deps: VaultDeps,
	req: { token: string; requestId?: string },
): Promise<VaultResult<{ account: AccountRef; session: IssuedSession }>> {
	const accountId = await consumeEmailToken(deps.db, req.token, "confirm", deps.now);
	const account = accountId ? await findCredentialsById(deps.db, accountId) : null;
	if (!account) return LINK_INVALID;
	const session = newSession(deps.db, deps.env, account.accountId, deps.now);
	const logged = await audited(deps, {
		...(await accountEvent(deps, account, req.requestId)),
		action: "account.confirm",
		outcome: "allowed",
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	await runBatch(deps.db, [activateAccount(deps.db, account.accountId, deps.now), session.insert]);
	return {
		ok: true,
		account: { id: account.accountId, subjectId: account.subjectId },
		session: await session.issue(),
	};
}

/**
 * Always the same answer, known address or not. For a known one (pending or active) the token
 * is stored and the mail sent after the answer, so the answer's timing does not tell either.
 */
export async function requestReset(
	deps: VaultDeps,
	req: { email: string; requestId?: string },
): Promise<VaultResult<Record<never, never>>> {
	const emailBidx = await blindIndex(deps.env.BLIND_INDEX_KEY, "email", req.email);
	if (!(await withinMailBudget(deps, emailBidx))) return MAIL_BUSY;
	const account = await findCredentialsByEmailBidx(deps.db, emailBidx);
	if (account) deps.defer(sendResetLink(deps, account.accountId, req.email));
	return { ok: true };
}

async function sendResetLink(deps: VaultDeps, accountId: string, email: string): Promise<void> {
	try {
		const reset = await newEmailToken(deps.db, accountId, "reset", deps.now);
		const mail = resetMail(deps.env.SHOP_ORIGIN, reset.token);
		// Only the newest link works.
		await runBatch(deps.db, [dropUnusedEmailTokens(deps.db, accountId, "reset"), reset.insert]);
		await deliverMail(deps, email, mail);
	} catch (err) {
		deps.logger.error("reset link not stored", { err });
	}
}

/**
 * A new password from a reset link: the link proved the address, so a pending account becomes
 * active too; every session is revoked. A weak password leaves the link usable for another try.
 */
export async function completeReset(
	deps: VaultDeps,
	req: { token: string; password: string; requestId?: string },
): Promise<VaultResult<Record<never, never>>> {
	const accountId = await findLiveEmailToken(deps.db, req.token, "reset", deps.now);
	const account = accountId ? await findCredentialsById(deps.db, accountId) : null;
	if (!account) return LINK_INVALID;
	const problem = await newPasswordProblem(deps, req.password, account);
	if (problem) return failure("bad_request", problem);
	const passwordHash = await hashPassword(deps.env.PASSWORD_PEPPER, req.password);
	// Used only now, in one conditional write: of two racing uses, one wins.
	if (!(await consumeEmailToken(deps.db, req.token, "reset", deps.now))) return LINK_INVALID;
	const logged = await audited(deps, {
		...(await accountEvent(deps, account, req.requestId)),
		action: "account.reset",
		outcome: "allowed",
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	await runBatch(deps.db, [
		setPasswordHash(deps.db, account.accountId, passwordHash, deps.now, true),
		revokeAllSessions(deps.db, account.accountId, deps.now),
		dropUnusedEmailTokens(deps.db, account.accountId, "reset"),
		dropUnusedEmailTokens(deps.db, account.accountId, "confirm"),
	]);
	return { ok: true };
}
