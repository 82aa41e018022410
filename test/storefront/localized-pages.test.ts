// The public catalog pages in each locale (issue #13): a prefixed page speaks its language, prices
// in its currency from the price list, measures in its units and links within its prefix; the
// unprefixed pages stay the English, US-dollar shop they were. Search engines get each page's
// alternates; every page has the market and language selector, which works without JavaScript.
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { formatPrice, sizeLabel } from "../../workers/storefront/catalog/format";
import type { CatalogData } from "../../workers/storefront/catalog/seed-data";
import type { Product, Variant } from "../../workers/storefront/db/schema";
import { formatMoney } from "../../workers/storefront/i18n/formats";
import { translate } from "../../workers/storefront/i18n/translate";
import { LANGUAGES } from "../../workers/storefront/markets/markets";
import {
	ALTERNATE_SEGMENTS,
	parseLocaleSegment,
	SHOP_COUNTRIES,
	shopLocale,
} from "../../workers/storefront/markets/shop-locale";
import { metricSizeLabel } from "../../workers/storefront/markets/sizes";
import { seedCatalog } from "./fixtures/catalog";
import { BASE, createVariant, Shopper } from "./fixtures/commerce";

const LOCALE_COOKIE = "__Host-lw_locale";
const FORM = { "content-type": "application/x-www-form-urlencoded" };

let data: CatalogData;
let product: Product;
let productVariants: Variant[];
let categorySlug: string;

beforeAll(async () => {
	data = await seedCatalog(env.DB);
	// A rug in stock in a rectangular size, so its sizes read differently in feet and centimetres.
	const sized = data.products.find((p) =>
		data.variants.some((v) => v.productId === p.id && v.stock > 0 && /^\d+x\d+$/.test(v.size)),
	);
	if (!sized) throw new Error("no rug in stock in a rectangular size");
	product = sized;
	productVariants = data.variants.filter((v) => v.productId === product.id);
	categorySlug = data.categories.find((c) => c.id === product.categoryId)?.slug ?? "";
});

const get = (path: string, init: RequestInit = {}) =>
	exports.default.fetch(`${BASE}${path}`, { redirect: "manual", ...init });

async function page(path: string, init: RequestInit = {}): Promise<string> {
	return htmlOf(await get(path, init), path);
}

/** A shopper's own page (the cart): rendered for them, with their cookies. */
async function shopperPage(path: string, cookie?: string): Promise<string> {
	const res = await new Shopper().fetch(path, cookie ? { headers: { cookie } } : {});
	return htmlOf(res, path);
}

async function htmlOf(res: Response, path: string): Promise<string> {
	const html = await res.text();
	expect(res.status, `${path}: ${html.slice(0, 300)}`).toBe(200);
	expect(res.headers.get("content-type")).toContain("text/html");
	return html;
}

/** A variant's price in a currency, as the price list (variant_prices) holds it. */
async function listPrice(variantId: number, currency: string): Promise<number> {
	const row = await env.DB.prepare(
		"select price_minor from variant_prices where variant_id = ? and currency = ?",
	)
		.bind(variantId, currency)
		.first<{ price_minor: number }>();
	if (!row) throw new Error(`no ${currency} price for variant ${variantId}`);
	return row.price_minor;
}

function variantRow(html: string, variantId: number): string {
	const row = new RegExp(`<tr data-variant-id="${variantId}"[^>]*>(.*?)</tr>`, "s").exec(html)?.[1];
	expect(row, `row of variant ${variantId}`).toBeDefined();
	return row ?? "";
}

const selected = (html: string, select: string) =>
	new RegExp(`<select id="${select}"[^>]*>.*?<option value="([^"]+)"[^>]*selected=""`, "s").exec(html)?.[1];

