// Catalog reads. Every statement binds a bounded number of parameters (a listing at most
// ~25: a few filters, 2 per text term, 3 for the cursor and limit), well under D1's 100.
import { and, asc, count, desc, eq, exists, getTableColumns, gte, lte, or, type SQL, sql } from "drizzle-orm";
import {
	type Cursor,
	encodeCursor,
	isAscending,
	type PageRequest,
	type ProductFilters,
	productBadges,
	type Sort,
	sortKey,
} from "../catalog/listing";
import type { ProductCard, ProductDetail } from "../catalog/schemas";
import type { Db } from "../env";
import { type Category, categories, productPrices, products, variantPrices, variants } from "./schema";

export type CategoryWithCount = Category & { productCount: number };
export type ProductPage = { items: ProductCard[]; nextCursor: string | null };

const SORT_COLUMNS = {
	popular: products.popularity,
	newest: products.createdAt,
	price_asc: productPrices.minPriceMinor,
	price_desc: productPrices.minPriceMinor,
} as const satisfies Record<Sort, unknown>;

const inStock = sql<boolean>`exists (select 1 from ${variants} where ${variants.productId} = ${products.id} and ${variants.stock} > 0)`;

const cardColumns = {
	id: products.id,
	slug: products.slug,
	name: products.name,
	// Aliased: drizzle maps batch results by column name, so the category's "slug" and "name"
	// would overwrite the product's when the listing runs in a batch.
	categorySlug: sql<string>`${categories.slug}`.as("category_slug"),
	categoryName: sql<string>`${categories.name}`.as("category_name"),
	// The price list's: each card in the listing's currency (products.min_price_minor is USD's).
	minPriceMinor: productPrices.minPriceMinor,
	currency: sql<string>`${productPrices.currency}`.as("price_currency"),
	machineWashable: products.machineWashable,
	stainResistant: products.stainResistant,
	nonSlipBacking: products.nonSlipBacking,
	petFriendly: products.petFriendly,
	popularity: products.popularity,
	createdAt: products.createdAt,
	inStock: inStock.mapWith(Boolean),
};

type CardRow = {
	id: number;
	slug: string;
	name: string;
	categorySlug: string;
	categoryName: string;
	minPriceMinor: number;
	currency: string;
	machineWashable: boolean;
	stainResistant: boolean;
	nonSlipBacking: boolean;
	petFriendly: boolean;
	inStock: boolean;
};

function toProductCard(row: CardRow): ProductCard {
	return {
		id: row.id,
		slug: row.slug,
		name: row.name,
		category: { slug: row.categorySlug, name: row.categoryName },
		minPriceMinor: row.minPriceMinor,
		currency: row.currency,
		badges: productBadges(row),
		inStock: row.inStock,
	};
}

const categoriesQuery = (db: Db) =>
	db
		.select({ ...getTableColumns(categories), productCount: count(products.id) })
		.from(categories)
		.leftJoin(products, eq(products.categoryId, categories.id))
		.groupBy(categories.id)
		.orderBy(asc(categories.id));

export async function listCategories(db: Db): Promise<CategoryWithCount[]> {
	return categoriesQuery(db);
}

function filterConditions(db: Db, filters: ProductFilters): (SQL | undefined)[] {
	const variantMatch =
		filters.color !== undefined || filters.size !== undefined
			? exists(
					db
						.select({ one: sql`1` })
						.from(variants)
						.where(
							and(
								eq(variants.productId, products.id),
								filters.color === undefined ? undefined : eq(variants.color, filters.color),
								filters.size === undefined ? undefined : eq(variants.size, filters.size),
							),
						),
				)
			: undefined;
	// instr, not LIKE: a term is matched literally (no wildcards to escape), and D1 refuses LIKE
	// patterns over 50 bytes, which a long search word would otherwise turn into a 500.
	const termMatches = (filters.terms ?? []).map((term) =>
		or(
			sql`instr(lower(${products.name}), ${term}) > 0`,
			sql`instr(lower(${products.description}), ${term}) > 0`,
		),
	);
	return [
		filters.category === undefined ? undefined : eq(categories.slug, filters.category),
		variantMatch,
		filters.washable === undefined ? undefined : eq(products.machineWashable, filters.washable),
		filters.stainResistant === undefined ? undefined : eq(products.stainResistant, filters.stainResistant),
		filters.petFriendly === undefined ? undefined : eq(products.petFriendly, filters.petFriendly),
		filters.minPrice === undefined ? undefined : gte(productPrices.minPriceMinor, filters.minPrice),
		filters.maxPrice === undefined ? undefined : lte(productPrices.minPriceMinor, filters.maxPrice),
		...termMatches,
	];
}

