// The shop pages' locale-dependent labels (issue #13): colours by name in each language, round
// filter prices in each currency, and the tax note each market's shoppers expect.
import { describe, expect, it } from "vitest";
import { translatedColorLabel } from "../../workers/storefront/catalog/format";
import { generateCatalog } from "../../workers/storefront/catalog/seed-data";
import { formatWholeMoney } from "../../workers/storefront/i18n/formats";
import type { PageLocale } from "../../workers/storefront/i18n/locale-context";
import { en } from "../../workers/storefront/i18n/messages/en";
import { translatorFor } from "../../workers/storefront/i18n/translate";
import { CURRENCIES, LANGUAGES, type Language } from "../../workers/storefront/markets/markets";
import { listPrice } from "../../workers/storefront/markets/price-lists";
import { shopLocale } from "../../workers/storefront/markets/shop-locale";
import { priceOptions } from "../../workers/storefront/pages/category";
import { taxNote } from "../../workers/storefront/pages/product-card";

const pageLocale = (language: Language, country: string): PageLocale => ({
	...shopLocale({ language, country }),
	path: "/",
	publicPage: true,
});

describe("translatedColorLabel", () => {
	it("names every catalog colour in every language, English as colorLabel spells it", () => {
		const colours = [...new Set(generateCatalog().variants.map((v) => v.color))];
		expect(colours.length).toBeGreaterThan(10);
		for (const language of LANGUAGES) {
			const t = translatorFor(language);
			for (const colour of colours) {
				expect(Object.hasOwn(en, `colour.${colour}`), colour).toBe(true);
				expect(translatedColorLabel(colour, t), `${language} ${colour}`).not.toMatch(/^colour\./);
			}
		}
		expect(translatedColorLabel("heather-grey", translatorFor("en"))).toBe("Heather grey");
		expect(translatedColorLabel("heather-grey", translatorFor("fr"))).toBe("Gris chiné");
		expect(translatedColorLabel("navy", translatorFor("ja"))).toBe("ネイビー");
	});

	it("shows a colour the catalogs do not name yet in English words, never a key", () => {
		expect(translatedColorLabel("sea-foam", translatorFor("de"))).toBe("Sea foam");
	});
});

describe("formatWholeMoney", () => {
	it.each([
		[2500, "USD", "en-US", "$25"],
		[2500, "EUR", "de-DE", "25\u00a0€"],
		[10000, "EUR", "fr-FR", "100\u00a0€"],
		[4000, "JPY", "ja-JP", "￥4,000"],
		[12345, "USD", "en-US", "$123.45"],
		[12345, "EUR", "fr-FR", "123,45\u00a0€"],
	])("%i %s in %s → %s", (minor, currency, locale, expected) => {
		expect(formatWholeMoney(minor, currency, locale)).toBe(expected);
	});
});

describe("priceOptions", () => {
	it("offers ascending steps in every currency, in its minor units", () => {
		for (const currency of CURRENCIES) {
			const values = priceOptions({}, { currency, tag: "en-US" }).map(([value]) => Number(value));
			expect(values, currency).toHaveLength(6);
			expect(values, currency).toEqual([...values].sort((a, b) => a - b));
			// The same rugs fall under each step whatever the currency, within a rounding's reach.
			const usd = priceOptions({}, { currency: "USD", tag: "en-US" }).map(([value]) => Number(value));
			values.forEach((step, i) => {
				const ratio = step / listPrice(usd[i] ?? 1, currency);
				expect(ratio, `${currency} step ${i}`).toBeGreaterThan(0.8);
				expect(ratio, `${currency} step ${i}`).toBeLessThan(1.25);
			});
		}
	});

	it("keeps a hand-edited price that is no step, labelled exactly", () => {
		const options = priceOptions({ minPrice: 12345 }, { currency: "EUR", tag: "fr-FR" });
		expect(options).toContainEqual(["12345", "123,45\u00a0€"]);
		expect(options).toContainEqual(["5000", "50\u00a0€"]);
	});
});

describe("taxNote", () => {
	it.each([
		["en", "US", "Sales tax is added at checkout."],
		["en", "CA", "Sales tax is added at checkout."],
		["en", "GB", "Prices include VAT."],
		["de", "DE", "Preise inkl. Mehrwertsteuer."],
		["fr", "FR", "Prix TVA incluse."],
		["es", "ES", "Precios con IVA incluido."],
		["en", "AU", "Prices include GST."],
		["ja", "JP", "価格は消費税込みです。"],
		["en", "JP", "Prices include consumption tax."],
	] as const)("%s-%s: %s", (language, country, expected) => {
		expect(taxNote(pageLocale(language, country))).toBe(expected);
	});
});
