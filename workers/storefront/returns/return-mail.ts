// The shopper hears of every step of their return, once per status: the vault dedupes on
// (order, return_update, return id, status), so a retried request never mails twice. Sent
// after the change is stored, and never undoes it.
import { getOrderContact } from "../db/orders";
import { getOrderById } from "../db/payments";
import type { ReturnStatus } from "../db/schema";
import type { Db } from "../env";
import { mailLocaleOf, mailOrderContact, type OrderMailDeps } from "../orders/order-mail";

export async function mailReturnUpdate(
	deps: OrderMailDeps & { db: Db },
	ret: { id: string; number: string; orderId: string; orderNumber: string },
	status: ReturnStatus,
	amount?: { currency: string; amountMinor: number },
): Promise<void> {
	// Like the mail itself, finding its address never fails the step that already happened.
	try {
		const [contact, order] = await Promise.all([
			getOrderContact(deps.db, ret.orderId),
			getOrderById(deps.db, ret.orderId),
		]);
		if (!contact) {
			deps.logger.warn("return mail not sent: the order has no contact", { status });
			return;
		}
		await mailOrderContact(
			deps,
			contact,
			{ kind: "return_update", orderNumber: ret.orderNumber, returnNumber: ret.number, status, ...amount },
			`${ret.id}:${status}`,
			// In the language the order was placed in.
			order ? mailLocaleOf(order) : undefined,
		);
	} catch (err) {
		deps.logger.error("return mail failed", { status, err });
	}
}
