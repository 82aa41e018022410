// P8: the audit log is written before anything is revealed, is append-only and hash-chained, and
// verification names the first bad entry for every way an attacker with the database could try
// to rewrite history: edit, delete, reorder, insert, truncate, or rebuild with fresh hashes.
import { describe, expect, it } from "vitest";
import { entryHash } from "../../workers/vault/audit/chain";
import { checkpointKey, readCheckpoints, writeCheckpoint } from "../../workers/vault/audit/checkpoints";
import { vaultDb } from "../../workers/vault/db/client";
import type { AuditRow } from "../../workers/vault/db/schema";
import { checkpointAuditHead, verifyAuditChain } from "../../workers/vault/operations";
import { recordCase } from "./case-fixtures";
import {
	auditHeadSeq,
	CONTACT,
	resetAudit,
	rpc,
	sealedContact,
	staffAs,
	vaultEnv,
	withoutTriggers,
} from "./helpers";

const deps = () => ({ db: vaultDb(vaultEnv.VAULT_DB), env: vaultEnv, now: Date.now() });

/** A real history: opens, denials and a staff change. */
async function history(opens = 6) {
	const contact = await sealedContact();
	// Support opens a contact only while a case on its order is open (written directly: no entry).
	await recordCase(contact);
	const support = await staffAs("support");
	const fulfilment = await staffAs("fulfilment");
	for (let i = 0; i < opens; i++) {
		await rpc().open({ actor: support.actor, purpose: "support", items: [contact.item("email")] });
		await rpc().open({ actor: fulfilment.actor, purpose: "support", items: [contact.item("email")] });
	}
	return contact;
}

async function rows(): Promise<AuditRow[]> {
	return deps().db.query.auditLog.findMany({ orderBy: (t, { asc }) => [asc(t.seq)] });
}

describe("log before reveal", () => {
	it("returns nothing when the audit append fails", async () => {
		const contact = await sealedContact();
		await recordCase(contact);
		const support = await staffAs("support");
		await vaultEnv.VAULT_DB.prepare(
			"create trigger test_fail_audit before insert on audit_log begin select raise(abort, 'disk full'); end",
		).run();
		try {
			const result = await rpc().open({
				actor: support.actor,
				purpose: "support",
				items: [contact.item("email")],
			});
			expect(result).toEqual({ ok: false, error: { code: "unavailable", message: expect.any(String) } });
			expect(JSON.stringify(result)).not.toContain(CONTACT.email);
		} finally {
			await vaultEnv.VAULT_DB.prepare("drop trigger test_fail_audit").run();
		}
		const result = await rpc().open({
			actor: support.actor,
			purpose: "support",
			items: [contact.item("email")],
		});
		expect(result.ok && result.values).toEqual([CONTACT.email]);
	});

	it("keeps the log append-only at the database", async () => {
		await history(1);
		const db = vaultEnv.VAULT_DB;
		await expect(db.prepare("update audit_log set reason = 'x' where seq = 1").run()).rejects.toThrow(
			/append-only/,
		);
		await expect(db.prepare("delete from audit_log where seq = 1").run()).rejects.toThrow(/append-only/);
		const head = await auditHeadSeq();
		await expect(
			db
				.prepare(
					"insert into audit_log (seq, at, actor_kind, actor_id, action, outcome, subjects, fields, item_count, prev_hash, hash) values (?, 0, 'x', 'x', 'x', 'allowed', '[]', '[]', 0, 'bad', 'bad')",
				)
				.bind(head + 5)
				.run(),
		).rejects.toThrow(/head of the chain/);
	});
});

