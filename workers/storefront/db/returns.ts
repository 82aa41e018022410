// Queries of returns (RMA) and their lines (issue #8). Status changes are conditional on the
// status read, and the restock of a receipt runs in the same batch as its status change, guarded
// by that status, so stock goes back exactly once whatever races or retries.
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Statement } from "../../shared/d1-batch";
import type { Db } from "../env";
import { AppError } from "../errors";
import { canMoveReturn, OPEN_RETURN_STATUSES } from "../returns/return-rules";
import {
	orderLines,
	orders,
	type Return,
	type ReturnStatus,
	refunds,
	returnLines,
	returns,
	variants,
} from "./schema";

export type ReturnRow = Return;
export type ReturnLineRow = typeof returnLines.$inferSelect;

// Return lines have 3 columns: 30 rows stay under D1's 100 bound parameters per statement.
const RETURN_LINE_ROWS_PER_INSERT = 30;

/** The return and its lines; the partial unique index refuses a second open return of the order. */
export function insertReturnStatements(db: Db, row: ReturnRow, lines: readonly ReturnLineRow[]): Statement[] {
	const statements: Statement[] = [db.insert(returns).values(row)];
	for (let i = 0; i < lines.length; i += RETURN_LINE_ROWS_PER_INSERT) {
		statements.push(db.insert(returnLines).values(lines.slice(i, i + RETURN_LINE_ROWS_PER_INSERT)));
	}
	return statements;
}

export async function setReturnDetails(db: Db, returnId: string, detailsCt: string): Promise<void> {
	await db.update(returns).set({ detailsCt }).where(eq(returns.id, returnId));
}

/** Undoes a request whose sealing failed (its lines go by cascade). */
export async function deleteReturn(db: Db, returnId: string): Promise<void> {
	await db.delete(returns).where(eq(returns.id, returnId));
}

export async function getReturnByNumber(db: Db, number: string): Promise<ReturnRow | null> {
	return (await db.query.returns.findFirst({ where: eq(returns.number, number) })) ?? null;
}

export async function getOrderById(db: Db, orderId: string) {
	return (await db.query.orders.findFirst({ where: eq(orders.id, orderId) })) ?? null;
}

export async function hasOpenReturn(db: Db, orderId: string): Promise<boolean> {
	const row = await db.query.returns.findFirst({
		where: and(eq(returns.orderId, orderId), inArray(returns.status, [...OPEN_RETURN_STATUSES])),
		columns: { id: true },
	});
	return row !== undefined;
}

/** What the order's returns took back (or are taking back): every return but the rejected ones. */
export function listTakenBackLines(db: Db, orderId: string) {
	return db
		.select({ variantId: returnLines.variantId, quantity: returnLines.quantity })
		.from(returnLines)
		.innerJoin(returns, eq(returns.id, returnLines.returnId))
		.where(and(eq(returns.orderId, orderId), ne(returns.status, "rejected")));
}

/** Return lines with what the order line says about them (name, size, colour, price). */
export async function listReturnLinesOf(db: Db, returnIds: readonly string[]) {
	if (returnIds.length === 0) return [];
	return db
		.select({
			returnId: returnLines.returnId,
			variantId: returnLines.variantId,
			quantity: returnLines.quantity,
			productName: orderLines.productName,
			sku: orderLines.sku,
			size: orderLines.size,
			color: orderLines.color,
			unitPriceMinor: orderLines.unitPriceMinor,
		})
		.from(returnLines)
		.innerJoin(returns, eq(returns.id, returnLines.returnId))
		.innerJoin(
			orderLines,
			and(eq(orderLines.orderId, returns.orderId), eq(orderLines.variantId, returnLines.variantId)),
		)
		.where(inArray(returnLines.returnId, [...returnIds]))
		.orderBy(asc(returnLines.returnId), asc(returnLines.variantId));
}

export type ReturnLineView = Awaited<ReturnType<typeof listReturnLinesOf>>[number];

/** Money refunded per return (refunds that did not fail). */
export async function refundedByReturn(db: Db, returnIds: readonly string[]): Promise<Map<string, number>> {
	if (returnIds.length === 0) return new Map();
	const rows = await db
		.select({ returnId: refunds.returnId, amount: sql<number>`sum(${refunds.amountMinor})` })
		.from(refunds)
		.where(and(inArray(refunds.returnId, [...returnIds]), ne(refunds.status, "failed")))
		.groupBy(refunds.returnId);
	return new Map(rows.map((row) => [row.returnId ?? "", Number(row.amount)]));
}