/** Rows strictly after `cursor` in the (sort key, id) order, so pages never overlap or skip. */
function afterCursor(cursor: Cursor): SQL {
	const column = SORT_COLUMNS[cursor.sort];
	return isAscending(cursor.sort)
		? sql`(${column}, ${products.id}) > (${cursor.key}, ${cursor.id})`
		: sql`(${column}, ${products.id}) < (${cursor.key}, ${cursor.id})`;
}

/** The listing's WHERE and ORDER BY: filters, then keyset pagination on (sort key, id). */
function listingClauses(db: Db, filters: ProductFilters, page: PageRequest) {
	const column = SORT_COLUMNS[page.sort];
	const direction = isAscending(page.sort) ? asc : desc;
	return {
		where: and(...filterConditions(db, filters), page.after ? afterCursor(page.after) : undefined),
		orderBy: [direction(column), direction(products.id)],
		// One extra row tells whether another page exists without a COUNT query.
		limit: page.limit + 1,
	};
}

/** A product is listed in a currency only when the price list has it in that currency. */
const pricedIn = (currency: string | undefined) =>
	and(eq(productPrices.productId, products.id), eq(productPrices.currency, currency ?? DEFAULT_CURRENCY));

const DEFAULT_CURRENCY = "USD";

const listingQuery = (db: Db, filters: ProductFilters, page: PageRequest) => {
	const { where, orderBy, limit } = listingClauses(db, filters, page);
	return db
		.select(cardColumns)
		.from(products)
		.innerJoin(categories, eq(categories.id, products.categoryId))
		.innerJoin(productPrices, pricedIn(filters.currency))
		.where(where)
		.orderBy(...orderBy)
		.limit(limit);
};

/**
 * The colour a product card is drawn in: its default variant's, the one the product page's form
 * preselects (the cheapest in stock; the cheapest of all when none is). Null without variants.
 */
const cardColor = sql<
	string | null
>`(select w.color from ${variants} w where w.product_id = ${products.id} order by w.stock > 0 desc, w.price_minor, w.color, w.id limit 1)`.as(
	"card_color",
);

/** The listing for the HTML pages: each card also carries the colour it is drawn in. */
const coloredListingQuery = (db: Db, filters: ProductFilters, page: PageRequest) => {
	const { where, orderBy, limit } = listingClauses(db, filters, page);
	return db
		.select({ ...cardColumns, cardColor })
		.from(products)
		.innerJoin(categories, eq(categories.id, products.categoryId))
		.innerJoin(productPrices, pricedIn(filters.currency))
		.where(where)
		.orderBy(...orderBy)
		.limit(limit);
};

type ListingRow = CardRow & { popularity: number; createdAt: number };

function toProductPage(rows: readonly ListingRow[], page: PageRequest): ProductPage {
	const items = rows.slice(0, page.limit);
	const last = items.at(-1);
	const nextCursor =
		rows.length > page.limit && last
			? encodeCursor({ sort: page.sort, key: sortKey(page.sort, last), id: last.id })
			: null;
	return { items: items.map(toProductCard), nextCursor };
}

/** A page of cards with the colour of each card (CardColors for the pages). */
export type ColoredProductPage = { page: ProductPage; colors: Map<number, string> };

function toColoredPage(
	rows: readonly (ListingRow & { cardColor: string | null })[],
	page: PageRequest,
): ColoredProductPage {
	const shown = toProductPage(rows, page);
	const colors = new Map<number, string>();
	for (const row of rows.slice(0, page.limit)) if (row.cardColor !== null) colors.set(row.id, row.cardColor);
	return { page: shown, colors };
}

/** One page of product cards, keyset-paginated on (sort key, id). */
export async function listProducts(db: Db, filters: ProductFilters, page: PageRequest): Promise<ProductPage> {
	return toProductPage(await listingQuery(db, filters, page), page);
}

