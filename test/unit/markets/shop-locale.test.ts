import { describe, expect, it } from "vitest";
import { MailLocaleSchema } from "../../../workers/shared/vault-contract";
import {
	ALTERNATE_SEGMENTS,
	chooseLocale,
	DEFAULT_LOCALE,
	LOCALE_SEGMENTS,
	parseLocaleSegment,
	SHOP_COUNTRIES,
	shopLocale,
	unprefixedPath,
} from "../../../workers/storefront/markets/shop-locale";

describe("locale segments", () => {
	it("name a language the shop speaks in a country it sells to, and nothing else", () => {
		expect(parseLocaleSegment("fr-fr")).toEqual({ language: "fr", country: "FR" });
		expect(parseLocaleSegment("ja-jp")).toEqual({ language: "ja", country: "JP" });
		expect(parseLocaleSegment("en-de")).toEqual({ language: "en", country: "DE" });
		for (const bad of ["fr-FR", "xx-fr", "fr-br", "fr", "fr-fr-fr", "", "fr_fr", "../fr", "fr-fr\n"])
			expect(parseLocaleSegment(bad), bad).toBeUndefined();
		expect(LOCALE_SEGMENTS).toHaveLength(SHOP_COUNTRIES.length * 5);
		for (const segment of LOCALE_SEGMENTS) expect(parseLocaleSegment(segment)).toBeDefined();
	});

	it("advertise each country's own language and English as alternates", () => {
		expect(ALTERNATE_SEGMENTS).toEqual(
			expect.arrayContaining(["en-us", "fr-fr", "en-fr", "de-at", "ja-jp", "es-es"]),
		);
		expect(ALTERNATE_SEGMENTS).not.toContain("ja-fr");
	});

	it("strip a valid prefix only", () => {
		expect(unprefixedPath("/fr-fr/p/rug")).toBe("/p/rug");
		expect(unprefixedPath("/fr-fr")).toBe("/");
		expect(unprefixedPath("/xx-yy/p/rug")).toBe("/xx-yy/p/rug");
		expect(unprefixedPath("/cart")).toBe("/cart");
	});
});

describe("shopLocale", () => {
	it("writes money, sizes and links as the market does", () => {
		const france = shopLocale({ language: "fr", country: "FR" });
		expect(france).toMatchObject({
			market: "eu",
			currency: "EUR",
			tag: "fr-FR",
			prefix: "/fr-fr",
			units: "metric",
		});
		expect(france.money(14_900)).toMatch(/^149,00\s€$/);
		expect(france.size("5x7")).toBe("152 × 213 cm");
		expect(france.href("/")).toBe("/fr-fr");
		expect(france.href("/p/rug")).toBe("/fr-fr/p/rug");
		expect(france.t("layout.cart")).toBe("Panier");
		const japan = shopLocale({ language: "ja", country: "JP" });
		expect(japan.money(21_900)).toMatch(/21,900/);
		expect(japan.money(21_900)).not.toMatch(/\./);
		expect(DEFAULT_LOCALE).toMatchObject({ prefix: "", currency: "USD", tag: "en-US", units: "imperial" });
		expect(DEFAULT_LOCALE.href("/p/rug")).toBe("/p/rug");
		expect(DEFAULT_LOCALE.size("5x7")).toBe(DEFAULT_LOCALE.size("5x7"));
	});
});

describe("chooseLocale", () => {
	it("takes the explicit choice over the country, the country over the default", () => {
		expect(chooseLocale({ cookie: "de-at", cfCountry: "JP" }).setting).toEqual({
			language: "de",
			country: "AT",
		});
		expect(chooseLocale({ cfCountry: "JP" }).setting).toEqual({ language: "ja", country: "JP" });
		expect(chooseLocale({ cfCountry: "BE" }).setting).toEqual({ language: "fr", country: "BE" });
		expect(chooseLocale({}).setting).toEqual({ language: "en", country: "US" });
	});

	it("ignores what it cannot trust and names an unsupported country", () => {
		expect(chooseLocale({ cookie: "xx-yy", cfCountry: "GB" }).setting).toEqual({
			language: "en",
			country: "GB",
		});
		expect(chooseLocale({ cookie: "<script>", cfCountry: "T1" }).setting).toEqual({
			language: "en",
			country: "US",
		});
		const brazil = chooseLocale({ cfCountry: "BR" });
		expect(brazil.setting.country).toBe("US");
		expect(brazil.choice.unsupportedCountry).toBe("BR");
	});
});

describe("the vault's mail locales", () => {
	it("are exactly the shop's languages in the countries it sells to", () => {
		for (const segment of LOCALE_SEGMENTS) {
			const { tag } = shopLocale(parseLocaleSegment(segment) ?? { language: "en", country: "US" });
			expect(MailLocaleSchema.safeParse(tag).success, tag).toBe(true);
		}
		for (const bad of ["ja-ZZ", "en-BR", "xx-US", "en-us", "en-US\n"])
			expect(MailLocaleSchema.safeParse(bad).success, bad).toBe(false);
	});
});
