// The mail that verifies a guest's privacy request (P12): it carries the single-use link and says
// what was asked for which order, nothing about the person (no name, phone or address; the address
// is only the envelope's recipient). Pure, so tests read the exact text; the link is built on
// SHOP_ORIGIN, never on anything a request says. Delivery mirrors accounts/mail.ts: after the
// answer, a failure logged by kind only.
import type { Logger } from "../../shared/logger";
import type { PrivacyRequestKind } from "../../shared/vault-contract";
import { shopOrigin } from "../accounts/mail";

export type GuestRequestMail = { kind: "privacy_request"; subject: string; text: string };

const ASKED_FOR: Record<PrivacyRequestKind, string> = {
	export: "a copy of the personal data held about order",
	correction: "a correction of the personal data held about order",
	deletion: "the deletion of the personal data held about order",
};

const WHAT_HAPPENS: Record<PrivacyRequestKind, string> = {
	export: "The page lets you download the data as a JSON file.",
	correction: "The page asks what should be corrected; our support team then makes the change.",
	deletion:
		"The page asks you to confirm. Deletion cannot be undone; the order keeps only its number, items, totals, dates and destination country.",
};

export function guestRequestMail(
	origin: string,
	req: { kind: PrivacyRequestKind; orderNumber: string; token: string },
): GuestRequestMail {
	return {
		kind: "privacy_request",
		subject: `Your Loomwash privacy request for order ${req.orderNumber}`,
		text: [
			`Someone, hopefully you, asked for ${ASKED_FOR[req.kind]} ${req.orderNumber}.`,
			"",
			"To go ahead, open this link:",
			`${shopOrigin(origin)}/privacy/requests/${req.token}`,
			"",
			WHAT_HAPPENS[req.kind],
			"The link works once, for 24 hours.",
			"If you did not ask for this, ignore this message: nothing happens until the link is used.",
		].join("\n"),
	};
}

export type GuestMailDeps = {
	env: Pick<VaultEnv, "MAIL" | "MAIL_FROM">;
	logger: Logger;
	defer(task: Promise<unknown>): void;
};

/** Hands the message to the mail binding without waiting for it; never throws. */
export function sendGuestRequestMail(deps: GuestMailDeps, to: string, mail: GuestRequestMail): void {
	deps.defer(
		(async () => {
			try {
				await deps.env.MAIL.send({ from: deps.env.MAIL_FROM, to, subject: mail.subject, text: mail.text });
			} catch (err) {
				deps.logger.error("privacy request mail not sent", { kind: mail.kind, err });
			}
		})(),
	);
}
