import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../env";
import { DEFAULT_MARKET, MARKETS, type MarketId } from "../markets/markets";
import { cartLines, carts, products, variantPrices, variants } from "./schema";

export type CartRow = typeof carts.$inferSelect;

export async function insertCart(
	db: Db,
	id: string,
	now: number,
	customerId: string | null = null,
	market: MarketId = DEFAULT_MARKET,
): Promise<CartRow> {
	const { currency } = MARKETS[market];
	const row: CartRow = { id, status: "open", customerId, market, currency, createdAt: now, updatedAt: now };
	await db.insert(carts).values(row);
	return row;
}

export async function getOpenCart(db: Db, id: string): Promise<CartRow | null> {
	const row = await db.query.carts.findFirst({ where: and(eq(carts.id, id), eq(carts.status, "open")) });
	return row ?? null;
}

const openCartQuery = (db: Db, id: string) =>
	db
		.select()
		.from(carts)
		.where(and(eq(carts.id, id), eq(carts.status, "open")))
		.limit(1);

/**
 * What a cart line needs to know about its variant: names for display, stock, and its price in
 * the cart's currency from the price list (null: the variant is not sold in that currency).
 */
const variantForCartColumns = (currency: SQL | typeof carts.currency) => ({
	variantId: variants.id,
	// The variant's product_id, not products.id: drizzle maps batch results by column name, and a
	// second "id" would overwrite the variant's.
	productId: variants.productId,
	productName: products.name,
	productSlug: products.slug,
	sku: variants.sku,
	size: variants.size,
	color: variants.color,
	unitPriceMinor: variantPrices.priceMinor,
	currency: sql<string>`${currency}`.as("line_currency"),
	stock: variants.stock,
});

const priceIn = (currency: SQL | typeof carts.currency) =>
	and(eq(variantPrices.variantId, variants.id), eq(variantPrices.currency, currency));

/** The currency of cart `cartId`, inside a statement that reads it. */
const currencyOfCart = (cartId: string) =>
	sql`(select ${carts.currency} from ${carts} where ${carts.id} = ${cartId})`;

export type VariantForCart = {
	variantId: number;
	productId: number;
	productName: string;
	productSlug: string;
	sku: string;
	size: string;
	color: string;
	unitPriceMinor: number | null;
	currency: string;
	stock: number;
};

export type CartLineRow = VariantForCart & { quantity: number; addedAt: number };

const variantForCartQuery = (db: Db, variantId: number, currency: SQL) =>
	db
		.select(variantForCartColumns(currency))
		.from(variants)
		.innerJoin(products, eq(products.id, variants.productId))
		.leftJoin(variantPrices, priceIn(currency))
		.where(eq(variants.id, variantId))
		.limit(1);

/** A variant as a cart in `currency` would hold it. */
export async function getVariantForCart(
	db: Db,
	variantId: number,
	currency: string,
): Promise<VariantForCart | null> {
	const [row] = await variantForCartQuery(db, variantId, sql`${currency}`);
	return row ?? null;
}

/** The cart's lines, priced in the cart's own currency from the price list. */
const cartLinesQuery = (db: Db, cartId: string) =>
	db
		.select({
			...variantForCartColumns(carts.currency),
			quantity: cartLines.quantity,
			addedAt: cartLines.addedAt,
		})
		.from(cartLines)
		.innerJoin(carts, eq(carts.id, cartLines.cartId))
		.innerJoin(variants, eq(variants.id, cartLines.variantId))
		.innerJoin(products, eq(products.id, variants.productId))
		.leftJoin(variantPrices, priceIn(carts.currency))
		.where(eq(cartLines.cartId, cartId))
		.orderBy(asc(cartLines.addedAt), asc(cartLines.variantId));

export async function listCartLines(db: Db, cartId: string): Promise<CartLineRow[]> {
	return cartLinesQuery(db, cartId);
}

/** The open cart (null when there is none) and its lines, in one round trip. */
export async function getOpenCartWithLines(
	db: Db,
	cartId: string,
): Promise<{ cart: CartRow | null; lines: CartLineRow[] }> {
	const [[cart], lines] = await db.batch([openCartQuery(db, cartId), cartLinesQuery(db, cartId)]);
	return { cart: cart ?? null, lines };
}

