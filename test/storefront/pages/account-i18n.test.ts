// The account pages in the shopper's language (issue #13): a private page takes the locale from
// the choice cookie (`__Host-lw_locale`), so the same sign-in, register, overview, orders and
// address pages speak German, Japanese or English, each order's amounts in its own currency
// written the shopper's way, and a refused form says what was wrong in that language.
import { describe, expect, it } from "vitest";
import * as schema from "../../../workers/storefront/db/schema";
import { formatDate, formatMoney } from "../../../workers/storefront/i18n/formats";
import { translate } from "../../../workers/storefront/i18n/translate";
import { registeredCustomer } from "../fixtures/accounts";
import { createVariant, type FixtureVariant, Shopper, testDb } from "../fixtures/commerce";

const LOCALE_COOKIE = "__Host-lw_locale";
const FORM = { "content-type": "application/x-www-form-urlencoded" };

function inLocale(shopper: Shopper, segment: string): Shopper {
	shopper.cookies.set(LOCALE_COOKIE, segment);
	return shopper;
}

function postForm(shopper: Shopper, path: string, fields: Record<string, string>) {
	return shopper.fetch(path, { method: "POST", headers: FORM, body: new URLSearchParams(fields).toString() });
}

/** The default shop's `lang`: plain "en" or its tag, either is English for the US. */
const DEFAULT_LANG = "en(?:-US)?";

/** A personal page in the given language: no-store, noindex, `<html lang>` the locale's (a pattern). */
async function pageIn(res: Response, tag: string, status = 200): Promise<string> {
	const html = await res.text();
	expect(res.status, html.slice(0, 800)).toBe(status);
	expect(res.headers.get("cache-control")).toBe("no-store");
	expect(html).toContain('<meta name="robots" content="noindex"/>');
	expect(html).toMatch(new RegExp(`<html lang="${tag}">`));
	return html;
}

const GERMAN_ADDRESS = {
	name: "Greta Berg",
	phone: "+49 30 901820",
	line1: "Unter den Linden 1",
	line2: "",
	city: "Berlin",
	region: "",
	postalCode: "10117",
	country: "DE",
};

/** The ids of a page's form fields, in the order they are shown. */
const fieldsOf = (html: string) => [...html.matchAll(/<(?:input|select) id="f-(\w+)"/g)].map((m) => m[1]);

/** The text of an element's contents, tags dropped: what a reader sees of a table row. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, "");

/** An order of the customer written straight into D1: its currency, totals and tax lines as given. */
async function orderOf(
	accountId: string,
	order: {
		currency: string;
		market: string;
		subtotalMinor: number;
		shippingMinor: number;
		taxIncluded: boolean;
		taxLines: { name: string; rateE5: number; amountMinor: number }[];
		totalMinor: number;
		createdAt: number;
		line?: { variant: FixtureVariant; productName: string; quantity: number };
	},
): Promise<string> {
	const id = crypto.randomUUID();
	const number = `LW-${id.slice(0, 4)}-${id.slice(9, 13)}-${id.slice(14, 18)}`.toUpperCase();
	await testDb()
		.insert(schema.orders)
		.values({
			id,
			number,
			status: "paid",
			subjectId: `sub_${id}`,
			customerId: accountId,
			currency: order.currency,
			market: order.market,
			subtotalMinor: order.subtotalMinor,
			shippingMinor: order.shippingMinor,
			taxMinor: order.taxLines.reduce((sum, line) => sum + line.amountMinor, 0),
			taxIncluded: order.taxIncluded,
			taxLines: order.taxLines,
			totalMinor: order.totalMinor,
			shippingMethod: "standard",
			paymentProvider: "local",
			createdAt: order.createdAt,
			updatedAt: order.createdAt,
			reservedUntil: order.createdAt,
		});
	if (order.line) {
		const { variant, productName, quantity } = order.line;
		await testDb()
			.insert(schema.orderLines)
			.values({
				orderId: id,
				variantId: variant.variantId,
				productName,
				sku: variant.sku,
				size: "120x180",
				color: "sand",
				quantity,
				unitPriceMinor: order.subtotalMinor / quantity,
			});
	}
	return number;
}

