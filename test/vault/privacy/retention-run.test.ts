// The vault's retention run as a whole (P9): an admin's `retention.run` and the cron run the same
// steps; a dry run counts and changes nothing; key rotation and old records are steps like the
// others, bounded and audited; the periods are settings, parsed strictly.
import { createScheduledController } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { checkpointKey } from "../../../workers/vault/audit/checkpoints";
import vault from "../../../workers/vault/index";
import { retentionConfig } from "../../../workers/vault/privacy/retention-config";
import { SYSTEM_RETENTION } from "../../../workers/vault/privacy/retention-context";
import { runRetentionSteps } from "../../../workers/vault/privacy/retention-steps";
import { accounts, signedUp } from "../account-fixtures";
import { auditHeadSeq, auditRows, rpc, sealedContact, staffAs, vaultEnv } from "../helpers";
import { credentialState, DAY, keyOf, one, retentionDeps, setAccount } from "./retention-fixtures";

const JOBS = [
	"dormant_accounts",
	"erasure_notices",
	"dormant_erasure",
	"key_rotation",
	"shred_records",
	"privacy_requests",
];

async function insertShredRecord(subjectId: string, at: number) {
	await vaultEnv.VAULT_DB.prepare(
		"insert into shredded_subjects (subject_id, reason, shredded_at) values (?, 'order_retention', ?)",
	)
		.bind(subjectId, at)
		.run();
}

async function insertPrivacyRequest(
	tokenHash: string,
	at: { created: number; expires: number; used?: number },
) {
	await vaultEnv.VAULT_DB.prepare(
		`insert into privacy_requests (token_hash, kind, order_id, subject_id, status, created_at, expires_at, used_at)
		 values (?, 'export', 'ord-1', 'subj-1', ?, ?, ?, ?)`,
	)
		.bind(tokenHash, at.used ? "completed" : "pending", at.created, at.expires, at.used ?? null)
		.run();
}

/** Everything a run could change, for one account and the records. */
async function snapshot(accountId: string, subjectId: string) {
	return {
		account: await credentialState(accountId),
		key: await keyOf(subjectId),
		shredRecords: await one("select count(*) as n from shredded_subjects"),
		privacyRequests: await one("select count(*) as n from privacy_requests"),
		keys: await one("select kek_id, count(*) as n from subject_keys group by kek_id order by kek_id"),
	};
}

