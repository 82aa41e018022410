// Applies a verified payment outcome to its order, once. The event id is recorded in the same
// batch as the status change, so a replay (same provider + event id) fails on the primary key
// and changes nothing.
import { runBatch, violatedConstraint } from "../../shared/d1-batch";
import type { Logger } from "../../shared/logger";
import {
	cancelPlacedOrderStatements,
	getOrderByNumber,
	type OrderRow,
	orderTransitionStatement,
} from "../db/orders";
import { hasPaymentEvent, insertPaymentEventStatement } from "../db/payments";
import type { OrderStatus } from "../db/schema";
import type { Db } from "../env";
import { AppError } from "../errors";
import type { PaymentEvent, PaymentProviderName } from "./provider";

export type AppliedPayment = {
	orderId: string;
	/** False for a replay of an event already applied. */
	applied: boolean;
	/** True when this event moved the order (placed → paid, or placed → cancelled). */
	transitioned: boolean;
	orderStatus: OrderStatus;
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
		purchaseSignal: null,
		customerId: order.customerId,
	};
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
	const record = insertPaymentEventStatement(db, {
		provider,
		eventId: event.eventId,
		orderId: order.id,
		outcome: event.outcome,
		receivedAt: now,
	});
	const statusChange =
		event.outcome === "paid"
			? [orderTransitionStatement(db, order.id, "placed", "paid", now, { paidAt: now })]
			: cancelPlacedOrderStatements(db, order.id, `payment_${event.outcome}`, now);
	let results: unknown[];
	try {
		results = await runBatch(db, [record, ...statusChange]);
	} catch (err) {
		if (violatedConstraint(err) === "unique") {
			return notApplied(order);
		}
		throw err;
	}
	const moved = ((results.at(-1) as { id: string }[] | undefined) ?? []).length > 0;
	const target: OrderStatus = event.outcome === "paid" ? "paid" : "cancelled";
	if (!moved && event.outcome === "paid") {
		// The reservation ran out and the order was cancelled before the money arrived.
		logger.warn("payment for an order no longer placed: refund needed", {
			orderId: order.id,
			status: order.status,
		});
	}
	return {
		orderId: order.id,
		applied: true,
		transitioned: moved,
		orderStatus: moved ? target : order.status,
		purchaseSignal: order.purchaseSignal,
		customerId: order.customerId,
	};
}
