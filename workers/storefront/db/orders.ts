import { and, asc, desc, eq, getTableColumns, inArray, lt, sql } from "drizzle-orm";
import type { Statement } from "../../shared/d1-batch";
import type { Db } from "../env";
import { AppError } from "../errors";
import { canTransition } from "../orders/status-machine";
import { carts, type OrderStatus, orderContacts, orderLines, orders, variants } from "./schema";

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type OrderContactRow = typeof orderContacts.$inferSelect;

// Order lines have 8 columns: 10 rows stay under D1's 100 bound parameters per statement.
const ORDER_LINE_ROWS_PER_INSERT = 10;

/**
 * Inserts the order only while its cart is still open. In the checkout batch the order lines
 * that follow reference this row, so when a second checkout of the same cart finds it closed,
 * their foreign key fails and the whole batch (stock decrements included) rolls back.
 */
export function insertOrderIfCartOpenStatement(db: Db, row: OrderRow, cartId: string): Statement {
	// Each value as its column stores it (booleans as 0/1, the tax lines as JSON text).
	const values = Object.entries(getTableColumns(orders)).map(([key, column]) => {
		const value = row[key as keyof OrderRow];
		return value === null || value === undefined ? null : column.mapToDriverValue(value);
	});
	const cartIsOpen = sql`exists (select 1 from ${carts} where ${carts.id} = ${cartId} and ${carts.status} = 'open')`;
	return db.insert(orders).select(
		sql`select ${sql.join(
			values.map((v) => sql`${v}`),
			sql`, `,
		)} where ${cartIsOpen}`,
	);
}

export function insertOrderLinesStatements(db: Db, lines: OrderLineRow[]): Statement[] {
	const statements: Statement[] = [];
	for (let i = 0; i < lines.length; i += ORDER_LINE_ROWS_PER_INSERT) {
		statements.push(db.insert(orderLines).values(lines.slice(i, i + ORDER_LINE_ROWS_PER_INSERT)));
	}
	return statements;
}

export function insertOrderContactStatement(db: Db, row: OrderContactRow): Statement {
	return db.insert(orderContacts).values(row);
}

/** The CHECK (stock >= 0) on variants makes this fail, and its batch with it, rather than oversell. */
export function decrementStockStatement(db: Db, variantId: number, quantity: number): Statement {
	return db
		.update(variants)
		.set({ stock: sql`${variants.stock} - ${quantity}` })
		.where(eq(variants.id, variantId));
}

/**
 * Puts an order's reserved stock back, but only while the order is still `placed`: run it
 * before the status change in the same batch, so stock is released exactly once.
 */
export function releaseOrderStockStatement(db: Db, orderId: string): Statement {
	const reservedQuantity = sql`(select ${orderLines.quantity} from ${orderLines} where ${orderLines.orderId} = ${orderId} and ${orderLines.variantId} = ${variants.id})`;
	return db
		.update(variants)
		.set({ stock: sql`${variants.stock} + ${reservedQuantity}` })
		.where(
			and(
				inArray(
					variants.id,
					db.select({ id: orderLines.variantId }).from(orderLines).where(eq(orderLines.orderId, orderId)),
				),
				sql`exists (select 1 from ${orders} where ${orders.id} = ${orderId} and ${orders.status} = 'placed')`,
			),
		);
}

type TransitionExtra = { cancelReason?: string; paidAt?: number };

/**
 * Moves an order from `from` to `to` if it is still in `from`; returns the id when it moved.
 * Throws for a transition the status machine forbids, whatever the row holds.
 */
export function orderTransitionStatement(
	db: Db,
	orderId: string,
	from: OrderStatus,
	to: OrderStatus,
	now: number,
	extra: TransitionExtra = {},
) {
	if (!canTransition(from, to))
		throw new AppError("invalid_state", `An order cannot go from ${from} to ${to}`);
	return db
		.update(orders)
		.set({ status: to, updatedAt: now, ...extra })
		.where(and(eq(orders.id, orderId), eq(orders.status, from)))
		.returning({ id: orders.id });
}

