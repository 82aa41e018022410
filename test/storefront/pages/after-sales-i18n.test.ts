// The after-sales pages in the shopper's language (issue #13): a shopper whose choice cookie says
// French reads the return form, its refusals (the form's own and the API's) and the return's page
// in French, with the order's own money and dates written the French way; product links keep the
// locale. The sentences the JSON API refuses with are shown in that language too, while English
// pages keep the API's own words (the English catalog holds exactly those sentences).
import { describe, expect, it } from "vitest";
import { translatedColorLabel } from "../../../workers/storefront/catalog/format";
import { formatDate, formatMoney } from "../../../workers/storefront/i18n/formats";
import type { MessageKey } from "../../../workers/storefront/i18n/messages/en";
import { translate, translatorFor } from "../../../workers/storefront/i18n/translate";
import { LANGUAGES } from "../../../workers/storefront/markets/markets";
import { metricSizeLabel } from "../../../workers/storefront/markets/sizes";
import { describeReturnIssues } from "../../../workers/storefront/pages/after-sales/forms";
import {
	AFTER_SALES_REFUSALS,
	afterSalesRefusal,
} from "../../../workers/storefront/pages/after-sales/refusals";
import { rich } from "../../../workers/storefront/pages/after-sales/rich-text";
import { PRIVACY_REFUSALS } from "../../../workers/storefront/pages/privacy/refusals";
import {
	customerWithDeliveredOrder,
	type DeliveredOrder,
	deliveredDaysAgo,
	staffPost,
} from "../after-sales/returns-fixtures";
import type { Shopper } from "../fixtures/commerce";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const LOCALE_COOKIE = "__Host-lw_locale";
const locale = (language: (typeof LANGUAGES)[number]) => ({ language, t: translatorFor(language) });

function postForm(shopper: Shopper, path: string, fields: Record<string, string>) {
	return shopper.fetch(path, { method: "POST", headers: FORM, body: new URLSearchParams(fields).toString() });
}

/** A personal page in `lang`: never cached, one h1. */
async function pageIn(res: Response, lang: string, status = 200): Promise<string> {
	const text = await res.text();
	expect(res.status, text.slice(0, 800)).toBe(status);
	expect(res.headers.get("cache-control")).toBe("no-store");
	// The default locale's pages say "en" or "en-US" (the layout's choice); others their full tag.
	expect(text).toMatch(lang === "en" ? /<html lang="en(?:-US)?">/ : `<html lang="${lang}">`);
	expect(text.match(/<h1[ >]/g)).toHaveLength(1);
	return text;
}

/** The error summary's links, as [href, text]. */
function summaryLinks(html: string): [string, string][] {
	const summary = /<div class="notice" role="alert"[^>]*>(.*?)<\/div>/s.exec(html)?.[1] ?? "";
	return [...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1] ?? "", m[2] ?? ""]);
}

const returnForm = (order: DeliveredOrder) => `/account/orders/${order.number}/return`;
const qty = (order: DeliveredOrder) => `qty-${order.variant.variantId}`;
const fr = translatorFor("fr");

async function frenchCustomer(quantity = 2) {
	const customer = await customerWithDeliveredOrder({ quantity });
	customer.shopper.cookies.set(LOCALE_COOKIE, "fr-fr");
	return customer;
}

