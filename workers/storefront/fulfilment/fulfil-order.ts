// A staff member moves an order one fulfilment step (issue #8). The vault has already allowed
// `orders.fulfil` for their role (staff auth); the database applies the step only from its
// status, so a refused or lost race is a 409 and changes nothing. Shipping mails the shopper the
// carrier and tracking number through the vault, once, and a mail that fails never undoes it.
import { normalizeOrderNumber, ORDER_NUMBER_PATTERN } from "../checkout/order-number";
import { advanceOrder } from "../db/fulfilment";
import { getOrderByNumber, getOrderContact, type OrderRow } from "../db/orders";
import type { Db } from "../env";
import { AppError } from "../errors";
import { mailLocaleOf, mailOrderContact, type OrderMailDeps } from "../orders/order-mail";
import { FULFILMENT_STEPS, type FulfilmentStep, type Shipment } from "./transitions";

export type FulfilDeps = OrderMailDeps & { db: Db; now: number };

/** What staff see of an order's fulfilment: no personal data. */
export function fulfilmentView(order: OrderRow) {
	return {
		number: order.number,
		status: order.status,
		packedAt: order.packedAt,
		shippedAt: order.shippedAt,
		deliveredAt: order.deliveredAt,
		carrier: order.carrier,
		trackingNumber: order.trackingNumber,
	};
}

export async function findOrderForStaff(db: Db, number: string): Promise<OrderRow> {
	const normalized = normalizeOrderNumber(number);
	const order = ORDER_NUMBER_PATTERN.test(normalized) ? await getOrderByNumber(db, normalized) : null;
	if (!order) throw new AppError("not_found", "No such order");
	return order;
}

export async function fulfilOrder(
	deps: FulfilDeps,
	number: string,
	step: FulfilmentStep,
	shipment?: Shipment,
): Promise<OrderRow> {
	const order = await findOrderForStaff(deps.db, number);
	const { from, to } = FULFILMENT_STEPS[step];
	const moved = await advanceOrder(deps.db, order.id, step, deps.now, step === "ship" ? shipment : undefined);
	if (!moved) {
		const current = (await getOrderByNumber(deps.db, order.number))?.status ?? order.status;
		throw new AppError("invalid_state", `The order is ${current}; only a ${from} order can become ${to}`);
	}
	if (step === "ship" && shipment) {
		const contact = await getOrderContact(deps.db, moved.id);
		if (contact) {
			await mailOrderContact(
				deps,
				contact,
				{ kind: "shipped", orderNumber: moved.number, ...shipment },
				"ship",
				mailLocaleOf(moved),
			);
		} else deps.logger.warn("shipped order has no contact to mail", { requestId: deps.requestId });
	}
	return moved;
}
