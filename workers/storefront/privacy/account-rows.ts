// Every commerce row about one account (issue #9, the inquiry): its profile, address book, carts,
// orders with their contacts, returns and threads, and its reviews. Everything is found by the
// account id, then by the ids of the rows found, in chunks under D1's 100 bound parameters.
import { asc, eq, inArray } from "drizzle-orm";
import {
	type CustomerAddress,
	cartLines,
	carts,
	consultationMessages,
	consultations,
	customerAddresses,
	customers,
	orderContacts,
	orderLines,
	orders,
	products,
	returns,
	reviews,
	variants,
} from "../db/schema";
import type { Db } from "../env";

const IDS_PER_QUERY = 90;

async function inChunks<T>(ids: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
	const found: T[] = [];
	for (let i = 0; i < ids.length; i += IDS_PER_QUERY)
		found.push(...(await query(ids.slice(i, i + IDS_PER_QUERY))));
	return found;
}

export async function readAccountRows(db: Db, accountId: string) {
	const [customer] = await db.select().from(customers).where(eq(customers.id, accountId)).limit(1);
	const addresses: CustomerAddress[] = await db
		.select()
		.from(customerAddresses)
		.where(eq(customerAddresses.customerId, accountId))
		.orderBy(asc(customerAddresses.createdAt), asc(customerAddresses.id));
	const cartRows = await db
		.select()
		.from(carts)
		.where(eq(carts.customerId, accountId))
		.orderBy(asc(carts.createdAt), asc(carts.id));
	const lines = await inChunks(
		cartRows.map((cart) => cart.id),
		(chunk) =>
			db
				.select({
					cartId: cartLines.cartId,
					variantId: cartLines.variantId,
					sku: variants.sku,
					productName: products.name,
					quantity: cartLines.quantity,
					addedAt: cartLines.addedAt,
				})
				.from(cartLines)
				.innerJoin(variants, eq(variants.id, cartLines.variantId))
				.innerJoin(products, eq(products.id, variants.productId))
				.where(inArray(cartLines.cartId, chunk))
				.orderBy(asc(cartLines.addedAt), asc(cartLines.variantId)),
	);
	const orderRows = await db
		.select()
		.from(orders)
		.where(eq(orders.customerId, accountId))
		.orderBy(asc(orders.createdAt), asc(orders.id));
	const orderIds = orderRows.map((order) => order.id);
	const orderLineRows = await inChunks(orderIds, (chunk) =>
		db.select().from(orderLines).where(inArray(orderLines.orderId, chunk)),
	);
	const contacts = await inChunks(orderIds, (chunk) =>
		db.select().from(orderContacts).where(inArray(orderContacts.orderId, chunk)),
	);
	const returnRows = await inChunks(orderIds, (chunk) =>
		db.select().from(returns).where(inArray(returns.orderId, chunk)).orderBy(asc(returns.createdAt)),
	);
	// The account's threads, and any other on its orders (all sealed under the account's subject).
	const ownThreads = await db.select().from(consultations).where(eq(consultations.customerId, accountId));
	const orderThreads = await inChunks(orderIds, (chunk) =>
		db.select().from(consultations).where(inArray(consultations.orderId, chunk)),
	);
	const threads = [...new Map([...ownThreads, ...orderThreads].map((row) => [row.id, row])).values()].sort(
		(a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
	);
	const messages = await inChunks(
		threads.map((thread) => thread.id),
		(chunk) =>
			db
				.select()
				.from(consultationMessages)
				.where(inArray(consultationMessages.consultationId, chunk))
				.orderBy(asc(consultationMessages.createdAt), asc(consultationMessages.id)),
	);
	const reviewRows = await db
		.select({
			review: reviews,
			product: { id: products.id, slug: products.slug, name: products.name },
		})
		.from(reviews)
		.innerJoin(products, eq(products.id, reviews.productId))
		.where(eq(reviews.customerId, accountId))
		.orderBy(asc(reviews.createdAt), asc(reviews.id));
	return {
		customer: customer ?? null,
		addresses,
		carts: cartRows,
		cartLines: lines,
		orders: orderRows,
		orderLines: orderLineRows,
		contacts,
		returns: returnRows,
		consultations: threads,
		messages,
		reviews: reviewRows,
	};
}

export type AccountRows = Awaited<ReturnType<typeof readAccountRows>>;