describe("the return pages with the choice cookie fr-fr", () => {
	it("shows a delivered order's return form in French, with the order's dollars and dates written the French way", async () => {
		const { shopper, order } = await frenchCustomer();
		const html = await pageIn(await shopper.fetch(returnForm(order)), "fr-FR");
		expect(html).toContain("<h1>Retourner des articles</h1>");
		expect(html).toContain("<title>Retourner des articles · Loomwash</title>");
		// Delivered three days ago (the fixture's default): the day as fr-FR writes it, the window open.
		const day = formatDate(deliveredDaysAgo(3), "fr-FR");
		expect(html).toContain(`Livrée le ${day}. Le délai de retour de 60 jours est <strong>ouvert</strong>`);
		expect(html).toContain('<option value="damaged">Il est arrivé endommagé</option>');
		expect(html).toContain(`<caption>Articles de la commande ${order.number}</caption>`);
		expect(html).toContain("Jusqu’à 2");
		expect(html).toContain('<button type="submit">Demander le retour</button>');
		// The order was paid in dollars: the price stays in dollars, written as fr-FR writes them.
		expect(html).toContain(`<td class="num">${formatMoney(order.variant.priceMinor, "USD", "fr-FR")}</td>`);
		expect(html).toContain(`${metricSizeLabel("120x180")} · ${translatedColorLabel("sand", fr)}`);
		expect(html).not.toContain("Request the return");
		expect(html).not.toContain("Why are you sending it back?");
	});

	it("re-renders a return with no line chosen in French with 400, keeping what was typed, storing nothing", async () => {
		const { shopper, order } = await frenchCustomer();
		const html = await pageIn(
			await postForm(shopper, returnForm(order), { [qty(order)]: "0", reason: "", details: "Gardé" }),
			"fr-FR",
			400,
		);
		expect(html).toContain("<title>Erreur : Retourner des articles · Loomwash</title>");
		expect(summaryLinks(html)).toEqual([
			["#f-reason", "Indiquez pourquoi vous le renvoyez"],
			["#f-lines", "Choisissez au moins un article à renvoyer, et en quelle quantité"],
		]);
		expect(html).toContain("Gardé</textarea>");
		const returns = await shopper.fetch("/api/v1/me/returns");
		expect(((await returns.json()) as { returns: unknown[] }).returns).toEqual([]);
	});

	it("shows the API's refusal of more than is left in French, by the field, with its 409", async () => {
		const { shopper, order } = await frenchCustomer();
		const html = await pageIn(
			await postForm(shopper, returnForm(order), { [qty(order)]: "5", reason: "damaged" }),
			"fr-FR",
			409,
		);
		expect(summaryLinks(html)).toEqual([[`#f-${qty(order)}`, "Au plus 2 restant(s) à retourner"]]);
		expect(html).toContain("Plus que ce qu’il reste à retourner sur cette commande");
		expect(html).not.toContain("left to return");
	});

	it("shows the return, its status and its approved refund in French, in the order's currency", async () => {
		const { shopper, order } = await frenchCustomer();
		const made = await postForm(shopper, returnForm(order), { [qty(order)]: "1", reason: "wrong_item" });
		expect(made.status).toBe(303);
		const location = made.headers.get("location") ?? "";
		const number = location.split("/").pop() ?? "";
		expect((await staffPost("support", number, "approve", { refundMinor: 4_000 })).status).toBe(200);

		const html = await pageIn(await shopper.fetch(location), "fr-FR");
		expect(html).toContain(`<h1>Retour ${number}</h1>`);
		expect(html).toContain('<span class="status">accepté</span>');
		expect(html).toContain("J’ai reçu le mauvais article");
		const approved = formatMoney(4_000, "USD", "fr-FR");
		const refunded = formatMoney(0, "USD", "fr-FR");
		expect(html).toContain(
			`${approved} accordés, remboursés à la réception des articles. Déjà remboursé : ${refunded}.`,
		);
		expect(html).toContain("Renvoyez les articles ; nous remboursons le montant accordé dès leur réception.");

		const list = await pageIn(await shopper.fetch("/account/returns"), "fr-FR");
		expect(list).toContain("<h1>Vos retours</h1>");
		expect(list).toContain(`<td>${formatDate(Date.now(), "fr-FR")}</td>`);
	});

	it("stays in English, exactly as before, without a choice", async () => {
		const { shopper, order } = await customerWithDeliveredOrder();
		const html = await pageIn(await shopper.fetch(returnForm(order)), "en");
		expect(html).toContain("<h1>Return items</h1>");
		expect(html).toContain(`<td class="num">$50.00</td>`);
		expect(html).toMatch(
			/The 60-day return window is <strong>open<\/strong> until the end of \d+ \w{3} \d{4}/,
		);
	});
});

