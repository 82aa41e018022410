// Issue #13 on the shopper's own pages: the cart, checkout and order pages in the shopper's
// language and in the cart's market, through the real worker with the cookies a browser keeps.
// Amounts are computed here from the price lists and the pure market rules the pages must follow.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../../workers/storefront/i18n/formats";
import { translate } from "../../../workers/storefront/i18n/translate";
import { MARKETS } from "../../../workers/storefront/markets/markets";
import { shippingOptions } from "../../../workers/storefront/markets/shipping-rates";
import { metricSizeLabel } from "../../../workers/storefront/markets/sizes";
import { taxLines, taxRuleFor } from "../../../workers/storefront/markets/taxes";
import { submitPaymentDecision } from "../fixtures/checkout-flow";
import { BASE, CART_COOKIE, createVariant, orderByNumber, Shopper } from "../fixtures/commerce";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const LOCALE_COOKIE = "__Host-lw_locale";

function shopperIn(segment?: string): Shopper {
	const shopper = new Shopper();
	if (segment) shopper.cookies.set(LOCALE_COOKIE, segment);
	return shopper;
}

function postForm(shopper: Shopper, path: string, fields: Record<string, string>) {
	return shopper.fetch(path, { method: "POST", headers: FORM, body: new URLSearchParams(fields).toString() });
}

async function addToCart(shopper: Shopper, variantId: number, locale?: string, quantity = 1) {
	const fields = { variantId: String(variantId), quantity: String(quantity), ...(locale ? { locale } : {}) };
	const res = await postForm(shopper, "/cart/items", fields);
	expect(res.status, (await res.clone().text()).slice(0, 300)).toBe(303);
}

/** A per-shopper page: HTML, never stored by any cache. */
async function privatePage(res: Response, status = 200): Promise<string> {
	const text = await res.text();
	expect(res.status, text.slice(0, 300)).toBe(status);
	expect(res.headers.get("cache-control")).toBe("no-store");
	return text;
}