describe("a product page under a locale prefix", () => {
	it("/fr-fr/p/…: French words, euros from the price list written in fr-FR, centimetres, French links", async () => {
		const html = await page(`/fr-fr/p/${product.slug}`);
		expect(html).toContain('<html lang="fr-FR">');
		expect(html).toContain("Ajouter au panier</button>");
		expect(html).toContain('<h2 id="variants-heading">Tailles et couleurs</h2>');
		expect(html).toContain('<p class="muted">Prix TVA incluse.</p>');
		for (const v of productVariants) {
			const row = variantRow(html, v.id);
			const euros = formatMoney(await listPrice(v.id, "EUR"), "EUR", "fr-FR");
			expect(euros).toMatch(/^\d[\d\u202f]*,\d{2}\u00a0€$/);
			expect(row).toContain(`<td>${euros}</td>`);
			expect(row).toContain(`<th scope="row">${metricSizeLabel(v.size)}</th>`);
			expect(row).toContain(`<td>${translate("fr", `colour.${v.color}` as "colour.sand")}</td>`);
			expect(row).not.toContain("$");
			expect(row).not.toContain("′");
		}
		expect(html).toMatch(/<th scope="row">\d+ × \d+ cm<\/th>/);
		// The cart follows the market whose prices the shopper saw.
		expect(html).toMatch(
			/<form class="buy" method="post" action="\/cart\/items"[^>]*>.*<button type="submit" name="locale" value="fr-fr">/s,
		);
		// Links stay in the locale: home, the category, the search form. The cart is the shopper's own.
		expect(html).toContain('<a class="brand" href="/fr-fr">');
		expect(html).toContain(`<a href="/fr-fr/c/${categorySlug}">`);
		expect(html).toContain('<form class="search" method="get" action="/fr-fr/search">');
		expect(html).toContain('<a class="cart-link" href="/cart">Panier</a>');
		// Search engines and previews see the French page's own address and euro prices.
		const url = `${BASE}/fr-fr/p/${product.slug}`;
		expect(html).toContain(`<link rel="canonical" href="${url}"/>`);
		expect(html).toContain(`<meta property="og:url" content="${url}"/>`);
		const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? "null");
		expect(ld).toMatchObject({ url, offers: { priceCurrency: "EUR" } });
	});

	it("/ja-jp/p/…: Japanese, yen without decimals, consumption tax included", async () => {
		const html = await page(`/ja-jp/p/${product.slug}`);
		expect(html).toContain('<html lang="ja-JP">');
		expect(html).toContain("カートに入れる</button>");
		expect(html).toContain("価格は消費税込みです。");
		for (const v of productVariants) {
			const yen = formatMoney(await listPrice(v.id, "JPY"), "JPY", "ja-JP");
			expect(yen).toMatch(/^￥[\d,]+$/);
			expect(variantRow(html, v.id)).toContain(`<td>${yen}</td>`);
		}
		expect(html).toContain('name="locale" value="ja-jp"');
	});

	it("the unprefixed page stays English (en-US), in US dollars and feet", async () => {
		const html = await page(`/p/${product.slug}`);
		expect(html).toContain('<html lang="en-US">');
		expect(html).toContain("Add to cart</button>");
		expect(html).toContain(`From ${formatPrice(product.minPriceMinor, "USD")}`);
		expect(html).toContain("Sales tax is added at checkout.");
		for (const v of productVariants) {
			const row = variantRow(html, v.id);
			expect(row).toContain(`<th scope="row">${sizeLabel(v.size)}</th>`);
			expect(row).toContain(`<td>${formatPrice(v.priceMinor, "USD")}</td>`);
			expect(row).not.toContain(" cm");
		}
		expect(html).toContain('name="locale" value="en-us"');
		expect(html).toContain(`<a href="/c/${categorySlug}">`);
		expect(html).toContain(`<link rel="canonical" href="${BASE}/p/${product.slug}"/>`);
	});

	it("answers 404 on a prefix whose currency has no price for the rug", async () => {
		const usdOnly = await createVariant({ onlyOwnCurrency: true });
		expect((await get(`/p/rug-${usdOnly.productId}`)).status).toBe(200);
		for (const prefix of ["fr-fr", "en-gb", "ja-jp"]) {
			const res = await get(`/${prefix}/p/rug-${usdOnly.productId}`);
			expect(res.status, prefix).toBe(404);
			expect(await res.text()).not.toContain('rel="alternate"');
		}
	});
});

