// Queries over shopper credentials. An account is found by the blind index of its email or by its
// id; the email itself is only ever ciphertext here.
import { eq } from "drizzle-orm";
import { randomBytes, toBase64Url } from "../../shared/base64url";
import type { VaultDb } from "../db/client";
import { type CredentialsRow, credentials } from "../db/schema";

export function newAccountId(): string {
	return `acc_${toBase64Url(randomBytes(16))}`;
}

export async function findCredentialsByEmailBidx(
	db: VaultDb,
	emailBidx: string,
): Promise<CredentialsRow | null> {
	return (await db.query.credentials.findFirst({ where: eq(credentials.emailBidx, emailBidx) })) ?? null;
}

export async function findCredentialsById(db: VaultDb, accountId: string): Promise<CredentialsRow | null> {
	return (await db.query.credentials.findFirst({ where: eq(credentials.accountId, accountId) })) ?? null;
}

/** A new password hash (and, after a completed reset, the address proven): a statement for a batch. */
export function setPasswordHash(
	db: VaultDb,
	accountId: string,
	passwordHash: string,
	now: number,
	activate = false,
) {
	return db
		.update(credentials)
		.set({
			passwordHash,
			updatedAt: now,
			passwordChangedAt: now,
			...(activate ? { status: "active" as const } : {}),
		})
		.where(eq(credentials.accountId, accountId));
}

export function activateAccount(db: VaultDb, accountId: string, now: number) {
	return db
		.update(credentials)
		.set({ status: "active", updatedAt: now })
		.where(eq(credentials.accountId, accountId));
}

/** The same password under today's parameters (login upgrades older hashes): not a password change. */
export function rehashPassword(db: VaultDb, accountId: string, passwordHash: string, now: number) {
	return db
		.update(credentials)
		.set({ passwordHash, updatedAt: now })
		.where(eq(credentials.accountId, accountId));
}
