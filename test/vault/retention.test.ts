// Account housekeeping (P9): dead sessions and links go a day after they died, accounts nobody
// confirmed go after a week, crypto-shredded and audited; bounded per run, idempotent, and run by
// the vault's cron beside the audit checkpoint. The clock is the `now` each run is given.
import { createScheduledController } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../workers/shared/logger";
import { cleanUpAccounts } from "../../workers/vault/accounts/retention";
import { checkpointKey } from "../../workers/vault/audit/checkpoints";
import { vaultDb } from "../../workers/vault/db/client";
import vault from "../../workers/vault/index";
import { verifyAuditChain } from "../../workers/vault/operations";
import {
	accounts,
	isLive,
	linkToken,
	loggedIn,
	NICKNAME,
	newEmail,
	PASSWORD,
	sessionIdOf,
	signedUp,
	sql,
} from "./account-fixtures";
import { auditHeadSeq, auditRows, vaultEnv } from "./helpers";

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

function cleanUp(now: number, limit?: number) {
	const deps = { db: vaultDb(vaultEnv.VAULT_DB), env: vaultEnv, logger: createLogger({ worker: "vault" }) };
	return cleanUpAccounts(deps, now, limit);
}

async function count(query: string, ...params: (string | number)[]): Promise<number> {
	const { results } = await sql(query, ...params);
	return (results[0] as { n: number }).n;
}

async function register(shop: ReturnType<typeof accounts>, email = newEmail("pending")) {
	const registered = await shop.vault.register({
		email,
		password: PASSWORD,
		profile: { nickname: NICKNAME },
	});
	if (!registered.ok || !registered.account) throw new Error("register failed");
	return { email, ...registered.account };
}