describe("sign-in and register in the shopper's language", () => {
	it("shows the sign-in page in German with lang=de-DE, labels and links included", async () => {
		const html = await pageIn(await inLocale(new Shopper(), "de-de").fetch("/account/login"), "de-DE");
		expect(html).toContain("<h1>Anmelden</h1>");
		expect(html).toContain("<title>Anmelden · Loomwash</title>");
		expect(html).toContain('<label for="l-email">E-Mail-Adresse</label>');
		expect(html).toContain('<label for="l-password">Passwort</label>');
		expect(html).toContain('<a href="/account/forgot">Passwort vergessen?</a>');
		expect(html).not.toContain("Sign in");
	});

	it("shows the register page in German, the policy link inside the German sentence", async () => {
		const html = await pageIn(await inLocale(new Shopper(), "de-de").fetch("/account/register"), "de-DE");
		expect(html).toContain("<h1>Konto erstellen</h1>");
		expect(html).toContain('Ich habe die <a href="/privacy">Datenschutzerklärung</a> gelesen');
		expect(html).toContain(translate("de", "account.register.passwordHint"));
		expect(html).toContain(`<button type="submit">${translate("de", "account.register.submit")}</button>`);
		expect(html).not.toContain("Create an account");
	});

	it("re-renders a refused registration (bad email) with German messages at the fields, 400", async () => {
		const shopper = inLocale(new Shopper(), "de-de");
		const html = await pageIn(
			await postForm(shopper, "/account/register", {
				email: "not-an-email",
				password: "short",
				nickname: "Greta",
			}),
			"de-DE",
			400,
		);
		expect(html).toContain("<title>Fehler: Konto erstellen · Loomwash</title>");
		expect(html).toContain('<a href="#r-email">Geben Sie eine E-Mail-Adresse wie name@example.com ein</a>');
		expect(html).toContain(`<a href="#r-password">${translate("de", "account.field.passwordTooShort")}</a>`);
		expect(html).toContain(
			`<a href="#r-acceptPolicy">${translate("de", "account.field.acceptPolicyMissing")}</a>`,
		);
		expect(html).toContain('value="not-an-email"');
		expect(html).not.toContain("Enter an email address");
	});

	it("stays English in US dollars for a shopper with no choice and no country", async () => {
		const html = await pageIn(await new Shopper().fetch("/account/login"), DEFAULT_LANG);
		expect(html).toContain("<h1>Sign in</h1>");
	});
});

describe("a signed-in customer's orders in the shopper's language", () => {
	it("lists an EUR and a USD order in de-DE, each in its own currency", async () => {
		const { shopper, accountId } = await registeredCustomer({ nickname: "Jana" });
		const placed = Date.UTC(2026, 2, 14, 12);
		const euro = await orderOf(accountId, {
			currency: "EUR",
			market: "eu",
			subtotalMinor: 14_900,
			shippingMinor: 0,
			taxIncluded: true,
			taxLines: [{ name: "MwSt.", rateE5: 19_000, amountMinor: 2_379 }],
			totalMinor: 14_900,
			createdAt: placed,
		});
		const dollar = await orderOf(accountId, {
			currency: "USD",
			market: "us",
			subtotalMinor: 129_900,
			shippingMinor: 1_500,
			taxIncluded: false,
			taxLines: [{ name: "Sales tax", rateE5: 7_250, amountMinor: 9_526 }],
			totalMinor: 140_926,
			createdAt: placed - 86_400_000,
		});
		const html = await pageIn(await inLocale(shopper, "de-de").fetch("/account/orders"), "de-DE");
		expect(html).toContain("<h1>Ihre Bestellungen</h1>");
		expect(html).toContain(`<caption>${translate("de", "account.orders.caption")}</caption>`);
		const row = (number: string) =>
			textOf(new RegExp(`<tr data-order="${number}">(.*?)</tr>`, "s").exec(html)?.[1] ?? "");
		// "149,00 €" and "1.409,26 $": German digits, each order's own currency, never converted.
		expect(formatMoney(14_900, "EUR", "de-DE")).toMatch(/^149,00\s€$/);
		expect(formatMoney(140_926, "USD", "de-DE")).toMatch(/^1\.409,26\s\$$/);
		expect(row(euro)).toContain(formatMoney(14_900, "EUR", "de-DE"));
		expect(row(dollar)).toContain(formatMoney(140_926, "USD", "de-DE"));
		expect(row(dollar)).not.toContain("€");
		expect(row(euro)).toContain(formatDate(placed, "de-DE"));
		expect(row(euro)).toContain("Bezahlt");
		// Newest first.
		expect(html.indexOf(euro)).toBeLessThan(html.indexOf(dollar));
	});

	it("shows an order's included VAT under the total and a US order's sales tax before it", async () => {
		const { shopper, accountId } = await registeredCustomer();
		const variant = await createVariant({ name: "Fjord Stripe" });
		const vat = { name: "MwSt.", rateE5: 19_000, amountMinor: 2_379 };
		const euro = await orderOf(accountId, {
			currency: "EUR",
			market: "eu",
			subtotalMinor: 14_900,
			shippingMinor: 0,
			taxIncluded: true,
			taxLines: [vat],
			totalMinor: 14_900,
			createdAt: Date.now(),
			line: { variant, productName: "Fjord Stripe", quantity: 1 },
		});
		const german = await pageIn(await inLocale(shopper, "de-de").fetch(`/account/orders/${euro}`), "de-DE");
		const foot = /<tfoot>(.*?)<\/tfoot>/s.exec(german)?.[1] ?? "";
		const rows = [...foot.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => textOf(m[1] ?? ""));
		expect(rows).toEqual([
			`Zwischensumme${formatMoney(14_900, "EUR", "de-DE")}`,
			`Versand (Standard)${formatMoney(0, "EUR", "de-DE")}`,
			`Gesamtsumme${formatMoney(14_900, "EUR", "de-DE")}`,
			// Already in the price: told under the total, "inkl. MwSt. 19 %: 23,79 €".
			translate("de", "order.taxIncluded", {
				tax: "MwSt.",
				rate: new Intl.NumberFormat("de-DE", { style: "percent" }).format(0.19),
				amount: formatMoney(2_379, "EUR", "de-DE"),
			}),
		]);
		// The product links to its page in the shopper's market and language.
		expect(german).toContain(`<a href="/de-de/p/rug-${variant.productId}">Fjord Stripe</a>`);
		expect(german).toContain("Noch nicht versandt.");

		const dollar = await orderOf(accountId, {
			currency: "USD",
			market: "us",
			subtotalMinor: 12_900,
			shippingMinor: 1_500,
			taxIncluded: false,
			taxLines: [{ name: "Sales tax", rateE5: 7_250, amountMinor: 1_044 }],
			totalMinor: 15_444,
			createdAt: Date.now(),
		});
		shopper.cookies.delete(LOCALE_COOKIE);
		const english = await pageIn(await shopper.fetch(`/account/orders/${dollar}`), DEFAULT_LANG);
		const usFoot = /<tfoot>(.*?)<\/tfoot>/s.exec(english)?.[1] ?? "";
		expect([...usFoot.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => textOf(m[1] ?? ""))).toEqual([
			"Subtotal$129.00",
			"Shipping (Standard)$15.00",
			"Sales tax 7.25%$10.44",
			"Total$154.44",
		]);
	});
});