/** The open cart, its lines and the variant about to be added, in one round trip. */
export async function getOpenCartForAdding(
	db: Db,
	cartId: string,
	variantId: number,
): Promise<{ cart: CartRow | null; lines: CartLineRow[]; variant: VariantForCart | null }> {
	const [[cart], lines, [variant]] = await db.batch([
		openCartQuery(db, cartId),
		cartLinesQuery(db, cartId),
		variantForCartQuery(db, variantId, currencyOfCart(cartId)),
	]);
	return { cart: cart ?? null, lines, variant: variant ?? null };
}

/**
 * Sets a line's quantity (inserting the line if new) and touches the cart, in one batch that
 * also reads the cart's lines as they are after the change.
 */
export async function upsertCartLine(
	db: Db,
	cartId: string,
	variantId: number,
	quantity: number,
	now: number,
): Promise<CartLineRow[]> {
	const [, , lines] = await db.batch([
		db
			.insert(cartLines)
			.values({ cartId, variantId, quantity, addedAt: now })
			.onConflictDoUpdate({ target: [cartLines.cartId, cartLines.variantId], set: { quantity } }),
		db.update(carts).set({ updatedAt: now }).where(eq(carts.id, cartId)),
		cartLinesQuery(db, cartId),
	]);
	return lines;
}

/**
 * Deletes a line and touches the cart, in one batch that also reads the lines left; `deleted`
 * says whether the line was there.
 */
export async function deleteCartLine(
	db: Db,
	cartId: string,
	variantId: number,
	now: number,
): Promise<{ deleted: boolean; lines: CartLineRow[] }> {
	const [deleted, , lines] = await db.batch([
		db
			.delete(cartLines)
			.where(and(eq(cartLines.cartId, cartId), eq(cartLines.variantId, variantId)))
			.returning({ variantId: cartLines.variantId }),
		db.update(carts).set({ updatedAt: now }).where(eq(carts.id, cartId)),
		cartLinesQuery(db, cartId),
	]);
	return { deleted: deleted.length > 0, lines };
}

/** Moves an open cart to another market: its lines are priced in that market's currency from now on. */
export async function setCartMarket(db: Db, cartId: string, market: MarketId, now: number): Promise<void> {
	const { currency } = MARKETS[market];
	await db
		.update(carts)
		.set({ market, currency, updatedAt: now })
		.where(and(eq(carts.id, cartId), eq(carts.status, "open")));
}

/** Checkout closes the cart only if it is still open; paired with the order insert below. */
export function closeCartStatement(db: Db, cartId: string, now: number) {
	return db
		.update(carts)
		.set({ status: "checked_out", updatedAt: now })
		.where(and(eq(carts.id, cartId), eq(carts.status, "open")));
}

export function reopenCartStatement(db: Db, cartId: string, now: number) {
	return db.update(carts).set({ status: "open", updatedAt: now }).where(eq(carts.id, cartId));
}

/** The account's newest open cart other than `exceptId`: the one a login merges from. */
export async function findCustomerOpenCart(
	db: Db,
	customerId: string,
	exceptId?: string,
): Promise<CartRow | null> {
	const rows = await db
		.select()
		.from(carts)
		.where(and(eq(carts.customerId, customerId), eq(carts.status, "open")))
		.orderBy(desc(carts.updatedAt))
		.limit(2);
	return rows.find((row) => row.id !== exceptId) ?? null;
}

/**
 * Moves lines into `targetId` and closes `fromId` as merged, in one batch; the target becomes the
 * customer's cart. Each line's upsert sets the merged quantity the plan computed.
 */
export async function mergeIntoCart(
	db: Db,
	targetId: string,
	fromId: string | null,
	customerId: string,
	lines: readonly { variantId: number; quantity: number; addedAt: number }[],
	now: number,
) {
	await db.batch([
		db.update(carts).set({ customerId, updatedAt: now }).where(eq(carts.id, targetId)),
		...lines.map((line) =>
			db
				.insert(cartLines)
				.values({ cartId: targetId, ...line })
				.onConflictDoUpdate({
					target: [cartLines.cartId, cartLines.variantId],
					set: { quantity: line.quantity },
				}),
		),
		...(fromId
			? [
					db
						.update(carts)
						.set({ status: "merged", updatedAt: now })
						.where(and(eq(carts.id, fromId), eq(carts.status, "open"))),
				]
			: []),
	]);
}
