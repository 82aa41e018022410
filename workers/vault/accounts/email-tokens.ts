// Single-use emailed tokens: 32 random bytes in the link, only their SHA-256 in the database (a
// copy of it holds no usable link; the token's entropy makes a keyed hash unnecessary). Using one
// is one conditional UPDATE, so two clicks racing each other cannot both succeed. Issuing one is
// one conditional INSERT: while the account holds a working link of that purpose sent within the
// last ten minutes, nothing new is issued (nor mailed), so requests repeated by anyone neither
// pile mails up in an inbox nor refuse the owner (their answer stays the same; the owner has a
// link already).
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { randomBytes, toBase64Url, utf8 } from "../../shared/base64url";
import type { VaultDb } from "../db/client";
import { type EmailTokenRow, emailTokens } from "../db/schema";

export type EmailTokenPurpose = EmailTokenRow["purpose"];

/**
 * How long a token works: a day to confirm a registration, half an hour to reset a password. A
 * `notice` (the "already registered" mail) carries no link; its row lives as long as the quiet
 * window, which is all it is for.
 */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
	confirm: 24 * 60 * 60_000,
	reset: 30 * 60_000,
	notice: 10 * 60_000,
};

/** At most one mail of each purpose per account in this window, while its link still works. */
export const MAIL_QUIET_MS = 10 * 60_000;

export async function hashEmailToken(token: string): Promise<string> {
	return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8(token))));
}

/** A new token for the link, and the row that stores its hash (a statement for a batch). */
export async function newEmailToken(db: VaultDb, accountId: string, purpose: EmailTokenPurpose, now: number) {
	const token = toBase64Url(randomBytes(32));
	const insert = db.insert(emailTokens).values({
		tokenHash: await hashEmailToken(token),
		accountId,
		purpose,
		createdAt: now,
		expiresAt: now + EMAIL_TOKEN_TTL_MS[purpose],
	});
	return { token, insert };
}

/**
 * Issues a token unless the account has an unused, unexpired one of this purpose issued within
 * MAIL_QUIET_MS: the new token to mail, or null when the owner already holds a working link.
 * Always one write to the database, whichever way it goes (the register branches rely on it to
 * cost the same). A new reset token drops the older unused ones in the same transaction: only
 * the newest reset link works. Older confirm links stay valid.
 */
export async function issueEmailToken(
	db: VaultDb,
	accountId: string,
	purpose: EmailTokenPurpose,
	now: number,
): Promise<string | null> {
	const token = toBase64Url(randomBytes(32));
	const tokenHash = await hashEmailToken(token);
	const insert = db
		.insert(emailTokens)
		.select(
			sql`select ${tokenHash}, ${accountId}, ${purpose}, ${now}, ${now + EMAIL_TOKEN_TTL_MS[purpose]}, null
				where not exists (select 1 from ${emailTokens} where ${and(
					eq(emailTokens.accountId, accountId),
					eq(emailTokens.purpose, purpose),
					isNull(emailTokens.usedAt),
					gt(emailTokens.expiresAt, now),
					gt(emailTokens.createdAt, now - MAIL_QUIET_MS),
				)})`,
		)
		.returning({ tokenHash: emailTokens.tokenHash });
	if (purpose !== "reset") {
		const [row] = await insert;
		return row ? token : null;
	}
	const [inserted] = await db.batch([
		insert,
		db
			.delete(emailTokens)
			.where(
				and(
					eq(emailTokens.accountId, accountId),
					eq(emailTokens.purpose, "reset"),
					isNull(emailTokens.usedAt),
					ne(emailTokens.tokenHash, tokenHash),
					sql`exists (select 1 from ${emailTokens} where ${eq(emailTokens.tokenHash, tokenHash)})`,
				),
			),
	]);
	return inserted.length > 0 ? token : null;
}

/** Drops an account's unused tokens of one purpose (a statement for a batch). */
export function dropUnusedEmailTokens(db: VaultDb, accountId: string, purpose: EmailTokenPurpose) {
	return db
		.delete(emailTokens)
		.where(
			and(eq(emailTokens.accountId, accountId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)),
		);
}

function live(hash: string, purpose: EmailTokenPurpose, now: number) {
	return and(
		eq(emailTokens.tokenHash, hash),
		eq(emailTokens.purpose, purpose),
		isNull(emailTokens.usedAt),
		gt(emailTokens.expiresAt, now),
	);
}

/** The account a token is for while it is unused and unexpired, without using it. */
export async function findLiveEmailToken(
	db: VaultDb,
	token: string,
	purpose: EmailTokenPurpose,
	now: number,
): Promise<string | null> {
	const row = await db.query.emailTokens.findFirst({
		where: live(await hashEmailToken(token), purpose, now),
	});
	return row?.accountId ?? null;
}

/** Uses a token: the account it was for, or null when it was used, expired or never existed. */
export async function consumeEmailToken(
	db: VaultDb,
	token: string,
	purpose: EmailTokenPurpose,
	now: number,
): Promise<string | null> {
	const [row] = await db
		.update(emailTokens)
		.set({ usedAt: now })
		.where(live(await hashEmailToken(token), purpose, now))
		.returning({ accountId: emailTokens.accountId });
	return row?.accountId ?? null;
}
