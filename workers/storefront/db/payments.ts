import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Statement } from "../../shared/d1-batch";
import type { Db } from "../env";
import { AppError } from "../errors";
import { canTransition } from "../orders/status-machine";
import type { OrderRow } from "./orders";
import { localPaymentSessions, orderLines, orders, paymentEvents, variants } from "./schema";

export type PaymentEventRow = typeof paymentEvents.$inferSelect;
export type LocalPaymentSessionRow = typeof localPaymentSessions.$inferSelect;
export type LocalSessionStatus = LocalPaymentSessionRow["status"];

export async function hasPaymentEvent(db: Db, provider: string, eventId: string): Promise<boolean> {
	const row = await db.query.paymentEvents.findFirst({
		where: and(eq(paymentEvents.provider, provider), eq(paymentEvents.eventId, eventId)),
		columns: { eventId: true },
	});
	return row !== undefined;
}

/** Its primary key (provider, event id) makes a replayed event fail the batch it is part of. */
export function insertPaymentEventStatement(db: Db, row: PaymentEventRow): Statement {
	return db.insert(paymentEvents).values(row);
}

export async function insertLocalPaymentSession(db: Db, row: LocalPaymentSessionRow): Promise<void> {
	await db.insert(localPaymentSessions).values(row);
}

export async function getLocalPaymentSession(db: Db, id: string): Promise<LocalPaymentSessionRow | null> {
	return (await db.query.localPaymentSessions.findFirst({ where: eq(localPaymentSessions.id, id) })) ?? null;
}

/** Closes an open session; false when it was already closed (a double submit). */
export async function closeLocalPaymentSession(
	db: Db,
	id: string,
	status: LocalSessionStatus,
): Promise<boolean> {
	const closed = await db
		.update(localPaymentSessions)
		.set({ status })
		.where(and(eq(localPaymentSessions.id, id), eq(localPaymentSessions.status, "open")))
		.returning({ id: localPaymentSessions.id });
	return closed.length > 0;
}

// ---- Delayed payments (issue #8) ----

/**
 * The local stand-in's bank transfer: a second row beside its session (status open → complete
 * or failed), so a session completed by transfer reads as processing until the money arrives.
 * Its id cannot be reached as a session through the payment page (the page's ids have no dot).
 */
export function bankTransferIdOf(sessionId: string): string {
	return `${sessionId}.transfer`;
}

export async function getBankTransfer(db: Db, sessionId: string): Promise<LocalPaymentSessionRow | null> {
	return getLocalPaymentSession(db, bankTransferIdOf(sessionId));
}

/**
 * The shopper chose bank transfer: the transfer row and the session's completion in one batch,
 * both only while the session is open. The last result names the session when it completed.
 */
export function startBankTransferStatements(db: Db, session: LocalPaymentSessionRow, now: number) {
	const transfer: LocalPaymentSessionRow = {
		...session,
		id: bankTransferIdOf(session.id),
		status: "open",
		createdAt: now,
	};
	const values = [
		transfer.id,
		transfer.orderNumber,
		transfer.amountMinor,
		transfer.currency,
		transfer.successUrl,
		transfer.cancelUrl,
		transfer.status,
		transfer.createdAt,
	];
	const sessionIsOpen = sql`exists (select 1 from ${localPaymentSessions} where ${localPaymentSessions.id} = ${session.id} and ${localPaymentSessions.status} = 'open')`;
	return [
		db.insert(localPaymentSessions).select(
			sql`select ${sql.join(
				values.map((v) => sql`${v}`),
				sql`, `,
			)} where ${sessionIsOpen}`,
		),
		db
			.update(localPaymentSessions)
			.set({ status: "complete" })
			.where(and(eq(localPaymentSessions.id, session.id), eq(localPaymentSessions.status, "open")))
			.returning({ id: localPaymentSessions.id }),
	] as const;
}

/** The transfer arrived or failed; false when it was already settled (a double submit). */
export function settleBankTransfer(
	db: Db,
	sessionId: string,
	status: "complete" | "failed",
): Promise<boolean> {
	return closeLocalPaymentSession(db, bankTransferIdOf(sessionId), status);
}