describe("listings under a locale prefix", () => {
	it("/de-de/c/…: German filters, euro price steps, links and the form within the prefix", async () => {
		const html = await page(`/de-de/c/${categorySlug}`);
		expect(html).toContain('<html lang="de-DE">');
		expect(html).toContain("<summary>Filtern und sortieren</summary>");
		expect(html).toContain('<label for="f-sort">Sortieren nach</label>');
		expect(html).toContain("Teppiche anzeigen</button>");
		expect(html).toContain(`<form class="filters" method="get" action="/de-de/c/${categorySlug}"`);
		expect(html).toContain('<p class="muted">Preise inkl. Mehrwertsteuer.</p>');
		// The price filter's values are cents of the page's currency, labelled as Germans write euros.
		expect(html).toContain('<option value="2500">25\u00a0€</option>');
		expect(html).toContain('<option value="10000">100\u00a0€</option>');
		expect(html).not.toContain("$");
		const cards = [...html.matchAll(/<h3><a href="([^"]+)">/g)].map((m) => m[1]);
		expect(cards.length).toBeGreaterThan(0);
		for (const href of cards) expect(href).toMatch(/^\/de-de\/p\/[a-z0-9-]+$/);
	});

	it("/de-de/c/…?maxPrice=… filters on the euro price list", async () => {
		const html = await page(`/de-de/c/${categorySlug}?maxPrice=10000&limit=50`);
		const prices = [...html.matchAll(/<p class="price">Ab ([^<]+)<\/p>/g)].map((m) => m[1] ?? "");
		expect(prices.length).toBeGreaterThan(0);
		for (const price of prices) {
			const euros = Number(price.replace(/[^\d,]/g, "").replace(",", "."));
			expect(euros, price).toBeLessThanOrEqual(100);
		}
	});

	it("/en-gb/: pounds, British English links, VAT included", async () => {
		const html = await page("/en-gb");
		expect(html).toContain('<html lang="en-GB">');
		expect(html).toContain("<h1>Washable rugs for real life</h1>");
		expect(html).toContain("Prices include VAT.");
		expect(html).toMatch(/<p class="price">From £\d[\d,]*\.\d{2}<\/p>/);
		expect(html).not.toMatch(/From \$/);
		for (const c of data.categories) expect(html).toContain(`<a href="/en-gb/c/${c.slug}">`);
		expect(html).toContain(`<link rel="canonical" href="${BASE}/en-gb"/>`);
	});

	it("/es-es/search: Spanish results page, its form within the prefix", async () => {
		const html = await page("/es-es/search?q=rug");
		expect(html).toContain('<html lang="es-ES">');
		expect(html).toContain("<h1>Resultados de búsqueda de «rug»</h1>");
		expect(html).toContain('<form class="site-search" method="get" action="/es-es/search"');
		expect(html).toContain(`<link rel="canonical" href="${BASE}/es-es/search?q=rug"/>`);
	});

	it("keeps the heaviest localized pages under 50 KB of HTML and CSS", async () => {
		const paths = [
			"/ja-jp",
			"/ja-jp/c/living-room?limit=50",
			"/fr-fr/search?q=rug&limit=50",
			`/de-de/p/${product.slug}`,
		];
		for (const path of paths) {
			const html = await page(path);
			expect(new TextEncoder().encode(html).length, path).toBeLessThan(50 * 1024);
		}
	});
});