/** The categories (for the navigation) and a page of coloured cards, in one round trip. */
export async function listCategoriesAndCards(
	db: Db,
	filters: ProductFilters,
	page: PageRequest,
): Promise<{ categories: CategoryWithCount[] } & ColoredProductPage> {
	const [categoryRows, rows] = await db.batch([categoriesQuery(db), coloredListingQuery(db, filters, page)]);
	return { categories: categoryRows, ...toColoredPage(rows, page) };
}

/**
 * A product with its category and variants (cheapest first) priced in `currency`, or null for an
 * unknown slug or a product the price list does not sell in that currency.
 */
export async function getProductBySlug(
	db: Db,
	slug: string,
	currency: string = DEFAULT_CURRENCY,
): Promise<ProductDetail | null> {
	const [productRows, variantRows] = await db.batch([
		db
			.select({
				...getTableColumns(products),
				// Aliased: drizzle maps batch results by column name, so a second "slug" or "name" would overwrite the product's.
				categorySlug: sql<string>`${categories.slug}`.as("category_slug"),
				categoryName: sql<string>`${categories.name}`.as("category_name"),
				listMinPriceMinor: sql<number>`${productPrices.minPriceMinor}`.as("list_min_price_minor"),
			})
			.from(products)
			.innerJoin(categories, eq(categories.id, products.categoryId))
			.innerJoin(productPrices, pricedIn(currency))
			.where(eq(products.slug, slug))
			.limit(1),
		db
			.select({
				id: variants.id,
				sku: variants.sku,
				size: variants.size,
				color: variants.color,
				priceMinor: variantPrices.priceMinor,
				stock: variants.stock,
			})
			.from(variants)
			.innerJoin(products, eq(products.id, variants.productId))
			.innerJoin(
				variantPrices,
				and(eq(variantPrices.variantId, variants.id), eq(variantPrices.currency, currency)),
			)
			.where(eq(products.slug, slug))
			.orderBy(asc(variantPrices.priceMinor), asc(variants.color), asc(variants.id)),
	]);
	const product = productRows[0];
	if (!product) return null;
	const variantViews = variantRows.map((v) => ({
		id: v.id,
		sku: v.sku,
		size: v.size,
		color: v.color,
		priceMinor: v.priceMinor,
		currency,
		stock: v.stock,
		inStock: v.stock > 0,
	}));
	const inStock = variantViews.some((v) => v.inStock);
	return {
		...toProductCard({ ...product, minPriceMinor: product.listMinPriceMinor, currency, inStock }),
		description: product.description,
		material: product.material,
		pileHeightMm: product.pileHeightMm,
		washTemperatureC: product.washTemperatureC,
		machineWashable: product.machineWashable,
		stainResistant: product.stainResistant,
		nonSlipBacking: product.nonSlipBacking,
		petFriendly: product.petFriendly,
		careText: product.careText,
		variants: variantViews,
	};
}

/** Colours and sizes offered in a category, for the filter form; sizes smallest (cheapest) first. */
export type CategoryFacets = { colors: string[]; sizes: string[] };

/**
 * A category page's data below the navigation, in one round trip: the colours and sizes offered
 * in the category, and a page of its coloured cards (`filters` name the category).
 */
export async function listCategoryListing(
	db: Db,
	categoryId: number,
	filters: ProductFilters,
	page: PageRequest,
): Promise<{ facets: CategoryFacets } & ColoredProductPage> {
	const inCategory = eq(products.categoryId, categoryId);
	const [colorRows, sizeRows, rows] = await db.batch([
		db
			.selectDistinct({ color: variants.color })
			.from(variants)
			.innerJoin(products, eq(products.id, variants.productId))
			.where(inCategory)
			.orderBy(asc(variants.color)),
		db
			.select({ size: variants.size })
			.from(variants)
			.innerJoin(products, eq(products.id, variants.productId))
			.where(inCategory)
			.groupBy(variants.size)
			.orderBy(sql`min(${variants.priceMinor})`, asc(variants.size)),
		coloredListingQuery(db, filters, page),
	]);
	const facets = { colors: colorRows.map((r) => r.color), sizes: sizeRows.map((r) => r.size) };
	return { facets, ...toColoredPage(rows, page) };
}

/** Every product's slug, for the sitemap (the protocol's cap is 50,000 addresses a file). */
export async function listProductSlugs(db: Db): Promise<string[]> {
	const rows = await db
		.select({ slug: products.slug })
		.from(products)
		.orderBy(asc(products.id))
		.limit(50_000);
	return rows.map((r) => r.slug);
}
