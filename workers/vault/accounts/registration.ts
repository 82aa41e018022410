// Registering, confirming and resetting (issue #7, OWASP ASVS V2): an address becomes an account
// only when a link sent to it is used together with the password chosen at registration, and none
// of these answers tells whether an address has an account. Registering always hashes the password
// once; a known address (pending or active) changes nothing about its account, whoever asks.
// Mails to a known account go to the address it was registered with (opened from its ciphertext),
// never to the variant a requester typed, and repeated requests do not pile mails up: while the
// account holds a working link sent within ten minutes, nothing new is sent (email-tokens.ts).
// A mail is written in the locale of the request that caused it (issue #13), the only language
// known then: the vault keeps none per account, and the words never change who gets the mail.
import { runBatch, violatedConstraint } from "../../shared/d1-batch";
import type { AccountRef, SignedIn, VaultResult } from "../../shared/vault-contract";
import { AUDIT_UNAVAILABLE, audited, shopperEvent, subjectPseudonyms } from "../audit/audited";
import { blindIndex } from "../crypto/blind-index";
import { type CredentialsRow, credentials } from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { insertSubjectKey } from "../keys/subject-keys";
import { reactivateAccount } from "../privacy/dormancy";
import { accountSubjectForMail } from "../privacy/dormant-subject";
import { newPasswordProblem, openAccountEmail } from "./account-data";
import { LINK_INVALID } from "./answers";
import {
	activateAccount,
	findCredentialsByEmailBidx,
	findCredentialsById,
	newAccountId,
	setPasswordHash,
} from "./credentials";
import {
	consumeEmailToken,
	dropUnusedEmailTokens,
	findLiveEmailToken,
	issueEmailToken,
	newEmailToken,
} from "./email-tokens";
import { alreadyRegisteredMail, confirmMail, deliverMail, type Mail, resetMail, sendMail } from "./mail";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "./password-hash";
import { passwordProblem } from "./password-policy";
import { revokeAllSessions } from "./sessions";
import { checkSignIn, signIn } from "./sign-in";

export type RegisteredAccount = AccountRef & { sealed: { nickname: string } };
export type RegisterResult = VaultResult<{ account: RegisteredAccount | null }>;

type RegisterRequest = {
	email: string;
	password: string;
	profile: { nickname: string };
	/** The mail's language (the contract's shape); absent: English. */
	locale?: string | undefined;
	requestId?: string;
};

/** An account's entries name the shopper and the account's subject, both by pseudonym. */
async function accountEvent(
	deps: VaultDeps,
	account: Pick<CredentialsRow, "accountId" | "subjectId">,
	requestId?: string,
) {
	const who = await shopperEvent(deps, account.accountId, requestId);
	return { ...who, subjects: await subjectPseudonyms(deps, [account.subjectId]) };
}

/**
 * Mails a known account at the address it registered with, after the answer. The address the
 * requester typed has the same blind index but may differ (the case of a local part, which some
 * hosts keep apart): mailing it could hand the owner's link to someone else. A dormant account's
 * address is opened for the mail too (its owner may need a reset link to sign in and wake it); an
 * erased one gets nothing. A failure is logged without the address.
 */
async function mailAccount(deps: VaultDeps, account: CredentialsRow, mail: Mail): Promise<void> {
	try {
		const subject = await accountSubjectForMail(deps, account.subjectId);
		if (!subject) {
			deps.logger.error("account mail not sent", { kind: mail.kind, reason: "not_found" });
			return;
		}
		await deliverMail(deps, await openAccountEmail(deps, account, subject), mail);
	} catch (err) {
		deps.logger.error("account mail not sent", { kind: mail.kind, err });
	}
}

export async function register(deps: VaultDeps, req: RegisterRequest): Promise<RegisterResult> {
	const problem = passwordProblem(req.password, req.email);
	if (problem) return failure("bad_request", problem);
	const emailBidx = await blindIndex(deps.env.BLIND_INDEX_KEY, "email", req.email);
	// Hashed whatever follows, so a known address costs what an unknown one does.
	const passwordHash = await hashPassword(deps.env.PASSWORD_PEPPER, req.password);
	const existing = await findCredentialsByEmailBidx(deps.db, emailBidx);
	if (existing) return registerKnown(deps, existing, req);
	const created = await createAccount(deps, req, emailBidx, passwordHash);
	if (created) return created;
	// The same address registered concurrently and won: answer as for a known address.
	const winner = await findCredentialsByEmailBidx(deps.db, emailBidx);
	if (!winner) throw new Error("registration conflict without a conflicting account");
	return registerKnown(deps, winner, req);
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
	const mail = confirmMail(deps.env.SHOP_ORIGIN, confirm.token, req.locale);
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
	// A new account's address is the one just typed (and sealed).
	sendMail(deps, req.email, mail);
	return { ok: true, account: { id: accountId, subjectId: subject.id, sealed: { nickname } } };
}

