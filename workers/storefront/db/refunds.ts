// Refund rows and the order's refunded total, kept in step: a refund's amount is reserved on the
// order (refunded_minor) in the same batch that inserts its row, and released in the same batch
// that marks it failed, so the refunds of an order never add up to more than it paid.
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Statement } from "../../shared/d1-batch";
import type { Db } from "../env";
import { orders, type Refund, refunds } from "./schema";

export type RefundStatus = Refund["status"];

/** What a refund needs to know of its order. */
export type OrderPayment = Pick<
	typeof orders.$inferSelect,
	| "id"
	| "number"
	| "status"
	| "currency"
	| "paymentProvider"
	| "paymentReference"
	| "paidMinor"
	| "refundedMinor"
	| "paidAt"
>;

const ORDER_PAYMENT_COLUMNS = {
	id: orders.id,
	number: orders.number,
	status: orders.status,
	currency: orders.currency,
	paymentProvider: orders.paymentProvider,
	paymentReference: orders.paymentReference,
	paidMinor: orders.paidMinor,
	refundedMinor: orders.refundedMinor,
	paidAt: orders.paidAt,
};

export async function getOrderPayment(db: Db, orderId: string): Promise<OrderPayment | null> {
	const [row] = await db.select(ORDER_PAYMENT_COLUMNS).from(orders).where(eq(orders.id, orderId)).limit(1);
	return row ?? null;
}

export async function getRefundByKey(db: Db, idempotencyKey: string): Promise<Refund | null> {
	return (await db.query.refunds.findFirst({ where: eq(refunds.idempotencyKey, idempotencyKey) })) ?? null;
}

export async function getRefund(db: Db, id: string): Promise<Refund | null> {
	return (await db.query.refunds.findFirst({ where: eq(refunds.id, id) })) ?? null;
}

export function listRefundsOfOrder(db: Db, orderId: string): Promise<Refund[]> {
	return db
		.select()
		.from(refunds)
		.where(eq(refunds.orderId, orderId))
		.orderBy(asc(refunds.createdAt), asc(refunds.id));
}

const hasRoomFor = (orderId: string, amountMinor: number) =>
	sql`exists (select 1 from ${orders} where ${orders.id} = ${orderId} and ${orders.refundedMinor} + ${amountMinor} <= ${orders.paidMinor})`;

/**
 * Inserts a `pending` refund only while the order has room for it; its unique idempotency key
 * makes a concurrent twin fail the batch. Follow it with `reserveRefundStatement`.
 */
export function insertRefundIfRoomStatement(db: Db, row: Refund): Statement {
	const values = [
		row.id,
		row.orderId,
		row.returnId,
		row.amountMinor,
		row.currency,
		row.reason,
		row.idempotencyKey,
		row.status,
		row.providerRefundId,
		row.createdAt,
		row.updatedAt,
	];
	return db.insert(refunds).select(
		sql`select ${sql.join(
			values.map((v) => sql`${v}`),
			sql`, `,
		)} where ${hasRoomFor(row.orderId, row.amountMinor)}`,
	);
}

/**
 * The conditional reservation: adds the refund to the order's refunded total only when the row
 * was inserted (same batch) and the total stays within what was paid. Returns the order id when
 * it reserved.
 */
export function reserveRefundStatement(db: Db, row: Refund, now: number) {
	return db
		.update(orders)
		.set({ refundedMinor: sql`${orders.refundedMinor} + ${row.amountMinor}`, updatedAt: now })
		.where(
			and(
				eq(orders.id, row.orderId),
				sql`${orders.refundedMinor} + ${row.amountMinor} <= ${orders.paidMinor}`,
				sql`exists (select 1 from ${refunds} where ${refunds.id} = ${row.id} and ${refunds.status} = 'pending')`,
			),
		)
		.returning({ id: orders.id });
}

/** The provider accepted the refund: record its id and state. Returns the row when it changed. */
export function settleRefundStatement(
	db: Db,
	refundId: string,
	status: Exclude<RefundStatus, "failed">,
	providerRefundId: string,
	now: number,
) {
	return db
		.update(refunds)
		.set({ status, providerRefundId, updatedAt: now })
		.where(and(eq(refunds.id, refundId), eq(refunds.status, "pending")))
		.returning();
}

/** The key a failed refund keeps: its own, freed for a retry, with where it went recorded. */
export function failedRefundKey(refund: Pick<Refund, "id" | "idempotencyKey">): string {
	return `${refund.idempotencyKey}#failed:${refund.id}`;
}

/**
 * The provider refused or could not be reached: release the amount and mark the row failed,
 * freeing its idempotency key so a retry with the same key tries again. The release comes
 * first and only while the row is still pending, so it happens once.
 */
export function failRefundStatements(db: Db, refund: Refund, now: number): Statement[] {
	return [
		db
			.update(orders)
			.set({ refundedMinor: sql`${orders.refundedMinor} - ${refund.amountMinor}`, updatedAt: now })
			.where(
				and(
					eq(orders.id, refund.orderId),
					sql`exists (select 1 from ${refunds} where ${refunds.id} = ${refund.id} and ${refunds.status} = 'pending')`,
				),
			),
		db
			.update(refunds)
			.set({ status: "failed", idempotencyKey: failedRefundKey(refund), updatedAt: now })
			.where(and(eq(refunds.id, refund.id), eq(refunds.status, "pending"))),
	];
}

/**
 * Payments captured on orders that were cancelled before the money arrived and could not be
 * reinstated (paid_at stays null on those), not yet refunded in full: the cron retries them.
 */
export function listUnrefundedLatePayments(db: Db, limit: number): Promise<OrderPayment[]> {
	return db
		.select(ORDER_PAYMENT_COLUMNS)
		.from(orders)
		.where(
			and(eq(orders.status, "cancelled"), isNull(orders.paidAt), gt(orders.paidMinor, orders.refundedMinor)),
		)
		.orderBy(asc(orders.updatedAt))
		.limit(limit);
}
