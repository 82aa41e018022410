// The order mails (issue #8): the storefront says what happened, with non-personal facts only;
// the vault, which alone can open the address, builds the message and sends it once per event.
// A mail that cannot be sent never undoes or fails what happened: it is logged and dropped.
import type { Logger } from "../../shared/logger";
import type { OrderMail, SendMailRequest } from "../../shared/vault-contract";
import type { OrderContactRow } from "../db/orders";
import type { VaultClient } from "../vault-client";

export type OrderMailDeps = {
	vault: Pick<VaultClient, "sendMail">;
	logger: Logger;
	requestId?: string;
};

/** Sends `mail` to whoever `to` names, once per (scope, event); never throws. */
export async function sendShopperMail(
	deps: OrderMailDeps,
	to: SendMailRequest["to"],
	mail: OrderMail,
	dedupe: { scope: string; event: string },
): Promise<void> {
	try {
		const result = await deps.vault.sendMail({ to, mail, dedupe, requestId: deps.requestId });
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
	);
}
