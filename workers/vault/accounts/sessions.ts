// Shopper sessions (DESIGN §5, OWASP ASVS V3): a signed token over a row the vault keeps. The
// token alone proves nothing: a session is alive only while its row exists, names the token's
// account, is not revoked, is within its absolute lifetime and has been used within the idle
// window. Every sign-in gets a new row and id, so a session fixed before login is worth nothing.
// An account keeps at most MAX_LIVE_SESSIONS live sessions: each sign-in deletes the oldest beyond.
import { and, desc, eq, gt, isNull, ne, notInArray } from "drizzle-orm";
import { randomBytes, toBase64Url } from "../../shared/base64url";
import type { AccountRef, IssuedSession } from "../../shared/vault-contract";
import type { VaultDb } from "../db/client";
import { credentials, type SessionRow, sessions } from "../db/schema";
import { signSessionToken, verifySessionToken } from "./session-token";

export type SessionLifetimes = { idleMs: number; absoluteMs: number };

/** Last-seen is written at most this often: a page of requests costs one write, not one each. */
export const TOUCH_INTERVAL_MS = 60_000;

/** An account's last activity (dormancy counts from it, P9) is written at most this often. */
export const ACTIVITY_INTERVAL_MS = 24 * 60 * 60_000;

/** Live sessions an account may hold at once (devices, browsers): signing in more drops the oldest. */
export const MAX_LIVE_SESSIONS = 10;

type SessionEnv = Pick<VaultEnv, "SESSION_SIGNING_KEY" | "SESSION_IDLE_MINUTES" | "SESSION_ABSOLUTE_HOURS">;

function positive(text: string | undefined, fallback: number): number {
	const value = Number(text);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function sessionLifetimes(env: SessionEnv): SessionLifetimes {
	return {
		idleMs: positive(env.SESSION_IDLE_MINUTES, 60) * 60_000,
		absoluteMs: positive(env.SESSION_ABSOLUTE_HOURS, 12) * 60 * 60_000,
	};
}

export type SessionRefusal =
	| "expired_token"
	| "invalid_token"
	| "unknown_session"
	| "wrong_account"
	| "revoked"
	| "expired"
	| "idle"
	| "inactive_account";

/** Why a session row does not (or no longer) carry the token's account; null when it does. */
export function sessionRefusal(
	row: Pick<SessionRow, "accountId" | "revokedAt" | "expiresAt" | "lastSeenAt">,
	accountId: string,
	now: number,
	lifetimes: SessionLifetimes,
): SessionRefusal | null {
	if (row.accountId !== accountId) return "wrong_account";
	if (row.revokedAt !== null) return "revoked";
	if (now >= row.expiresAt) return "expired";
	if (now - row.lastSeenAt >= lifetimes.idleMs) return "idle";
	return null;
}

/** A new session for an account: the row to insert (a statement for a batch) and its token. */
export function newSession(db: VaultDb, env: SessionEnv, accountId: string, now: number) {
	const row: SessionRow = {
		id: toBase64Url(randomBytes(16)),
		accountId,
		createdAt: now,
		lastSeenAt: now,
		expiresAt: now + sessionLifetimes(env).absoluteMs,
		revokedAt: null,
	};
	return {
		id: row.id,
		insert: db.insert(sessions).values(row),
		/** Signs the token; call once the row is stored. */
		async issue(): Promise<IssuedSession> {
			const token = await signSessionToken(env.SESSION_SIGNING_KEY, {
				accountId,
				sessionId: row.id,
				issuedAt: now,
				expiresAt: row.expiresAt,
			});
			return { token, expiresAt: row.expiresAt };
		},
	};
}

/**
 * Deletes the account's live sessions beyond the newest MAX_LIVE_SESSIONS, never `keepId` (the one
 * this sign-in has just inserted, before this statement in the same batch): sessions cannot pile
 * up without bound, and the oldest go first.
 */
export function dropSessionsBeyondCap(
	db: VaultDb,
	env: SessionEnv,
	accountId: string,
	keepId: string,
	now: number,
) {
	const others = and(
		eq(sessions.accountId, accountId),
		ne(sessions.id, keepId),
		isNull(sessions.revokedAt),
		gt(sessions.expiresAt, now),
		gt(sessions.lastSeenAt, now - sessionLifetimes(env).idleMs),
	);
	const kept = db
		.select({ id: sessions.id })
		.from(sessions)
		.where(others)
		.orderBy(desc(sessions.createdAt), desc(sessions.id))
		.limit(MAX_LIVE_SESSIONS - 1);
	return db.delete(sessions).where(and(others, notInArray(sessions.id, kept)));
}

export type SessionCheck =
	| { ok: true; account: AccountRef; sessionId: string; expiresAt: number }
	| { ok: false; refusal: SessionRefusal };

/** Whether a token names a live session, and whose; touches its last-seen time at most once a minute. */
export async function checkSession(
	deps: { db: VaultDb; env: SessionEnv; now: number },
	token: string,
): Promise<SessionCheck> {
	const claims = await verifySessionToken(deps.env.SESSION_SIGNING_KEY, token, deps.now);
	if (!claims.ok)
		return { ok: false, refusal: claims.refusal === "expired" ? "expired_token" : "invalid_token" };
	const [found] = await deps.db
		.select({
			session: sessions,
			subjectId: credentials.subjectId,
			status: credentials.status,
			lastActiveAt: credentials.lastActiveAt,
		})
		.from(sessions)
		.innerJoin(credentials, eq(credentials.accountId, sessions.accountId))
		.where(eq(sessions.id, claims.sessionId))
		.limit(1);
	if (!found) return { ok: false, refusal: "unknown_session" };
	const refusal = sessionRefusal(found.session, claims.accountId, deps.now, sessionLifetimes(deps.env));
	if (refusal) return { ok: false, refusal };
	if (found.status !== "active") return { ok: false, refusal: "inactive_account" };
	if (deps.now - found.session.lastSeenAt >= TOUCH_INTERVAL_MS) {
		await deps.db.update(sessions).set({ lastSeenAt: deps.now }).where(eq(sessions.id, found.session.id));
	}
	if (deps.now - found.lastActiveAt >= ACTIVITY_INTERVAL_MS) {
		await deps.db
			.update(credentials)
			.set({ lastActiveAt: deps.now })
			.where(eq(credentials.accountId, claims.accountId));
	}
	return {
		ok: true,
		account: { id: claims.accountId, subjectId: found.subjectId },
		sessionId: found.session.id,
		expiresAt: found.session.expiresAt,
	};
}

/** Revokes one live session of an account; false when it was revoked, expired or idle already. */
export async function revokeSession(
	db: VaultDb,
	env: SessionEnv,
	ids: { accountId: string; sessionId: string },
	now: number,
): Promise<boolean> {
	const rows = await db
		.update(sessions)
		.set({ revokedAt: now })
		.where(
			and(
				eq(sessions.id, ids.sessionId),
				eq(sessions.accountId, ids.accountId),
				isNull(sessions.revokedAt),
				gt(sessions.expiresAt, now),
				gt(sessions.lastSeenAt, now - sessionLifetimes(env).idleMs),
			),
		)
		.returning({ id: sessions.id });
	return rows.length > 0;
}

/** Revokes every session of an account (password changed or reset): a statement for a batch. */
export function revokeAllSessions(db: VaultDb, accountId: string, now: number) {
	return db
		.update(sessions)
		.set({ revokedAt: now })
		.where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)));
}
