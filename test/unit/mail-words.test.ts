// The order mails' words (issue #13): every language has exactly the English keys, with the same
// placeholders, none empty, and is a translation rather than a copy; the filler never expands a
// value twice. Modelled on test/unit/i18n/catalogs.test.ts (the pages' catalogs).
import { describe, expect, it } from "vitest";
import {
	fillWords,
	languageOf,
	MAIL_WORDS,
	type MailLanguage,
	type MailWordKey,
	placeholdersOf,
	wordsFor,
} from "../../workers/vault/after-sales/mail-words";
import { en } from "../../workers/vault/after-sales/mail-words/en";

const keys = Object.keys(en).sort() as MailWordKey[];
const LANGUAGES = Object.keys(MAIL_WORDS) as MailLanguage[];

describe("mail words", () => {
	it("has the five languages the contract admits", () => {
		expect(LANGUAGES.sort()).toEqual(["de", "en", "es", "fr", "ja"]);
	});

	it.each(LANGUAGES)("%s has exactly the English keys", (language) => {
		expect(Object.keys(MAIL_WORDS[language]).sort()).toEqual(keys);
	});

	it.each(LANGUAGES)(
		"%s keeps each message's placeholders, leaves none empty, breaks lines only with \\n",
		(language) => {
			for (const key of keys) {
				const message = MAIL_WORDS[language][key];
				expect(message.trim(), `${language} ${key}`).not.toBe("");
				expect(placeholdersOf(message), `${language} ${key}`).toEqual(placeholdersOf(en[key]));
				// A line break is a layout choice; any other control character would be a mistake.
				const controls = [...message].filter((c) => c !== "\n" && /[\p{Cc}\u2028\u2029]/u.test(c));
				expect(controls, `${language} ${key}`).toEqual([]);
			}
		},
	);

	it("translates the other languages, not only copies English", () => {
		for (const language of LANGUAGES.filter((l) => l !== "en")) {
			const same = keys.filter((key) => MAIL_WORDS[language][key] === en[key]);
			// Layouts such as "{quantity} × {name} ({detail}): {amount}" may match; most must not.
			expect(same.length, `${language}: ${same.join(", ")}`).toBeLessThan(keys.length / 10);
		}
	});

	it("names the subject of every mail with the shop's name", () => {
		for (const language of LANGUAGES) {
			for (const key of keys.filter((k) => k.endsWith("subject") || k.includes(".subject."))) {
				expect(MAIL_WORDS[language][key], `${language} ${key}`).toContain("Loomwash");
			}
		}
	});
});

describe("filling the words", () => {
	it("fills the locale's language, and English for a language it does not have", () => {
		expect(wordsFor("fr-FR")("confirmed.total", { amount: "149,00 €" })).toBe("Total : 149,00 €");
		expect(
			wordsFor("de-AT")("confirmed.taxIncluded", { name: "USt.", rate: "20 %", amount: "24,83 €" }),
		).toBe("inkl. USt. 20 %: 24,83 €");
		expect(languageOf("ja-JP")).toBe("ja");
		expect(languageOf("pt-BR")).toBe("en");
		expect(wordsFor("xx-YY")("confirmed.order", { order: "LW-1" })).toBe("Order LW-1");
	});

	it("never expands a value's own braces, and leaves a missing one visible", () => {
		expect(fillWords("{a} and {b}", { a: "{b}", b: "x" })).toBe("{b} and x");
		expect(fillWords("Order {order}")).toBe("Order {order}");
		expect(fillWords("{constructor}", {})).toBe("{constructor}");
	});
});
