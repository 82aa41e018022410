// Catalog reads behind the recommendation widget.
import { and, desc, eq, exists, gt, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../env";
import { productPrices, products, variants } from "./schema";

export type ProductCard = {
	id: number;
	slug: string;
	name: string;
	priceMinor: number;
	currency: string;
};

const inStock = (db: Db) =>
	exists(
		db
			.select({ one: sql`1` })
			.from(variants)
			.where(and(eq(variants.productId, products.id), gt(variants.stock, 0))),
	);

export async function getProductCategoryId(db: Db, productId: number): Promise<number | null> {
	const row = await db
		.select({ categoryId: products.categoryId })
		.from(products)
		.where(eq(products.id, productId))
		.get();
	return row?.categoryId ?? null;
}

/** In-stock products of a category, most popular first: the widget's fallback candidates. */
export async function listCategoryProductIds(
	db: Db,
	categoryId: number,
	excludeId: number,
	limit: number,
): Promise<number[]> {
	const rows = await db
		.select({ id: products.id })
		.from(products)
		.where(and(eq(products.categoryId, categoryId), ne(products.id, excludeId), inStock(db)))
		.orderBy(desc(products.popularity), products.id)
		.limit(limit);
	return rows.map((r) => r.id);
}

/** Cards for the given products that have stock and a price in `currency`, in the order given. */
export async function listInStockCards(
	db: Db,
	ids: readonly number[],
	currency = "USD",
): Promise<ProductCard[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.select({
			id: products.id,
			slug: products.slug,
			name: products.name,
			priceMinor: productPrices.minPriceMinor,
			currency: productPrices.currency,
		})
		.from(products)
		.innerJoin(
			productPrices,
			and(eq(productPrices.productId, products.id), eq(productPrices.currency, currency)),
		)
		.where(and(inArray(products.id, [...ids]), inStock(db)));
	const byId = new Map(rows.map((r) => [r.id, r]));
	return ids.flatMap((id) => byId.get(id) ?? []);
}
