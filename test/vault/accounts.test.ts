// Shopper accounts in the vault (issue #7): registering through an emailed link, signing in, the
// reset link, and answers that never tell a known address from an unknown one.
import { describe, expect, it, vi } from "vitest";
import { DeviceTokenSchema } from "../../workers/shared/vault-contract";
import { hashEmailToken } from "../../workers/vault/accounts/email-tokens";
import { blindIndex } from "../../workers/vault/crypto/blind-index";
import {
	accounts,
	countingLimiter,
	DENY,
	isLive,
	linkToken,
	loggedIn,
	NICKNAME,
	newEmail,
	PASSWORD,
	recordingDb,
	sessionIdOf,
	signedUp,
	sql,
} from "./account-fixtures";
import { vaultEnv } from "./helpers";

const NEW_PASSWORD = "a whole new password 42";

function emailBidx(email: string): Promise<string> {
	return blindIndex(vaultEnv.BLIND_INDEX_KEY, "email", email);
}

describe("registering and signing in", () => {
	it("registers, confirms with the mailed link, and signs in with a new session each time", async () => {
		const shop = accounts();
		const email = newEmail();
		const registered = await shop.vault.register({
			email,
			password: PASSWORD,
			profile: { nickname: NICKNAME },
		});
		expect(registered).toMatchObject({
			ok: true,
			account: {
				id: expect.stringMatching(/^acc_[A-Za-z0-9_-]{22}$/),
				subjectId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
				sealed: { nickname: expect.stringMatching(/^v1\./) },
			},
		});
		const [mail, ...more] = shop.to(email);
		expect(more).toHaveLength(0);
		expect(mail).toMatchObject({
			from: "no-reply@loomwash.example",
			subject: "Confirm your Loomwash account",
		});

		// Not before the address is proven.
		expect(await shop.vault.login({ email, password: PASSWORD })).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});

		const token = linkToken(mail, "confirm");
		// The link alone is not enough: a wrong password is a failed login, and the link stays usable.
		const refused = await shop.vault.confirm({ token, password: "not the password at all" });
		expect(refused).toEqual(await shop.vault.login({ email: newEmail("unknown"), password: PASSWORD }));
		expect(refused).toEqual({
			ok: false,
			error: { code: "unauthorized", message: "The email address or password is not correct" },
		});
		const confirmed = await shop.vault.confirm({ token, password: PASSWORD });
		if (!confirmed.ok || !registered.ok || !registered.account) throw new Error("confirm failed");
		expect(confirmed.account).toEqual({ id: registered.account.id, subjectId: registered.account.subjectId });
		expect(DeviceTokenSchema.parse(confirmed.device)).toBe(confirmed.device);
		expect(confirmed.session.expiresAt).toBeGreaterThan(Date.now() + 11 * 60 * 60_000);
		expect(await shop.vault.session({ session: confirmed.session.token })).toEqual({
			ok: true,
			account: confirmed.account,
			expiresAt: confirmed.session.expiresAt,
		});
		// The link works once.
		expect(await shop.vault.confirm({ token, password: PASSWORD })).toMatchObject({
			ok: false,
			error: { code: "not_found" },
		});

		const login = await shop.vault.login({ email, password: PASSWORD });
		if (!login.ok) throw new Error(login.error.message);
		expect(Object.keys(login).sort()).toEqual(["account", "device", "ok", "session"]);
		expect(login.device).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
		expect(login.device).not.toBe(confirmed.device);
		const first = login.session.token;
		const second = await loggedIn(shop, email.toUpperCase());
		const ids = new Set([confirmed.session.token, first, second].map(sessionIdOf));
		expect(ids.size).toBe(3);
		for (const token of [confirmed.session.token, first, second])
			expect(await isLive(shop, token)).toBe(true);

		// The nickname was sealed under the account's own subject: the shopper opens it with a session.
		const opened = await shop.vault.open({
			actor: { kind: "shopper", token: first },
			purpose: "self_service",
			items: [
				{
					subjectId: registered.account.subjectId,
					table: "customers",
					rowId: registered.account.id,
					field: "nickname",
					ciphertext: registered.account.sealed.nickname,
				},
			],
		});
		expect(opened).toEqual({ ok: true, values: [NICKNAME] });
	});

	it("changes nothing when a pending address is registered again: the squatter's password stays theirs, the owner resets", async () => {
		const shop = accounts();
		const email = newEmail("victim");
		const squatter = await shop.vault.register({
			email,
			password: "squatters password 1",
			profile: { nickname: "Squatter" },
		});
		if (!squatter.ok || !squatter.account) throw new Error("register failed");
		const before = await sql(
			"select password_hash, email_ct, status, updated_at from credentials where account_id = ?",
			squatter.account.id,
		);
		// The owner registers their own address: answered as for an active account, nothing changes.
		const owner = await shop.vault.register({ email, password: PASSWORD, profile: { nickname: "Owner" } });
		expect(owner).toEqual({ ok: true, account: null });
		const after = await sql(
			"select password_hash, email_ct, status, updated_at from credentials where account_id = ?",
			squatter.account.id,
		);
		expect(after.results).toEqual(before.results);
		await shop.settle();
		// The link in the owner's inbox (the squatter's, still working) does not take the owner's
		// password, so the squatter's password never becomes theirs, nor theirs the squatter's.
		const link = linkToken(shop.to(email).at(-1), "confirm");
		expect(await shop.vault.confirm({ token: link, password: PASSWORD })).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});
		expect((await shop.vault.login({ email, password: PASSWORD })).ok).toBe(false);
		// The owner takes the address back with a reset, which proves it and activates the account.
		expect(await shop.vault.requestReset({ email })).toEqual({ ok: true });
		await shop.settle();
		const reset = linkToken(shop.to(email).at(-1), "reset");
		expect(await shop.vault.completeReset({ token: reset, password: NEW_PASSWORD })).toEqual({ ok: true });
		expect((await shop.vault.login({ email, password: NEW_PASSWORD })).ok).toBe(true);
		expect((await shop.vault.login({ email, password: "squatters password 1" })).ok).toBe(false);
		// The squatter's confirm link is spent with the reset.
		expect(await shop.vault.confirm({ token: link, password: "squatters password 1" })).toMatchObject({
			error: { code: "not_found" },
		});
	});

	it("signs nobody in with a confirm link alone: an attacker's own link mailed to a victim is worthless", async () => {
		const shop = accounts();
		const attacker = newEmail("attacker");
		await shop.vault.register({
			email: attacker,
			password: "the attackers password",
			profile: { nickname: "Mallory" },
		});
		const link = linkToken(shop.to(attacker)[0], "confirm");
		// The victim clicks it and types their own password: refused, no session.
		expect(await shop.vault.confirm({ token: link, password: PASSWORD })).toEqual({
			ok: false,
			error: { code: "unauthorized", message: "The email address or password is not correct" },
		});
		const row = await sql(
			"select count(*) as n from email_tokens where token_hash = ? and used_at is null",
			await hashEmailToken(link),
		);
		expect(row.results).toEqual([{ n: 1 }]);
		// A made-up link costs the same PBKDF2 work and says not_found whatever the password.
		expect(await shop.vault.confirm({ token: "B".repeat(43), password: PASSWORD })).toMatchObject({
			error: { code: "not_found" },
		});
	});

	it("re-mails a pending address's confirm link (older links keep working), at most once in ten minutes", async () => {
		const shop = accounts();
		const email = newEmail("pending");
		const registered = await shop.vault.register({
			email,
			password: PASSWORD,
			profile: { nickname: NICKNAME },
		});
		if (!registered.ok || !registered.account) throw new Error("register failed");
		for (let i = 0; i < 20; i++) {
			expect(
				await shop.vault.register({ email, password: `another password ${i}`, profile: { nickname: "X" } }),
			).toEqual({ ok: true, account: null });
		}
		await shop.settle();
		expect(shop.to(email)).toHaveLength(1);
		const first = linkToken(shop.to(email)[0], "confirm");

		// Ten minutes on, the next request mails a fresh link; the first one still works.
		await sql(
			"update email_tokens set created_at = created_at - ? where account_id = ?",
			11 * 60_000,
			registered.account.id,
		);
		for (let i = 0; i < 20; i++) {
			expect((await shop.vault.register({ email, password: PASSWORD, profile: { nickname: "Y" } })).ok).toBe(
				true,
			);
		}
		await shop.settle();
		expect(shop.to(email)).toHaveLength(2);
		expect(shop.to(email)[1]?.subject).toBe("Confirm your Loomwash account");
		expect(linkToken(shop.to(email)[1], "confirm")).not.toBe(first);
		expect((await shop.vault.confirm({ token: first, password: PASSWORD })).ok).toBe(true);
		// Confirmed: the other link has nothing left to do.
		expect(
			await shop.vault.confirm({ token: linkToken(shop.to(email)[1], "confirm"), password: PASSWORD }),
		).toMatchObject({ error: { code: "not_found" } });
	});

	it("answers a registered address with an 'already registered' mail, no account and no change", async () => {
		const shop = accounts();
		const { email } = await signedUp(shop);
		const again = await shop.vault.register({
			email,
			password: NEW_PASSWORD,
			profile: { nickname: "Other" },
		});
		expect(again).toEqual({ ok: true, account: null });
		await shop.settle();
		const mail = shop.to(email).at(-1);
		expect(mail?.subject).toMatch(/tried to create a Loomwash account/);
		expect(mail?.text).not.toMatch(/token=/);
		expect(mail?.text).toContain("http://localhost:8787/account/reset");
		expect((await shop.vault.login({ email, password: PASSWORD })).ok).toBe(true);
		expect((await shop.vault.login({ email, password: NEW_PASSWORD })).ok).toBe(false);
	});

	it("sends the 'already registered' notice at most once in ten minutes, every answer the same", async () => {
		const shop = accounts();
		const { email, account } = await signedUp(shop);
		const before = shop.to(email).length;
		for (let i = 0; i < 20; i++) {
			expect(
				await shop.vault.register({ email, password: NEW_PASSWORD, profile: { nickname: "Other" } }),
			).toEqual({ ok: true, account: null });
		}
		await shop.settle();
		expect(
			shop
				.to(email)
				.slice(before)
				.map((mail) => mail.subject),
		).toEqual(["Someone tried to create a Loomwash account with your address"]);
		await sql(
			"update email_tokens set created_at = created_at - ?, expires_at = expires_at - ? where account_id = ?",
			11 * 60_000,
			11 * 60_000,
			account.id,
		);
		await shop.vault.register({ email, password: NEW_PASSWORD, profile: { nickname: "Other" } });
		await shop.settle();
		expect(shop.to(email).slice(before)).toHaveLength(2);
	});

	it("makes the same writes for an active and a pending address, mail or no mail", async () => {
		const active = await signedUp(accounts());
		const pending = newEmail("pending");
		await accounts().vault.register({ email: pending, password: PASSWORD, profile: { nickname: NICKNAME } });
		// Its link ten minutes old: the next registration mails a new one.
		await sql(
			"update email_tokens set created_at = created_at - ? where account_id = (select account_id from credentials where email_bidx = ?)",
			11 * 60_000,
			await emailBidx(pending),
		);
		const writes: number[] = [];
		const mailed: number[] = [];
		for (const email of [active.email, pending, active.email, pending]) {
			const recording = recordingDb();
			const shop = accounts({ VAULT_DB: recording.db });
			expect(
				await shop.vault.register({ email, password: NEW_PASSWORD, profile: { nickname: "Other" } }),
			).toEqual({ ok: true, account: null });
			writes.push(recording.writes());
			await shop.settle();
			mailed.push(shop.sent.length);
		}
		// A notice, a confirm link, then nothing (each within ten minutes of the last): the same
		// writes (the audit entry, the conditional insert) every time.
		expect(mailed).toEqual([1, 1, 0, 0]);
		expect(writes).toEqual([2, 2, 2, 2]);
	});

	it("mails a known account at its registered address, not at the case variant a requester typed", async () => {
		const shop = accounts();
		const stored = `Case.${newEmail("owner")}`;
		const typed = stored.toLowerCase();
		await shop.vault.register({ email: stored, password: PASSWORD, profile: { nickname: NICKNAME } });
		// Pending: the re-registration's confirm link (once the first link is ten minutes old).
		await sql(
			"update email_tokens set created_at = created_at - ? where account_id = (select account_id from credentials where email_bidx = ?)",
			11 * 60_000,
			await emailBidx(stored),
		);
		await shop.vault.register({ email: typed, password: PASSWORD, profile: { nickname: NICKNAME } });
		await shop.vault.requestReset({ email: typed.toUpperCase() });
		await shop.settle();
		expect(shop.to(stored).map((mail) => mail.subject)).toEqual([
			"Confirm your Loomwash account",
			"Confirm your Loomwash account",
			"Reset your Loomwash password",
		]);
		// Active: the notice too.
		await shop.vault.confirm({ token: linkToken(shop.to(stored)[0], "confirm"), password: PASSWORD });
		await shop.vault.register({ email: typed, password: PASSWORD, profile: { nickname: NICKNAME } });
		await shop.settle();
		expect(shop.to(stored).at(-1)?.subject).toMatch(/tried to create a Loomwash account/);
		expect(shop.sent.filter((mail) => mail.to !== stored)).toHaveLength(0);
	});

	it("refuses weak passwords with a clear message", async () => {
		const shop = accounts();
		const email = newEmail();
		for (const [password, message] of [
			["password123", /too common/],
			["QWERTYUIOP", /too common/],
			["aaaaaaaaaaaa", /too common/],
			[email, /not be your email/],
		] as const) {
			expect(await shop.vault.register({ email, password, profile: { nickname: NICKNAME } })).toEqual({
				ok: false,
				error: { code: "bad_request", message: expect.stringMatching(message) },
			});
		}
		expect(shop.sent).toHaveLength(0);
	});
});