describe("account housekeeping", () => {
	it("deletes sessions a day after they were revoked, expired or went idle, and no live one", async () => {
		const shop = accounts();
		const { email, token: revoked, account } = await signedUp(shop);
		const expired = await loggedIn(shop, email);
		const idle = await loggedIn(shop, email);
		const live = await loggedIn(shop, email);
		const now = Date.now();
		await shop.vault.logout({ session: revoked });
		await sql("update sessions set expires_at = ? where id = ?", now - HOUR, sessionIdOf(expired));
		await sql("update sessions set last_seen_at = ? where id = ?", now - 2 * HOUR, sessionIdOf(idle));

		// Dead for less than a day: kept.
		expect((await cleanUp(now)).sessions).toBe(0);
		expect(await count("select count(*) as n from sessions where account_id = ?", account.id)).toBe(4);

		// A day and a bit later (the live one has been used meanwhile): only the dead ones go.
		const later = now + DAY + HOUR;
		await sql(
			"update sessions set last_seen_at = ?, expires_at = ? where id = ?",
			later,
			later + HOUR,
			sessionIdOf(live),
		);
		expect((await cleanUp(later)).sessions).toBeGreaterThanOrEqual(3);
		const { results } = await sql("select id from sessions where account_id = ?", account.id);
		expect(results).toEqual([{ id: sessionIdOf(live) }]);
		expect(await isLive(shop, live)).toBe(true);
		// Idempotent.
		expect((await cleanUp(later)).sessions).toBe(0);
	});

	it("deletes used and expired links a day later, bounded per run", async () => {
		const shop = accounts();
		const { email, account } = await signedUp(shop);
		await shop.vault.requestReset({ email });
		await shop.settle();
		const live = await register(shop);
		const now = Date.now();
		// The used confirm link and the unused reset link, both dead for over a day.
		const inThePast = now - 3 * DAY;
		await sql(
			"update email_tokens set created_at = ?, expires_at = ?, used_at = case when used_at is null then null else ? end where account_id = ?",
			inThePast,
			inThePast + HOUR,
			inThePast,
			account.id,
		);
		expect(await count("select count(*) as n from email_tokens where account_id = ?", account.id)).toBe(2);
		expect((await cleanUp(now, 1)).emailTokens).toBe(1);
		expect((await cleanUp(now, 1)).emailTokens).toBe(1);
		expect((await cleanUp(now, 1)).emailTokens).toBe(0);
		expect(await count("select count(*) as n from email_tokens where account_id = ?", account.id)).toBe(0);
		// A live link stays.
		expect(await count("select count(*) as n from email_tokens where account_id = ?", live.id)).toBe(1);
	});

	it("crypto-shreds accounts still pending after a week, with one audit entry per run, pseudonyms only", async () => {
		const shop = accounts();
		const stale = [await register(shop), await register(shop), await register(shop)];
		const recent = await register(shop);
		const active = await signedUp(shop);
		const now = Date.now();
		for (const account of stale) {
			await sql("update credentials set created_at = ? where account_id = ?", now - 8 * DAY, account.id);
		}
		await sql("update credentials set created_at = ? where account_id = ?", now - 6 * DAY, recent.id);
		await sql(
			"update credentials set created_at = ? where account_id = ?",
			now - 30 * DAY,
			active.account.id,
		);

		const before = await auditHeadSeq();
		const first = await cleanUp(now, 2);
		expect(first.pendingAccounts).toBe(2);
		const second = await cleanUp(now, 2);
		expect(second.pendingAccounts).toBe(1);
		expect((await cleanUp(now, 2)).pendingAccounts).toBe(0);

		for (const account of stale) {
			expect(await count("select count(*) as n from credentials where account_id = ?", account.id)).toBe(0);
			expect(await count("select count(*) as n from subject_keys where id = ?", account.subjectId)).toBe(0);
			expect(await count("select count(*) as n from email_tokens where account_id = ?", account.id)).toBe(0);
		}
		for (const kept of [recent, { id: active.account.id, subjectId: active.account.subjectId }]) {
			expect(await count("select count(*) as n from credentials where account_id = ?", kept.id)).toBe(1);
			expect(await count("select count(*) as n from subject_keys where id = ?", kept.subjectId)).toBe(1);
		}
		expect((await shop.vault.login({ email: active.email, password: PASSWORD })).ok).toBe(true);

		// Two runs shredded something: two entries, nothing for the idle run, no id or address in them.
		const entries = (await auditRows(before)).filter((row) => row.action === "retention.pending_accounts");
		expect(entries.map((row) => [row.actor_id, row.outcome])).toEqual([
			["retention", "allowed"],
			["retention", "allowed"],
		]);
		const raw = JSON.stringify(
			(await vaultEnv.VAULT_DB.prepare("select * from audit_log where seq > ?").bind(before).all()).results,
		);
		for (const account of stale) {
			for (const value of [account.id, account.subjectId, account.email]) expect(raw).not.toContain(value);
		}
		expect(await verifyAuditChain({ db: vaultDb(vaultEnv.VAULT_DB), env: vaultEnv })).toMatchObject({
			valid: true,
		});

		// The address is free again: registering it makes a new account.
		const again = await shop.vault.register({
			email: stale[0]?.email as string,
			password: PASSWORD,
			profile: { nickname: NICKNAME },
		});
		expect(again.ok && again.account?.id).not.toBe(stale[0]?.id);
		expect(again.ok && again.account).toBeTruthy();
	});

	it("leaves an account confirmed in time alone, however old its registration", async () => {
		const shop = accounts();
		const email = newEmail("late");
		const account = await register(shop, email);
		await sql("update credentials set created_at = ? where account_id = ?", Date.now() - 8 * DAY, account.id);
		const confirmed = await shop.vault.confirm({
			token: linkToken(shop.to(email)[0], "confirm"),
			password: PASSWORD,
		});
		expect(confirmed.ok).toBe(true);
		expect((await cleanUp(Date.now())).pendingAccounts).toBe(0);
		expect((await shop.vault.login({ email, password: PASSWORD })).ok).toBe(true);
	});

	it("runs from the vault's cron, before the audit checkpoint", async () => {
		const shop = accounts();
		const stale = await register(shop);
		await sql("update credentials set created_at = ? where account_id = ?", Date.now() - 8 * DAY, stale.id);
		const controller = createScheduledController({ scheduledTime: Date.now(), cron: "*/10 * * * *" });
		await vault.scheduled(controller, vaultEnv);
		expect(await count("select count(*) as n from credentials where account_id = ?", stale.id)).toBe(0);
		const head = await auditHeadSeq();
		const rows = await auditRows(head - 1);
		expect(rows[0]?.action).toBe("retention.pending_accounts");
		// The checkpoint signed in the same run covers the housekeeping's entry.
		expect(await vaultEnv.AUDIT_CHECKPOINTS.head(checkpointKey(head))).not.toBeNull();
	});
});
