// A shopper's own data through their own session (issue #7): sealing under their account's
// subject and opening only that subject, audited like staff access; the self-service door and the
// staff doors stay apart; nothing of an account reaches the vault's tables in the clear.
import { describe, expect, it, vi } from "vitest";
import type { OpenItem } from "../../workers/shared/vault-contract";
import { vaultDb } from "../../workers/vault/db/client";
import { verifyAuditChain } from "../../workers/vault/operations";
import { dumpAllTables, encodingsOf } from "../pii-scan";
import {
	accounts,
	countingLimiter,
	DENY,
	linkToken,
	loggedIn,
	NICKNAME,
	PASSWORD,
	signedUp,
} from "./account-fixtures";
import { auditHeadSeq, auditRows, rpc, sealedContact, staffAs, vaultEnv } from "./helpers";

const ADDRESS = { line1: "12 Selvedge Lane", city: "Warpton-Qz" };

describe("sealing and opening with the shopper's own session", () => {
	it("seals under the account's subject, copies the account's email, and opens it back", async () => {
		const shop = accounts();
		const { token, account, email } = await signedUp(shop);
		const sealed = await shop.vault.seal({
			subject: { session: token },
			table: "customer_addresses",
			rowId: "adr_1",
			fields: ADDRESS,
		});
		if (!sealed.ok) throw new Error(sealed.error.message);
		expect(sealed.subjectId).toBe(account.subjectId);
		// No receipt: an account's subject cannot be shredded as an aborted checkout's.
		expect(sealed.receipt).toBeNull();

		const contact = await shop.vault.seal({
			subject: { session: token },
			table: "order_contacts",
			rowId: "ord_1",
			fields: { name: "Quillon Weft" },
			fromAccount: ["email"],
			blindIndex: ["email"],
		});
		if (!contact.ok) throw new Error(contact.error.message);
		// The shopper's own question about the order opens a support case on it.
		const question = await shop.vault.seal({
			subject: { session: token },
			table: "consultation_messages",
			rowId: "msg_1",
			fields: { body: "Is the rug on its way?" },
			openCase: { id: "con_1", kind: "consultation", orderId: "ord_1" },
		});
		expect(question.ok && question.subjectId).toBe(account.subjectId);
		const lookup = await rpc().blindIndex({ kind: "email", value: email });
		expect(lookup.ok && contact.blindIndexes.email).toBe(lookup.ok && lookup.value);

		const items: OpenItem[] = [
			{
				subjectId: account.subjectId,
				table: "customer_addresses",
				rowId: "adr_1",
				field: "line1",
				ciphertext: sealed.sealed.line1 as string,
			},
			{
				subjectId: account.subjectId,
				table: "order_contacts",
				rowId: "ord_1",
				field: "email",
				ciphertext: contact.sealed.email as string,
			},
		];
		expect(
			await shop.vault.open({ actor: { kind: "shopper", token }, purpose: "self_service", items }),
		).toEqual({
			ok: true,
			values: [ADDRESS.line1, email],
		});
		expect(await shop.vault.accountEmail({ session: token })).toEqual({ ok: true, email });
		// Staff open a consignee's email with the same ciphertext, under the role matrix, while the case is open.
		const support = await staffAs("support");
		expect(
			await rpc().open({ actor: support.actor, purpose: "support", items: [items[1] as OpenItem] }),
		).toEqual({
			ok: true,
			values: [email],
		});
	});

	it("confines a session to its own subject and the account tables", async () => {
		const shop = accounts();
		const mine = await signedUp(shop);
		const theirs = await signedUp(shop);
		const guest = await sealedContact();
		const theirsSealed = await shop.vault.seal({
			subject: { session: theirs.token },
			table: "customer_addresses",
			rowId: "adr_2",
			fields: ADDRESS,
		});
		if (!theirsSealed.ok) throw new Error(theirsSealed.error.message);
		const theirItem: OpenItem = {
			subjectId: theirs.account.subjectId,
			table: "customer_addresses",
			rowId: "adr_2",
			field: "line1",
			ciphertext: theirsSealed.sealed.line1 as string,
		};
		const asMe = (items: OpenItem[]) =>
			shop.vault.open({ actor: { kind: "shopper", token: mine.token }, purpose: "self_service", items });
		const notFound = {
			ok: false,
			error: { code: "not_found", message: "That personal data no longer exists" },
		};
		expect(await asMe([theirItem])).toEqual(notFound);
		expect(await asMe([guest.item("email")])).toEqual(notFound);
		// A guest order's table under my own subject label is still outside my account's tables.
		expect(
			await asMe([{ ...guest.item("email"), subjectId: mine.account.subjectId, table: "credentials" }]),
		).toEqual(notFound);
		// Their ciphertext labelled as mine does not decrypt.
		expect(await asMe([{ ...theirItem, subjectId: mine.account.subjectId }])).toMatchObject({
			error: { code: "bad_request" },
		});

		expect(
			await shop.vault.seal({
				subject: { session: mine.token },
				table: "staff",
				rowId: "x",
				fields: { a: "b" },
			}),
		).toMatchObject({ ok: false, error: { code: "forbidden" } });
		expect(
			await shop.vault.seal({
				subject: { session: "not.a.session" },
				table: "customers",
				rowId: "x",
				fields: { a: "b" },
			}),
		).toMatchObject({ ok: false, error: { code: "unauthorized" } });
		expect(
			await shop.vault.open({
				actor: { kind: "shopper", token: "not.a.session" },
				purpose: "self_service",
				items: [theirItem],
			}),
		).toMatchObject({ ok: false, error: { code: "unauthorized", message: "Log in to continue" } });
		expect(
			await shop.vault.seal({
				subject: { new: true },
				table: "order_contacts",
				rowId: "x",
				fields: { name: "n" },
				fromAccount: ["email"],
			}),
		).toMatchObject({ ok: false, error: { code: "bad_request" } });
	});

	it("keeps the self-service door and the staff doors apart", async () => {
		const shop = accounts();
		const { token, account, registered } = await signedUp(shop);
		const nickname: OpenItem = {
			subjectId: account.subjectId,
			table: "customers",
			rowId: account.id,
			field: "nickname",
			ciphertext: registered.sealed.nickname,
		};
		for (const role of ["support", "compliance", "admin"] as const) {
			const staff = await staffAs(role);
			const before = await auditHeadSeq();
			expect(
				await rpc().open({ actor: staff.actor, purpose: "self_service", items: [nickname] }),
			).toMatchObject({
				ok: false,
				error: { code: "forbidden" },
			});
			expect((await auditRows(before))[0]).toMatchObject({
				outcome: "denied",
				reason: "self_service_is_shoppers",
			});
		}
		const contact = await sealedContact();
		for (const purpose of ["support", "fulfilment", "compliance_review"] as const) {
			expect(
				await shop.vault.open({ actor: { kind: "shopper", token }, purpose, items: [contact.item("name")] }),
			).toMatchObject({ ok: false, error: { code: "forbidden" } });
		}
		const shopper = { kind: "shopper", token } as const;
		expect(await rpc().listStaff({ actor: shopper })).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});
		expect(await rpc().verifyAudit({ actor: shopper })).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});
		expect(
			await rpc().rewrap({ actor: shopper, subjectIds: [account.subjectId], to: "dormant" }),
		).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});

		const busy = accounts({ SHOPPER_OPEN_LIMITER: DENY });
		expect(
			await busy.vault.open({ actor: shopper, purpose: "self_service", items: [nickname] }),
		).toMatchObject({ ok: false, error: { code: "rate_limited" } });
		expect(await busy.vault.accountEmail({ session: token })).toMatchObject({
			ok: false,
			error: { code: "rate_limited" },
		});
	});
});

