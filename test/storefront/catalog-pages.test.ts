import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { WIDGET_SCRIPT_PATH } from "../../workers/storefront/analytics/widget-script";
import { formatPrice } from "../../workers/storefront/catalog/format";
import type { CatalogData } from "../../workers/storefront/catalog/seed-data";
import type { Product } from "../../workers/storefront/db/schema";
import { seedCatalog } from "./fixtures/catalog";

const base = "https://loomwash.test";
let data: CatalogData;

beforeAll(async () => {
	data = await seedCatalog(env.DB);
});

const get = (path: string, init?: RequestInit) => exports.default.fetch(`${base}${path}`, init);

async function page(path: string, status = 200): Promise<string> {
	const res = await get(path);
	expect(res.status, path).toBe(status);
	expect(res.headers.get("content-type")).toContain("text/html");
	return res.text();
}

const productLinks = (html: string) =>
	[...html.matchAll(/<h3><a href="\/p\/([a-z0-9-]+)">/g)].map((m) => m[1]);
const unescapeAmp = (s: string) => s.replaceAll("&amp;", "&");
const nextHref = (html: string) => {
	const m = /<a href="([^"]+)" rel="next">/.exec(html);
	return m?.[1] ? unescapeAmp(m[1]) : null;
};
const runners = () =>
	data.products.filter((p) => p.categoryId === data.categories.find((c) => c.slug === "runners")?.id);

