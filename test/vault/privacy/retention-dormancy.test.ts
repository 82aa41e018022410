// Dormant accounts (P9): an account unused for DORMANT_AFTER_DAYS sleeps under the dormant key
// (nothing of it opens for staff or a session), a sign-in wakes it, a sleeping account is mailed a
// notice after DORMANT_ERASE_AFTER_DAYS and erased ERASURE_NOTICE_DAYS later. Every step runs on
// the clock the test gives it, in bounded batches that resume, audited before it changes anything.
import { describe, expect, it } from "vitest";
import { subjectPseudonyms } from "../../../workers/vault/audit/audited";
import { shreddedSince } from "../../../workers/vault/privacy/retention";
import { SYSTEM_RETENTION } from "../../../workers/vault/privacy/retention-context";
import { runRetentionSteps } from "../../../workers/vault/privacy/retention-steps";
import { accounts, loggedIn, NICKNAME, PASSWORD, signedUp } from "../account-fixtures";
import { recordCase } from "../case-fixtures";
import { auditHeadSeq, auditRows, CONTACT, rpc, sealedContact, staffAs, vaultEnv } from "../helpers";
import {
	credentialState,
	DAY,
	failingAuditDb,
	keyOf,
	one,
	ownSubject,
	retentionDeps,
	setAccount,
} from "./retention-fixtures";

const DORMANT_AFTER = 730 * DAY;
const ERASE_AFTER = 365 * DAY;
const NOTICE = 30 * DAY;

async function run(now: number, options: { batchSize?: number; env?: Partial<VaultEnv> } = {}) {
	const { deps, sent } = retentionDeps(now, options.env);
	const steps = await runRetentionSteps(deps, SYSTEM_RETENTION, {
		dryRun: false,
		batchSize: options.batchSize,
	});
	return { steps: Object.fromEntries(steps.map((step) => [step.job, step])), sent };
}

/** A shopper with a review sealed apart (owned by the account) that support may open. */
async function shopperWithReview() {
	const shop = accounts();
	const signed = await signedUp(shop);
	const review = await sealedContact();
	await ownSubject(signed.account.id, review.subjectId);
	await recordCase(review);
	return { shop, ...signed, review };
}

async function asleep(now = Date.now()) {
	const shopper = await shopperWithReview();
	await setAccount(shopper.account.id, { last_active_at: now - DORMANT_AFTER });
	await run(now);
	expect(await keyOf(shopper.account.subjectId)).toBe("dormant:d1");
	return shopper;
}

async function actionsSince(seq: number) {
	return (await auditRows(seq)).map((row) => row.action);
}

