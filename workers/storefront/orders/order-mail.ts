// The order mails (issue #8): the storefront says what happened, with non-personal facts only;
// the vault, which alone can open the address, builds the message and sends it once per event.
// A mail that cannot be sent never undoes or fails what happened: it is logged and dropped.
import type { Logger } from "../../shared/logger";
import type { OrderMail, SendMailRequest } from "../../shared/vault-contract";
import type { OrderContactRow, OrderRow } from "../db/orders";
import { isLanguage, localeOf, marketOfCountry } from "../markets/markets";
import type { VaultClient } from "../vault-client";

export type OrderMailDeps = {
	vault: Pick<VaultClient, "sendMail">;
	logger: Logger;
	requestId?: string;
};

/**
 * The locale an order's mails are written in (issue #13): the language the shopper bought in and
 * the destination, "fr-FR". Undefined (the vault then writes en-US) when the row holds anything
 * else: the vault would refuse a malformed locale, and with it the mail.
 */
export function mailLocaleOf(order: Pick<OrderRow, "language" | "shipCountry">): string | undefined {
	const country = order.shipCountry ?? "US";
	if (!isLanguage(order.language) || !/^[A-Z]{2}$/.test(country) || !marketOfCountry(country))
		return undefined;
	return localeOf(order.language, country);
}

/** Sends `mail` to whoever `to` names, once per (scope, event), in `locale`; never throws. */
export async function sendShopperMail(
	deps: OrderMailDeps,
	to: SendMailRequest["to"],
	mail: OrderMail,
	dedupe: { scope: string; event: string },
	locale?: string,
): Promise<void> {
	try {
		const result = await deps.vault.sendMail({
			to,
			mail,
			dedupe,
			...(locale ? { locale } : {}),
			requestId: deps.requestId,
		});
		if (!result.ok) deps.logger.warn("order mail refused", { kind: mail.kind, code: result.error.code });
	} catch (err) {
		deps.logger.error("order mail failed", { kind: mail.kind, err });
	}
}

/** Mails the address the order was placed with (its contact row), once per order and event. */
export function mailOrderContact(
	deps: OrderMailDeps,
	contact: OrderContactRow,
	mail: OrderMail,
	event: string,
	locale?: string,
): Promise<void> {
	return sendShopperMail(
		deps,
		{
			sealed: {
				subjectId: contact.subjectId,
				table: "order_contacts",
				rowId: contact.orderId,
				field: "email",
				ciphertext: contact.emailCt,
			},
		},
		mail,
		{ scope: contact.orderId, event: `${mail.kind}:${event}` },
		locale,
	);
}
