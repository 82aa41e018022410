import { createRoute } from "@hono/zod-openapi";
import {
	CategoryListSchema,
	ProductListQuerySchema,
	ProductPageSchema,
	ProductQuerySchema,
	ProductWithReviewsSchema,
	SlugParamsSchema,
	toListingRequest,
} from "../catalog/schemas";
import { getProductBySlug, listCategories, listProducts } from "../db/catalog";
import { AppError } from "../errors";
import { DEFAULT_MARKET, MARKETS } from "../markets/markets";
import { publicCache, publicCacheIgnoringQuery } from "../middleware/public-cache";
import { createRouter, errorResponses } from "../openapi";
import { readProductReviews } from "../reviews/product-reviews";

const cacheHeaders = {
	"Cache-Control": { schema: { type: "string" as const }, description: "Public, short-lived" },
	ETag: { schema: { type: "string" as const }, description: "Send back in If-None-Match" },
};
const notModified = { 304: { description: "Not modified: the If-None-Match ETag still matches" } };

const listCategoriesRoute = createRoute({
	method: "get",
	path: "/categories",
	tags: ["catalog"],
	summary: "All categories with their product counts",
	middleware: [publicCacheIgnoringQuery()] as const,
	responses: {
		200: {
			description: "Categories",
			headers: cacheHeaders,
			content: { "application/json": { schema: CategoryListSchema } },
		},
		...notModified,
	},
});

const listProductsRoute = createRoute({
	method: "get",
	path: "/products",
	tags: ["catalog"],
	summary: "Filtered, sorted, cursor-paginated product cards",
	middleware: [publicCache()] as const,
	request: { query: ProductListQuerySchema },
	responses: {
		200: {
			description: "One page of products",
			headers: cacheHeaders,
			content: { "application/json": { schema: ProductPageSchema } },
		},
		...notModified,
		...errorResponses(400),
	},
});

const getProductRoute = createRoute({
	method: "get",
	path: "/products/{slug}",
	tags: ["catalog"],
	summary: "One product with its variants and stock, its rating and latest published reviews",
	middleware: [publicCache({ queryKeys: ["market"] })] as const,
	request: { params: SlugParamsSchema, query: ProductQuerySchema },
	responses: {
		200: {
			description: "The product",
			headers: cacheHeaders,
			content: { "application/json": { schema: ProductWithReviewsSchema } },
		},
		...notModified,
		...errorResponses(400, 404),
	},
});

/** Public catalog reads, mounted under /api/v1. */
export const catalogRoutes = createRouter()
	.openapi(listCategoriesRoute, async (c) => c.json({ categories: await listCategories(c.var.db) }, 200))
	.openapi(listProductsRoute, async (c) => {
		const { filters, page } = toListingRequest(c.req.valid("query"));
		return c.json(await listProducts(c.var.db, filters, page), 200);
	})
	.openapi(getProductRoute, async (c) => {
		const { slug } = c.req.valid("param");
		const { market = DEFAULT_MARKET } = c.req.valid("query");
		const { db, logger, requestId } = c.var;
		const [product, reviews] = await Promise.all([
			getProductBySlug(db, slug, MARKETS[market].currency),
			readProductReviews({ db, vault: c.env.VAULT, logger, requestId }, slug),
		]);
		if (!product) throw new AppError("not_found", "No such product");
		// Without its review texts (the vault did not answer) the answer may not be shared for minutes.
		if (reviews.degraded) c.header("Cache-Control", "no-store");
		return c.json({ ...product, ...reviews.shown }, 200);
	});
