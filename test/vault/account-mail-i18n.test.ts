// The account mails in the shopper's language (issue #13): the storefront names the locale it
// rendered the form in, and the confirm, already-registered and reset mails are written in it.
// The links do not change with the words (still on SHOP_ORIGIN, the token links the same shape,
// and they work), a locale outside the contract is refused before anything is written or sent,
// and a request without one gets the English of before, word for word.
import { describe, expect, it } from "vitest";
import type { RegisterRequest, ResetRequest } from "../../workers/shared/vault-contract";
import { alreadyRegisteredMail, confirmMail, resetMail } from "../../workers/vault/accounts/mail";
import {
	accounts,
	linkToken,
	NICKNAME,
	newEmail,
	PASSWORD,
	type SentMail,
	signedUp,
} from "./account-fixtures";

const SHOP = "http://localhost:8787";
const TOKEN = "T".repeat(43);
const NEW_PASSWORD = "ein ganz neues Passwort 42";

/** The one mail an address received, the vault's deferred work done. */
async function onlyMail(shop: ReturnType<typeof accounts>, email: string): Promise<SentMail> {
	await shop.settle();
	const mails = shop.to(email);
	expect(mails, mails.map((mail) => mail.subject).join(" | ")).toHaveLength(1);
	return mails[0] as SentMail;
}

describe("account mails in the shopper's language", () => {
	it("registers in German: the confirm mail in German, its link the same and working", async () => {
		const shop = accounts();
		const email = newEmail("de");
		const registered = await shop.vault.register({
			email,
			password: PASSWORD,
			profile: { nickname: NICKNAME },
			locale: "de-DE",
		});
		expect(registered).toMatchObject({ ok: true, account: { id: expect.any(String) } });
		const mail = await onlyMail(shop, email);
		const token = linkToken(mail, "confirm");
		expect(mail.subject).toBe("Bestätigen Sie Ihr Loomwash-Konto");
		expect(mail.text).toBe(
			[
				"Willkommen bei Loomwash.",
				"",
				"Bestätigen Sie Ihre E-Mail-Adresse, um Ihr Konto zu eröffnen:",
				`${SHOP}/account/confirm?token=${token}`,
				"",
				"Der Link fragt nach dem bei der Registrierung gewählten Passwort und gilt einmal, 24 Stunden lang.",
				"Ist es nicht Ihr Passwort (jemand könnte Ihre Adresse verwendet haben), setzen Sie es zurück:",
				`${SHOP}/account/reset`,
				"Das Zurücksetzen bestätigt auch das Konto.",
				"",
				"Haben Sie kein Konto angelegt, ignorieren Sie diese Nachricht: Ohne den Link entsteht nichts.",
			].join("\n"),
		);
		// The link is the one the pages read, whatever language carried it.
		expect(await shop.vault.confirm({ token, password: PASSWORD })).toMatchObject({ ok: true });
	});

	it("tells a registered address in French that someone tried, with the links of before", async () => {
		const shop = accounts();
		const { email } = await signedUp(shop);
		const sent = shop.sent.length;
		expect(
			await shop.vault.register({
				email,
				password: NEW_PASSWORD,
				profile: { nickname: "Autre" },
				locale: "fr-BE",
			}),
		).toEqual({ ok: true, account: null });
		await shop.settle();
		expect(shop.sent).toHaveLength(sent + 1);
		const mail = shop.to(email).at(-1);
		expect(mail?.subject).toBe("Quelqu’un a tenté de créer un compte Loomwash avec votre adresse");
		expect(mail?.text).toBe(
			[
				"Quelqu’un, peut-être vous, a tenté de créer un compte Loomwash avec cette adresse,",
				"qui en a déjà un. Rien n’a changé.",
				"",
				`Connectez-vous avec cette adresse et votre mot de passe sur ${SHOP}/`,
				`Mot de passe oublié ? Réinitialisez-le : ${SHOP}/account/reset`,
				"",
				"Si ce n’était pas vous, ignorez ce message.",
			].join("\n"),
		);
	});

	it("mails a Japanese reset link in Japanese to an account registered in English, and the link resets", async () => {
		const shop = accounts();
		const { email } = await signedUp(shop);
		expect(await shop.vault.requestReset({ email, locale: "ja-JP" })).toEqual({ ok: true });
		await shop.settle();
		const mail = shop.to(email).at(-1);
		const token = linkToken(mail, "reset");
		expect(mail?.subject).toBe("【Loomwash】パスワード再設定のご案内");
		expect(mail?.text).toBe(
			[
				"Loomwash アカウントのパスワード再設定のご依頼を承りました。",
				"",
				"下記リンクから新しいパスワードを設定してください。",
				`${SHOP}/account/reset?token=${token}`,
				"",
				"有効期限は 30 分、1 回限りです。再設定すると、すべての端末でログアウトされます。",
				"お心当たりがない場合は、このメールを破棄してください（パスワードは変わりません）。",
			].join("\n"),
		);
		expect(await shop.vault.completeReset({ token, password: NEW_PASSWORD })).toEqual({ ok: true });
		expect((await shop.vault.login({ email, password: NEW_PASSWORD })).ok).toBe(true);
	});

	it("writes English for an English locale of any country, as for none", async () => {
		const shop = accounts();
		const email = newEmail("gb");
		await shop.vault.register({
			email,
			password: PASSWORD,
			profile: { nickname: NICKNAME },
			locale: "en-GB",
		});
		const mail = await onlyMail(shop, email);
		expect(mail.text).toBe(confirmMail(SHOP, linkToken(mail, "confirm")).text);
		expect(mail.subject).toBe("Confirm your Loomwash account");
	});
});