/** The price-list row the cart must show: what the shop set for the variant in that currency. */
async function listPrice(variantId: number, currency: string): Promise<number> {
	const row = await env.DB.prepare(
		"select price_minor from variant_prices where variant_id = ? and currency = ?",
	)
		.bind(variantId, currency)
		.first<{ price_minor: number }>();
	if (!row) throw new Error(`no ${currency} price for ${variantId}`);
	return row.price_minor;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const between = (html: string, pattern: RegExp) => pattern.exec(html)?.[1] ?? "";
const countrySelect = (html: string) => between(html, /<select id="f-country"[^>]*>(.*?)<\/select>/s);
const optionValues = (select: string) => [...select.matchAll(/<option value="([A-Z]{2})"/g)].map((m) => m[1]);
const cartTable = (html: string) => between(html, /<main[^>]*>(.*?)<\/main>/s);

/** Places the order from the checkout form, pays it at the stand-in, and answers its number. */
async function placeAndPay(shopper: Shopper, fields: Record<string, string>): Promise<string> {
	const placed = await postForm(shopper, "/checkout", fields);
	expect(placed.status, (await placed.clone().text()).slice(0, 500)).toBe(303);
	const paymentPath = (placed.headers.get("location") ?? "").slice(BASE.length);
	expect(paymentPath).toMatch(/^\/pay\/local\//);
	const paid = await submitPaymentDecision(shopper, paymentPath, "pay");
	expect(paid.status).toBe(303);
	const number = /\/orders\/(LW-[^/]+)\/thanks$/.exec(paid.headers.get("location") ?? "")?.[1];
	if (!number) throw new Error("no order number");
	return number;
}

const FRENCH_ADDRESS = {
	email: "claire@example.fr",
	phone: "+33 1 42 68 53 00",
	name: "Claire Dubois",
	line1: "12 rue de la Paix",
	line2: "",
	city: "Paris",
	region: "",
	postalCode: "75002",
	country: "FR",
	shippingMethod: "standard",
};

describe("a French shopper (cookie fr-fr)", () => {
	it("sees the cart in French and euros, checks out for the EU market, and the order carries its TVA", async () => {
		const variant = await createVariant({ stock: 5, priceMinor: 12_900, name: "Tapis Marée" });
		const eur = await listPrice(variant.variantId, "EUR");
		const shopper = shopperIn("fr-fr");
		await addToCart(shopper, variant.variantId, "fr-fr");

		const cart = await privatePage(await shopper.fetch("/cart"));
		expect(cart).toContain('<html lang="fr-FR">');
		expect(cart).toContain("<h1>Votre panier</h1>");
		const row = between(cart, new RegExp(`<tr data-variant-id="${variant.variantId}">(.*?)</tr>`, "s"));
		expect(row).toContain(`<a href="/fr-fr/p/rug-${variant.productId}">Tapis Marée</a>`);
		expect(row).toContain(`Taille ${metricSizeLabel("120x180")}`);
		expect(row).toContain(formatMoney(eur, "EUR", "fr-FR"));
		expect(cart).toContain(`<td class="num" data-subtotal="">${formatMoney(eur, "EUR", "fr-FR")}</td>`);
		expect(cart).toContain(translate("fr", "price.taxIncluded", { tax: "TVA" }));
		expect(cartTable(cart)).not.toContain("$");

		const checkout = await privatePage(await shopper.fetch("/checkout"));
		expect(checkout).toContain('<html lang="fr-FR">');
		// Only the EU market's countries, named in French, France preselected.
		const select = countrySelect(checkout);
		expect(optionValues(select).sort()).toEqual([...MARKETS.eu.countries].sort());
		expect(select).toContain('<option value="FR" selected="">France</option>');
		expect(select).toContain('<option value="DE">Allemagne</option>');
		expect(checkout).toContain('<label for="f-country">Pays</label>');
		expect(checkout).toContain("<legend>Adresse de livraison</legend>");
		expect(checkout).toContain('<label for="f-postalCode">Code postal</label>');
		// The French post writes the postcode before the town; no region field in France.
		expect(checkout.indexOf('id="f-postalCode"')).toBeLessThan(checkout.indexOf('id="f-city"'));
		expect(checkout).not.toContain('id="f-region"');
		// Each method's price to France for this subtotal, with its delivery estimate.
		const france = shippingOptions("FR", eur);
		if (!france) throw new Error("France is delivered");
		const { standard, express } = france.options;
		expect(checkout).toContain(
			`${formatMoney(standard.priceMinor, "EUR", "fr-FR")} · ${translate("fr", "shipping.estimate", { min: standard.minDays, max: standard.maxDays })}`,
		);
		expect(checkout).toContain(
			`${formatMoney(express.priceMinor, "EUR", "fr-FR")} · ${translate("fr", "shipping.estimate", { min: express.minDays, max: express.maxDays })}`,
		);

		const number = await placeAndPay(shopper, FRENCH_ADDRESS);
		const order = await orderByNumber(number);
		const expectedTax = taxLines(
			taxRuleFor("FR") ?? { included: true, rates: [] },
			eur + standard.priceMinor,
		);
		expect(expectedTax).toHaveLength(1);
		expect(order).toMatchObject({
			currency: "EUR",
			market: "eu",
			subtotalMinor: eur,
			shippingMinor: standard.priceMinor,
			taxIncluded: true,
			totalMinor: eur + standard.priceMinor,
			language: "fr",
		});
		expect(order?.taxLines).toEqual(expectedTax);

		const thanks = await privatePage(await shopper.fetch(`/orders/${number}/thanks`));
		expect(thanks).toContain('<html lang="fr-FR">');
		expect(thanks).toContain("<h1>Merci pour votre commande</h1>");
		const [tva] = expectedTax;
		// "20 %": French writes a (no-break) space before the percent sign.
		const amount = escapeRegExp(formatMoney(tva?.amountMinor ?? -1, "EUR", "fr-FR"));
		expect(thanks).toMatch(
			new RegExp(`<p class="hint" data-tax-included="">Dont TVA 20\\s% : ${amount}</p>`),
		);
		expect(thanks).toContain(
			`<dd data-total=""><strong>${formatMoney(eur + standard.priceMinor, "EUR", "fr-FR")}</strong></dd>`,
		);
		// Tax inside the total adds no line before it.
		expect(thanks).not.toContain("data-tax-line");
	});

	it("gets a refused checkout back in French, with French messages for each field and a 400", async () => {
		const variant = await createVariant({ stock: 3 });
		const shopper = shopperIn("fr-fr");
		await addToCart(shopper, variant.variantId, "fr-fr");
		const html = await privatePage(
			await postForm(shopper, "/checkout", { ...FRENCH_ADDRESS, email: "", postalCode: "7500", name: "" }),
			400,
		);
		expect(html).toContain('<html lang="fr-FR">');
		expect(html).toContain("<title>Erreur : Passer commande · Loomwash</title>");
		expect(html).toContain('<h2 id="error-summary-title">Il y a un problème</h2>');
		expect(html).toContain('<a href="#f-email">Saisissez votre adresse e-mail</a>');
		expect(html).toContain('<a href="#f-name">Saisissez le nom de la personne qui recevra la commande</a>');
		expect(html).toContain('<a href="#f-postalCode">Code postal FR non valide (p. ex. 75001)</a>');
		expect(html).toContain('<span class="visually-hidden">Erreur : </span>');
		// What was typed comes back; France stays chosen.
		expect(html).toContain('value="12 rue de la Paix"');
		expect(countrySelect(html)).toContain('<option value="FR" selected="">France</option>');
		expect(html).not.toMatch(/Enter your|There is a problem/);
	});

	it("gets cart refusals in French", async () => {
		const variant = await createVariant({ stock: 3 });
		const shopper = shopperIn("fr-fr");
		const over = await privatePage(
			await postForm(shopper, "/cart/items", { variantId: String(variant.variantId), quantity: "4" }),
			409,
		);
		expect(over).toContain("<title>Erreur : Votre panier · Loomwash</title>");
		expect(over).toContain("Plus que 3 en stock");
		const bad = await privatePage(
			await postForm(shopper, "/cart/items", { variantId: String(variant.variantId), quantity: "11" }),
			400,
		);
		expect(bad).toContain("Choisissez une taille et une couleur, ainsi qu’une quantité entre 1 et 10.");
		const missing = await privatePage(await postForm(shopper, "/cart/items/999999999/remove", {}), 404);
		expect(missing).toContain("Cet article n’est pas dans votre panier.");
	});
});

describe("a US shopper (no cookie, no country)", () => {
	it("sees California's sales tax added before the total on the order and tracking pages", async () => {
		const variant = await createVariant({ stock: 5, priceMinor: 12_900 });
		const shopper = shopperIn();
		await addToCart(shopper, variant.variantId);
		const checkout = await privatePage(await shopper.fetch("/checkout"));
		expect(checkout).toMatch(/<html lang="en(-US)?">/);
		expect(checkout).toContain('<label for="f-region">State</label>');
		expect(checkout).toContain('<label for="f-postalCode">ZIP code</label>');
		expect(checkout).toContain(translate("en", "price.taxAdded"));

		const californian = {
			...FRENCH_ADDRESS,
			phone: "+1 415 555 0199",
			line1: "2 Harbor Way",
			city: "San Francisco",
			region: "CA",
			postalCode: "94105",
			country: "US",
		};
		const standard = shippingOptions("US", 12_900)?.options.standard.priceMinor ?? -1;
		const [salesTax] = taxLines(taxRuleFor("US", "CA") ?? { included: false, rates: [] }, 12_900 + standard);
		expect(salesTax).toMatchObject({ name: "Sales tax", rateE5: 7_250 });
		const total = 12_900 + standard + (salesTax?.amountMinor ?? 0);
		const money = (minor: number) => formatMoney(minor, "USD", "en-US");

		// Once the state is known (a refused form comes back with it), the summary adds its tax.
		const refused = await privatePage(
			await postForm(shopper, "/checkout", { ...californian, email: "x" }),
			400,
		);
		expect(refused).toContain(
			`<dt data-tax-line="">Sales tax 7.25%</dt><dd>${money(salesTax?.amountMinor ?? -1)}</dd>`,
		);
		expect(refused).toContain(`<dd data-total=""><strong>${money(total)}</strong></dd>`);

		const number = await placeAndPay(shopper, californian);
		const order = await orderByNumber(number);
		expect(order).toMatchObject({ currency: "USD", taxIncluded: false, totalMinor: total });
		expect(order?.taxLines).toEqual([salesTax]);

		const thanks = await privatePage(await shopper.fetch(`/orders/${number}/thanks`));
		expect(thanks).toContain(
			`<dt>Shipping</dt><dd>${money(standard)}</dd>` +
				`<dt data-tax-line="">Sales tax 7.25%</dt><dd>${money(salesTax?.amountMinor ?? -1)}</dd>` +
				`<dt>Total</dt><dd data-total=""><strong>${money(total)}</strong></dd>`,
		);
		expect(thanks).not.toContain("data-tax-included");

		const tracked = await privatePage(await shopper.fetch(`/orders/track/${number}`));
		expect(tracked).toContain(
			`<tr data-tax-line=""><th scope="row" colspan="3">Sales tax 7.25%</th>` +
				`<td class="num">${money(salesTax?.amountMinor ?? -1)}</td></tr>` +
				`<tr><th scope="row" colspan="3">Total</th><td class="num" data-total="">${money(total)}</td></tr>`,
		);
	});
});

describe("a Japanese shopper (cookie ja-jp)", () => {
	it("sees yen without decimals and Japanese words, and gives a prefecture", async () => {
		const variant = await createVariant({ stock: 5, priceMinor: 12_900 });
		const jpy = await listPrice(variant.variantId, "JPY");
		const shopper = shopperIn("ja-jp");
		await addToCart(shopper, variant.variantId, "ja-jp");

		const cart = await privatePage(await shopper.fetch("/cart"));
		expect(cart).toContain('<html lang="ja-JP">');
		expect(cart).toContain("<h1>カート</h1>");
		const yen = formatMoney(jpy, "JPY", "ja-JP");
		expect(yen).toMatch(/^￥[\d,]+$/);
		expect(cart).toContain(`<td class="num" data-subtotal="">${yen}</td>`);
		expect(cartTable(cart)).not.toMatch(/[￥¥][\d,]+\.\d/);

		const checkout = await privatePage(await shopper.fetch("/checkout"));
		expect(optionValues(countrySelect(checkout))).toEqual(["JP"]);
		expect(checkout).toContain('<label for="f-region">都道府県</label>');
		expect(checkout).toContain('<label for="f-postalCode">郵便番号</label>');
		// A Japanese address runs from the postcode and prefecture down to the street.
		const at = (id: string) => checkout.indexOf(`id="f-${id}"`);
		expect(at("postalCode")).toBeLessThan(at("region"));
		expect(at("region")).toBeLessThan(at("city"));
		expect(at("city")).toBeLessThan(at("line1"));
		expect(checkout).toContain("<legend>配送方法</legend>");

		const number = await placeAndPay(shopper, {
			email: "hanako@example.jp",
			phone: "+81 3-1234-5678",
			name: "山田 花子",
			line1: "千代田1-1",
			line2: "",
			city: "千代田区",
			region: "東京都",
			postalCode: "100-0001",
			country: "JP",
			shippingMethod: "express",
		});
		const express = shippingOptions("JP", jpy)?.options.express.priceMinor ?? -1;
		const [consumption] = taxLines(taxRuleFor("JP") ?? { included: true, rates: [] }, jpy + express);
		expect(await orderByNumber(number)).toMatchObject({
			currency: "JPY",
			market: "jp",
			totalMinor: jpy + express,
			taxLines: [consumption],
		});
		const thanks = await privatePage(await shopper.fetch(`/orders/${number}/thanks`));
		expect(thanks).toContain("<h1>ご注文ありがとうございます</h1>");
		expect(thanks).toContain(
			`うち消費税（10%）：${formatMoney(consumption?.amountMinor ?? -1, "JPY", "ja-JP")}`,
		);
		expect(thanks).not.toMatch(/[￥¥][\d,]+\.\d/);
	});
});

describe("a cart that follows the page the shopper adds from", () => {
	it("moves to the UK market when the shopper adds from an en-gb page: pounds only, never mixed", async () => {
		const [first, second] = [
			await createVariant({ stock: 5 }),
			await createVariant({ stock: 5, priceMinor: 9_900 }),
		];
		if (!first || !second) throw new Error("fixtures");
		const shopper = shopperIn("fr-fr");
		await addToCart(shopper, first.variantId, "fr-fr");
		expect(cartTable(await (await shopper.fetch("/cart")).text())).toContain("€");
		const cartCookie = shopper.cookies.get(CART_COOKIE);

		await addToCart(shopper, second.variantId, "en-gb");
		// The same cart, moved: both lines priced again from the GBP list.
		expect(shopper.cookies.get(CART_COOKIE)).toBe(cartCookie);
		const [gbpFirst, gbpSecond] = [
			await listPrice(first.variantId, "GBP"),
			await listPrice(second.variantId, "GBP"),
		];
		const cart = await privatePage(await shopper.fetch("/cart"));
		// Still the shopper's language, now the cart's market's currency.
		expect(cart).toContain('<html lang="fr-FR">');
		for (const [variant, price] of [
			[first, gbpFirst],
			[second, gbpSecond],
		] as const) {
			const row = between(cart, new RegExp(`<tr data-variant-id="${variant.variantId}">(.*?)</tr>`, "s"));
			expect(row).toContain(formatMoney(price, "GBP", "fr-FR"));
		}
		expect(cart).toContain(
			`<td class="num" data-subtotal="">${formatMoney(gbpFirst + gbpSecond, "GBP", "fr-FR")}</td>`,
		);
		expect(cartTable(cart)).not.toMatch(/€|\$/);
		expect(cart).toContain(translate("fr", "price.taxIncluded", { tax: "VAT" }));

		const checkout = await privatePage(await shopper.fetch("/checkout"));
		expect(optionValues(countrySelect(checkout))).toEqual(["GB"]);
	});
});
