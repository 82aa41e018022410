// Issue #13 in a real browser, without JavaScript: a shopper from France picks France and French
// with the selector every page carries, then browses, sees euros, French words and centimetres,
// buys, and is mailed the confirmation in French with the VAT inside the total.
import { describe, expect, test } from "vitest";
import { en } from "../../workers/storefront/i18n/messages/en.ts";
import { fr } from "../../workers/storefront/i18n/messages/fr.ts";
import { fr as frMail } from "../../workers/vault/after-sales/mail-words/fr.ts";
import { mailedText } from "./mailbox.ts";
import { describeInBrowser, eventually, markersInRawState } from "./shop.ts";

const SHOPPER = {
	email: "e2e.lyon@example.fr",
	phone: "+33 4 72 10 30 30",
	name: "Camille Dupont",
	line1: "12 rue de la République",
	city: "Lyon",
	postalCode: "69002",
};

// French money: digits, a decimal comma, a (narrow) no-break space, then the euro sign.
const EUROS = /\d[\d\s\u202f]*,\d{2}[\s\u202f]€/;

describe("a shopper from France", () => {
	describeInBrowser("in a browser", (newContext) => {
		test("sees euros, French text and centimetres, and buys", async () => {
			const since = Date.now();
			const page = await (await newContext({ javaScriptEnabled: false })).newPage();
			await page.goto("/");
			expect(await page.locator("html").getAttribute("lang")).toBe("en-US");

			// The selector is a plain form: no script needed to choose a market and a language.
			await page.getByLabel(en["market.label"], { exact: true }).selectOption("FR");
			await page.getByLabel(en["market.language"], { exact: true }).selectOption("fr");
			await page.getByRole("button", { name: en["market.apply"] }).click();
			expect(new URL(page.url()).pathname).toBe("/fr-fr");
			expect(await page.locator("html").getAttribute("lang")).toBe("fr-FR");

			await page.getByRole("region", { name: fr["home.byRoom"] }).getByRole("link").first().click();
			expect(new URL(page.url()).pathname).toMatch(/^\/fr-fr\/c\/[a-z0-9-]+$/);
			await page.locator('main a[href^="/fr-fr/p/"]').first().click();
			expect(new URL(page.url()).pathname).toMatch(/^\/fr-fr\/p\/[a-z0-9-]+$/);
			const product = (await page.locator("main").textContent()) ?? "";
			expect(product).toMatch(EUROS);
			expect(product).toMatch(/\d+ × \d+ cm|Ø \d+ cm/);
			expect(product).not.toMatch(/\$\d/);
			expect(product).toContain(fr["product.details"]);

			await page.getByRole("button", { name: fr["product.addToCart"] }).click();
			expect(new URL(page.url()).pathname).toBe("/cart");
			expect(await page.locator("html").getAttribute("lang")).toBe("fr-FR");
			expect((await page.locator("main").textContent()) ?? "").toMatch(EUROS);

			await page.getByRole("link", { name: fr["cart.checkout"], exact: true }).click();
			expect(new URL(page.url()).pathname).toBe("/checkout");
			expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(fr["checkout.title"]);
			// The fields carry French labels; France is preselected and the postcode comes before the town.
			expect(await page.getByLabel(fr["checkout.email"]).count()).toBe(1);
			expect(await page.getByLabel(fr["address.postcode"]).count()).toBe(1);
			expect(await page.locator('main select[name="country"]').inputValue()).toBe("FR");
			const order = await page
				.locator("main form input[name]")
				.evaluateAll((inputs) => inputs.map((input) => input.getAttribute("name")));
			expect(order.indexOf("postalCode")).toBeLessThan(order.indexOf("city"));
			for (const [field, value] of Object.entries(SHOPPER))
				await page.locator(`main [name="${field}"]`).fill(value);
			await page.getByRole("radio", { name: new RegExp(fr["shipping.standard"]) }).check();
			await page.getByRole("button", { name: fr["checkout.submit"] }).click();

			expect(new URL(page.url()).pathname).toMatch(/^\/pay\/local\//);
			expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(fr["pay.title"]);
			const orderNumber = (await page.locator("main strong").first().textContent()) ?? "";
			expect(orderNumber).toMatch(/^LW-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
			await page.getByRole("button", { name: /^Payer (?!par )/ }).click();
			expect(new URL(page.url()).pathname).toBe(`/orders/${orderNumber}/thanks`);
			const status = await eventually("the order to be paid", async () => {
				const shown = await page.locator("[data-status]").getAttribute("data-status");
				if (shown === "paid") return shown;
				await page.reload();
				return undefined;
			});
			expect(status).toBe("paid");
			const thanks = (await page.locator("main").textContent()) ?? "";
			expect(thanks).toMatch(EUROS);
			expect(thanks).toContain("TVA");

			// The confirmation, written by the vault in the order's language and currency.
			const mail = await mailedText(new RegExp(orderNumber), since);
			expect(mail).toContain(frMail["confirmed.thanks"]);
			expect(mail).toMatch(EUROS);
			expect(mail).toContain("TVA");
			expect(markersInRawState([SHOPPER.email, SHOPPER.name, SHOPPER.line1])).toEqual([]);
		});
	});
});
