// Fixtures for the vault worker's own tests: VaultRpc called in-process (as the storefront's
// service binding would), staff registered straight in its database, tokens signed like Access's.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { OpenItem, StaffRole } from "../../workers/shared/vault-contract";
import { VaultRpc } from "../../workers/vault/rpc";
import { registerStaff, signAccessToken, type TokenClaims } from "../staff-tokens";

export const vaultEnv = env as unknown as VaultEnv & { TEST_ACCESS_PRIVATE_JWK: string };

export function rpc(overrides: Partial<VaultEnv> = {}): VaultRpc {
	return new VaultRpc(createExecutionContext(), { ...vaultEnv, ...overrides });
}

export async function staffAs(role: StaffRole, claims: TokenClaims = {}) {
	const member = await registerStaff(vaultEnv.VAULT_DB, vaultEnv.BLIND_INDEX_KEY, role);
	const token = await signAccessToken(vaultEnv.TEST_ACCESS_PRIVATE_JWK, { email: member.email, ...claims });
	return { ...member, token, actor: { kind: "staff", token } as const };
}

export const CONTACT = {
	email: "vault.test.zq@example.org",
	name: "Zebedee Quartermaine-Vault",
	phone: "+44 20 7946 0001",
	address: JSON.stringify({
		line1: "9 Vaultkeeper Row",
		city: "Exeter-Zq",
		postalCode: "EX1 1AA",
		country: "GB",
	}),
};
export type ContactField = keyof typeof CONTACT;
export const CONTACT_FIELDS = Object.keys(CONTACT) as ContactField[];

/** A fresh subject with a sealed contact, and the open items for any of its fields. */
export async function sealedContact(fields: Partial<typeof CONTACT> = CONTACT) {
	const rowId = crypto.randomUUID();
	const result = await rpc().seal({
		subject: { new: true },
		table: "order_contacts",
		rowId,
		fields,
		...(fields.email ? { blindIndex: ["email"] as "email"[] } : {}),
	});
	if (!result.ok) throw new Error(`seal failed: ${result.error.message}`);
	const item = (field: ContactField): OpenItem => ({
		subjectId: result.subjectId,
		table: "order_contacts",
		rowId,
		field,
		ciphertext: result.sealed[field] as string,
	});
	return { ...result, rowId, item };
}

export type AuditRowRaw = {
	seq: number;
	outcome: string;
	action: string;
	reason: string | null;
	actor_id: string;
	actor_role: string | null;
};

export async function auditRows(afterSeq = 0): Promise<AuditRowRaw[]> {
	const { results } = await vaultEnv.VAULT_DB.prepare("select * from audit_log where seq > ? order by seq")
		.bind(afterSeq)
		.all<AuditRowRaw>();
	return results;
}

export async function auditHeadSeq(): Promise<number> {
	return (
		(
			await vaultEnv.VAULT_DB.prepare("select coalesce(max(seq), 0) as n from audit_log").first<{
				n: number;
			}>()
		)?.n ?? 0
	);
}

const TRIGGERS = ["audit_log_no_update", "audit_log_no_delete", "audit_log_chained"];

/** Plays an attacker with write access to the database: drops the triggers around `attack`. */
export async function withoutTriggers(attack: (db: D1Database) => Promise<void>): Promise<void> {
	const db = vaultEnv.VAULT_DB;
	await db.batch(TRIGGERS.map((name) => db.prepare(`drop trigger if exists ${name}`)));
	try {
		await attack(db);
	} finally {
		await restoreTriggers();
	}
}

async function restoreTriggers(): Promise<void> {
	const migration = vaultEnv as unknown as { TEST_VAULT_MIGRATIONS: { name: string; queries: string[] }[] };
	const triggers = migration.TEST_VAULT_MIGRATIONS.find((m) => m.name.includes("audit_triggers"));
	if (!triggers) throw new Error("no trigger migration");
	for (const query of triggers.queries) await vaultEnv.VAULT_DB.prepare(query).run();
}

/** Empties the log and the checkpoints, for a test that needs a chain of its own. */
export async function resetAudit(): Promise<void> {
	await withoutTriggers(async (db) => {
		await db.prepare("delete from audit_log").run();
	});
	for (;;) {
		const listed = await vaultEnv.AUDIT_CHECKPOINTS.list();
		if (listed.objects.length === 0) break;
		await vaultEnv.AUDIT_CHECKPOINTS.delete(listed.objects.map((o) => o.key));
	}
}