describe("a locale the contract does not know", () => {
	const HOSTILE: unknown[] = [
		"xx-YY",
		"pt-BR",
		"de-de",
		"DE-DE",
		"de",
		"de-DEU",
		"de-DE\n",
		"de-DE-x-evil",
		"ja-JP\u0000",
		"",
		42,
		null,
		{ language: "de" },
	];

	it("refuses a registration as a bad request, before creating or mailing anything", async () => {
		const shop = accounts();
		const email = newEmail("hostile");
		for (const locale of HOSTILE) {
			const request = { email, password: PASSWORD, profile: { nickname: NICKNAME }, locale };
			expect(await shop.vault.register(request as RegisterRequest), JSON.stringify(locale)).toEqual({
				ok: false,
				error: { code: "bad_request", message: "Invalid vault request at locale" },
			});
		}
		await shop.settle();
		expect(shop.sent).toHaveLength(0);
		// Nothing was created: the address registers afresh (a new account, not `account: null`).
		expect(
			await shop.vault.register({ email, password: PASSWORD, profile: { nickname: NICKNAME } }),
		).toMatchObject({ ok: true, account: { id: expect.any(String) } });
	});

	it("refuses a reset as a bad request and sends a known account nothing", async () => {
		const shop = accounts();
		const { email } = await signedUp(shop);
		const sent = shop.sent.length;
		for (const locale of HOSTILE) {
			expect(
				await shop.vault.requestReset({ email, locale } as ResetRequest),
				JSON.stringify(locale),
			).toEqual({ ok: false, error: { code: "bad_request", message: "Invalid vault request at locale" } });
		}
		await shop.settle();
		expect(shop.sent).toHaveLength(sent);
	});
});

