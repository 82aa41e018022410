// Queries of the warehouse's work (issue #8): moving an order one fulfilment step, and the packed
// orders a logistics manifest lists, with their contents and sealed contacts.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../env";
import { FULFILMENT_STEPS, type FulfilmentStep, type Shipment } from "../fulfilment/transitions";
import type { OrderContactRow, OrderLineRow, OrderRow } from "./orders";
import { orderContacts, orderLines, orders } from "./schema";

// D1 binds at most 100 parameters per statement.
const IDS_PER_QUERY = 90;

/**
 * Moves the order one step if it is still in the step's `from` status, stamping the time (and,
 * when shipping, the carrier and tracking number); the moved row, or null when it was not there.
 */
export async function advanceOrder(
	db: Db,
	orderId: string,
	step: FulfilmentStep,
	now: number,
	shipment?: Shipment,
): Promise<OrderRow | null> {
	const { from, to, stamp } = FULFILMENT_STEPS[step];
	const [moved] = await db
		.update(orders)
		.set({ status: to, updatedAt: now, [stamp]: now, ...(shipment ?? {}) })
		.where(and(eq(orders.id, orderId), eq(orders.status, from)))
		.returning();
	return moved ?? null;
}

export type PackedCursor = { packedAt: number; id: string };

/** Packed orders, longest packed first, by keyset (packedAt, id) strictly after the cursor. */
export function listPackedOrders(
	db: Db,
	options: { after?: PackedCursor; limit: number },
): Promise<OrderRow[]> {
	const after = options.after
		? sql`(${orders.packedAt} > ${options.after.packedAt} or (${orders.packedAt} = ${options.after.packedAt} and ${orders.id} > ${options.after.id}))`
		: undefined;
	return db
		.select()
		.from(orders)
		.where(and(eq(orders.status, "packed"), after))
		.orderBy(asc(orders.packedAt), asc(orders.id))
		.limit(options.limit);
}

function chunks<T>(items: readonly T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += IDS_PER_QUERY) out.push(items.slice(i, i + IDS_PER_QUERY));
	return out;
}

export async function listLinesOfOrderIds(db: Db, orderIds: readonly string[]): Promise<OrderLineRow[]> {
	const pages = await Promise.all(
		chunks(orderIds).map((ids) =>
			db
				.select()
				.from(orderLines)
				.where(inArray(orderLines.orderId, ids))
				.orderBy(asc(orderLines.orderId), asc(orderLines.variantId)),
		),
	);
	return pages.flat();
}

export async function listContactsOfOrderIds(
	db: Db,
	orderIds: readonly string[],
): Promise<OrderContactRow[]> {
	const pages = await Promise.all(
		chunks(orderIds).map((ids) => db.select().from(orderContacts).where(inArray(orderContacts.orderId, ids))),
	);
	return pages.flat();
}
