// Server-rendered storefront pages. They work without JavaScript, and every public page is
// cacheable at the edge (Cache-Control + ETag) because nothing on it depends on the shopper.
// Guest order tracking is the exception: personal, so never stored by any cache.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { escapeXml } from "../catalog/rug-art";
import {
	CategoryPageQuerySchema,
	LISTING_QUERY_KEYS,
	type ProductListQuery,
	ProductListQuerySchema,
	SlugSchema,
	toListingRequest,
} from "../catalog/schemas";
import {
	getProductBySlug,
	listCategories,
	listCategoriesAndCards,
	listCategoryListing,
	listProductSlugs,
} from "../db/catalog";
import { getOrderByNumber, listOrderLines } from "../db/orders";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { localized } from "../i18n/locale-context";
import type { MessageKey, Translator } from "../i18n/translate";
import { publicCache, publicCacheIgnoringQuery } from "../middleware/public-cache";
import { prefixLocale, unprefixedLocale } from "../middleware/shop-locale";
import { createRouter, errorResponses, html } from "../openapi";
import { findGuestOrder, limitLookupsOfOrder, OrderLookupSchema } from "../orders/guest-lookup";
import { browserKnowsOrder, rememberOrderInBrowser } from "../orders/order-pages-cookie";
import { buildOrderSummary } from "../orders/order-view";
import { CategoryPage } from "../pages/category";
import { HomePage } from "../pages/home";
import type { NavCategory } from "../pages/layout";
import { MessagePage } from "../pages/message";
import { pageErrorResponse } from "../pages/page-error";
import { ProductPage } from "../pages/product";
import {
	SEARCH_FIELDS,
	type SearchErrors,
	type SearchField,
	SearchPage,
	searchFormValues,
} from "../pages/shop/search-page";
import {
	TRACK_FIELDS,
	type TrackErrors,
	TrackedOrderPage,
	TrackOrderPage,
	type TrackValues,
} from "../pages/shop/track-order-page";
import { requestOrigin } from "../request-deps";
import { readProductReviews } from "../reviews/product-reviews";
import { OrderNumberParamSchema } from "./payment-pages";

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

function notFoundPage(c: Context<AppEnv>, categories: NavCategory[], what: "rug" | "category") {
	const { t } = c.var.locale;
	return c.html(
		localized(
			c,
			<MessagePage
				title={t("error.notFound")}
				message={t(what === "rug" ? "message.noRug" : "message.noCategory")}
				categories={categories}
			/>,
		),
		404,
	);
}

/** A public page's path under a locale prefix: "/fr-fr/p/…". The regex keeps it off other paths. */
const LOCALE = "/:locale{[a-z][a-z]-[a-z][a-z]}";

// ---- Search ------------------------------------------------------------------------------------

// A page's market is its URL's: the API's `market` parameter means nothing here.
const PAGE_LISTING_KEYS = LISTING_QUERY_KEYS.filter((key) => key !== "market");
const SEARCH_KEYS = new Set<string>(PAGE_LISTING_KEYS);
const CATEGORY_PAGE_QUERY_KEYS = PAGE_LISTING_KEYS.filter((key) => key !== "category");

/**
 * The search page reads the catalog API's own query (GET /api/v1/products), as a browser's GET
 * form sends it: blank fields mean "no filter", and parameters that are not the listing's (a
 * shared link's tracking tags) are dropped rather than refused.
 */
const SearchPageQuerySchema = z
	.transform((raw: unknown) => {
		if (typeof raw !== "object" || raw === null) return raw;
		const out: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(raw)) {
			if (!SEARCH_KEYS.has(key)) continue;
			const filled = (Array.isArray(value) ? value : [value]).filter(
				(v) => typeof v !== "string" || v.trim() !== "",
			);
			if (filled.length > 0) out[key] = filled.length === 1 ? filled[0] : filled;
		}
		return out;
	})
	.pipe(ProductListQuerySchema);

const SEARCH_MESSAGES: Record<SearchField, MessageKey> = {
	q: "search.error.q",
	category: "search.error.category",
	minPrice: "search.error.price",
	maxPrice: "search.error.price",
};