describe("locale alternates for search engines", () => {
	it("lists every advertised locale and x-default on public pages", async () => {
		for (const path of ["/", `/c/${categorySlug}`, `/p/${product.slug}`]) {
			for (const prefix of ["", "/fr-fr"]) {
				const html = await page(`${prefix}${path === "/" && prefix ? "" : path}`);
				const links = [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)];
				const expected = ALTERNATE_SEGMENTS.map((segment) => {
					const locale = shopLocale(parseLocaleSegment(segment) ?? { language: "en", country: "US" });
					return [locale.tag, `${BASE}${locale.href(path)}`];
				});
				expect(
					links.map(([, hreflang, href]) => [hreflang, href]),
					`${prefix}${path}`,
				).toEqual([...expected, ["x-default", `${BASE}${path}`]]);
			}
		}
		// Spot checks of the list itself: French in Belgium, English in Japan, the default unprefixed.
		const html = await page(`/p/${product.slug}`);
		expect(html).toContain(`hreflang="fr-BE" href="${BASE}/fr-be/p/${product.slug}"`);
		expect(html).toContain(`hreflang="en-JP" href="${BASE}/en-jp/p/${product.slug}"`);
		expect(html).toContain(`hreflang="en-US" href="${BASE}/p/${product.slug}"`);
	});

	it("lists none on private pages, unindexed pages and error pages", async () => {
		const cart = await shopperPage("/cart");
		expect(cart).not.toContain('rel="alternate"');
		expect(cart).not.toContain('rel="canonical"');
		expect(await page("/search?q=rug")).not.toContain('rel="alternate"');
		const missing = await get("/fr-fr/p/no-such-rug");
		expect(missing.status).toBe(404);
		const html = await missing.text();
		expect(html).not.toContain('rel="alternate"');
		expect(html).toContain("<h1>Page introuvable</h1>");
	});
});

