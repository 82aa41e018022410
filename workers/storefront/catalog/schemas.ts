// The catalog's wire contract: query and path input (strict, bounded) and response shapes.
// The same schemas validate requests and describe them in the OpenAPI document.
import { z } from "@hono/zod-openapi";
import { MARKET_IDS, MARKETS } from "../markets/markets";
import { PublicReviewSchema, RatingSummarySchema } from "../reviews/public-review-schemas";
import {
	BADGES,
	DEFAULT_LIMIT,
	decodeCursor,
	MAX_CURSOR_LENGTH,
	MAX_LIMIT,
	type PageRequest,
	type ProductFilters,
	queryTerms,
	SORTS,
	type Sort,
} from "./listing";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_PRICE_MINOR = 100_000_000;

export const SlugSchema = z.string().min(1).max(96).regex(SLUG_PATTERN, "Expected a lowercase slug");

/** Only the literal strings "true" and "false": z.coerce.boolean() would read "false" as true. */
const BooleanParam = z
	.enum(["true", "false"])
	.transform((v) => v === "true")
	.openapi({ type: "string", enum: ["true", "false"] });

/** Digits only, so "1e3", "0x10", " 5" or "-0" never sneak through Number(). */
function boundedIntParam(min: number, max: number) {
	return z
		.string()
		.max(String(max).length)
		.regex(/^[0-9]+$/, "Expected a whole number")
		.transform(Number)
		.pipe(z.number().int().min(min).max(max))
		.openapi({ type: "integer", minimum: min, maximum: max });
}

/** The API's prices are the US market's unless a market is named; pages take theirs from the URL. */
export const MarketParamSchema = z
	.enum(MARKET_IDS)
	.optional()
	.openapi({ description: "Whose price list and currency (default us: USD)", example: "eu" });

const listingQueryShape = {
	market: MarketParamSchema,
	category: SlugSchema.optional().openapi({ description: "Category slug" }),
	color: z
		.string()
		.max(32)
		.regex(SLUG_PATTERN, "Expected a lowercase colour name")
		.optional()
		.openapi({ example: "sage" }),
	size: z
		.string()
		.max(16)
		.regex(/^[0-9a-z.]+(?:-[0-9a-z.]+)*$/, "Expected a size code")
		.optional()
		.openapi({ example: "5x7" }),
	washable: BooleanParam.optional().openapi({ description: "Machine washable" }),
	stainResistant: BooleanParam.optional(),
	petFriendly: BooleanParam.optional(),
	minPrice: boundedIntParam(0, MAX_PRICE_MINOR)
		.optional()
		.openapi({ description: "Lowest starting price, minor units" }),
	maxPrice: boundedIntParam(0, MAX_PRICE_MINOR)
		.optional()
		.openapi({ description: "Highest starting price, minor units" }),
	q: z
		.string()
		.trim()
		.min(1)
		.max(100)
		.optional()
		.openapi({ description: "Words in the name or description" }),
	sort: z.enum(SORTS).default("popular"),
	limit: boundedIntParam(1, MAX_LIMIT).default(DEFAULT_LIMIT),
	cursor: z
		.string()
		.min(1)
		.max(MAX_CURSOR_LENGTH)
		.optional()
		.openapi({ description: "Opaque nextCursor from the previous page, for the same sort" }),
};

type ListingChecked = {
	minPrice?: number | undefined;
	maxPrice?: number | undefined;
	cursor?: string | undefined;
	sort: Sort;
};

function checkListing(q: ListingChecked, ctx: z.RefinementCtx) {
	if (q.minPrice !== undefined && q.maxPrice !== undefined && q.minPrice > q.maxPrice) {
		ctx.addIssue({ code: "custom", path: ["minPrice"], message: "minPrice must not exceed maxPrice" });
	}
	if (q.cursor !== undefined && decodeCursor(q.cursor)?.sort !== q.sort) {
		ctx.addIssue({ code: "custom", path: ["cursor"], message: "Not a cursor issued for this sort" });
	}
}

/** The JSON API is a machine contract: unknown parameters are rejected. */
export const ProductListQuerySchema = z.object(listingQueryShape).strict().superRefine(checkListing).openapi({
	description: "Unknown parameters are rejected. Price filters apply to a product's starting price.",
});

