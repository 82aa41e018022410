// The shop pages of issue #10 beyond browse-and-buy: search, product SEO and reviews link, rug
// drawings on cards and product pages, folded filters, robots.txt and sitemap.xml, and guest
// order tracking (the same proof and limits as the lookup API).
import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rugColors, rugPatternFor } from "../../../workers/storefront/catalog/rug-art";
import type { CatalogData } from "../../../workers/storefront/catalog/seed-data";
import { orders } from "../../../workers/storefront/db/schema";
import { PUBLIC_CACHE_CONTROL } from "../../../workers/storefront/middleware/public-cache";
import { seedCatalog } from "../fixtures/catalog";
import { placeOrder } from "../fixtures/checkout-flow";
import { BASE, createVariant, Shopper, startOfFreshRateWindow, testDb } from "../fixtures/commerce";

let data: CatalogData;

beforeAll(async () => {
	data = await seedCatalog(env.DB);
});

const get = (path: string, init?: RequestInit) =>
	exports.default.fetch(`${BASE}${path}`, { redirect: "manual", ...init });

async function page(path: string, status = 200): Promise<string> {
	const res = await get(path);
	const text = await res.text();
	expect(res.status, `${path}: ${text.slice(0, 200)}`).toBe(status);
	expect(res.headers.get("content-type")).toContain("text/html");
	return text;
}

const productLinks = (html: string) =>
	[...html.matchAll(/<h3><a href="\/p\/([a-z0-9-]+)">/g)].map((m) => m[1] as string);
const nextHref = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll("&amp;", "&");
const byPopularity = (a: { popularity: number; id: number }, b: { popularity: number; id: number }) =>
	b.popularity - a.popularity || b.id - a.id;

/** What the catalog search matches: every word in the name or description. */
function matching(q: string) {
	const words = q.toLowerCase().split(/\s+/).filter(Boolean);
	return data.products
		.filter((p) => words.every((w) => `${p.name}\n${p.description}`.toLowerCase().includes(w)))
		.sort(byPopularity);
}

/** The colour a product's card is drawn in: its default variant's (cheapest in stock). */
function defaultColor(productId: number): string {
	const vs = data.variants
		.filter((v) => v.productId === productId)
		.sort(
			(a, b) =>
				Number(b.stock > 0) - Number(a.stock > 0) ||
				a.priceMinor - b.priceMinor ||
				a.color.localeCompare(b.color) ||
				a.id - b.id,
		);
	return vs[0]?.color as string;
}

