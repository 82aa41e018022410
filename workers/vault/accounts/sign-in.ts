// Signing in and out, the session check, and changing a password (issue #7, OWASP ASVS V2, V3).
// A failed login says the same whatever failed (unknown address, unconfirmed account, wrong
// password) after the same PBKDF2 work, and each account's attempts are bounded wherever they
// come from, except from a browser showing a device token of that account (OWASP device cookies:
// guessers cannot lock the owner out). Failed logins are not chained into the audit log (they are
// throttled instead): a log line without personal data records them.
import { runBatch, type Statement } from "../../shared/d1-batch";
import type {
	AccountRef,
	IssuedSession,
	SignedIn,
	VaultFailure,
	VaultResult,
} from "../../shared/vault-contract";
import { AUDIT_UNAVAILABLE, audited, shopperEvent, subjectPseudonyms } from "../audit/audited";
import { blindIndex } from "../crypto/blind-index";
import type { CredentialsRow } from "../db/schema";
import type { VaultDeps } from "../deps";
import { failure } from "../deps";
import { reactivateAccount } from "../privacy/dormancy";
import { newPasswordProblem } from "./account-data";
import { LOGIN_BUSY, LOGIN_FAILED, LOGIN_REQUIRED, WRONG_CURRENT_PASSWORD } from "./answers";
import {
	findCredentialsByEmailBidx,
	findCredentialsById,
	rehashPassword,
	setPasswordHash,
} from "./credentials";
import { newDeviceToken, trustedDevice } from "./device-token";
import { dropUnusedEmailTokens } from "./email-tokens";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "./password-hash";
import { verifySessionToken } from "./session-token";
import {
	checkSession,
	dropSessionsBeyondCap,
	newSession,
	revokeAllSessions,
	revokeSession,
} from "./sessions";

/** An account's sign-in attempts (login, confirm, the current password when changing it) per minute. */
async function withinLoginBudget(deps: VaultDeps, key: string): Promise<boolean> {
	return (await deps.env.LOGIN_ACCOUNT_LIMITER.limit({ key })).success;
}

/**
 * The throttle, then the password, for a sign-in naming `account` (null: an unknown address,
 * checked against a dummy hash for the same work). A device token of this account moves the
 * attempt off the account's budget onto the token's own (same limiter, key `device:<nonce>`): a
 * stolen device cookie still guesses no faster than one client, and nobody else's guesses count
 * against it. Unknown addresses are charged to their blind index like known ones.
 */
export async function checkSignIn(
	deps: VaultDeps,
	req: {
		emailBidx: string;
		account: CredentialsRow | null;
		password: string;
		devices?: readonly string[];
		requestId?: string;
	},
): Promise<{ ok: true; account: CredentialsRow; needsRehash: boolean } | VaultFailure> {
	const device = await trustedDevice(
		deps.env.BLIND_INDEX_KEY,
		req.account?.accountId ?? null,
		req.devices ?? [],
	);
	if (!(await withinLoginBudget(deps, device ? `device:${device}` : req.emailBidx))) {
		deps.logger.warn("sign-in throttled", { device: device !== null, requestId: req.requestId });
		return LOGIN_BUSY;
	}
	const check = await verifyPassword(
		deps.env.PASSWORD_PEPPER,
		req.password,
		req.account?.passwordHash ?? DUMMY_PASSWORD_HASH,
	);
	if (!req.account || !check.ok) return LOGIN_FAILED;
	return { ok: true, account: req.account, needsRehash: check.needsRehash };
}

/**
 * Signs an account in: a dormant account re-activated first (P9: its data opens again before any
 * session exists), then `before` (its own writes), the activity recorded, a new session (a new id
 * at every sign-in: a session planted before it is worth nothing after), the oldest live sessions
 * beyond the cap dropped, all in one batch; then the session token and a fresh device token.
 */
export async function signIn(
	deps: VaultDeps,
	account: Pick<CredentialsRow, "accountId" | "subjectId">,
	before: Statement[],
	requestId?: string,
): Promise<VaultResult<SignedIn>> {
	const awake = await reactivateAccount(deps, account, requestId);
	if (!awake.ok) return awake;
	const session = newSession(deps.db, deps.env, account.accountId, deps.now);
	await runBatch(deps.db, [
		...before,
		...awake.statements,
		session.insert,
		dropSessionsBeyondCap(deps.db, deps.env, account.accountId, session.id, deps.now),
	]);
	return {
		ok: true,
		account: { id: account.accountId, subjectId: account.subjectId },
		session: await session.issue(),
		device: await newDeviceToken(deps.env.BLIND_INDEX_KEY, account.accountId),
	};
}