describe("answers that do not tell whether an address has an account", () => {
	it("refuses a login the same way for an unknown address, an unconfirmed account and a wrong password", async () => {
		const shop = accounts();
		const { email } = await signedUp(shop);
		const pending = newEmail("pending");
		await shop.vault.register({ email: pending, password: PASSWORD, profile: { nickname: NICKNAME } });
		const answers = [
			await shop.vault.login({ email: newEmail("unknown"), password: PASSWORD }),
			await shop.vault.login({ email: pending, password: PASSWORD }),
			await shop.vault.login({ email, password: "not the password" }),
		];
		expect(answers[0]).toMatchObject({ ok: false, error: { code: "unauthorized" } });
		for (const answer of answers) expect(answer).toEqual(answers[0]);
	});

	it("gives known and unknown addresses the same register, reset and throttle answers", async () => {
		const shop = accounts();
		const { email: known } = await signedUp(shop);
		const unknown = newEmail("unknown");
		const weak = { password: "1234567890", profile: { nickname: NICKNAME } };
		expect(await shop.vault.register({ email: known, ...weak })).toEqual(
			await shop.vault.register({ email: unknown, ...weak }),
		);
		expect(await shop.vault.requestReset({ email: known })).toEqual({ ok: true });
		expect(await shop.vault.requestReset({ email: unknown })).toEqual({ ok: true });
		await shop.settle();
		expect(shop.to(known).at(-1)?.subject).toBe("Reset your Loomwash password");
		expect(shop.to(unknown)).toHaveLength(0);

		const busy = accounts({ LOGIN_ACCOUNT_LIMITER: DENY });
		const logins = await Promise.all([
			busy.vault.login({ email: known, password: PASSWORD }),
			busy.vault.login({ email: unknown, password: PASSWORD }),
		]);
		expect(logins[0]).toMatchObject({ ok: false, error: { code: "rate_limited" } });
		expect(logins[1]).toEqual(logins[0]);
	});

	it("throttles each account's logins, the right password included once over the limit", async () => {
		const { email } = await signedUp(accounts());
		const shop = accounts({ LOGIN_ACCOUNT_LIMITER: countingLimiter(30) });
		for (let i = 0; i < 30; i++) {
			expect(await shop.vault.login({ email, password: `wrong guess ${i}` })).toMatchObject({
				error: { code: "unauthorized" },
			});
		}
		expect(await shop.vault.login({ email, password: PASSWORD })).toMatchObject({
			ok: false,
			error: { code: "rate_limited" },
		});
		// Another account is not affected.
		const other = await signedUp(shop);
		expect((await shop.vault.login({ email: other.email, password: PASSWORD })).ok).toBe(true);
	});

	it("lets the owner's device in while guessers have spent the account's budget; no other token does", async () => {
		const shop = accounts({ LOGIN_ACCOUNT_LIMITER: countingLimiter(30) });
		const { email, account, device: confirmedOn } = await signedUp(shop);
		const earlier = await shop.vault.login({ email, password: PASSWORD });
		if (!earlier.ok) throw new Error(earlier.error.message);
		const other = await signedUp(shop);
		// Three guessers, ten guesses each: the account's budget is spent.
		const guessers = ["one", "two", "three"].map((who) => async () => {
			for (let i = 0; i < 10; i++) await shop.vault.login({ email, password: `${who} guesses ${i}` });
		});
		await Promise.all(guessers.map((guess) => guess()));
		const [nonce] = earlier.device.split(".");
		const forged = [
			`${nonce}.${"A".repeat(43)}`,
			`${"C".repeat(22)}.${earlier.device.split(".")[1] as string}`,
			// The MAC of this account's id and a nonce, under some other key.
			`${nonce}.${await blindIndex(btoa("k".repeat(32)), "device_token", `${account.id}\u0000${nonce}`)}`,
		];
		const busy = { ok: false, error: { code: "rate_limited" } };
		expect(await shop.vault.login({ email, password: PASSWORD })).toMatchObject(busy);
		expect(await shop.vault.login({ email, password: PASSWORD, devices: [other.device] })).toMatchObject(
			busy,
		);
		expect(await shop.vault.login({ email, password: PASSWORD, devices: forged })).toMatchObject(busy);
		// Guessing with a forged or foreign token is still throttled like any guess.
		expect(
			await shop.vault.login({ email, password: "guess with a token", devices: [other.device, ...forged] }),
		).toMatchObject(busy);

		// The owner's browser, with the token from an earlier sign-in (among others), gets in.
		const owner = await shop.vault.login({
			email,
			password: PASSWORD,
			devices: [other.device, ...forged.slice(0, 2), earlier.device],
		});
		expect(owner).toMatchObject({ ok: true, account });
		expect((await shop.vault.login({ email, password: PASSWORD, devices: [confirmedOn] })).ok).toBe(true);
		// A wrong password from the owner's browser is a plain refusal, not the account's 429.
		expect(
			await shop.vault.login({ email, password: "owner typo", devices: [earlier.device] }),
		).toMatchObject({ ok: false, error: { code: "unauthorized" } });
		// The account's throttle holds at confirm too, with the same exemption rule.
		const pending = newEmail("pending");
		await shop.vault.register({ email: pending, password: PASSWORD, profile: { nickname: NICKNAME } });
		for (let i = 0; i < 30; i++) await shop.vault.login({ email: pending, password: `guess ${i}` });
		const link = linkToken(shop.to(pending)[0], "confirm");
		expect(
			await shop.vault.confirm({ token: link, password: PASSWORD, devices: [earlier.device] }),
		).toMatchObject(busy);
	});

	it("gives a device token its own budget: a stolen one guesses no faster than a client", async () => {
		const shop = accounts({ LOGIN_ACCOUNT_LIMITER: countingLimiter(30) });
		const { email, device } = await signedUp(shop);
		for (let i = 0; i < 30; i++) {
			expect(await shop.vault.login({ email, password: `guess ${i}`, devices: [device] })).toMatchObject({
				error: { code: "unauthorized" },
			});
		}
		expect(await shop.vault.login({ email, password: PASSWORD, devices: [device] })).toMatchObject({
			error: { code: "rate_limited" },
		});
		// Those guesses were not the account's: a browser without the token still has its budget.
		expect((await shop.vault.login({ email, password: PASSWORD })).ok).toBe(true);
	});

	it("never refuses a mail request: twenty resets in a row send one link and all answer ok", async () => {
		// The mail limiter is not what spaces these mails: even refusing everything, the owner is answered.
		const shop = accounts({ AUTH_MAIL_LIMITER: DENY });
		const { email, account } = await signedUp(shop);
		const before = shop.to(email).length;
		for (let i = 0; i < 20; i++) expect(await shop.vault.requestReset({ email })).toEqual({ ok: true });
		await shop.settle();
		const resets = shop.to(email).slice(before);
		expect(resets.map((mail) => mail.subject)).toEqual(["Reset your Loomwash password"]);
		// The owner's link works, after all those requests.
		const token = linkToken(resets[0], "reset");
		expect(await shop.vault.completeReset({ token, password: NEW_PASSWORD })).toEqual({ ok: true });
		const rows = await sql(
			"select count(*) as n from email_tokens where account_id = ? and purpose = 'reset'",
			account.id,
		);
		expect(rows.results).toEqual([{ n: 1 }]);
	});
});

