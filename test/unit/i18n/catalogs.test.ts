import { describe, expect, it } from "vitest";
import { en } from "../../../workers/storefront/i18n/messages/en";
import {
	CATALOGS,
	fillPlaceholders,
	placeholdersOf,
	translate,
} from "../../../workers/storefront/i18n/translate";
import { LANGUAGES } from "../../../workers/storefront/markets/markets";

const keys = Object.keys(en).sort();

describe("message catalogs", () => {
	it.each(LANGUAGES)("%s has exactly the English keys", (language) => {
		expect(Object.keys(CATALOGS[language]).sort()).toEqual(keys);
	});

	it.each(LANGUAGES)("%s keeps each message's placeholders and leaves none empty", (language) => {
		for (const key of keys) {
			const message = CATALOGS[language][key as keyof typeof en];
			expect(message.trim(), `${language} ${key}`).not.toBe("");
			expect(placeholdersOf(message), `${language} ${key}`).toEqual(
				placeholdersOf(en[key as keyof typeof en]),
			);
		}
	});

	it("translates other languages, not only copies English", () => {
		for (const language of LANGUAGES.filter((l) => l !== "en")) {
			const same = keys.filter(
				(key) => CATALOGS[language][key as keyof typeof en] === en[key as keyof typeof en],
			);
			// Loan words (Standard, Express, Material, Details) may match; most must not.
			expect(same.length, `${language}: ${same.join(", ")}`).toBeLessThan(keys.length / 10);
		}
	});
});

describe("translate", () => {
	it("fills placeholders in the shopper's language", () => {
		expect(translate("fr", "price.from", { price: "149,00 €" })).toBe("À partir de 149,00 €");
		expect(translate("ja", "price.from", { price: "￥21,900" })).toBe("￥21,900から");
	});

	it("leaves a placeholder without a value visible and ignores inherited names", () => {
		expect(fillPlaceholders("From {price}")).toBe("From {price}");
		expect(fillPlaceholders("{constructor}", {})).toBe("{constructor}");
	});
});