/** Static accessibility checks that hold for every page. */
function expectAccessibleShell(html: string) {
	expect(html.startsWith("<!doctype html>")).toBe(true);
	expect(html).toContain('<html lang="en-US">');
	expect(html).toMatch(/<title>[^<]+ · Loomwash<\/title>/);
	expect(html).toContain('<main id="main"');
	expect(html).toContain('<a class="skip" href="#main">');
	expect(html).toMatch(/<nav aria-label="Categories">/);
	expect(html.match(/<h1[ >]/g)).toHaveLength(1);
	// Every form control has a label pointing at it.
	for (const [, id] of html.matchAll(/<(?:select|input) id="([^"]+)"/g)) {
		expect(html, `label for ${id}`).toContain(`<label for="${id}">`);
	}
	for (const img of html.match(/<img [^>]*>/g) ?? []) expect(img).toMatch(/ alt="/);
	// The CSP allows only same-origin scripts: no inline script may appear. A JSON-LD data block
	// (product pages) is never executed, so it is the one exception.
	for (const script of html.match(/<script[^>]*>/g) ?? []) {
		if (script !== '<script type="application/ld+json">') expect(script).toMatch(/ src="\//);
	}
}

describe("GET /", () => {
	it("shows every category and the most popular products", async () => {
		const html = await page("/");
		expectAccessibleShell(html);
		for (const c of data.categories) expect(html).toContain(`<a href="/c/${c.slug}">`);
		const popular = [...data.products].sort((a, b) => b.popularity - a.popularity || b.id - a.id).slice(0, 8);
		expect(productLinks(html)).toEqual(popular.map((p) => p.slug));
	});
});

describe("GET /c/{slug}", () => {
	it("lists the category's products with a filter form that works without JavaScript", async () => {
		const html = await page("/c/runners");
		expectAccessibleShell(html);
		expect(html).toContain("<h1>Runners</h1>");
		expect(html).toMatch(/<form class="filters" method="get" action="\/c\/runners"/);
		for (const name of [
			"q",
			"color",
			"size",
			"minPrice",
			"maxPrice",
			"washable",
			"stainResistant",
			"petFriendly",
			"sort",
		]) {
			expect(html, name).toContain(`name="${name}"`);
		}
		const slugs = productLinks(html);
		expect(slugs).toHaveLength(Math.min(24, runners().length));
		expect(slugs.every((s) => runners().some((p) => p.slug === s))).toBe(true);
	});

	it("follows Next page links through every product once", async () => {
		const seen: string[] = [];
		let href: string | null = "/c/runners?sort=price_asc&limit=3";
		let pages = 0;
		while (href && pages++ < 50) {
			const html = await page(href);
			seen.push(...(productLinks(html) as string[]));
			if (pages > 1) expect(html).toContain('<a href="/c/runners?sort=price_asc&amp;limit=3">First page</a>');
			href = nextHref(html);
		}
		const expected = [...runners()].sort((a, b) => a.minPriceMinor - b.minPriceMinor || a.id - b.id);
		expect(seen).toEqual(expected.map((p) => p.slug));
	});

	it("applies the submitted form, ignoring empty fields and tracking parameters", async () => {
		const query = "q=&color=&size=&minPrice=&maxPrice=12000&washable=true&sort=price_desc&utm_source=mail";
		const html = await page(`/c/runners?${query}`);
		const expected = runners()
			.filter((p) => p.machineWashable && p.minPriceMinor <= 12000)
			.sort((a, b) => b.minPriceMinor - a.minPriceMinor || b.id - a.id);
		expect(productLinks(html)).toEqual(expected.slice(0, 24).map((p) => p.slug));
		expect(html).toContain('name="washable" value="true" checked=""');
		expect(html).toContain('<option value="price_desc" selected="">');
		expect(html).toContain('<option value="12000" selected="">');
	});

	it("says so when nothing matches, with a way to clear the filters", async () => {
		const html = await page("/c/runners?q=zzzz-nothing");
		expect(html).toContain("No rugs match these filters");
		expect(html).toContain('<a href="/c/runners">Clear all filters</a>');
		expect(productLinks(html)).toEqual([]);
	});

	it.each(["limit=abc", "sort=bogus", "cursor=garbage", "color=a&color=b", "minPrice=500&maxPrice=100"])(
		"answers invalid filters (%s) with an HTML 400",
		async (query) => {
			const html = await page(`/c/runners?${query}`, 400);
			expect(html).toContain("<h1>Invalid filters</h1>");
			expect(html).toContain('<a href="/c/runners">');
		},
	);

	it.each(["no-such-room", "Runners", "%F0%9F%A7%B6", "a--b"])(
		"answers /c/%s with an HTML 404",
		async (slug) => {
			const html = await page(`/c/${slug}`, 404);
			expect(html).toContain("<h1>Page not found</h1>");
		},
	);
});

describe("GET /p/{slug}", () => {
	it("shows the product's details, care, variants with price and stock, and the recommendations slot", async () => {
		const product = data.products.find((p) =>
			data.variants.some((v) => v.productId === p.id && v.stock === 0),
		) as Product;
		const html = await page(`/p/${product.slug}`);
		expectAccessibleShell(html);
		expect(html).toContain(`<h1 id="product-heading">${product.name}</h1>`);
		expect(html).toContain(product.careText);
		expect(html).toContain(`From ${formatPrice(product.minPriceMinor, "USD")}`);
		expect(html.toLowerCase()).toContain(`<dd>${product.material}</dd>`);
		const variants = data.variants.filter((v) => v.productId === product.id);
		for (const v of variants) {
			const row = new RegExp(`<tr data-variant-id="${v.id}" data-sku="${v.sku}">(.*?)</tr>`).exec(html)?.[1];
			expect(row, v.sku).toBeDefined();
			expect(row).toContain(formatPrice(v.priceMinor, "USD"));
			expect(row).toContain(v.stock > 0 ? `In stock (${v.stock})` : "Out of stock");
		}
		// The recommendation widget's slot, for this product, with its script.
		expect(html).toMatch(new RegExp(`<section class="lw-recs" data-lw-recs="" data-product="${product.id}"`));
		expect(html).toContain(`<script src="${WIDGET_SCRIPT_PATH}" defer="">`);
		const category = data.categories.find((c) => c.id === product.categoryId);
		expect(html).toContain(`<nav class="crumbs" aria-label="Breadcrumb">`);
		expect(html).toContain(`<a href="/c/${category?.slug}">`);
	});

	it("marks a product that is sold out in every variant", async () => {
		const soldOut = data.products.find((p) =>
			data.variants.filter((v) => v.productId === p.id).every((v) => v.stock === 0),
		) as Product;
		const html = await page(`/p/${soldOut.slug}`);
		expect(html).toContain("Out of stock in every size and colour");
	});

	it.each(["no-such-rug", "UPPER", "x".repeat(200), "%00"])(
		"answers /p/%s with an HTML 404",
		async (slug) => {
			const html = await page(`/p/${slug}`, 404);
			expect(html).toContain("<h1>Page not found</h1>");
		},
	);
});

describe("page caching", () => {
	it.each(["/", "/c/kitchen?sort=newest", "/p/sable-diamond-area-rug"])(
		"%s carries Cache-Control and an ETag",
		async (path) => {
			const res = await get(path);
			expect(res.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=300");
			const tag = res.headers.get("etag") as string;
			expect(tag).toMatch(/^"[0-9a-f]+"$/);
			const cached = await get(path, { headers: { "If-None-Match": tag } });
			expect(cached.status).toBe(304);
			expect(await cached.text()).toBe("");
		},
	);

	it("does not mark error pages cacheable", async () => {
		for (const path of ["/p/no-such-rug", "/c/runners?limit=0"]) {
			const res = await get(path);
			expect(res.status).toBeGreaterThanOrEqual(400);
			expect(res.headers.get("cache-control")).toBeNull();
			expect(res.headers.get("etag")).toBeNull();
		}
	});
});
