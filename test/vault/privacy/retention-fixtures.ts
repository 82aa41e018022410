// Fixtures for the vault's retention tests: deps on a clock the test sets (the steps are functions
// of `now`), a mailbox for the erasure notices, direct reads of the rows retention changes, and a
// database whose audit log refuses appends.
import { createLogger } from "../../../workers/shared/logger";
import { createSubjectCipher } from "../../../workers/vault/crypto/subject-cipher";
import { vaultDb } from "../../../workers/vault/db/client";
import type { VaultDeps } from "../../../workers/vault/deps";
import type { SentMail } from "../account-fixtures";
import { vaultEnv } from "../helpers";

export const DAY = 24 * 60 * 60_000;

/** Deps as the RPC or the cron builds them, at `now`, with mail landing in `sent`. */
export function retentionDeps(now: number, overrides: Partial<VaultEnv> = {}) {
	const sent: SentMail[] = [];
	const MAIL = {
		async send(message: unknown) {
			sent.push(message as SentMail);
			return { messageId: `test-${sent.length}` };
		},
	} as unknown as SendEmail;
	const env = { ...vaultEnv, MAIL, ...overrides };
	const deps: VaultDeps = {
		db: vaultDb(env.VAULT_DB),
		env,
		cipher: createSubjectCipher(env),
		logger: createLogger({ worker: "vault" }),
		now,
		defer: () => undefined,
	};
	return { deps, sent };
}

/** The vault's database, except that appending to the audit log fails. */
export function failingAuditDb(): D1Database {
	const real = vaultEnv.VAULT_DB;
	return new Proxy(real, {
		get(target, prop) {
			if (prop === "prepare") {
				return (query: string) => {
					if (/insert into "audit_log"/i.test(query)) throw new Error("audit log down");
					return target.prepare(query);
				};
			}
			const value = Reflect.get(target, prop, target);
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
}

export async function one<T>(query: string, ...params: (string | number)[]): Promise<T | null> {
	return vaultEnv.VAULT_DB.prepare(query)
		.bind(...params)
		.first<T>();
}

export async function keyOf(subjectId: string): Promise<string | null> {
	return (
		(await one<{ kek_id: string }>("select kek_id from subject_keys where id = ?", subjectId))?.kek_id ?? null
	);
}

export type CredentialState = {
	status: string;
	last_active_at: number;
	dormant_at: number | null;
	erasure_notice_at: number | null;
};

export function credentialState(accountId: string): Promise<CredentialState | null> {
	return one<CredentialState>(
		"select status, last_active_at, dormant_at, erasure_notice_at from credentials where account_id = ?",
		accountId,
	);
}

/** Records a subject as an account's (a review's), as sealing with `owner` does. */
export async function ownSubject(accountId: string, subjectId: string, now = Date.now()): Promise<void> {
	await vaultEnv.VAULT_DB.prepare(
		"insert into subject_owners (subject_id, account_id, table_name, created_at) values (?, ?, 'reviews', ?)",
	)
		.bind(subjectId, accountId, now)
		.run();
}

/** Moves an account's activity or dormancy marks through time, as a clock would. */
export async function setAccount(
	accountId: string,
	values: Partial<Pick<CredentialState, "last_active_at" | "dormant_at" | "erasure_notice_at">>,
): Promise<void> {
	const columns = Object.keys(values);
	await vaultEnv.VAULT_DB.prepare(
		`update credentials set ${columns.map((column) => `${column} = ?`).join(", ")} where account_id = ?`,
	)
		.bind(...Object.values(values), accountId)
		.run();
}