/** A day between asking the provider again about a payment it reported as processing. */
export const PENDING_RECHECK_MS = 24 * 3600_000;

/**
 * Placed orders whose reservation ended before `before`, that the provider has not reported as
 * processing within the last `PENDING_RECHECK_MS` (delayed payments take days; they are asked
 * about again daily, not on every run).
 */
export async function listLapsedUnpaidOrders(
	db: Db,
	before: number,
	now: number,
	limit: number,
): Promise<OrderRow[]> {
	return db
		.select()
		.from(orders)
		.where(
			and(
				eq(orders.status, "placed"),
				lt(orders.reservedUntil, before),
				or(isNull(orders.paymentPendingAt), lt(orders.paymentPendingAt, now - PENDING_RECHECK_MS)),
			),
		)
		.orderBy(asc(orders.reservedUntil))
		.limit(limit);
}

/** The provider says the payment is processing: the placed order waits for its outcome. */
export function markPaymentPendingStatement(db: Db, orderId: string, now: number) {
	return db
		.update(orders)
		.set({ paymentPendingAt: now, updatedAt: now })
		.where(and(eq(orders.id, orderId), eq(orders.status, "placed")))
		.returning({ id: orders.id });
}

export type CapturedPayment = { amountMinor: number; paymentReference: string };

/** A cancelled order that never captured anything: the one a late payment may reinstate. */
const cancelledUnpaid = (orderId: string) =>
	sql`exists (select 1 from ${orders} where ${orders.id} = ${orderId} and ${orders.status} = 'cancelled' and ${orders.paidMinor} = 0)`;

/**
 * Takes a cancelled order's stock back for its reinstatement, only while it is cancelled and
 * unpaid: run before `payOrderStatement` in the same batch. The CHECK (stock >= 0) fails the
 * batch when the stock has been sold meanwhile. Returns the variants it took from.
 */
export function retakeOrderStockStatement(db: Db, orderId: string) {
	const quantity = sql`(select ${orderLines.quantity} from ${orderLines} where ${orderLines.orderId} = ${orderId} and ${orderLines.variantId} = ${variants.id})`;
	return db
		.update(variants)
		.set({ stock: sql`${variants.stock} - ${quantity}` })
		.where(
			and(
				inArray(
					variants.id,
					db.select({ id: orderLines.variantId }).from(orderLines).where(eq(orderLines.orderId, orderId)),
				),
				cancelledUnpaid(orderId),
			),
		)
		.returning({ id: variants.id });
}

/**
 * The order is paid: from placed, or from cancelled-and-unpaid (a reinstatement, once its stock
 * is taken back). Records what was captured; returns the id when it moved.
 */
export function payOrderStatement(db: Db, orderId: string, now: number, payment: CapturedPayment) {
	if (!canTransition("placed", "paid") || !canTransition("cancelled", "paid")) {
		throw new AppError("invalid_state", "The status machine does not let a payment settle an order");
	}
	return db
		.update(orders)
		.set({
			status: "paid",
			paidAt: now,
			paidMinor: payment.amountMinor,
			paymentReference: payment.paymentReference,
			paymentPendingAt: null,
			cancelReason: null,
			updatedAt: now,
		})
		.where(
			and(
				eq(orders.id, orderId),
				or(eq(orders.status, "placed"), and(eq(orders.status, "cancelled"), eq(orders.paidMinor, 0))),
			),
		)
		.returning({ id: orders.id });
}

/**
 * Money captured for an order that stays cancelled (its stock is gone): recorded so it is
 * refunded (paid_at stays null: the order was never paid in the shop's sense).
 */
export function recordLateCaptureStatement(db: Db, orderId: string, now: number, payment: CapturedPayment) {
	return db
		.update(orders)
		.set({ paidMinor: payment.amountMinor, paymentReference: payment.paymentReference, updatedAt: now })
		.where(and(eq(orders.id, orderId), eq(orders.status, "cancelled"), eq(orders.paidMinor, 0)))
		.returning({ id: orders.id });
}

export async function getOrderById(db: Db, orderId: string): Promise<OrderRow | null> {
	return (await db.query.orders.findFirst({ where: eq(orders.id, orderId) })) ?? null;
}