/**
 * A known address: nothing about the account changes (no password, no nickname, no status), and
 * the answer is `account: null` whether it is pending or active, so registering someone else's
 * address gains nothing. Pending: a fresh confirm link goes to the registered address (older ones
 * keep working); whoever registered it first chose its password, so a squatter's account is taken
 * back by its owner through a password reset, which proves the address too. Active: the address
 * is told someone tried. Either way at most one such mail per ten minutes.
 */
async function registerKnown(
	deps: VaultDeps,
	account: CredentialsRow,
	{ locale, requestId }: Pick<RegisterRequest, "locale" | "requestId">,
): Promise<RegisterResult> {
	const pending = account.status === "pending";
	const logged = await audited(deps, {
		...(await accountEvent(deps, account, requestId)),
		action: "account.register",
		outcome: "denied",
		reason: pending ? "already_pending" : "already_active",
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	// The one write of both branches (a new account's is its batch): a confirm token for a pending
	// account, a `notice` row for an active one, each issued only outside the quiet window but
	// written (or attempted) every time, so neither branch answers faster than the other.
	const token = await issueEmailToken(deps.db, account.accountId, pending ? "confirm" : "notice", deps.now);
	if (token) {
		const mail = pending
			? confirmMail(deps.env.SHOP_ORIGIN, token, locale)
			: alreadyRegisteredMail(deps.env.SHOP_ORIGIN, locale);
		deps.defer(mailAccount(deps, account, mail));
	}
	return { ok: true, account: null };
}

/**
 * The emailed link proves the address and the password proves it is the person who registered:
 * a link alone (forwarded, or an attacker's own mailed to a victim) signs nobody in. A wrong
 * password is refused as a failed login, with the same throttle and device tokens, and leaves
 * the link unused for another try; an unusable link is `not_found` after the same PBKDF2 work.
 */
export async function confirm(
	deps: VaultDeps,
	req: { token: string; password: string; devices?: string[]; requestId?: string },
): Promise<VaultResult<SignedIn>> {
	const accountId = await findLiveEmailToken(deps.db, req.token, "confirm", deps.now);
	const found = accountId ? await findCredentialsById(deps.db, accountId) : null;
	if (!found) {
		await verifyPassword(deps.env.PASSWORD_PEPPER, req.password, DUMMY_PASSWORD_HASH);
		return LINK_INVALID;
	}
	const check = await checkSignIn(deps, { ...req, emailBidx: found.emailBidx, account: found });
	if (!check.ok) {
		deps.logger.info("confirm refused", { requestId: req.requestId });
		return check;
	}
	// Used only now, in one conditional write: of two racing uses, one wins.
	if (!(await consumeEmailToken(deps.db, req.token, "confirm", deps.now))) return LINK_INVALID;
	const logged = await audited(deps, {
		...(await accountEvent(deps, found, req.requestId)),
		action: "account.confirm",
		outcome: "allowed",
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	return signIn(deps, found, [
		activateAccount(deps.db, found.accountId, deps.now),
		// Confirmed: the other links sent for it have nothing left to do.
		dropUnusedEmailTokens(deps.db, found.accountId, "confirm"),
	]);
}

/**
 * Always the same answer, known address or not. For a known one (pending or active) the token
 * is stored and the mail sent after the answer, so the answer's timing does not tell either; a
 * reset link sent within ten minutes and still unused stands, and nothing new is sent.
 */
export async function requestReset(
	deps: VaultDeps,
	req: { email: string; locale?: string | undefined; requestId?: string },
): Promise<VaultResult<Record<never, never>>> {
	const emailBidx = await blindIndex(deps.env.BLIND_INDEX_KEY, "email", req.email);
	const account = await findCredentialsByEmailBidx(deps.db, emailBidx);
	if (account) deps.defer(sendResetLink(deps, account, req.locale));
	return { ok: true };
}

async function sendResetLink(deps: VaultDeps, account: CredentialsRow, locale?: string): Promise<void> {
	try {
		const token = await issueEmailToken(deps.db, account.accountId, "reset", deps.now);
		if (token) await mailAccount(deps, account, resetMail(deps.env.SHOP_ORIGIN, token, locale));
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
	// The owner proved the address: a dormant account wakes (P9), and this counts as activity.
	const awake = await reactivateAccount(deps, account, req.requestId);
	if (!awake.ok) return awake;
	await runBatch(deps.db, [
		...awake.statements,
		setPasswordHash(deps.db, account.accountId, passwordHash, deps.now, true),
		revokeAllSessions(deps.db, account.accountId, deps.now),
		dropUnusedEmailTokens(deps.db, account.accountId, "reset"),
		dropUnusedEmailTokens(deps.db, account.accountId, "confirm"),
	]);
	return { ok: true };
}