describe("retention.run", () => {
	it("is an admin's operation: others are refused, audited", async () => {
		const support = await staffAs("support");
		const head = await auditHeadSeq();
		expect(await rpc().runRetention({ actor: support.actor, dryRun: true })).toMatchObject({
			ok: false,
			error: { code: "forbidden" },
		});
		expect(await auditRows(head)).toMatchObject([{ action: "retention.run", outcome: "denied" }]);
		const shop = accounts();
		const { token } = await signedUp(shop);
		expect(await rpc().runRetention({ actor: { kind: "shopper", token }, dryRun: true })).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});
	});

	it("dry run: counts what is due in every step and changes nothing", async () => {
		const now = Date.now();
		const shop = accounts();
		const { account } = await signedUp(shop);
		await setAccount(account.id, { last_active_at: now - 731 * DAY });
		await insertShredRecord("old-shredded-subject", now - 31 * DAY);
		await insertPrivacyRequest("old-request", { created: now - 40 * DAY, expires: now - 39 * DAY });
		const admin = await staffAs("admin");
		const before = await snapshot(account.id, account.subjectId);
		const head = await auditHeadSeq();

		const result = await rpc().runRetention({ actor: admin.actor, dryRun: true, requestId: "req-dry-1" });
		if (!result.ok) throw new Error(result.error.message);
		expect(result.steps.map((step) => step.job)).toEqual(JOBS);
		const byJob = Object.fromEntries(result.steps.map((step) => [step.job, step]));
		for (const job of ["dormant_accounts", "shred_records", "privacy_requests"]) {
			expect(byJob[job]?.due).toBeGreaterThanOrEqual(1);
			expect(byJob[job]).toMatchObject({ done: 0, more: true });
		}
		for (const step of result.steps) expect(step.done).toBe(0);
		expect(await snapshot(account.id, account.subjectId)).toEqual(before);
		// The run is on record, under the admin's name; nothing else is.
		expect(await auditRows(head)).toMatchObject([
			{
				action: "retention.run",
				outcome: "allowed",
				reason: "dry_run",
				actor_id: admin.id,
				actor_role: "admin",
			},
		]);

		// The same run for real does the work, each change under the admin's name.
		const real = await rpc().runRetention({ actor: admin.actor, dryRun: false, batchSize: 500 });
		expect(real.ok).toBe(true);
		expect(await credentialState(account.id)).toMatchObject({ dormant_at: expect.any(Number) });
		expect(
			await one("select count(*) as n from shredded_subjects where subject_id = 'old-shredded-subject'"),
		).toEqual({
			n: 0,
		});
		expect(await one("select count(*) as n from privacy_requests where token_hash = 'old-request'")).toEqual({
			n: 0,
		});
		const actions = (await auditRows(head))
			.filter((row) => row.actor_id === admin.id)
			.map((row) => row.action);
		expect(actions).toEqual(
			expect.arrayContaining(["retention.run", "retention.dormant", "retention.records"]),
		);
	});

	it("expires shred records and privacy requests after 30 days, and not before", async () => {
		const now = Date.now();
		await insertShredRecord("shred-31-days", now - 31 * DAY);
		await insertShredRecord("shred-29-days", now - 29 * DAY);
		await insertPrivacyRequest("used-31-days", {
			created: now - 32 * DAY,
			expires: now - 31 * DAY + 1,
			used: now - 31 * DAY,
		});
		await insertPrivacyRequest("expired-31-days", { created: now - 32 * DAY, expires: now - 31 * DAY });
		await insertPrivacyRequest("used-29-days", {
			created: now - 30 * DAY,
			expires: now - 28 * DAY,
			used: now - 29 * DAY,
		});
		await insertPrivacyRequest("pending", { created: now, expires: now + DAY });
		const { deps } = retentionDeps(now);
		await runRetentionSteps(deps, SYSTEM_RETENTION, { dryRun: false });
		const shreds = await vaultEnv.VAULT_DB.prepare(
			"select subject_id from shredded_subjects where subject_id like 'shred-%' order by subject_id",
		).all();
		expect(shreds.results).toEqual([{ subject_id: "shred-29-days" }]);
		const requests = await vaultEnv.VAULT_DB.prepare(
			"select token_hash from privacy_requests order by token_hash",
		).all();
		expect(requests.results).toEqual([{ token_hash: "pending" }, { token_hash: "used-29-days" }]);
	});

	it("rotates keys from older generations a batch per run, audited, until none remain", async () => {
		await sealedContact();
		await sealedContact();
		const k1 = (JSON.parse(vaultEnv.PII_KEYRING) as { keys: { k1: string } }).keys.k1;
		const k2 = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
		const PII_KEYRING = JSON.stringify({ current: "k2", keys: { k1, k2 } });
		const { deps } = retentionDeps(Date.now(), { PII_KEYRING });
		const head = await auditHeadSeq();
		const first = (await runRetentionSteps(deps, SYSTEM_RETENTION, { dryRun: false, batchSize: 1 })).find(
			(step) => step.job === "key_rotation",
		);
		expect(first?.done).toBe(1);
		expect(first?.due).toBeGreaterThanOrEqual(2);
		expect(first?.more).toBe(true);
		expect(await auditRows(head)).toContainEqual(
			expect.objectContaining({ action: "keys.rotate", reason: "retention", actor_id: "retention" }),
		);
		for (let i = 0; i < 50; i++) {
			const step = (await runRetentionSteps(deps, SYSTEM_RETENTION, { dryRun: false, batchSize: 100 })).find(
				(s) => s.job === "key_rotation",
			);
			if (!step?.more) break;
		}
		expect(await one("select count(*) as n from subject_keys where kek_id = 'k1'")).toEqual({ n: 0 });
		// Nothing left to rotate: the next run writes no rotation entry.
		const idle = await auditHeadSeq();
		await runRetentionSteps(deps, SYSTEM_RETENTION, { dryRun: false });
		expect((await auditRows(idle)).filter((row) => row.action === "keys.rotate")).toHaveLength(0);
	});

	it("runs from the vault's cron after the housekeeping, before the audit checkpoint", async () => {
		const now = Date.now();
		const shop = accounts();
		const { account } = await signedUp(shop);
		await setAccount(account.id, { last_active_at: now - 730 * DAY });
		const controller = createScheduledController({ scheduledTime: now, cron: "*/10 * * * *" });
		await vault.scheduled(controller, vaultEnv);
		expect(await credentialState(account.id)).toMatchObject({ dormant_at: now });
		const head = await auditHeadSeq();
		expect((await auditRows(head - 1))[0]?.action).toBe("retention.dormant");
		expect(await vaultEnv.AUDIT_CHECKPOINTS.head(checkpointKey(head))).not.toBeNull();
	});
});

describe("retention settings", () => {
	it("default to the policy's periods and refuse anything but whole days", () => {
		expect(retentionConfig({})).toEqual({
			dormantAfterMs: 730 * DAY,
			eraseAfterDormantMs: 365 * DAY,
			noticeMs: 30 * DAY,
			noticeDays: 30,
		});
		expect(retentionConfig({ DORMANT_AFTER_DAYS: "400", ERASURE_NOTICE_DAYS: " 45 " })).toMatchObject({
			dormantAfterMs: 400 * DAY,
			noticeDays: 45,
		});
		for (const bad of ["0", "-1", "1.5", "ten", "1e3"]) {
			expect(() => retentionConfig({ DORMANT_AFTER_DAYS: bad })).toThrow(/DORMANT_AFTER_DAYS/);
		}
	});

	it("stops the run, changing nothing, when a period is invalid", async () => {
		const shop = accounts();
		const { account } = await signedUp(shop);
		await setAccount(account.id, { last_active_at: 0 });
		const { deps } = retentionDeps(Date.now(), { DORMANT_AFTER_DAYS: "0" } as Partial<VaultEnv>);
		await expect(runRetentionSteps(deps, SYSTEM_RETENTION, { dryRun: false })).rejects.toThrow();
		expect(await credentialState(account.id)).toMatchObject({ dormant_at: null });
	});
});