describe("the self-service pace", () => {
	it("is the account's, shared by all its sessions: signing in again buys no more", async () => {
		const shop = accounts({ SHOPPER_OPEN_LIMITER: countingLimiter(2) });
		const { token, email } = await signedUp(shop);
		const second = await loggedIn(shop, email);
		expect((await shop.vault.accountEmail({ session: token })).ok).toBe(true);
		expect((await shop.vault.accountEmail({ session: token })).ok).toBe(true);
		expect(await shop.vault.accountEmail({ session: second })).toMatchObject({
			ok: false,
			error: { code: "rate_limited" },
		});
		// Another account has its own.
		const other = await signedUp(shop);
		expect((await shop.vault.accountEmail({ session: other.token })).ok).toBe(true);
	});
});

describe("the audit trail of accounts", () => {
	it("records registration, confirmation, password changes, resets and every self-service access, by pseudonym", async () => {
		const shop = accounts();
		const before = await auditHeadSeq();
		const { token, account, email } = await signedUp(shop);
		const sealed = await shop.vault.seal({
			subject: { session: token },
			table: "customers",
			rowId: account.id,
			fields: { nickname: "Renamed" },
		});
		if (!sealed.ok) throw new Error(sealed.error.message);
		await shop.vault.open({
			actor: { kind: "shopper", token },
			purpose: "self_service",
			items: [
				{
					subjectId: account.subjectId,
					table: "customers",
					rowId: account.id,
					field: "nickname",
					ciphertext: sealed.sealed.nickname as string,
				},
			],
		});
		await shop.vault.accountEmail({ session: token });
		const changed = await shop.vault.changePassword({
			session: token,
			currentPassword: PASSWORD,
			newPassword: "a changed password 99",
		});
		expect(changed.ok).toBe(true);
		await shop.vault.requestReset({ email });
		await shop.settle();
		await shop.vault.completeReset({ token: linkToken(shop.to(email).at(-1), "reset"), password: PASSWORD });
		await loggedIn(shop, email);

		const rows = (await auditRows(before)).filter((row) => row.actor_id !== "unverified");
		const mine = rows.filter(
			(row) => row.action.startsWith("account.") || row.action === "seal" || row.action === "open",
		);
		expect(mine.map((row) => `${row.action}:${row.outcome}:${row.reason ?? ""}`)).toEqual([
			"account.register:allowed:created",
			"account.confirm:allowed:",
			"seal:allowed:",
			"open:allowed:",
			"open:allowed:",
			"account.password_change:allowed:",
			"account.reset:allowed:",
		]);
		const actors = new Set(mine.map((row) => row.actor_id));
		expect(actors.size).toBe(1);
		const [actorId] = actors;
		expect(actorId).not.toBe(account.id);
		expect(actorId).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const raw = await vaultEnv.VAULT_DB.prepare("select * from audit_log where seq > ?").bind(before).all();
		const text = JSON.stringify(raw.results);
		for (const value of [email, account.id, account.subjectId, NICKNAME, "Renamed"])
			expect(text).not.toContain(value);
		expect(text).toContain('"self_service"');
		expect(text).toContain("credentials.email");

		const report = await verifyAuditChain({ db: vaultDb(vaultEnv.VAULT_DB), env: vaultEnv });
		expect(report).toMatchObject({ valid: true, firstBad: null });
	});

	// Each refused append is retried 40 times with a growing random pause (audit/log.ts): two of
	// them take seconds, close to the default 5 s on a busy machine.
	it("answers nothing when the audit log cannot take the entry", { timeout: 20_000 }, async () => {
		const shop = accounts();
		const { token } = await signedUp(shop);
		await vaultEnv.VAULT_DB.prepare(
			"create trigger test_fail_account_audit before insert on audit_log begin select raise(abort, 'disk full'); end",
		).run();
		try {
			expect(await shop.vault.accountEmail({ session: token })).toMatchObject({
				error: { code: "unavailable" },
			});
			expect(
				await shop.vault.register({
					email: "audit.down@example.org",
					password: PASSWORD,
					profile: { nickname: NICKNAME },
				}),
			).toMatchObject({ error: { code: "unavailable" } });
		} finally {
			await vaultEnv.VAULT_DB.prepare("drop trigger test_fail_account_audit").run();
		}
		// Logged first: no entry, no account and no mail.
		const bidx = await rpc().blindIndex({ kind: "email", value: "audit.down@example.org" });
		const rows = await vaultEnv.VAULT_DB.prepare("select count(*) as n from credentials where email_bidx = ?")
			.bind(bidx.ok ? bidx.value : "")
			.first<{ n: number }>();
		expect(rows?.n).toBe(0);
		await shop.settle();
		expect(shop.to("audit.down@example.org")).toHaveLength(0);
	});
});