describe("the overview and the address book in the shopper's language", () => {
	it("greets a Japanese shopper in Japanese, the account's navigation included", async () => {
		const { shopper } = await registeredCustomer({ nickname: "Haruki" });
		const html = await pageIn(await inLocale(shopper, "ja-jp").fetch("/account"), "ja-JP");
		expect(html).toContain("<h1>Haruki様、こんにちは</h1>");
		expect(html).toContain(`<title>${translate("ja", "account.title")} · Loomwash</title>`);
		expect(html).toContain('<a href="/account" aria-current="page">概要</a>');
		expect(html).toContain('<a href="/account/orders">注文履歴</a>');
		// "No orders yet" links to the shop's home in Japan, in Japanese.
		expect(html).toContain('まだご注文はありません。<a href="/ja-jp">ラグを見る</a>');
		expect(html).not.toContain("Hello,");
	});

	it("draws a German address's form as Germany writes it: postcode before the town, no region", async () => {
		const { shopper } = await registeredCustomer();
		inLocale(shopper, "de-de");
		const saved = await postForm(shopper, "/account/addresses", GERMAN_ADDRESS);
		expect(saved.status).toBe(303);
		const list = await pageIn(await shopper.fetch("/account/addresses?done=added"), "de-DE");
		expect(list).toContain(`<p class="done" role="status">${translate("de", "account.done.added")}</p>`);
		// The card as the German post writes it, the country named in German.
		expect(list).toContain(
			"<address><strong>Greta Berg</strong><br/>Unter den Linden 1<br/>10117 Berlin<br/>Deutschland<br/>+49 30 901820</address>",
		);
		const id = /href="\/account\/addresses\/(adr_[\w-]+)"/.exec(list)?.[1];
		const edit = await pageIn(await shopper.fetch(`/account/addresses/${id}`), "de-DE");
		expect(edit).toContain(`<h1>${translate("de", "account.addresses.editTitle")}</h1>`);
		expect(fieldsOf(edit)).toEqual(["name", "phone", "country", "line1", "line2", "postalCode", "city"]);
		expect(edit).toContain(`<label for="f-postalCode">${translate("de", "address.postcode")}</label>`);
		expect(edit).toMatch(/<option value="DE" selected="">Deutschland<\/option>/);

		// A blank form knows no country yet: it fits any, in the shopper's language.
		const blank = await pageIn(await shopper.fetch("/account/addresses"), "de-DE");
		expect(fieldsOf(blank)).toEqual([
			"name",
			"phone",
			"country",
			"line1",
			"line2",
			"city",
			"region",
			"postalCode",
		]);
	});

	it("refuses a German address without its postcode in German, 400, and names the fields the German way", async () => {
		const { shopper } = await registeredCustomer();
		const html = await pageIn(
			await postForm(inLocale(shopper, "de-de"), "/account/addresses", { ...GERMAN_ADDRESS, postalCode: "" }),
			"de-DE",
			400,
		);
		expect(html).toContain("<title>Fehler: Ihre Adressen · Loomwash</title>");
		expect(html).toMatch(/<a href="#f-postalCode">[^<]+<\/a>/);
		expect(html).not.toContain("Enter the postal code");
		expect(html).toContain(`<label for="f-postalCode">${translate("de", "address.postcode")}</label>`);
		expect(html).toContain('value="Unter den Linden 1"');
		const saved = await (await shopper.fetch("/api/v1/me/addresses")).json<{ addresses: unknown[] }>();
		expect(saved.addresses).toEqual([]);
	});
});