/** Every parameter the listing reads: what may tell two cached listing pages apart. */
export const LISTING_QUERY_KEYS = Object.keys(listingQueryShape) as (keyof typeof listingQueryShape)[];

/**
 * The category page's GET form: the same fields minus the category (it is in the path).
 * Unknown parameters are dropped rather than rejected, because shared links pick up
 * tracking parameters that must not break the page.
 */
export const CategoryPageQuerySchema = z
	.object(listingQueryShape)
	.omit({ category: true, market: true })
	.superRefine(checkListing);
export type CategoryPageQuery = z.infer<typeof CategoryPageQuerySchema>;

export type ProductListQuery = z.infer<typeof ProductListQuerySchema>;

/**
 * Splits a validated listing query into what to filter on and which page to read, in the
 * currency a page's locale names or else the query's market's.
 */
export function toListingRequest(
	query: ProductListQuery | CategoryPageQuery,
	currency?: string,
): {
	filters: ProductFilters;
	page: PageRequest;
} {
	const { sort, limit, cursor, q, market, ...rest } = { market: undefined, ...query };
	const after = cursor === undefined ? undefined : (decodeCursor(cursor) ?? undefined);
	const listCurrency = currency ?? (market ? MARKETS[market].currency : undefined);
	return {
		filters: {
			...rest,
			...(q === undefined ? {} : { terms: queryTerms(q) }),
			...(listCurrency ? { currency: listCurrency } : {}),
		},
		page: { sort, limit, ...(after ? { after } : {}) },
	};
}

export const ProductQuerySchema = z.object({ market: MarketParamSchema }).strict();

export const SlugParamsSchema = z
	.object({
		slug: SlugSchema.openapi({ param: { name: "slug", in: "path" }, example: "sable-diamond-area-rug" }),
	})
	.strict();

const CategoryRefSchema = z.object({ slug: z.string(), name: z.string() }).openapi("CategoryRef");

export const CategorySchema = z
	.object({
		id: z.number().int(),
		slug: z.string(),
		name: z.string(),
		description: z.string(),
		productCount: z.number().int(),
	})
	.openapi("Category");

export const CategoryListSchema = z.object({ categories: z.array(CategorySchema) }).openapi("CategoryList");

const BadgeSchema = z.enum(BADGES).openapi("Badge");

export const ProductCardSchema = z
	.object({
		id: z.number().int(),
		slug: z.string(),
		name: z.string(),
		category: CategoryRefSchema,
		minPriceMinor: z.number().int().openapi({ description: "Lowest variant price, minor units" }),
		currency: z.string().length(3),
		badges: z.array(BadgeSchema),
		inStock: z.boolean(),
	})
	.openapi("ProductCard");
export type ProductCard = z.infer<typeof ProductCardSchema>;

export const ProductPageSchema = z
	.object({
		items: z.array(ProductCardSchema),
		nextCursor: z.string().nullable().openapi({ description: "null on the last page" }),
	})
	.openapi("ProductPage");

export const VariantSchema = z
	.object({
		id: z.number().int(),
		sku: z.string(),
		size: z.string(),
		color: z.string(),
		priceMinor: z.number().int(),
		currency: z.string().length(3),
		stock: z.number().int().min(0),
		inStock: z.boolean(),
	})
	.openapi("Variant");
export type VariantView = z.infer<typeof VariantSchema>;

export const ProductDetailSchema = ProductCardSchema.extend({
	description: z.string(),
	material: z.string(),
	pileHeightMm: z.number().int(),
	washTemperatureC: z.number().int(),
	machineWashable: z.boolean(),
	stainResistant: z.boolean(),
	nonSlipBacking: z.boolean(),
	petFriendly: z.boolean(),
	careText: z.string(),
	variants: z.array(VariantSchema),
}).openapi("ProductDetail");
export type ProductDetail = z.infer<typeof ProductDetailSchema>;

/** The product as the API and its page show it: with its rating and latest published reviews (issue #8). */
export const ProductWithReviewsSchema = ProductDetailSchema.extend({
	rating: RatingSummarySchema,
	reviews: z.array(PublicReviewSchema).openapi({
		description:
			"The latest published reviews, newest first; empty when their texts cannot be opened right now",
	}),
}).openapi("ProductWithReviews");
export type ProductWithReviews = z.infer<typeof ProductWithReviewsSchema>;
