// Shopper accounts in the vault (issue #7): registering through an emailed link, signing in, the
// reset link, and answers that never tell a known address from an unknown one.
import { describe, expect, it, vi } from "vitest";
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
	sessionIdOf,
	signedUp,
	sql,
} from "./account-fixtures";

const NEW_PASSWORD = "a whole new password 42";

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
		const confirmed = await shop.vault.confirm({ token });
		if (!confirmed.ok || !registered.ok || !registered.account) throw new Error("confirm failed");
		expect(confirmed.account).toEqual({ id: registered.account.id, subjectId: registered.account.subjectId });
		expect(confirmed.session.expiresAt).toBeGreaterThan(Date.now() + 11 * 60 * 60_000);
		expect(await shop.vault.session({ session: confirmed.session.token })).toEqual({
			ok: true,
			account: confirmed.account,
			expiresAt: confirmed.session.expiresAt,
		});
		// The link works once.
		expect(await shop.vault.confirm({ token })).toMatchObject({ ok: false, error: { code: "not_found" } });

		const first = await loggedIn(shop, email);
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

	it("lets a re-registration of a pending address replace the squatter's password, with a new link", async () => {
		const shop = accounts();
		const email = newEmail("victim");
		const squatter = await shop.vault.register({
			email,
			password: "squatters password 1",
			profile: { nickname: "Squatter" },
		});
		const owner = await shop.vault.register({ email, password: PASSWORD, profile: { nickname: "Owner" } });
		if (!squatter.ok || !owner.ok || !squatter.account || !owner.account) throw new Error("register failed");
		expect(owner.account.id).toBe(squatter.account.id);
		expect(owner.account.sealed.nickname).not.toBe(squatter.account.sealed.nickname);
		const [squattersLink, ownersLink] = shop.to(email).map((mail) => linkToken(mail, "confirm"));
		expect(await shop.vault.confirm({ token: squattersLink as string })).toMatchObject({
			ok: false,
			error: { code: "not_found" },
		});
		expect((await shop.vault.confirm({ token: ownersLink as string })).ok).toBe(true);
		expect(await shop.vault.login({ email, password: "squatters password 1" })).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});
		expect((await shop.vault.login({ email, password: PASSWORD })).ok).toBe(true);
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
		const mail = shop.to(email).at(-1);
		expect(mail?.subject).toMatch(/tried to create a Loomwash account/);
		expect(mail?.text).not.toMatch(/token=/);
		expect(mail?.text).toContain("http://localhost:8787/account/reset");
		expect((await shop.vault.login({ email, password: PASSWORD })).ok).toBe(true);
		expect((await shop.vault.login({ email, password: NEW_PASSWORD })).ok).toBe(false);
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

		const busy = accounts({ AUTH_MAIL_LIMITER: DENY, LOGIN_ACCOUNT_LIMITER: DENY });
		const throttled = [
			[busy.vault.register({ email: known, password: PASSWORD, profile: { nickname: NICKNAME } })],
			[busy.vault.register({ email: unknown, password: PASSWORD, profile: { nickname: NICKNAME } })],
			[busy.vault.requestReset({ email: known }), busy.vault.requestReset({ email: unknown })],
			[
				busy.vault.login({ email: known, password: PASSWORD }),
				busy.vault.login({ email: unknown, password: PASSWORD }),
			],
		];
		const [registerKnown, registerUnknown, resets, logins] = await Promise.all(
			throttled.map((calls) => Promise.all(calls)),
		);
		expect(registerKnown?.[0]).toMatchObject({ ok: false, error: { code: "rate_limited" } });
		expect(registerUnknown?.[0]).toEqual(registerKnown?.[0]);
		expect(resets?.[0]).toEqual(registerKnown?.[0]);
		expect(resets?.[1]).toEqual(resets?.[0]);
		expect(logins?.[0]).toMatchObject({ ok: false, error: { code: "rate_limited" } });
		expect(logins?.[1]).toEqual(logins?.[0]);
		await busy.settle();
		expect(busy.sent).toHaveLength(0);
	});

	it("throttles each account's logins, the right password included once over the limit", async () => {
		const shop = accounts({ LOGIN_ACCOUNT_LIMITER: countingLimiter(30) });
		const { email } = await signedUp(shop);
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

	it("limits account mails to three a minute per address", async () => {
		const shop = accounts({ AUTH_MAIL_LIMITER: countingLimiter(3) });
		const email = newEmail();
		for (let i = 0; i < 3; i++) {
			expect(
				(await shop.vault.register({ email, password: PASSWORD, profile: { nickname: NICKNAME } })).ok,
			).toBe(true);
		}
		expect(await shop.vault.requestReset({ email })).toMatchObject({ error: { code: "rate_limited" } });
		await shop.settle();
		expect(shop.to(email)).toHaveLength(3);
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
		const expired = await shop.vault.confirm({ token: linkToken(shop.to(email)[0], "confirm") });
		const madeUp = await shop.vault.confirm({ token: "A".repeat(43) });
		const { token: used } = await (async () => {
			const other = newEmail();
			await shop.vault.register({ email: other, password: PASSWORD, profile: { nickname: NICKNAME } });
			const token = linkToken(shop.to(other)[0], "confirm");
			await shop.vault.confirm({ token });
			return { token };
		})();
		const reused = await shop.vault.confirm({ token: used });
		expect(expired).toEqual({
			ok: false,
			error: { code: "not_found", message: "This link is not valid or has expired" },
		});
		expect(madeUp).toEqual(expired);
		expect(reused).toEqual(expired);
		// A reset link is not a confirm link.
		await shop.vault.requestReset({ email });
		await shop.settle();
		expect(await shop.vault.confirm({ token: linkToken(shop.to(email).at(-1), "reset") })).toEqual(expired);
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
		expect(await shop.vault.confirm({ token: linkToken(shop.to(email)[0], "confirm") })).toMatchObject({
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