function describeSearchIssues(issues: readonly z.core.$ZodIssue[], t: Translator): SearchErrors {
	const errors: SearchErrors = { fields: {}, form: [] };
	for (const issue of issues) {
		const key = String(issue.path[0] ?? "");
		const field = SEARCH_FIELDS.find((f) => f === key);
		if (field === "minPrice" && issue.code === "custom") {
			errors.fields.minPrice = t("search.error.priceOrder");
		} else if (field) {
			errors.fields[field] ??= t(SEARCH_MESSAGES[field]);
		} else if (errors.form.length === 0) {
			errors.form.push(t("search.error.unknown"));
		}
	}
	return errors;
}

async function renderSearch(c: Context<AppEnv>, query: ProductListQuery) {
	const { db } = c.var;
	const origin = requestOrigin(c);
	const values = searchFormValues(query);
	const { q } = query;
	if (q === undefined) {
		const categories = await listCategories(db);
		return c.html(localized(c, <SearchPage {...{ categories, origin, values, results: null }} />), 200);
	}
	const { filters, page } = toListingRequest(query, c.var.locale.currency);
	const { categories, page: result, colors } = await listCategoriesAndCards(db, filters, page);
	const results = { query: { ...query, q }, page: result, colors };
	return c.html(localized(c, <SearchPage {...{ categories, origin, values, results }} />), 200);
}

async function renderInvalidSearch(c: Context<AppEnv>, issues: readonly z.core.$ZodIssue[]) {
	const typed = (key: string) => (c.req.query(key) ?? "").slice(0, 200);
	const values = {
		...searchFormValues({ sort: "popular", limit: 0 }),
		q: typed("q"),
		category: typed("category"),
		minPrice: typed("minPrice"),
		maxPrice: typed("maxPrice"),
	};
	const categories = await listCategories(c.var.db);
	const errors = describeSearchIssues(issues, c.var.locale.t);
	const props = { categories, origin: requestOrigin(c), values, results: null, errors };
	return c.html(localized(c, <SearchPage {...props} />), 400);
}

// ---- Guest order tracking ----------------------------------------------------------------------

const TRACK_MESSAGES = {
	orderNumber: { missing: "track.orderNumberMissing", long: "track.orderNumberLong" },
	email: { missing: "track.emailMissing", long: "track.emailLong" },
} as const satisfies Record<TrackField, { missing: string; long: string }>;
type TrackField = (typeof TRACK_FIELDS)[number];

// One message whether the number is unknown or the email wrong: the page must not tell them apart.
const NO_MATCH = "track.noMatch";

async function renderTrackForm(
	c: Context<AppEnv>,
	status: ContentfulStatusCode,
	values: TrackValues = {},
	errors?: TrackErrors,
) {
	c.header("Cache-Control", "no-store");
	const categories = await listCategories(c.var.db);
	return c.html(localized(c, <TrackOrderPage {...{ categories, values, errors }} />), status);
}

async function renderInvalidTrack(c: Context<AppEnv>, issues: readonly z.core.$ZodIssue[]) {
	const raw = await c.req.parseBody();
	const values: TrackValues = {};
	const errors: TrackErrors = { fields: {}, form: [] };
	for (const field of TRACK_FIELDS) {
		const value = raw[field];
		if (typeof value === "string") values[field] = value.slice(0, field === "email" ? 254 : 40);
	}
	const { t } = c.var.locale;
	for (const issue of issues) {
		const field = TRACK_FIELDS.find((f) => f === issue.path[0]);
		if (field)
			errors.fields[field] ??= t(TRACK_MESSAGES[field][issue.code === "too_big" ? "long" : "missing"]);
		else if (errors.form.length === 0) errors.form.push(t("track.onlyTheseFields"));
	}
	return renderTrackForm(c, 400, values, errors);
}

const trackFormBody = {
	required: true,
	content: { "application/x-www-form-urlencoded": { schema: OrderLookupSchema } },
};

// ---- Robots and sitemap ------------------------------------------------------------------------

/** Personal, per-shopper and form-result paths: nothing there is for a search engine. */
const DISALLOWED = [
	"/account",
	"/staff",
	"/cart",
	"/checkout",
	"/api/",
	"/privacy/center",
	"/orders/",
	"/pay/",
	"/search",
	// The search page under every locale prefix (robots.txt's * is understood by the major engines).
	"/*/search",
];

const pageRouter = createRouter();
pageRouter.onError(pageErrorResponse);

async function renderHome(c: Context<AppEnv>) {
	const {
		categories,
		page: popular,
		colors,
	} = await listCategoriesAndCards(
		c.var.db,
		{ currency: c.var.locale.currency },
		{ sort: "popular", limit: POPULAR_ON_HOME },
	);
	const origin = requestOrigin(c);
	return c.html(
		localized(
			c,
			<HomePage categories={categories} popular={popular.items} colors={colors} origin={origin} />,
		),
	);
}