const returnWithOrder = {
	id: returns.id,
	number: returns.number,
	orderId: returns.orderId,
	orderNumber: orders.number,
	currency: orders.currency,
	status: returns.status,
	reason: returns.reason,
	rejection: returns.rejection,
	refundMinor: returns.refundMinor,
	requestedBy: returns.requestedBy,
	createdAt: returns.createdAt,
	updatedAt: returns.updatedAt,
	approvedAt: returns.approvedAt,
	receivedAt: returns.receivedAt,
	closedAt: returns.closedAt,
};

/** A return as every view shows it: its order's number and currency, no ciphertext. */
export type ReturnSummaryRow = Awaited<ReturnType<typeof listReturnsOfOrder>>[number];

export function listReturnsOfOrder(db: Db, orderId: string) {
	return db
		.select(returnWithOrder)
		.from(returns)
		.innerJoin(orders, eq(orders.id, returns.orderId))
		.where(eq(returns.orderId, orderId))
		.orderBy(desc(returns.createdAt), desc(returns.id));
}

/** One return by its number, with what its handling needs of the order (owner, subject). */
export async function findReturn(db: Db, number: string) {
	const [row] = await db
		.select({
			...returnWithOrder,
			detailsCt: returns.detailsCt,
			customerId: orders.customerId,
			subjectId: orders.subjectId,
		})
		.from(returns)
		.innerJoin(orders, eq(orders.id, returns.orderId))
		.where(eq(returns.number, number))
		.limit(1);
	return row ?? null;
}

export type FoundReturn = NonNullable<Awaited<ReturnType<typeof findReturn>>>;

/** A customer's returns, newest first: only ever through the customer's own orders. */
export function listCustomerReturns(db: Db, customerId: string, limit: number) {
	return db
		.select(returnWithOrder)
		.from(returns)
		.innerJoin(orders, eq(orders.id, returns.orderId))
		.where(eq(orders.customerId, customerId))
		.orderBy(desc(returns.createdAt), desc(returns.id))
		.limit(limit);
}

/** Returns newest first for staff, by keyset (createdAt, id) strictly before the cursor. */
export function listReturnsForStaff(
	db: Db,
	options: { status?: ReturnStatus; before?: { createdAt: number; id: string }; limit: number },
) {
	const conditions = [
		options.status ? eq(returns.status, options.status) : undefined,
		options.before
			? sql`(${returns.createdAt} < ${options.before.createdAt} or (${returns.createdAt} = ${options.before.createdAt} and ${returns.id} < ${options.before.id}))`
			: undefined,
	];
	return db
		.select(returnWithOrder)
		.from(returns)
		.innerJoin(orders, eq(orders.id, returns.orderId))
		.where(and(...conditions))
		.orderBy(desc(returns.createdAt), desc(returns.id))
		.limit(options.limit);
}

type ReturnChange = Partial<
	Pick<ReturnRow, "refundMinor" | "rejection" | "approvedAt" | "receivedAt" | "closedAt">
>;

/**
 * Moves a return from `from` to `to` if it is still in `from`; returns its id when it moved.
 * Throws for a move the status machine forbids, whatever the row holds.
 */
export function moveReturnStatement(
	db: Db,
	returnId: string,
	from: ReturnStatus,
	to: ReturnStatus,
	now: number,
	change: ReturnChange = {},
) {
	if (!canMoveReturn(from, to))
		throw new AppError("invalid_state", `A return cannot go from ${from} to ${to}`);
	return db
		.update(returns)
		.set({ status: to, updatedAt: now, ...change })
		.where(and(eq(returns.id, returnId), eq(returns.status, from)))
		.returning({ id: returns.id });
}

/**
 * Puts a return's lines back in stock, but only while the return is still `approved`: run it
 * before the move to `received` in the same batch, so stock comes back exactly once.
 */
export function restockReturnStatement(db: Db, returnId: string): Statement {
	const returnedQuantity = sql`(select ${returnLines.quantity} from ${returnLines} where ${returnLines.returnId} = ${returnId} and ${returnLines.variantId} = ${variants.id})`;
	return db
		.update(variants)
		.set({ stock: sql`${variants.stock} + ${returnedQuantity}` })
		.where(
			and(
				inArray(
					variants.id,
					db
						.select({ id: returnLines.variantId })
						.from(returnLines)
						.where(eq(returnLines.returnId, returnId)),
				),
				sql`exists (select 1 from ${returns} where ${returns.id} = ${returnId} and ${returns.status} = 'approved')`,
			),
		);
}
