// What the account services need from a request: the commerce database, the vault, and the
// shopper's own session, which is the actor of every opening and sealing of their data.
import type { Context } from "hono";
import type { Logger } from "../../shared/logger";
import type { AccountRef, OpenItem } from "../../shared/vault-contract";
import type { AppEnv, Db } from "../env";
import { AppError } from "../errors";
import { fromVault, type VaultClient } from "../vault-client";

export type AccountDeps = {
	db: Db;
	vault: VaultClient;
	account: AccountRef;
	session: string;
	requestId: string;
	logger: Logger;
	now: number;
};

/** The account routes' deps; requireAccount must have run (without it, nobody is logged in). */
export function accountDepsFor(c: Context<AppEnv>): AccountDeps {
	const { account, sessionToken } = c.var;
	if (!account || !sessionToken) throw new AppError("unauthorized", "Log in to continue");
	return {
		db: c.var.db,
		vault: c.env.VAULT,
		account,
		session: sessionToken,
		requestId: c.var.requestId,
		logger: c.var.logger,
		now: Date.now(),
	};
}

/** Opens the shopper's own sealed fields with their session as the actor (audited, rate-limited). */
export async function openOwn(deps: AccountDeps, items: Omit<OpenItem, "subjectId">[]): Promise<string[]> {
	if (items.length === 0) return [];
	const { values } = await fromVault(
		deps.vault.open({
			actor: { kind: "shopper", token: deps.session },
			purpose: "self_service",
			items: items.map((item) => ({ ...item, subjectId: deps.account.subjectId })),
			requestId: deps.requestId,
		}),
		deps.logger,
	);
	return values;
}

/** Seals fields of one row under the shopper's own subject. */
export async function sealOwn<F extends string>(
	deps: AccountDeps,
	table: "customers" | "customer_addresses",
	rowId: string,
	fields: Record<F, string>,
): Promise<Record<F, string>> {
	const { sealed } = await fromVault(
		deps.vault.seal({ subject: { session: deps.session }, table, rowId, fields, requestId: deps.requestId }),
		deps.logger,
	);
	return sealed as Record<F, string>;
}
