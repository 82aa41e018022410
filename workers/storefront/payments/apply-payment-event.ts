// Applies a verified payment outcome to its order, once. The event id is recorded in the same
// batch as the order's change, so a replay (same provider + event id) fails on the primary key
// and changes nothing. What follows from the change (mails, a refund) is settle-payment.ts's.
import { runBatch, violatedConstraint } from "../../shared/d1-batch";
import type { Logger } from "../../shared/logger";
import { cancelPlacedOrderStatements, getOrderByNumber, type OrderRow } from "../db/orders";
import {
	type CapturedPayment,
	hasPaymentEvent,
	insertPaymentEventStatement,
	markPaymentPendingStatement,
	payOrderStatement,
	recordLateCaptureStatement,
	retakeOrderStockStatement,
} from "../db/payments";
import type { OrderStatus } from "../db/schema";
import type { Db } from "../env";
import { AppError } from "../errors";
import type { PaymentEvent, PaymentProviderName } from "./provider";

/**
 * What the event did to the order:
 * - `paid`: placed → paid; `reinstated`: cancelled → paid, its stock taken back;
 * - `captured_on_cancelled`: the money arrived for a cancelled order whose stock is gone: it
 *   stays cancelled and the payment must be refunded;
 * - `pending`: a delayed payment is processing; `failed` / `expired`: placed → cancelled;
 * - `none`: nothing changed (a replay, or an order past the point this event could move).
 */
export type PaymentEffect =
	| "paid"
	| "reinstated"
	| "captured_on_cancelled"
	| "pending"
	| "failed"
	| "expired"
	| "none";

export type AppliedPayment = {
	orderId: string;
	/** False for a replay of an event already applied. */
	applied: boolean;
	/** True when this event moved the order (placed → paid or cancelled, cancelled → paid). */
	transitioned: boolean;
	orderStatus: OrderStatus;
	effect: PaymentEffect;
	/** What the order kept for its purchase event (consent at checkout); null: send none. */
	purchaseSignal: string | null;
	/** The account that placed it, whose consent may have been withdrawn since; null for a guest. */
	customerId: string | null;
};

/** A replay (the event was applied before): the order as it stands, and no purchase to count. */
function notApplied(order: OrderRow): AppliedPayment {
	return {
		orderId: order.id,
		applied: false,
		transitioned: false,
		orderStatus: order.status,
		effect: "none",
		purchaseSignal: null,
		customerId: order.customerId,
	};
}

const returnedRows = (result: unknown) => (result as unknown[] | undefined)?.length ?? 0;

type Applied = { effect: PaymentEffect; status: OrderStatus | null };

/**
 * A payment: pays a placed order, or reinstates a cancelled unpaid one in one batch that takes
 * its stock back. When that stock is gone, the batch fails on the stock CHECK and the capture is
 * recorded on the cancelled order instead, for a refund. Never money taken, order cancelled.
 */
async function applyPaid(
	db: Db,
	order: OrderRow,
	record: () => ReturnType<typeof insertPaymentEventStatement>,
	payment: CapturedPayment,
	now: number,
): Promise<Applied> {
	try {
		const [, retaken, paid] = await runBatch(db, [
			record(),
			retakeOrderStockStatement(db, order.id),
			payOrderStatement(db, order.id, now, payment),
		]);
		if (returnedRows(paid) === 0) return { effect: "none", status: null };
		return { effect: returnedRows(retaken) > 0 ? "reinstated" : "paid", status: "paid" };
	} catch (err) {
		if (violatedConstraint(err) !== "check") throw err;
	}
	const [, captured] = await runBatch(db, [record(), recordLateCaptureStatement(db, order.id, now, payment)]);
	return returnedRows(captured) > 0
		? { effect: "captured_on_cancelled", status: "cancelled" }
		: { effect: "none", status: null };
}

/**
 * Analytics hook: a result with `transitioned: true` and `orderStatus: "paid"` is the moment an
 * order is paid (a `purchase`), exactly once per order.
 */
export async function applyPaymentEvent(
	db: Db,
	provider: PaymentProviderName,
	event: PaymentEvent,
	now: number,
	logger: Logger,
): Promise<AppliedPayment> {
	const order = await getOrderByNumber(db, event.orderNumber);
	if (!order) throw new AppError("not_found", "No order for this payment event");
	if (await hasPaymentEvent(db, provider, event.eventId)) {
		return notApplied(order);
	}
	if (order.paymentProvider !== provider || order.paymentSessionId !== event.sessionId) {
		throw new AppError("conflict", "Payment event does not match the order's payment session");
	}
	if (order.totalMinor !== event.amountMinor || order.currency !== event.currency) {
		logger.error("payment amount mismatch", { orderId: order.id, eventId: event.eventId });
		throw new AppError("conflict", "Payment amount or currency does not match the order");
	}
	const record = () =>
		insertPaymentEventStatement(db, {
			provider,
			eventId: event.eventId,
			orderId: order.id,
			outcome: event.outcome,
			receivedAt: now,
		});
	let applied: Applied;
	try {
		switch (event.outcome) {
			case "paid":
				applied = await applyPaid(
					db,
					order,
					record,
					{ amountMinor: event.amountMinor, paymentReference: event.paymentReference ?? event.sessionId },
					now,
				);
				break;
			case "processing": {
				const [, pending] = await runBatch(db, [record(), markPaymentPendingStatement(db, order.id, now)]);
				applied = { effect: returnedRows(pending) > 0 ? "pending" : "none", status: null };
				break;
			}
			case "failed":
			case "expired": {
				const results = await runBatch(db, [
					record(),
					...cancelPlacedOrderStatements(db, order.id, `payment_${event.outcome}`, now),
				]);
				const moved = returnedRows(results.at(-1)) > 0;
				applied = { effect: moved ? event.outcome : "none", status: moved ? "cancelled" : null };
				break;
			}
		}
	} catch (err) {
		if (violatedConstraint(err) === "unique") return notApplied(order);
		throw err;
	}
	if (applied.effect === "captured_on_cancelled") {
		logger.warn("payment for a cancelled order whose stock is gone: refunding", { orderId: order.id });
	} else if (applied.effect === "reinstated") {
		logger.info("payment reinstated a cancelled order", { orderId: order.id });
	}
	return {
		orderId: order.id,
		applied: true,
		transitioned: applied.status !== null && applied.status !== order.status,
		orderStatus: applied.status ?? (await getOrderByNumber(db, event.orderNumber))?.status ?? order.status,
		effect: applied.effect,
		purchaseSignal: order.purchaseSignal,
		customerId: order.customerId,
	};
}