describe("without a locale: the English of before", () => {
	it("mails the confirm, already-registered and reset texts word for word", async () => {
		const shop = accounts();
		const email = newEmail("en");
		await shop.vault.register({ email, password: PASSWORD, profile: { nickname: NICKNAME } });
		const confirm = await onlyMail(shop, email);
		const confirmToken = linkToken(confirm, "confirm");
		expect(confirm.subject).toBe("Confirm your Loomwash account");
		expect(confirm.text).toBe(
			[
				"Welcome to Loomwash.",
				"",
				"Confirm your email address to finish creating your account:",
				`${SHOP}/account/confirm?token=${confirmToken}`,
				"",
				"The link asks for the password chosen when the account was created; it works once, for 24 hours.",
				"If that password is not yours (someone else may have used your address), reset it instead:",
				`${SHOP}/account/reset`,
				"A completed reset confirms the account too.",
				"",
				"If you did not ask for an account, ignore this message: nothing is created until the link is used.",
			].join("\n"),
		);
		expect((await shop.vault.confirm({ token: confirmToken, password: PASSWORD })).ok).toBe(true);

		await shop.vault.register({ email, password: NEW_PASSWORD, profile: { nickname: "Other" } });
		await shop.settle();
		const known = shop.to(email).at(-1);
		expect(known?.subject).toBe("Someone tried to create a Loomwash account with your address");
		expect(known?.text).toBe(
			[
				"Someone, perhaps you, tried to create a Loomwash account with this email address,",
				"which already has one. Nothing was changed.",
				"",
				`To sign in, use the address and your password at ${SHOP}/`,
				`Forgot your password? Reset it: ${SHOP}/account/reset`,
				"",
				"If this was not you, you can ignore this message.",
			].join("\n"),
		);

		await shop.vault.requestReset({ email });
		await shop.settle();
		const reset = shop.to(email).at(-1);
		expect(reset?.subject).toBe("Reset your Loomwash password");
		expect(reset?.text).toBe(
			[
				"Someone, hopefully you, asked to reset the password of your Loomwash account.",
				"",
				"Choose a new password here:",
				`${SHOP}/account/reset?token=${linkToken(reset, "reset")}`,
				"",
				"The link works once, for 30 minutes. Resetting signs out every device.",
				"If you did not ask for this, ignore this message: your password stays as it is.",
			].join("\n"),
		);
		expect(shop.to(email)).toHaveLength(3);
	});
});

describe("the account mails' texts", () => {
	const LOCALES = ["en-US", "de-AT", "fr-FR", "es-ES", "ja-JP"];
	const build = (locale: string) => [
		confirmMail(SHOP, TOKEN, locale),
		alreadyRegisteredMail(SHOP, locale),
		resetMail(SHOP, TOKEN, locale),
	];

	it("fills every placeholder, keeps subjects on one line, lays the text out tidily, links only to SHOP_ORIGIN", () => {
		for (const locale of LOCALES) {
			for (const mail of build(locale)) {
				const label = `${locale} ${mail.kind}`;
				expect(`${mail.subject}\n${mail.text}`, label).not.toMatch(/[{}]/);
				expect(mail.subject, label).not.toContain("\n");
				expect(mail.subject, label).toContain("Loomwash");
				// The words lay the text out: no stray blank lines or spaces around it or its lines.
				expect(mail.text, label).not.toMatch(/^\s|\s$|\n{3}|[ \t]\n/);
				for (const url of mail.text.match(/https?:\/\/\S+/g) ?? [])
					expect(url, label).toMatch(
						/^http:\/\/localhost:8787\/(account\/(confirm|reset)(\?token=T{43})?)?$/,
					);
			}
		}
	});

	it("carries the same links, each on a line of its own where there is a token, in every language", () => {
		const linksOf = (text: string) => text.match(/https?:\/\/\S+/g);
		const english = build("en-US").map((mail) => linksOf(mail.text));
		for (const locale of LOCALES) {
			const mails = build(locale);
			expect(mails.map((mail) => linksOf(mail.text))).toEqual(english);
			expect(mails[0]?.text.split("\n")).toContain(`${SHOP}/account/confirm?token=${TOKEN}`);
			expect(mails[2]?.text.split("\n")).toContain(`${SHOP}/account/reset?token=${TOKEN}`);
		}
	});

	it("writes each language's own words, never English where a translation exists", () => {
		const english = build("en-US");
		for (const locale of LOCALES.filter((l) => !l.startsWith("en"))) {
			build(locale).forEach((mail, i) => {
				expect(mail.subject, `${locale} ${mail.kind}`).not.toBe(english[i]?.subject);
				const lines = new Set(english[i]?.text.split("\n").filter((line) => !/^(https?:|$)/.test(line)));
				const same = mail.text.split("\n").filter((line) => lines.has(line));
				expect(same, `${locale} ${mail.kind}`).toEqual([]);
			});
		}
	});
});