async function renderCategory(c: Context<AppEnv>) {
	const slug = SlugSchema.safeParse(c.req.param("slug"));
	const categories = await listCategories(c.var.db);
	const category = categories.find((x) => slug.success && x.slug === slug.data);
	if (!category) return notFoundPage(c, categories, "category");
	const query = CategoryPageQuerySchema.safeParse(formValues(c.req.queries()));
	if (!query.success) {
		const { t, href, language } = c.var.locale;
		const message = t("category.invalidText");
		// English reads "All kitchen rugs"; other languages name the category as a label, as written.
		const name = language === "en" ? category.name.toLowerCase() : category.name;
		const back = { href: href(`/c/${category.slug}`), label: t("category.allRugs", { category: name }) };
		return c.html(
			localized(c, <MessagePage title={t("category.invalidTitle")} {...{ message, categories, back }} />),
			400,
		);
	}
	const { filters, page } = toListingRequest(query.data, c.var.locale.currency);
	const {
		facets,
		page: result,
		colors,
	} = await listCategoryListing(c.var.db, category.id, { ...filters, category: category.slug }, page);
	const props = { category, categories, facets, query: query.data, page: result, colors };
	return c.html(localized(c, <CategoryPage {...props} origin={requestOrigin(c)} />));
}

async function renderProduct(c: Context<AppEnv>) {
	const slug = SlugSchema.safeParse(c.req.param("slug"));
	const { db, logger, requestId, locale } = c.var;
	const [categories, product, reviews] = await Promise.all([
		listCategories(db),
		slug.success ? getProductBySlug(db, slug.data, locale.currency) : null,
		slug.success ? readProductReviews({ db, vault: c.env.VAULT, logger, requestId }, slug.data) : null,
	]);
	if (!product || !reviews) return notFoundPage(c, categories, "rug");
	const origin = requestOrigin(c);
	// Without its review texts (the vault did not answer) the page may not be shared for minutes.
	if (reviews.degraded) c.header("Cache-Control", "no-store");
	return c.html(
		localized(
			c,
			<ProductPage product={{ ...product, ...reviews.shown }} categories={categories} origin={origin} />,
		),
	);
}

/** The prefixed search page: the same query rules as the documented /search. */
async function renderPrefixedSearch(c: Context<AppEnv>) {
	const query = SearchPageQuerySchema.safeParse(formValues(c.req.queries()));
	return query.success ? renderSearch(c, query.data) : renderInvalidSearch(c, query.error.issues);
}

// Each public catalog page twice: unprefixed in the default locale (a shopper who chose or is in
// another one is redirected first), and under each locale's prefix, which alone decides its
// language and prices. The edge cache keys them by URL, so a stored page never crosses markets.
pageRouter
	.get("/", unprefixedLocale(), publicCacheIgnoringQuery(), renderHome)
	.get(LOCALE, prefixLocale(), publicCacheIgnoringQuery(), renderHome)
	.get(`${LOCALE}/`, prefixLocale(), (c) => c.redirect(c.var.locale.href("/"), 301))
	.get("/c/:slug", unprefixedLocale(), publicCache({ queryKeys: CATEGORY_PAGE_QUERY_KEYS }), renderCategory)
	.get(
		`${LOCALE}/c/:slug`,
		prefixLocale(),
		publicCache({ queryKeys: CATEGORY_PAGE_QUERY_KEYS }),
		renderCategory,
	)
	.get("/p/:slug", unprefixedLocale(), publicCacheIgnoringQuery(), renderProduct)
	.get(`${LOCALE}/p/:slug`, prefixLocale(), publicCacheIgnoringQuery(), renderProduct)
	.get(
		`${LOCALE}/search`,
		prefixLocale(),
		publicCache({ queryKeys: PAGE_LISTING_KEYS }),
		renderPrefixedSearch,
	)
	// Order emails link here (vault/after-sales/order-mail-text.ts); the page is now /orders/track.
	.get("/orders/lookup", (c) => c.redirect("/orders/track", 301))
	.get("/robots.txt", publicCacheIgnoringQuery(), (c) => {
		const lines = ["User-agent: *", ...DISALLOWED.map((path) => `Disallow: ${path}`), ""];
		lines.push(`Sitemap: ${requestOrigin(c)}/sitemap.xml`, "");
		return c.text(lines.join("\n"));
	})
	.get("/sitemap.xml", publicCacheIgnoringQuery(), async (c) => {
		const origin = requestOrigin(c);
		const [categories, slugs] = await Promise.all([listCategories(c.var.db), listProductSlugs(c.var.db)]);
		const paths = ["/", ...categories.map((x) => `/c/${x.slug}`), ...slugs.map((slug) => `/p/${slug}`)];
		const urls = paths.map((path) => `<url><loc>${escapeXml(origin + path)}</loc></url>`).join("\n");
		const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
		return c.body(body, 200, { "Content-Type": "application/xml; charset=utf-8" });
	});