describe("emailed links", () => {
	it("refuses a used, expired or made-up confirm link with one message", async () => {
		const shop = accounts();
		const email = newEmail();
		const registered = await shop.vault.register({
			email,
			password: PASSWORD,
			profile: { nickname: NICKNAME },
		});
		if (!registered.ok || !registered.account) throw new Error("register failed");
		await sql(
			"update email_tokens set expires_at = ? where account_id = ?",
			Date.now() - 1,
			registered.account.id,
		);
		const expired = await shop.vault.confirm({
			token: linkToken(shop.to(email)[0], "confirm"),
			password: PASSWORD,
		});
		const madeUp = await shop.vault.confirm({ token: "A".repeat(43), password: PASSWORD });
		const { token: used } = await (async () => {
			const other = newEmail();
			await shop.vault.register({ email: other, password: PASSWORD, profile: { nickname: NICKNAME } });
			const token = linkToken(shop.to(other)[0], "confirm");
			await shop.vault.confirm({ token, password: PASSWORD });
			return { token };
		})();
		const reused = await shop.vault.confirm({ token: used, password: PASSWORD });
		expect(expired).toEqual({
			ok: false,
			error: { code: "not_found", message: "This link is not valid or has expired" },
		});
		expect(madeUp).toEqual(expired);
		expect(reused).toEqual(expired);
		// A reset link is not a confirm link.
		await shop.vault.requestReset({ email });
		await shop.settle();
		expect(
			await shop.vault.confirm({ token: linkToken(shop.to(email).at(-1), "reset"), password: PASSWORD }),
		).toEqual(expired);
	});

	it("resets a password once with a link, revoking every session", async () => {
		const shop = accounts();
		const { email, token: first } = await signedUp(shop);
		const second = await loggedIn(shop, email);
		expect(await shop.vault.requestReset({ email })).toEqual({ ok: true });
		await shop.settle();
		const mail = shop.to(email).at(-1);
		expect(mail?.subject).toBe("Reset your Loomwash password");
		const token = linkToken(mail, "reset");

		// A weak password is refused and the link stays usable.
		expect(await shop.vault.completeReset({ token, password: "password123" })).toMatchObject({
			error: { code: "bad_request" },
		});
		expect(await shop.vault.completeReset({ token, password: email })).toMatchObject({
			error: { code: "bad_request", message: "Your password must not be your email address" },
		});
		expect(await shop.vault.completeReset({ token, password: NEW_PASSWORD })).toEqual({ ok: true });
		expect(await isLive(shop, first)).toBe(false);
		expect(await isLive(shop, second)).toBe(false);
		expect((await shop.vault.login({ email, password: PASSWORD })).ok).toBe(false);
		expect((await shop.vault.login({ email, password: NEW_PASSWORD })).ok).toBe(true);
		expect(await shop.vault.completeReset({ token, password: "yet another password 7" })).toMatchObject({
			error: { code: "not_found" },
		});
	});

	it("honours only the newest reset link, for 30 minutes", async () => {
		const shop = accounts();
		const { email, account } = await signedUp(shop);
		await shop.vault.requestReset({ email });
		await shop.settle();
		// Within ten minutes a request sends nothing (the first link stands); after, a new link.
		await shop.vault.requestReset({ email });
		await shop.settle();
		expect(shop.to(email).filter((mail) => mail.subject.startsWith("Reset"))).toHaveLength(1);
		await sql(
			"update email_tokens set created_at = created_at - ? where account_id = ? and purpose = 'reset'",
			11 * 60_000,
			account.id,
		);
		await shop.vault.requestReset({ email });
		await shop.settle();
		const [older, newer] = shop
			.to(email)
			.filter((mail) => mail.subject.startsWith("Reset"))
			.map((mail) => linkToken(mail, "reset"));
		expect(await shop.vault.completeReset({ token: older as string, password: NEW_PASSWORD })).toMatchObject({
			error: { code: "not_found" },
		});
		const row = await sql(
			"select expires_at - created_at as ttl from email_tokens where account_id = ? and purpose = 'reset' and used_at is null",
			account.id,
		);
		expect(row.results).toEqual([{ ttl: 30 * 60_000 }]);
		await sql("update email_tokens set expires_at = ? where account_id = ?", Date.now() - 1, account.id);
		expect(await shop.vault.completeReset({ token: newer as string, password: NEW_PASSWORD })).toMatchObject({
			error: { code: "not_found" },
		});
	});

	it("activates a pending account by a completed reset: the link proved the address", async () => {
		const shop = accounts();
		const email = newEmail();
		await shop.vault.register({ email, password: PASSWORD, profile: { nickname: NICKNAME } });
		await shop.vault.requestReset({ email });
		await shop.settle();
		const token = linkToken(shop.to(email).at(-1), "reset");
		expect(await shop.vault.completeReset({ token, password: NEW_PASSWORD })).toEqual({ ok: true });
		expect((await shop.vault.login({ email, password: NEW_PASSWORD })).ok).toBe(true);
		// The confirm link it was sent before is spent with it.
		expect(
			await shop.vault.confirm({ token: linkToken(shop.to(email)[0], "confirm"), password: NEW_PASSWORD }),
		).toMatchObject({
			error: { code: "not_found" },
		});
	});

	it("builds links on SHOP_ORIGIN, never on anything the caller sends, and a mail failure changes no answer", async () => {
		const failing = {
			async send() {
				throw new Error("mail service down for victim@example.org");
			},
		} as unknown as SendEmail;
		const shop = accounts({ MAIL: failing });
		const email = newEmail();
		const logged: string[] = [];
		const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
			logged.push(args.map(String).join(" "));
		});
		try {
			const registered = await shop.vault.register({
				email,
				password: PASSWORD,
				profile: { nickname: NICKNAME },
			});
			expect(registered.ok && registered.account).toBeTruthy();
			expect(await shop.vault.requestReset({ email })).toEqual({ ok: true });
			await shop.settle();
		} finally {
			spy.mockRestore();
		}
		expect(logged.filter((line) => line.includes("account mail not sent"))).toHaveLength(2);
		expect(logged.join("\n")).not.toMatch(/@example\.org/);

		const elsewhere = accounts({ SHOP_ORIGIN: "https://shop.loomwash.example" });
		const other = newEmail();
		await elsewhere.vault.register({ email: other, password: PASSWORD, profile: { nickname: NICKNAME } });
		expect(elsewhere.to(other)[0]?.text).toMatch(
			/^https:\/\/shop\.loomwash\.example\/account\/confirm\?token=[A-Za-z0-9_-]{43}$/m,
		);
	});
});

