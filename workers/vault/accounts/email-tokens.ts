// Single-use emailed tokens: 32 random bytes in the link, only their SHA-256 in the database (a
// copy of it holds no usable link; the token's entropy makes a keyed hash unnecessary). Using one
// is one conditional UPDATE, so two clicks racing each other cannot both succeed.
import { and, eq, gt, isNull } from "drizzle-orm";
import { randomBytes, toBase64Url, utf8 } from "../../shared/base64url";
import type { VaultDb } from "../db/client";
import { type EmailTokenRow, emailTokens } from "../db/schema";

export type EmailTokenPurpose = EmailTokenRow["purpose"];

/** How long a link works: a day to confirm a registration, half an hour to reset a password. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
	confirm: 24 * 60 * 60_000,
	reset: 30 * 60_000,
};

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

/** Drops an account's unused tokens of one purpose: only the newest link works. */
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