describe("dormancy", () => {
	it("puts an account to sleep after exactly DORMANT_AFTER_DAYS (not a day sooner), its owned subjects too", async () => {
		const now = Date.now();
		const due = await shopperWithReview();
		const early = await shopperWithReview();
		await setAccount(due.account.id, { last_active_at: now - DORMANT_AFTER });
		await setAccount(early.account.id, { last_active_at: now - DORMANT_AFTER + DAY });
		const head = await auditHeadSeq();

		const { steps } = await run(now);
		expect(steps.dormant_accounts).toMatchObject({ done: 1, more: false });
		expect(await credentialState(due.account.id)).toMatchObject({ dormant_at: now, erasure_notice_at: null });
		expect(await keyOf(due.account.subjectId)).toBe("dormant:d1");
		expect(await keyOf(due.review.subjectId)).toBe("dormant:d1");
		expect(await credentialState(early.account.id)).toMatchObject({ dormant_at: null });
		expect(await keyOf(early.account.subjectId)).toBe("k1");
		expect(await keyOf(early.review.subjectId)).toBe("k1");

		// One entry, before the keys moved, naming the account's subjects by pseudonym only.
		const entry = await one<Record<string, unknown>>(
			"select * from audit_log where seq > ? and action = 'retention.dormant'",
			head,
		);
		expect(entry).toMatchObject({
			actor_kind: "system",
			actor_id: "retention",
			outcome: "allowed",
			item_count: 1,
			subjects: JSON.stringify(
				(await subjectPseudonyms({ env: vaultEnv }, [due.account.subjectId, due.review.subjectId])).sort(),
			),
		});
		expect(JSON.stringify(entry)).not.toContain(due.account.id);

		// Nothing of it opens meanwhile: not for support (the review's contact), not for its session.
		const support = await staffAs("support");
		expect(
			await rpc().open({ actor: support.actor, purpose: "support", items: [due.review.item("email")] }),
		).toMatchObject({ ok: false, error: { code: "conflict" } });
		expect(await due.shop.vault.accountEmail({ session: due.token })).toMatchObject({
			ok: false,
			error: { code: "conflict" },
		});
	});

	it("wakes at sign-in, audited, before the session: the data opens again (round trip)", async () => {
		const sleeper = await asleep();
		const head = await auditHeadSeq();
		const token = await loggedIn(sleeper.shop, sleeper.email);

		expect(await keyOf(sleeper.account.subjectId)).toBe("k1");
		expect(await keyOf(sleeper.review.subjectId)).toBe("k1");
		const state = await credentialState(sleeper.account.id);
		expect(state).toMatchObject({ dormant_at: null, erasure_notice_at: null });
		expect(state?.last_active_at).toBeGreaterThan(Date.now() - DAY);
		const woke = (await auditRows(head)).find((row) => row.action === "retention.reactivate");
		expect(woke).toMatchObject({ outcome: "allowed" });
		expect(woke?.actor_id).not.toBe(sleeper.account.id);

		expect(await sleeper.shop.vault.accountEmail({ session: token })).toMatchObject({
			ok: true,
			email: sleeper.email,
		});
		const support = await staffAs("support");
		expect(
			await rpc().open({ actor: support.actor, purpose: "support", items: [sleeper.review.item("email")] }),
		).toEqual({ ok: true, values: [CONTACT.email] });
		// Awake again: the next runs leave it alone.
		await run(Date.now());
		expect(await keyOf(sleeper.account.subjectId)).toBe("k1");
	});

	it("mails the notice once, DORMANT_ERASE_AFTER_DAYS into the sleep, with nothing personal but the address", async () => {
		const now = Date.now();
		const sleeper = await asleep(now);
		await setAccount(sleeper.account.id, { dormant_at: now - ERASE_AFTER + DAY });
		expect((await run(now)).sent.filter((mail) => mail.to === sleeper.email)).toHaveLength(0);
		expect(await credentialState(sleeper.account.id)).toMatchObject({ erasure_notice_at: null });

		await setAccount(sleeper.account.id, { dormant_at: now - ERASE_AFTER });
		const head = await auditHeadSeq();
		const { sent, steps } = await run(now);
		expect(steps.erasure_notices).toMatchObject({ done: 1 });
		const notices = sent.filter((mail) => mail.to === sleeper.email);
		expect(notices).toHaveLength(1);
		expect(notices[0]?.subject).toMatch(/will be deleted/);
		expect(notices[0]?.text).toContain("sign in within 30 days");
		expect(notices[0]?.text).not.toContain(NICKNAME);
		expect(notices[0]?.text).not.toContain(sleeper.email);
		expect(await credentialState(sleeper.account.id)).toMatchObject({ erasure_notice_at: now });
		expect(await auditRows(head)).toContainEqual(
			expect.objectContaining({
				action: "retention.erasure_notice",
				outcome: "allowed",
				actor_id: "retention",
			}),
		);
		// Still asleep: mailing it woke nothing.
		expect(await keyOf(sleeper.account.subjectId)).toBe("dormant:d1");

		// Once: later runs send nothing more.
		expect((await run(now + DAY)).sent.filter((mail) => mail.to === sleeper.email)).toHaveLength(0);
	});

	it("does not record a notice the mail service refused, so no erasure follows from it", async () => {
		const now = Date.now();
		const sleeper = await asleep(now);
		await setAccount(sleeper.account.id, { dormant_at: now - ERASE_AFTER });
		const MAIL = {
			async send() {
				throw new Error("mail service down");
			},
		} as unknown as SendEmail;
		await run(now, { env: { MAIL } });
		expect(await credentialState(sleeper.account.id)).toMatchObject({ erasure_notice_at: null });
	});

	it("erases ERASURE_NOTICE_DAYS after the notice and not before; the storefront learns of it", async () => {
		const now = Date.now();
		const sleeper = await asleep(now);
		const subjects = [sleeper.account.subjectId, sleeper.review.subjectId];
		await setAccount(sleeper.account.id, {
			dormant_at: now - ERASE_AFTER - NOTICE,
			erasure_notice_at: now - NOTICE + DAY,
		});
		await run(now);
		expect(await credentialState(sleeper.account.id)).not.toBeNull();
		expect(await keyOf(sleeper.account.subjectId)).toBe("dormant:d1");

		// The audit log down: nothing is destroyed.
		await setAccount(sleeper.account.id, { erasure_notice_at: now - NOTICE });
		const broken = await run(now, { env: { VAULT_DB: failingAuditDb() } });
		expect(broken.steps.dormant_erasure).toMatchObject({ done: 0, more: true });
		expect(await keyOf(sleeper.account.subjectId)).toBe("dormant:d1");

		const head = await auditHeadSeq();
		const { steps } = await run(now);
		expect(steps.dormant_erasure).toMatchObject({ done: 1 });
		expect(await actionsSince(head)).toContain("retention.dormant_erasure");
		for (const subjectId of subjects) expect(await keyOf(subjectId)).toBeNull();
		expect(await credentialState(sleeper.account.id)).toBeNull();
		for (const table of ["sessions", "email_tokens", "subject_owners"]) {
			expect(
				await one(`select count(*) as n from ${table} where account_id = ?`, sleeper.account.id),
			).toEqual({ n: 0 });
		}
		const listed = await shreddedSince(retentionDeps(now).deps, {
			after: { at: now - 1, subjectId: "z" },
			limit: 500,
		});
		expect(listed.ok && listed.subjects.map((s) => s.subjectId).sort()).toEqual([...subjects].sort());
		expect(
			await one("select reason from shredded_subjects where subject_id = ?", sleeper.account.subjectId),
		).toEqual({ reason: "dormant_erasure" });
		expect(await sleeper.shop.vault.login({ email: sleeper.email, password: PASSWORD })).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});
	});

	it("keeps an account whose owner signs in during the notice period", async () => {
		const now = Date.now();
		const sleeper = await asleep(now);
		await setAccount(sleeper.account.id, {
			dormant_at: now - ERASE_AFTER - NOTICE,
			erasure_notice_at: now - NOTICE,
		});
		await loggedIn(sleeper.shop, sleeper.email);
		await run(now + DAY);
		expect(await credentialState(sleeper.account.id)).toMatchObject({
			dormant_at: null,
			erasure_notice_at: null,
		});
		expect(await keyOf(sleeper.account.subjectId)).toBe("k1");
	});

	it("resumes an interrupted run: one account per batch, and a sleep cut short between keys and mark", async () => {
		const now = Date.now();
		const older = await shopperWithReview();
		const newer = await shopperWithReview();
		await setAccount(older.account.id, { last_active_at: now - DORMANT_AFTER - 2 * DAY });
		await setAccount(newer.account.id, { last_active_at: now - DORMANT_AFTER - DAY });

		const first = await run(now, { batchSize: 1 });
		expect(first.steps.dormant_accounts).toMatchObject({ due: 2, done: 1, more: true });
		expect(await credentialState(older.account.id)).toMatchObject({ dormant_at: now });
		expect(await credentialState(newer.account.id)).toMatchObject({ dormant_at: null });

		// A run that stopped after re-wrapping the newer account's key, before marking it.
		const admin = await staffAs("admin");
		await rpc().rewrap({ actor: admin.actor, subjectIds: [newer.account.subjectId], to: "dormant" });
		const second = await run(now, { batchSize: 1 });
		expect(second.steps.dormant_accounts).toMatchObject({ due: 1, done: 1, more: false });
		expect(await credentialState(newer.account.id)).toMatchObject({ dormant_at: now });
		expect(await keyOf(newer.account.subjectId)).toBe("dormant:d1");
		expect(await keyOf(newer.review.subjectId)).toBe("dormant:d1");
		expect((await run(now, { batchSize: 1 })).steps.dormant_accounts).toMatchObject({ due: 0, done: 0 });
	});

	it("records activity at most once a day as a session is used", async () => {
		const shop = accounts();
		const { account, token } = await signedUp(shop);
		const now = Date.now();
		await setAccount(account.id, { last_active_at: now - DAY + 60 * 60_000 });
		expect((await shop.vault.session({ session: token })).ok).toBe(true);
		expect((await credentialState(account.id))?.last_active_at).toBe(now - DAY + 60 * 60_000);
		await setAccount(account.id, { last_active_at: now - 2 * DAY });
		expect((await shop.vault.session({ session: token })).ok).toBe(true);
		expect((await credentialState(account.id))?.last_active_at).toBeGreaterThanOrEqual(now);
	});

	it("lets a dormant account's owner reset the password, which wakes it", async () => {
		const sleeper = await asleep();
		expect((await sleeper.shop.vault.requestReset({ email: sleeper.email })).ok).toBe(true);
		await sleeper.shop.settle();
		const mail = sleeper.shop.to(sleeper.email).at(-1);
		const token = mail?.text.match(/reset\?token=([A-Za-z0-9_-]{43})/)?.[1];
		expect(token).toBeDefined();
		const reset = await sleeper.shop.vault.completeReset({
			token: token ?? "",
			password: `${PASSWORD} again`,
		});
		expect(reset).toEqual({ ok: true });
		expect(await keyOf(sleeper.account.subjectId)).toBe("k1");
		expect(await credentialState(sleeper.account.id)).toMatchObject({ dormant_at: null });
	});
});