export async function transitionOrderStatus(
	db: Db,
	orderId: string,
	from: OrderStatus,
	to: OrderStatus,
	now: number,
	extra: TransitionExtra = {},
): Promise<boolean> {
	const moved = await orderTransitionStatement(db, orderId, from, to, now, extra);
	return moved.length > 0;
}

/** Cancels a `placed` order and releases its stock, as one pair of batch statements. */
export function cancelPlacedOrderStatements(db: Db, orderId: string, reason: string, now: number) {
	return [
		releaseOrderStockStatement(db, orderId),
		orderTransitionStatement(db, orderId, "placed", "cancelled", now, { cancelReason: reason }),
	] as const;
}

export async function getOrderByNumber(db: Db, number: string): Promise<OrderRow | null> {
	return (await db.query.orders.findFirst({ where: eq(orders.number, number) })) ?? null;
}

export async function listOrderLines(db: Db, orderId: string): Promise<OrderLineRow[]> {
	return db
		.select()
		.from(orderLines)
		.where(eq(orderLines.orderId, orderId))
		.orderBy(asc(orderLines.variantId));
}

export async function getOrderContact(db: Db, orderId: string): Promise<OrderContactRow | null> {
	return (await db.query.orderContacts.findFirst({ where: eq(orderContacts.orderId, orderId) })) ?? null;
}

export async function setOrderPaymentSession(db: Db, orderId: string, sessionId: string, now: number) {
	await db.update(orders).set({ paymentSessionId: sessionId, updatedAt: now }).where(eq(orders.id, orderId));
}

/** Placed orders whose stock reservation ran out before payment arrived. */
export async function listExpiredReservations(db: Db, now: number, limit: number): Promise<OrderRow[]> {
	return db
		.select()
		.from(orders)
		.where(and(eq(orders.status, "placed"), lt(orders.reservedUntil, now)))
		.orderBy(asc(orders.reservedUntil))
		.limit(limit);
}

/** Orders newest first for staff, by keyset (createdAt, id) strictly before the cursor. */
export async function listOrdersForStaff(
	db: Db,
	options: { status?: OrderStatus; before?: { createdAt: number; id: string }; limit: number },
) {
	const conditions = [
		options.status ? eq(orders.status, options.status) : undefined,
		options.before
			? sql`(${orders.createdAt} < ${options.before.createdAt} or (${orders.createdAt} = ${options.before.createdAt} and ${orders.id} < ${options.before.id}))`
			: undefined,
	];
	return db
		.select({
			id: orders.id,
			number: orders.number,
			status: orders.status,
			currency: orders.currency,
			totalMinor: orders.totalMinor,
			shippingMethod: orders.shippingMethod,
			createdAt: orders.createdAt,
			updatedAt: orders.updatedAt,
			itemCount: sql<number>`(select coalesce(sum(${orderLines.quantity}), 0) from ${orderLines} where ${orderLines.orderId} = ${orders.id})`,
		})
		.from(orders)
		.where(and(...conditions))
		.orderBy(desc(orders.createdAt), desc(orders.id))
		.limit(options.limit);
}

/** A customer's orders, newest first: only ever by the customer's own id. */
export function listCustomerOrders(db: Db, customerId: string, limit: number): Promise<OrderRow[]> {
	return db
		.select()
		.from(orders)
		.where(eq(orders.customerId, customerId))
		.orderBy(desc(orders.createdAt), desc(orders.id))
		.limit(limit);
}

export async function listLinesOfOrders(db: Db, orderIds: readonly string[]): Promise<OrderLineRow[]> {
	if (orderIds.length === 0) return [];
	return db
		.select()
		.from(orderLines)
		.where(inArray(orderLines.orderId, [...orderIds]))
		.orderBy(asc(orderLines.orderId), asc(orderLines.variantId));
}

/** The distinct products an order bought (for its purchase event). */
export async function productIdsOfOrder(db: Db, orderId: string): Promise<number[]> {
	const rows = await db
		.selectDistinct({ productId: variants.productId })
		.from(orderLines)
		.innerJoin(variants, eq(variants.id, orderLines.variantId))
		.where(eq(orderLines.orderId, orderId));
	return rows.map((row) => row.productId);
}