export async function login(
	deps: VaultDeps,
	req: { email: string; password: string; devices?: string[]; requestId?: string },
): Promise<VaultResult<SignedIn>> {
	const emailBidx = await blindIndex(deps.env.BLIND_INDEX_KEY, "email", req.email);
	const found = await findCredentialsByEmailBidx(deps.db, emailBidx);
	const check = await checkSignIn(deps, { ...req, emailBidx, account: found });
	if (!check.ok || check.account.status !== "active") {
		if (check === LOGIN_BUSY) return check;
		const reason = !found ? "unknown_account" : !check.ok ? "wrong_password" : "pending_account";
		deps.logger.info("login refused", { reason, requestId: req.requestId });
		return LOGIN_FAILED;
	}
	const { account } = check;
	// Hashed under older parameters: upgraded now, while the password is at hand.
	const rehash = check.needsRehash
		? [
				rehashPassword(
					deps.db,
					account.accountId,
					await hashPassword(deps.env.PASSWORD_PEPPER, req.password),
					deps.now,
				),
			]
		: [];
	return signIn(deps, account, rehash, req.requestId);
}

export async function session(
	deps: VaultDeps,
	req: { session: string; requestId?: string },
): Promise<VaultResult<{ account: AccountRef; expiresAt: number }>> {
	const check = await checkSession(deps, req.session);
	return check.ok ? { ok: true, account: check.account, expiresAt: check.expiresAt } : LOGIN_REQUIRED;
}

/** Revokes the token's session. Needs the vault's signature; a session already dead is no error. */
export async function logout(
	deps: VaultDeps,
	req: { session: string; requestId?: string },
): Promise<VaultResult<{ revoked: boolean }>> {
	const claims = await verifySessionToken(deps.env.SESSION_SIGNING_KEY, req.session, deps.now);
	if (!claims.ok) return claims.refusal === "expired" ? { ok: true, revoked: false } : LOGIN_REQUIRED;
	return { ok: true, revoked: await revokeSession(deps.db, deps.env, claims, deps.now) };
}

/**
 * Needs a live session and the current password (a session left open on a shared computer is not
 * enough). Every session of the account is revoked, this one included, and a fresh one issued.
 */
export async function changePassword(
	deps: VaultDeps,
	req: { session: string; currentPassword: string; newPassword: string; requestId?: string },
): Promise<VaultResult<{ session: IssuedSession }>> {
	const check = await checkSession(deps, req.session);
	const account = check.ok ? await findCredentialsById(deps.db, check.account.id) : null;
	if (!account) return LOGIN_REQUIRED;
	// Guessing the current password through this door costs the same budget as through login.
	if (!(await withinLoginBudget(deps, account.emailBidx))) return LOGIN_BUSY;
	const current = await verifyPassword(deps.env.PASSWORD_PEPPER, req.currentPassword, account.passwordHash);
	if (!current.ok) {
		deps.logger.info("password change refused", { reason: "wrong_password", requestId: req.requestId });
		return WRONG_CURRENT_PASSWORD;
	}
	const problem = await newPasswordProblem(deps, req.newPassword, account);
	if (problem) return failure("bad_request", problem);
	const passwordHash = await hashPassword(deps.env.PASSWORD_PEPPER, req.newPassword);
	const next = newSession(deps.db, deps.env, account.accountId, deps.now);
	const logged = await audited(deps, {
		...(await shopperEvent(deps, account.accountId, req.requestId)),
		subjects: await subjectPseudonyms(deps, [account.subjectId]),
		action: "account.password_change",
		outcome: "allowed",
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	await runBatch(deps.db, [
		setPasswordHash(deps.db, account.accountId, passwordHash, deps.now),
		revokeAllSessions(deps.db, account.accountId, deps.now),
		// A reset link mailed before the change would undo it.
		dropUnusedEmailTokens(deps.db, account.accountId, "reset"),
		next.insert,
	]);
	return { ok: true, session: await next.issue() };
}
