// Server-rendered storefront pages. They work without JavaScript, and every public page is
// cacheable at the edge (Cache-Control + ETag) because nothing on it depends on the shopper.
import { type Context, Hono } from "hono";
import { CategoryPageQuerySchema, SlugSchema, toListingRequest } from "../catalog/schemas";
import { getProductBySlug, listCategories, listCategoryFacets, listProducts } from "../db/catalog";
import type { AppEnv } from "../env";
import { publicCache } from "../middleware/public-cache";
import { CategoryPage } from "../pages/category";
import { HomePage } from "../pages/home";
import type { NavCategory } from "../pages/layout";
import { MessagePage } from "../pages/message";
import { pageErrorResponse } from "../pages/page-error";
import { ProductPage } from "../pages/product";
import { readProductReviews } from "../reviews/product-reviews";

const POPULAR_ON_HOME = 8;

/** A GET form sends every field, empty ones included; an empty field means "no filter". */
export function formValues(queries: Record<string, string[]>): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [key, values] of Object.entries(queries)) {
		const filled = values.filter((v) => v !== "");
		if (filled.length > 0) out[key] = filled.length === 1 ? (filled[0] as string) : filled;
	}
	return out;
}

function notFoundPage(c: Context<AppEnv>, categories: NavCategory[], what: string) {
	return c.html(
		<MessagePage title="Page not found" message={`We couldn't find that ${what}.`} categories={categories} />,
		404,
	);
}

export const pageRoutes = new Hono<AppEnv>()
	.get("/", publicCache(), async (c) => {
		const [categories, popular] = await Promise.all([
			listCategories(c.var.db),
			listProducts(c.var.db, {}, { sort: "popular", limit: POPULAR_ON_HOME }),
		]);
		return c.html(<HomePage categories={categories} popular={popular.items} />);
	})
	.get("/c/:slug", publicCache(), async (c) => {
		const slug = SlugSchema.safeParse(c.req.param("slug"));
		const categories = await listCategories(c.var.db);
		const category = categories.find((x) => slug.success && x.slug === slug.data);
		if (!category) return notFoundPage(c, categories, "category");
		const query = CategoryPageQuerySchema.safeParse(formValues(c.req.queries()));
		if (!query.success) {
			const message = "Some of those filters aren't valid. Please choose them again.";
			const back = { href: `/c/${category.slug}`, label: `All ${category.name.toLowerCase()} rugs` };
			return c.html(<MessagePage title="Invalid filters" {...{ message, categories, back }} />, 400);
		}
		const { filters, page } = toListingRequest(query.data);
		const [facets, result] = await Promise.all([
			listCategoryFacets(c.var.db, category.id),
			listProducts(c.var.db, { ...filters, category: category.slug }, page),
		]);
		const props = { category, categories, facets, query: query.data, page: result };
		return c.html(<CategoryPage {...props} />);
	})
	.get("/p/:slug", publicCache(), async (c) => {
		const slug = SlugSchema.safeParse(c.req.param("slug"));
		const { db, logger, requestId } = c.var;
		const [categories, product, reviews] = await Promise.all([
			listCategories(db),
			slug.success ? getProductBySlug(db, slug.data) : null,
			slug.success ? readProductReviews({ db, vault: c.env.VAULT, logger, requestId }, slug.data) : null,
		]);
		if (!product || !reviews) return notFoundPage(c, categories, "rug");
		return c.html(<ProductPage product={{ ...product, ...reviews }} categories={categories} />);
	})
	.onError(pageErrorResponse);
