// The account mails (DESIGN P10: the mail service receives the recipient and the message, sent by
// the vault, the only worker that knows the address). Links are built on SHOP_ORIGIN, a setting,
// never on a request's Host header: an attacker who could choose the host of a reset link would
// receive its token. Sending is deferred: the answer never waits on mail, and a failed send is
// logged (without the address) but never changes the answer, which must not reveal whether an
// address has an account.
import type { Logger } from "../../shared/logger";
import type { OrderMailKind } from "../../shared/vault-contract";

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

export function confirmMail(origin: string, token: string): Mail {
	const shop = shopOrigin(origin);
	return {
		kind: "confirm",
		subject: "Confirm your Loomwash account",
		text: [
			"Welcome to Loomwash.",
			"",
			"Confirm your email address to finish creating your account:",
			`${shop}/account/confirm?token=${token}`,
			"",
			"The link asks for the password chosen when the account was created; it works once, for 24 hours.",
			"If that password is not yours (someone else may have used your address), reset it instead:",
			`${shop}/account/reset`,
			"A completed reset confirms the account too.",
			"",
			"If you did not ask for an account, ignore this message: nothing is created until the link is used.",
		].join("\n"),
	};
}

export function alreadyRegisteredMail(origin: string): Mail {
	const shop = shopOrigin(origin);
	return {
		kind: "already_registered",
		subject: "Someone tried to create a Loomwash account with your address",
		text: [
			"Someone, perhaps you, tried to create a Loomwash account with this email address,",
			"which already has one. Nothing was changed.",
			"",
			`To sign in, use the address and your password at ${shop}/`,
			`Forgot your password? Reset it: ${shop}/account/reset`,
			"",
			"If this was not you, you can ignore this message.",
		].join("\n"),
	};
}

export function resetMail(origin: string, token: string): Mail {
	return {
		kind: "reset",
		subject: "Reset your Loomwash password",
		text: [
			"Someone, hopefully you, asked to reset the password of your Loomwash account.",
			"",
			"Choose a new password here:",
			`${shopOrigin(origin)}/account/reset?token=${token}`,
			"",
			"The link works once, for 30 minutes. Resetting signs out every device.",
			"If you did not ask for this, ignore this message: your password stays as it is.",
		].join("\n"),
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