describe("GET /search", () => {
	it("lists the matching rugs as cards, most popular first, public and cacheable", async () => {
		const res = await get("/search?q=Stripe");
		expect(res.status).toBe(200);
		expect(res.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
		expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]+"$/);
		const html = await res.text();
		const expected = matching("stripe");
		expect(expected.length).toBeGreaterThan(5);
		expect(productLinks(html)).toEqual(expected.slice(0, 24).map((p) => p.slug));
		expect(html).toContain("<h1>Search results for “Stripe”</h1>");
		expect(html).toContain('value="Stripe"');
		expect(html).toContain(`<link rel="canonical" href="${BASE}/search?q=Stripe"/>`);
		expect(html).toContain('<meta name="robots" content="noindex"/>');
		expect(html.match(/<h1[ >]/g)).toHaveLength(1);
		const cached = await get("/search?q=Stripe", {
			headers: { "If-None-Match": res.headers.get("etag") ?? "" },
		});
		expect(cached.status).toBe(304);
	});

	it("applies the category page's filters and sort, ignoring empty fields and tracking tags", async () => {
		const html = await page(
			"/search?q=mat&category=kitchen&washable=true&stainResistant=&minPrice=&sort=price_asc&utm_source=mail",
		);
		const kitchen = data.categories.find((c) => c.slug === "kitchen")?.id;
		const expected = matching("mat")
			.filter((p) => p.categoryId === kitchen && p.machineWashable)
			.sort((a, b) => a.minPriceMinor - b.minPriceMinor || a.id - b.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(productLinks(html)).toEqual(expected.slice(0, 24).map((p) => p.slug));
		expect(html).toMatch(/<option value="kitchen" selected="">Kitchen<\/option>/);
		expect(html).toContain("Filter and sort (2 active)");
	});

	it("follows Next page links through every match once", async () => {
		const expected = matching("diamond").map((p) => p.slug);
		expect(expected.length).toBeGreaterThan(10);
		const seen: string[] = [];
		let path: string | undefined = "/search?q=diamond&limit=4";
		while (path) {
			const html = await page(path);
			seen.push(...productLinks(html));
			path = nextHref(html);
		}
		expect(seen).toEqual(expected);
	});

	it("says so when nothing matches, and offers the rooms instead", async () => {
		const html = await page("/search?q=zebraskin%20velour");
		expect(html).toContain("No rugs match “zebraskin velour”");
		expect(productLinks(html)).toEqual([]);
		for (const c of data.categories) expect(html).toContain(`<a href="/c/${c.slug}">`);
	});

	it.each(["/search", "/search?q=", "/search?q=%20%20%20"])(
		"%s shows the search form without results",
		async (path) => {
			const html = await page(path);
			expect(html).toContain("<h1>Search rugs</h1>");
			expect(html).toContain('<input id="f-q" type="search" name="q"');
			expect(html).toContain("Or browse by room");
			expect(productLinks(html)).toEqual([]);
		},
	);

	it("escapes the query wherever it is shown", async () => {
		const html = await page(`/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
		expect(html).not.toContain("<script>alert(1)</script>");
		expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
	});

	it("refuses a query over 100 characters with the form again: summary, field message, what was typed", async () => {
		const typed = "sage ".repeat(25);
		const res = await get(`/search?q=${encodeURIComponent(typed)}`);
		expect(res.status).toBe(400);
		expect(res.headers.get("cache-control")).not.toBe(PUBLIC_CACHE_CONTROL);
		expect(res.headers.get("etag")).toBeNull();
		const html = await res.text();
		expect(html).toContain('role="alert"');
		expect(html).toContain('<a href="#f-q">Type at most 100 characters to search for.</a>');
		expect(html).toMatch(/<input id="f-q"[^>]*value="sage sage[^"]*"[^>]*aria-invalid="true"/);
		expect(html).toContain('<span class="error" id="f-q-error">');
		expect(productLinks(html)).toEqual([]);
	});

	it("refuses a price range the wrong way round, and a page link it did not issue", async () => {
		const prices = await page("/search?q=rug&minPrice=20000&maxPrice=5000", 400);
		expect(prices).toContain('<a href="#f-minPrice">');
		expect(prices).toMatch(/<select id="f-minPrice" name="minPrice" aria-invalid="true">/);
		const cursor = await page("/search?q=rug&cursor=not-a-cursor", 400);
		expect(cursor).toContain("This link has a filter, sort or page we don&#39;t recognise");
		await page(`/search?q=rug&sort=${encodeURIComponent("' OR 1=1 --")}`, 400);
		await page("/search?q=rug&limit=5000", 400);
	});

	it("is an operation of the OpenAPI document, with the listing's query parameters", async () => {
		const doc = (await (await get("/api/v1/openapi.json")).json()) as {
			paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
		};
		const names = doc.paths["/search"]?.get?.parameters?.map((p) => p.name) ?? [];
		expect(names).toEqual(
			expect.arrayContaining(["q", "category", "minPrice", "maxPrice", "sort", "cursor"]),
		);
		expect(doc.paths["/orders/track"]?.post).toBeDefined();
		expect(doc.paths["/orders/track/{number}"]?.get).toBeDefined();
	});
});

describe("rug drawings", () => {
	it("draws each card as its own pattern in its default variant's colour, each pattern defined once", async () => {
		const html = await page("/c/runners?limit=50");
		const cards = [
			...html.matchAll(
				/<article class="card"><svg class="rug" viewBox="[^"]+" role="img" aria-label="([^"]+)"><use href="#rug-([a-z]+)" fill="(#[0-9a-f]{6})" color="#[0-9a-f]{6}"\/><\/svg><h3><a href="\/p\/([a-z0-9-]+)">/g,
			),
		];
		const runners = data.products.filter(
			(p) => p.categoryId === data.categories.find((c) => c.slug === "runners")?.id,
		);
		expect(cards).toHaveLength(runners.length);
		for (const [, label, pattern, fill, slug] of cards) {
			const product = runners.find((p) => p.slug === slug);
			expect(product, slug).toBeDefined();
			if (!product) continue;
			expect(pattern).toBe(rugPatternFor(product.slug));
			expect(fill, slug).toBe(rugColors(defaultColor(product.id)).ground);
			expect(label?.toLowerCase()).toContain(pattern);
		}
		const patterns = new Set(cards.map((m) => m[2]));
		for (const pattern of patterns) expect(html.split(`<symbol id="rug-${pattern}"`)).toHaveLength(2);
		expect(html).not.toContain('class="swatch"');
	});

	it("draws the product in its preselected colour, then in each of its colours", async () => {
		const product = data.products.find(
			(p) => new Set(data.variants.filter((v) => v.productId === p.id).map((v) => v.color)).size > 1,
		);
		if (!product) throw new Error("no product with several colours");
		const html = await page(`/p/${product.slug}`);
		const pattern = rugPatternFor(product.slug);
		const colours = new Set(data.variants.filter((v) => v.productId === product.id).map((v) => v.color));
		expect(html).toContain(`<symbol id="rug-${pattern}"`);
		const main =
			/<svg class="rug rug-main"[^>]*role="img"[^>]*><use href="#rug-[a-z]+" fill="(#[0-9a-f]{6})"/.exec(
				html,
			);
		expect(main?.[1]).toBe(rugColors(defaultColor(product.id)).ground);
		const gallery = html.slice(html.indexOf('<ul class="rug-colours"'));
		for (const colour of colours) expect(gallery).toContain(`fill="${rugColors(colour).ground}"`);
		expect(html.match(/<use href="#rug-/g)).toHaveLength(1 + colours.size);
	});

	it("keeps the heaviest listing pages under 50 KB of HTML and CSS", async () => {
		const product = data.products[0]?.slug;
		for (const path of ["/", "/c/living-room?limit=50", "/search?q=rug&limit=50", `/p/${product}`]) {
			const html = await page(path);
			expect(new TextEncoder().encode(html).length, path).toBeLessThan(50 * 1024);
		}
	});
});

describe("listing pages for search engines and phones", () => {
	it("points a filtered category page's canonical link at the plain category", async () => {
		const html = await page("/c/kitchen?color=sage&washable=true&sort=newest&utm_source=x");
		expect(html).toContain(`<link rel="canonical" href="${BASE}/c/kitchen"/>`);
		expect(await page("/")).toContain(`<link rel="canonical" href="${BASE}/"/>`);
	});

	it("folds the category filters behind one control that works without JavaScript", async () => {
		const plain = await page("/c/kitchen");
		expect(plain).toMatch(
			/<details class="fold"><summary>Filter and sort<\/summary><form class="filters" method="get" action="\/c\/kitchen"/,
		);
		const filtered = await page("/c/kitchen?color=sage&washable=true");
		expect(filtered).toContain("<summary>Filter and sort (2 active)</summary>");
	});
});

describe("GET /p/{slug}: search and social data, reviews", () => {
	it("carries a canonical link, social meta and Product structured data", async () => {
		const product = data.products.find((p) => data.variants.some((v) => v.productId === p.id && v.stock > 0));
		if (!product) throw new Error("no product in stock");
		const html = await page(`/p/${product.slug}`);
		const url = `${BASE}/p/${product.slug}`;
		expect(html).toContain(`<link rel="canonical" href="${url}"/>`);
		expect(html).toContain('<meta property="og:type" content="product"/>');
		expect(html).toContain(`<meta property="og:url" content="${url}"/>`);
		expect(html).toContain(`<meta property="og:title" content="${product.name}"/>`);
		expect(html).toContain('<meta name="twitter:card" content="summary"/>');
		const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1];
		const ld = JSON.parse(json ?? "null");
		const prices = data.variants.filter((v) => v.productId === product.id).map((v) => v.priceMinor);
		expect(ld).toMatchObject({
			"@context": "https://schema.org",
			"@type": "Product",
			name: product.name,
			url,
			offers: {
				"@type": "AggregateOffer",
				priceCurrency: "USD",
				lowPrice: (Math.min(...prices) / 100).toFixed(2),
				highPrice: (Math.max(...prices) / 100).toFixed(2),
				offerCount: prices.length,
				availability: "https://schema.org/InStock",
			},
		});
		expect(ld.aggregateRating).toBeUndefined(); // no published reviews in this catalog
	});

	it("keeps a hostile product name inside the structured data", async () => {
		const name = "Rug </script><script>alert(1)</script> & <!-- more";
		const variant = await createVariant({ name });
		const slug = `rug-${variant.productId}`;
		const html = await page(`/p/${slug}`);
		const scripts = html.match(/<script[^>]*>/g) ?? [];
		// The data block and the widget's same-origin script: nothing the name smuggled in.
		expect(scripts.filter((s) => !/ src="\//.test(s))).toEqual(['<script type="application/ld+json">']);
		const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
		expect(json).not.toMatch(/[<>]/);
		expect(JSON.parse(json).name).toBe(name);
	});

	it("offers a link to write a review of the product", async () => {
		const product = data.products[3];
		const html = await page(`/p/${product?.slug}`);
		expect(html).toContain(`<a href="/account/reviews/new?product=${product?.slug}">Write a review</a>`);
		expect(html).toContain('<h2 id="reviews-heading">Reviews</h2>');
	});
});

describe("robots.txt and sitemap.xml", () => {
	it("keeps crawlers out of personal and form pages and names the sitemap", async () => {
		const res = await get("/robots.txt");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toContain("text/plain");
		expect(res.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
		const text = await res.text();
		for (const path of ["/account", "/staff", "/cart", "/checkout", "/api/", "/privacy/center"]) {
			expect(text).toContain(`\nDisallow: ${path}\n`);
		}
		expect(text).toContain(`Sitemap: ${BASE}/sitemap.xml`);
		expect(text).not.toMatch(/Disallow: \/\n|Disallow: \/p\/|Disallow: \/c\//);
	});

	it("lists the home page, every category and every product by absolute address", async () => {
		const res = await get("/sitemap.xml");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toContain("application/xml");
		expect(res.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
		const xml = await res.text();
		expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
		expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
		const locs = new Set([...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
		expect(locs.has(`${BASE}/`)).toBe(true);
		for (const c of data.categories) expect(locs.has(`${BASE}/c/${c.slug}`)).toBe(true);
		for (const p of data.products) expect(locs.has(`${BASE}/p/${p.slug}`), p.slug).toBe(true);
		expect([...locs].some((l) => /account|cart|search|orders/.test(l ?? ""))).toBe(false);
	});
});

describe("guest order tracking", () => {
	const track = (shopper: Shopper, fields: Record<string, string>) =>
		shopper.fetch("/orders/track", {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams(fields).toString(),
		});

	it("GET /orders/track is the form, never cached", async () => {
		const res = await get("/orders/track");
		expect(res.status).toBe(200);
		expect(res.headers.get("cache-control")).toBe("no-store");
		const html = await res.text();
		expect(html).toContain('<meta name="robots" content="noindex"/>');
		expect(html).toContain('<form class="track" method="post" action="/orders/track">');
		expect(html).toContain('<label for="f-orderNumber">Order number</label>');
		expect(html).toContain('<label for="f-email">Email address</label>');
		expect(html).toContain("<h1>Track an order</h1>");
	});

	it("proves number + email, then shows the order's status, lines and parcel to that browser only", async () => {
		const { checkout, variant } = await placeOrder();
		const number = checkout.order.number;
		const guest = new Shopper();
		const res = await track(guest, { orderNumber: number.toLowerCase(), email: "ADA@example.com" });
		expect(res.status).toBe(303);
		expect(res.headers.get("location")).toBe(`/orders/track/${number}`);
		expect(res.headers.get("cache-control")).toBe("no-store");

		const shown = await guest.fetch(`/orders/track/${number}`);
		expect(shown.status).toBe(200);
		expect(shown.headers.get("cache-control")).toBe("no-store");
		const html = await shown.text();
		expect(html).toContain(`<h1>Order ${number}</h1>`);
		expect(html).toContain('data-status="placed"');
		expect(html).toContain(`<th scope="row">Washable rug ${variant.productId}</th>`);
		expect(html).toContain("Not shipped yet");
		expect(html).not.toMatch(/ada@|lovelace/i);

		await testDb()
			.update(orders)
			.set({
				status: "shipped",
				carrier: "DHL",
				trackingNumber: "JD014600006281230000",
				shippedAt: Date.now(),
			})
			.where(eq(orders.number, number));
		const shipped = await (await guest.fetch(`/orders/track/${number}`)).text();
		expect(shipped).toContain('data-status="shipped"');
		expect(shipped).toContain("DHL, tracking number JD014600006281230000");

		// Another browser, by number alone: the form, the same as for a number that does not exist.
		const stranger = new Shopper();
		const theirs = await (await stranger.fetch(`/orders/track/${number}`)).text();
		expect(theirs).not.toContain("data-status");
		const made = "LW-AAAA-BBBB-CCCC";
		const none = await (await stranger.fetch(`/orders/track/${made}`)).text();
		expect(none.replaceAll(made, number)).toBe(theirs);
	});

	it("refuses a wrong pair with one answer, whether the number exists or not, keeping what was typed", async () => {
		const { checkout } = await placeOrder();
		const number = checkout.order.number;
		const guest = new Shopper();
		const wrong = await track(guest, { orderNumber: number, email: "not.me@example.org" });
		expect(wrong.status).toBe(404);
		expect(wrong.headers.get("cache-control")).toBe("no-store");
		const html = await wrong.text();
		expect(html).toContain('role="alert"');
		expect(html).toContain("No order matches that order number and email address.");
		expect(html).toContain('value="not.me@example.org"');
		expect(guest.cookies.has("__Host-lw_orders")).toBe(false);
		const made = "LW-AAAA-BBBB-CCCC";
		const none = await track(guest, { orderNumber: made, email: "not.me@example.org" });
		expect(none.status).toBe(404);
		expect((await none.text()).replaceAll(made, number)).toBe(html);
		expect((await guest.fetch(`/orders/track/${number}`)).status).toBe(200);
		expect(await (await guest.fetch(`/orders/track/${number}`)).text()).not.toContain("data-status");
	});

	it("refuses a missing or overlong field with the summary, the message by the field and the typed value", async () => {
		const guest = new Shopper();
		const missing = await track(guest, { orderNumber: "LW-AAAA-BBBB-CCCC", email: "" });
		expect(missing.status).toBe(400);
		const html = await missing.text();
		expect(html).toContain('<a href="#f-email">Enter the email address you gave at checkout.</a>');
		expect(html).toMatch(/<input id="f-email"[^>]*aria-invalid="true"/);
		expect(html).toContain('value="LW-AAAA-BBBB-CCCC"');
		const long = await track(guest, { orderNumber: "X".repeat(41), email: "a@example.com" });
		expect(long.status).toBe(400);
		expect(await long.text()).toContain('<a href="#f-orderNumber">An order number is at most 40 characters');
		const extra = await track(guest, {
			orderNumber: "LW-AAAA-BBBB-CCCC",
			email: "a@example.com",
			admin: "1",
		});
		expect(extra.status).toBe(400);
		const json = await guest.fetch("/orders/track", {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ orderNumber: "LW-AAAA-BBBB-CCCC", email: "a@example.com" }),
		});
		expect(json.status).toBeGreaterThanOrEqual(400);
		expect(json.status).toBeLessThan(500);
	});

	it("limits lookups of one order as the API does, with the form and the reason", async () => {
		const { checkout } = await placeOrder();
		const statuses: number[] = [];
		await startOfFreshRateWindow();
		for (let i = 0; i < 6; i++) {
			const res = await track(new Shopper(), {
				orderNumber: checkout.order.number,
				email: `x${i}@example.org`,
			});
			statuses.push(res.status);
			if (res.status === 429) expect(await res.text()).toContain("Too many lookups for this order");
		}
		expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
	});

	it("answers a path that is not an order number with the form, and old mail links with a redirect", async () => {
		const res = await get(`/orders/track/${encodeURIComponent("<script>")}`);
		expect(res.status).toBe(404);
		expect(await res.text()).toContain("<h1>Track an order</h1>");
		const old = await get("/orders/lookup");
		expect(old.status).toBe(301);
		expect(old.headers.get("location")).toBe("/orders/track");
	});
});