describe("reviews and questions in other languages", () => {
	it("links the product in the shopper's locale and writes stars and refusals in Japanese", async () => {
		const { shopper, order } = await customerWithDeliveredOrder();
		shopper.cookies.set(LOCALE_COOKIE, "ja-jp");
		const slug = `rug-${order.variant.productId}`;
		const form = await pageIn(await shopper.fetch(`/account/reviews/new?product=${slug}`), "ja-JP");
		expect(form).toContain(`<a href="/ja-jp/p/${slug}">商品ページ</a>`);
		expect(form).toContain("星5つ中5つ");
		const refused = await pageIn(
			await postForm(shopper, "/account/reviews", { productSlug: slug, rating: "4" }),
			"ja-JP",
			400,
		);
		expect(summaryLinks(refused)).toEqual([["#f-text", "レビューをご記入ください"]]);
	});

	it("asks customer service in German and shows the thread's words in German", async () => {
		const { shopper, order } = await customerWithDeliveredOrder();
		shopper.cookies.set(LOCALE_COOKIE, "de-de");
		const started = await postForm(shopper, "/account/consultations", {
			about: order.number,
			message: "Farbe?",
		});
		expect(started.status).toBe(303);
		const thread = await pageIn(await shopper.fetch(started.headers.get("location") ?? ""), "de-DE");
		expect(thread).toContain(`<h1>Frage zur Bestellung ${order.number}</h1>`);
		expect(thread).toContain('<span class="status">offen</span>');
		expect(thread).toContain("Farbe?");
		const empty = await pageIn(
			await postForm(shopper, "/account/consultations", { about: "pre_sales", message: " " }),
			"de-DE",
			400,
		);
		expect(summaryLinks(empty)).toEqual([["#f-message", "Schreiben Sie Ihre Nachricht"]]);
	});
});

describe("the API's refusals in the shopper's language", () => {
	const tables = [AFTER_SALES_REFUSALS, PRIVACY_REFUSALS];

	it("has each known sentence's English message be the sentence itself", () => {
		for (const table of tables) {
			for (const [sentence, key] of Object.entries(table.exact)) expect(translate("en", key)).toBe(sentence);
		}
	});

	it("words every known sentence in the other languages, and English as the API wrote it", () => {
		for (const [sentence, key] of Object.entries(AFTER_SALES_REFUSALS.exact)) {
			expect(afterSalesRefusal(locale("en"), { message: sentence })).toBe(sentence);
			for (const language of LANGUAGES.filter((l) => l !== "en")) {
				expect(afterSalesRefusal(locale(language), { message: sentence })).toBe(
					translate(language, key as MessageKey),
				);
				expect(afterSalesRefusal(locale(language), { message: sentence })).not.toBe(sentence);
			}
		}
		expect(afterSalesRefusal(locale("es"), { message: "At most 3 left to return" })).toBe(
			"Quedan como máximo 3 por devolver",
		);
	});

	it("shows an unknown sentence as written, but for a rate limit, which every language words", () => {
		const unknown = { message: "A refusal nobody translated yet" };
		expect(afterSalesRefusal(locale("de"), unknown)).toBe(unknown.message);
		const limited = {
			code: "rate_limited" as const,
			message: "Too many openings in a short time; slow down",
		};
		expect(afterSalesRefusal(locale("de"), limited)).toBe(translate("de", "after.refusal.tooMany"));
		expect(afterSalesRefusal(locale("en"), limited)).toBe(limited.message);
	});

	it("words the form's own issues in the shopper's language", () => {
		const issues = [
			{ code: "too_small", path: ["lines"], message: "x", origin: "array", minimum: 1 },
		] as const;
		const errors = describeReturnIssues(locale("es"), issues as never, {});
		expect(errors.fields).toEqual({ lines: "Elija al menos un artículo para devolver y cuántas unidades" });
	});
});

describe("rich", () => {
	it("puts each part in its slot once, never reading a part's own text for slots", () => {
		expect(rich("See {link}, then {link}.", { link: "L" })).toEqual(["See ", "L", ", then ", "L", "."]);
		expect(rich("{a}{b}", { a: "{b}", b: "x" })).toEqual(["{b}", "x"]);
		expect(rich("Keep {other} as written", { link: "L" })).toEqual(["Keep {other} as written"]);
	});
});