describe("the market and language selector", () => {
	const countries = (html: string) =>
		[...html.matchAll(/<select id="lw-country" name="country">(.*?)<\/select>/gs)].map((m) => m[1] ?? "");

	it("is on public and private pages, a labelled plain form with the page's choice selected", async () => {
		const pages = {
			"/": await page("/"),
			[`/p/${product.slug}`]: await page(`/p/${product.slug}`),
			"/cart": await shopperPage("/cart"),
			"/privacy": await page("/privacy"),
		};
		for (const [path, html] of Object.entries(pages)) {
			expect(html, path).toContain('<form class="locale" method="post" action="/locale"');
			expect(html, path).toContain('<label for="lw-country">Shop in</label>');
			expect(html, path).toContain('<label for="lw-language">Language</label>');
			expect(selected(html, "lw-country"), path).toBe("US");
			expect(selected(html, "lw-language"), path).toBe("en");
			expect(html, path).toContain(`<button type="submit" name="return" value="${path}">Apply</button>`);
			const options = [...(countries(html)[0] ?? "").matchAll(/<option value="([A-Z]{2})"/g)].map(
				(m) => m[1],
			);
			expect(options, path).toEqual([...SHOP_COUNTRIES]);
		}
		expect(pages["/"]).toContain('<option value="FR">France (EUR)</option>');
		expect(pages["/"]).toContain('<option value="ja" lang="ja">日本語</option>');
	});

	it("names countries in the page's language and selects its locale", async () => {
		const html = await page(`/fr-fr/p/${product.slug}`);
		expect(html).toContain('<option value="FR" selected="">France (EUR)</option>');
		expect(html).toContain('<option value="DE">Allemagne (EUR)</option>');
		expect(html).toContain('<option value="GB">Royaume-Uni (GBP)</option>');
		expect(html).toContain('<option value="fr" lang="fr" selected="">Français</option>');
		expect(html).toContain('<label for="lw-country">Acheter depuis</label>');
		// The path it returns to is the page's own, without the prefix.
		expect(html).toContain(`name="return" value="/p/${product.slug}">Appliquer</button>`);
		const cartHtml = await shopperPage("/cart", `${LOCALE_COOKIE}=de-at`);
		expect(cartHtml).toContain('<html lang="de-AT">');
		expect(selected(cartHtml, "lw-country")).toBe("AT");
		expect(selected(cartHtml, "lw-language")).toBe("de");
	});

	it("POST /locale remembers the choice and goes back to the page in it, never off the site", async () => {
		const choose = (fields: Record<string, string>) =>
			new Shopper().fetch("/locale", { method: "POST", headers: FORM, body: new URLSearchParams(fields) });

		const toProduct = await choose({ country: "FR", language: "fr", return: `/p/${product.slug}` });
		expect(toProduct.status).toBe(303);
		expect(toProduct.headers.get("location")).toBe(`/fr-fr/p/${product.slug}`);
		expect(toProduct.headers.getSetCookie().join("\n")).toMatch(/__Host-lw_locale=fr-fr;/);

		const toCart = await choose({ country: "FR", language: "fr", return: "/cart" });
		expect(toCart.status).toBe(303);
		expect(toCart.headers.get("location")).toBe("/cart");

		for (const hostile of [
			"//evil.example",
			"/\\evil.example",
			"https://evil.example/",
			"javascript:alert(1)",
		]) {
			const res = await choose({ country: "FR", language: "fr", return: hostile });
			expect(res.status, hostile).toBe(303);
			expect(res.headers.get("location"), hostile).toBe("/fr-fr");
		}

		for (const bad of [
			{ country: "XX", language: "fr" },
			{ country: "FR", language: "xx" },
			{ country: "fr", language: "fr" },
		]) {
			expect((await choose(bad)).status, JSON.stringify(bad)).toBe(400);
		}
	});

	it("works end to end without JavaScript: the form's fields, then the prefixed page", async () => {
		const shopper = new Shopper();
		const html = await (await shopper.fetch(`/p/${product.slug}`)).text();
		const ret = /<button type="submit" name="return" value="([^"]+)">/.exec(html)?.[1] ?? "";
		const body = new URLSearchParams({ country: "JP", language: "ja", return: ret });
		const chosen = await shopper.fetch("/locale", { method: "POST", headers: FORM, body });
		expect(chosen.headers.get("location")).toBe(`/ja-jp/p/${product.slug}`);
		// The unprefixed page now sends this shopper to their locale, privately.
		const again = await shopper.fetch(`/p/${product.slug}`);
		expect(again.status).toBe(302);
		expect(again.headers.get("location")).toBe(`/ja-jp/p/${product.slug}`);
		const next = await shopper.fetch(again.headers.get("location") ?? "");
		expect(await next.text()).toContain('<html lang="ja-JP">');
	});
});

describe("prefixes and the choice cookie", () => {
	it("sends a shopper whose cookie chose another locale from the unprefixed page, never stored", async () => {
		const res = await get(`/p/${product.slug}`, { headers: { cookie: `${LOCALE_COOKIE}=fr-fr` } });
		expect(res.status).toBe(302);
		expect(res.headers.get("location")).toBe(`/fr-fr/p/${product.slug}`);
		expect(res.headers.get("cache-control")).toContain("no-store");
	});

	it("answers 404 for an unknown prefix and 301 for the default one", async () => {
		expect((await get(`/xx-yy/p/${product.slug}`)).status).toBe(404);
		expect((await get(`/fr-us/p/${product.slug}`)).status).toBe(200);
		const canonical = await get(`/en-us/p/${product.slug}`);
		expect(canonical.status).toBe(301);
		expect(canonical.headers.get("location")).toBe(`/p/${product.slug}`);
	});

	it("renders every language in every selector option list", async () => {
		const html = await page("/");
		const languages = [...html.matchAll(/<option value="([a-z]{2})" lang="\1"/g)].map((m) => m[1]);
		expect(languages).toEqual([...LANGUAGES]);
	});
});
