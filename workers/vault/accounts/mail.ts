// The account mails (DESIGN P10: the mail service receives the recipient and the message, sent by
// the vault, the only worker that knows the address). Links are built on SHOP_ORIGIN, a setting,
// never on a request's Host header: an attacker who could choose the host of a reset link would
// receive its token. Sending is deferred: the answer never waits on mail, and a failed send is
// logged (without the address) but never changes the answer, which must not reveal whether an
// address has an account. Issue #13: written in the language the shopper asked in (the words in
// after-sales/mail-words/, shared with the order mails).
import type { Logger } from "../../shared/logger";
import type { OrderMailKind } from "../../shared/vault-contract";
import { wordsFor } from "../after-sales/mail-words";

/** Account mails, and the order mails (after-sales/order-mail.ts) that share this delivery. */
export type Mail = {
	kind: "confirm" | "already_registered" | "reset" | OrderMailKind;
	subject: string;
	text: string;
};

/** The shop's origin from configuration: an https origin, or http on localhost for development. */
export function shopOrigin(setting: string): string {
	const url = new URL(setting);
	const local = url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1");
	if ((url.protocol !== "https:" && !local) || url.pathname !== "/" || url.search || url.hash) {
		throw new Error("SHOP_ORIGIN must be an origin such as https://shop.example");
	}
	return url.origin;
}

/** A request that names no locale gets the English of before locales (issue #13), word for word. */
const ENGLISH = "en-US";

/**
 * The links are the same in every language: the account pages have no locale prefix (they take
 * the shopper's from their choice or country), so the link to follow never depends on the words.
 * The words lay the text out around them (after-sales/mail-words/en.ts).
 */
export function confirmMail(origin: string, token: string, locale = ENGLISH): Mail {
	const shop = shopOrigin(origin);
	const w = wordsFor(locale);
	return {
		kind: "confirm",
		subject: w("account.confirm.subject"),
		text: w("account.confirm.text", {
			confirm: `${shop}/account/confirm?token=${token}`,
			reset: `${shop}/account/reset`,
		}),
	};
}

export function alreadyRegisteredMail(origin: string, locale = ENGLISH): Mail {
	const shop = shopOrigin(origin);
	const w = wordsFor(locale);
	return {
		kind: "already_registered",
		subject: w("account.known.subject"),
		text: w("account.known.text", { home: `${shop}/`, reset: `${shop}/account/reset` }),
	};
}

export function resetMail(origin: string, token: string, locale = ENGLISH): Mail {
	const w = wordsFor(locale);
	return {
		kind: "reset",
		subject: w("account.reset.subject"),
		text: w("account.reset.text", { link: `${shopOrigin(origin)}/account/reset?token=${token}` }),
	};
}

export type MailDeps = {
	env: Pick<VaultEnv, "MAIL" | "MAIL_FROM">;
	logger: Logger;
	defer(task: Promise<unknown>): void;
};

/** Sends one message; resolves either way, a failure logged by kind only (never the address). */
export async function deliverMail(deps: Omit<MailDeps, "defer">, to: string, mail: Mail): Promise<void> {
	try {
		await deps.env.MAIL.send({ from: deps.env.MAIL_FROM, to, subject: mail.subject, text: mail.text });
	} catch (err) {
		deps.logger.error("account mail not sent", { kind: mail.kind, err });
	}
}

/** Hands the message to the mail binding without waiting for it. */
export function sendMail(deps: MailDeps, to: string, mail: Mail): void {
	deps.defer(deliverMail(deps, to, mail));
}