export const pageRoutes = pageRouter
	.openapi(
		createRoute({
			method: "get",
			path: "/search",
			tags: ["pages"],
			summary:
				"Search results: the catalog listing's query (words, filters, sort, paging) as an HTML page; public and cacheable",
			middleware: [unprefixedLocale(), publicCache({ queryKeys: PAGE_LISTING_KEYS })] as const,
			request: { query: SearchPageQuerySchema },
			responses: {
				200: html("Results, or the search form when no words were given"),
				304: { description: "Not modified: the If-None-Match ETag still matches" },
				400: html("The search form again, with what was wrong"),
			},
		}),
		(c) => renderSearch(c, c.req.valid("query")),
		(result, c) => (result.success ? undefined : renderInvalidSearch(c, result.error.issues)),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/orders/track",
			tags: ["pages"],
			summary: "Guest order tracking: the order number + email form (never cached)",
			responses: { 200: html("The tracking form") },
		}),
		(c) => renderTrackForm(c, 200),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/orders/track",
			tags: ["pages"],
			summary:
				"Guest order tracking: prove number + email (the same proof and limits as POST /api/v1/orders/lookup), then to the order's tracking page",
			request: { body: trackFormBody },
			responses: {
				303: { description: "To the order's tracking page, which this browser may now see" },
				400: html("The form again, with what was wrong"),
				404: html("The form again: no order matches that number and email"),
				429: html("The form again: too many lookups for this order or from this client"),
				...errorResponses(403, 413),
			},
		}),
		async (c) => {
			const { orderNumber, email } = c.req.valid("form");
			c.header("Cache-Control", "no-store");
			try {
				await limitLookupsOfOrder(c, orderNumber);
				const order = await findGuestOrder(c.var.db, c.env.VAULT, orderNumber, email);
				await rememberOrderInBrowser(c, order.number);
				return c.redirect(`/orders/track/${order.number}`, 303);
			} catch (err) {
				if (!(err instanceof AppError) || (err.code !== "not_found" && err.code !== "rate_limited"))
					throw err;
				const limit = err.message.includes("this order") ? "track.tooManyForOrder" : "track.tooManyLookups";
				const message = c.var.locale.t(err.code === "not_found" ? NO_MATCH : limit);
				return renderTrackForm(c, err.status, { orderNumber, email }, { fields: {}, form: [message] });
			}
		},
		(result, c) => (result.success ? undefined : renderInvalidTrack(c, result.error.issues)),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/orders/track/{number}",
			tags: ["pages"],
			summary:
				"An order's status, lines and parcel, for the browser that placed or proved it; anyone else gets the form (never cached)",
			request: { params: OrderNumberParamSchema },
			responses: {
				200: html("The order, or the tracking form: the same form whether or not the number exists"),
				404: html("The tracking form: not an order number"),
			},
		}),
		async (c) => {
			const { number } = c.req.valid("param");
			const { db } = c.var;
			const order = (await browserKnowsOrder(c, number)) ? await getOrderByNumber(db, number) : null;
			if (!order) return renderTrackForm(c, 200, { orderNumber: number });
			const [lines, categories] = await Promise.all([listOrderLines(db, order.id), listCategories(db)]);
			const tracked = {
				...buildOrderSummary(order, lines),
				carrier: order.carrier,
				trackingNumber: order.trackingNumber,
				shippedAt: order.shippedAt,
				deliveredAt: order.deliveredAt,
			};
			c.header("Cache-Control", "no-store");
			return c.html(localized(c, <TrackedOrderPage categories={categories} order={tracked} />), 200);
		},
		(result, c) => (result.success ? undefined : renderTrackForm(c, 404)),
	);