describe("audit chain verification", () => {
	it("passes on a real history and keeps a gapless, valid chain under 50 concurrent opens", async () => {
		await resetAudit();
		const contact = await history(3);
		const support = await staffAs("support");
		const results = await Promise.all(
			Array.from({ length: 50 }, () =>
				rpc().open({ actor: support.actor, purpose: "support", items: [contact.item("name")] }),
			),
		);
		expect(results.every((r) => r.ok)).toBe(true);
		const all = await rows();
		expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => i + 1));
		// 6 opens and 2 staff.bootstrap entries of history(), the support member's, 50 opens.
		expect(all.length).toBe(59);
		expect(await checkpointAuditHead(deps())).toBe(59);
		const report = await verifyAuditChain(deps());
		expect(report).toMatchObject({ valid: true, entries: 59, checkpoints: 1, firstBad: null });
		// The audit log holds pseudonyms and field names, never the data or the subject id.
		const dump = JSON.stringify(all);
		for (const value of Object.values(CONTACT)) expect(dump).not.toContain(value);
		expect(dump).not.toContain(contact.subjectId);
		expect(dump).toContain("order_contacts.name");
	});

	const attacks: [string, (db: D1Database) => Promise<void>, { seq: number; problem: string }][] = [
		[
			"an edited entry",
			(db) =>
				db
					.prepare("update audit_log set purpose = 'fulfilment' where seq = 4")
					.run()
					.then(() => {}),
			{ seq: 4, problem: "altered" },
		],
		[
			"a deleted entry",
			(db) =>
				db
					.prepare("delete from audit_log where seq = 5")
					.run()
					.then(() => {}),
			{ seq: 5, problem: "missing" },
		],
		[
			"reordered entries",
			async (db) => {
				await db.batch([
					db.prepare("update audit_log set seq = -1 where seq = 3"),
					db.prepare("update audit_log set seq = 3 where seq = 4"),
					db.prepare("update audit_log set seq = 4 where seq = -1"),
				]);
			},
			{ seq: 3, problem: "unlinked" },
		],
		[
			"an inserted entry",
			async (db) => {
				await db.batch([
					db.prepare("update audit_log set seq = seq + 1000 where seq >= 6"),
					db.prepare("update audit_log set seq = seq - 999 where seq >= 1006"),
				]);
				const five = await db
					.prepare("select * from audit_log where seq = 5")
					.first<Record<string, unknown>>();
				const forged = { ...five, seq: 6, actor_id: "stf_nobody", prev_hash: five?.hash };
				const columns = Object.keys(forged);
				await db
					.prepare(
						`insert into audit_log (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`,
					)
					.bind(...Object.values(forged))
					.run();
			},
			{ seq: 6, problem: "altered" },
		],
		[
			"a truncated tail",
			(db) =>
				db
					.prepare("delete from audit_log where seq > 9")
					.run()
					.then(() => {}),
			{ seq: 10, problem: "truncated" },
		],
		[
			"a chain rebuilt from scratch with fresh hashes",
			async (db) => {
				// Rewrites every entry's actor and recomputes a perfectly consistent chain.
				const all = await rows();
				await db.prepare("delete from audit_log").run();
				let prevHash = "0".repeat(64);
				for (const row of all) {
					const entry = { ...row, actorId: "stf_scapegoat", prevHash };
					const { hash: _old, ...body } = entry;
					const hash = await entryHash(body);
					await db
						.prepare(
							"insert into audit_log (seq, at, actor_kind, actor_id, actor_role, action, purpose, outcome, reason, subjects, fields, item_count, request_id, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
						)
						.bind(
							entry.seq,
							entry.at,
							entry.actorKind,
							entry.actorId,
							entry.actorRole,
							entry.action,
							entry.purpose,
							entry.outcome,
							entry.reason,
							entry.subjects,
							entry.fields,
							entry.itemCount,
							entry.requestId,
							prevHash,
							hash,
						)
						.run();
					prevHash = hash;
				}
			},
			{ seq: 12, problem: "checkpoint_mismatch" },
		],
	];

	for (const [name, attack, expected] of attacks) {
		it(`detects and names ${name}`, async () => {
			await resetAudit();
			await history(5); // 2 staff.bootstrap entries, then 10 opens
			expect(await checkpointAuditHead(deps())).toBe(12);
			expect((await verifyAuditChain(deps())).valid).toBe(true);
			await withoutTriggers(attack);
			const report = await verifyAuditChain(deps());
			expect(report.valid).toBe(false);
			expect(report.firstBad).toMatchObject(expected);
		});
	}

	it("reads every checkpoint, however many: a thousand per list call, none left out", async () => {
		await resetAudit();
		const heads = Array.from({ length: 1_205 }, (_, i) => ({
			seq: i + 1,
			hash: (i + 1).toString(16).padStart(64, "0"),
		}));
		for (const head of heads)
			await writeCheckpoint(vaultEnv.AUDIT_CHECKPOINTS, vaultEnv.AUDIT_SIGNING_KEY, head, 0);
		const read = await readCheckpoints(vaultEnv.AUDIT_CHECKPOINTS, vaultEnv.AUDIT_SIGNING_KEY);
		expect(read).toHaveLength(1_205);
		expect(read.every((c) => c.signatureValid)).toBe(true);
		expect(read.at(-1)).toMatchObject({ seq: 1_205, hash: heads.at(-1)?.hash });
		// No chain behind these checkpoints: verification says the chain was cut short.
		expect((await verifyAuditChain(deps())).firstBad).toMatchObject({ seq: 1, problem: "truncated" });
		await resetAudit();
	}, 60_000);

	it("detects a forged or overwritten checkpoint", async () => {
		await resetAudit();
		await history(2);
		const head = (await checkpointAuditHead(deps())) ?? 0;
		const key = checkpointKey(head);
		const original = await (await vaultEnv.AUDIT_CHECKPOINTS.get(key))?.text();
		// Write-once: the job never replaces a checkpoint.
		await checkpointAuditHead(deps());
		expect(await (await vaultEnv.AUDIT_CHECKPOINTS.get(key))?.text()).toBe(original);
		const [header, , signature] = (original ?? "").split(".");
		const payload = btoa(JSON.stringify({ v: 1, seq: head, hash: "f".repeat(64), at: 0 })).replace(/=+$/, "");
		await vaultEnv.AUDIT_CHECKPOINTS.put(key, `${header}.${payload}.${signature}`);
		const report = await verifyAuditChain(deps());
		expect(report.firstBad).toMatchObject({ seq: head, problem: "checkpoint_signature" });
	});
});