describe("changing a password", () => {
	it("needs the current password, refuses a weak one, revokes every session and issues a fresh one", async () => {
		const shop = accounts();
		const { email, token: first } = await signedUp(shop);
		const second = await loggedIn(shop, email);
		expect(
			await shop.vault.changePassword({
				session: first,
				currentPassword: "not it at all",
				newPassword: NEW_PASSWORD,
			}),
		).toMatchObject({ ok: false, error: { code: "forbidden" } });
		expect(
			await shop.vault.changePassword({
				session: first,
				currentPassword: PASSWORD,
				newPassword: "iloveyou12",
			}),
		).toMatchObject({ ok: false, error: { code: "bad_request" } });
		expect(
			await shop.vault.changePassword({
				session: first,
				currentPassword: PASSWORD,
				newPassword: email.toUpperCase(),
			}),
		).toMatchObject({
			ok: false,
			error: { code: "bad_request", message: "Your password must not be your email address" },
		});
		expect(await isLive(shop, first)).toBe(true);

		const changed = await shop.vault.changePassword({
			session: first,
			currentPassword: PASSWORD,
			newPassword: NEW_PASSWORD,
		});
		if (!changed.ok) throw new Error(changed.error.message);
		expect(await isLive(shop, first)).toBe(false);
		expect(await isLive(shop, second)).toBe(false);
		expect(await isLive(shop, changed.session.token)).toBe(true);
		expect(sessionIdOf(changed.session.token)).not.toBe(sessionIdOf(first));
		expect((await shop.vault.login({ email, password: PASSWORD })).ok).toBe(false);
		expect((await shop.vault.login({ email, password: NEW_PASSWORD })).ok).toBe(true);
		expect(
			await shop.vault.changePassword({
				session: first,
				currentPassword: NEW_PASSWORD,
				newPassword: PASSWORD,
			}),
		).toMatchObject({ ok: false, error: { code: "unauthorized" } });
	});
});