describe("the vault's raw state after account work", () => {
	it("holds no shopper email, nickname or password in any table or log line", async () => {
		const email = "Raw.State.Qx@Example.org";
		const nickname = "Zephyrine-Qx";
		const passwords = ["raw state password one", "raw state password two", "raw state password three"];
		const logged: string[] = [];
		const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				logged.push(args.map(String).join(" "));
			}),
		);
		try {
			const shop = accounts();
			await shop.vault.register({ email, password: passwords[0] as string, profile: { nickname } });
			const confirmed = await shop.vault.confirm({
				token: linkToken(shop.to(email)[0], "confirm"),
				password: passwords[0] as string,
			});
			if (!confirmed.ok) throw new Error(confirmed.error.message);
			await shop.vault.login({ email, password: "a wrong password here" });
			await shop.vault.login({ email: "nobody.qx@example.org", password: passwords[0] as string });
			await shop.vault.seal({
				subject: { session: confirmed.session.token },
				table: "order_contacts",
				rowId: "ord_raw",
				fields: { name: nickname },
				fromAccount: ["email"],
				blindIndex: ["email"],
			});
			await shop.vault.accountEmail({ session: confirmed.session.token });
			await shop.vault.changePassword({
				session: confirmed.session.token,
				currentPassword: passwords[0] as string,
				newPassword: passwords[1] as string,
			});
			await shop.vault.requestReset({ email });
			await shop.settle();
			await shop.vault.completeReset({
				token: linkToken(shop.to(email).at(-1), "reset"),
				password: passwords[2] as string,
			});
			await shop.vault.register({ email, password: passwords[0] as string, profile: { nickname } });
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
		const haystack = `${await dumpAllTables(vaultEnv.VAULT_DB)}\n${logged.join("\n")}`;
		expect(haystack).toContain("credentials");
		for (const marker of [email, email.toLowerCase(), "nobody.qx@example.org", nickname, ...passwords]) {
			for (const encoded of encodingsOf(marker)) expect(haystack.includes(encoded), encoded).toBe(false);
		}
	});
});
