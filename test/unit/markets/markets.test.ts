import { describe, expect, it } from "vitest";
import { COUNTRY_CODES } from "../../../workers/storefront/checkout/countries";
import {
	chooseMarket,
	languageOfCountry,
	localeOf,
	MARKET_IDS,
	MARKETS,
	marketOfCountry,
} from "../../../workers/storefront/markets/markets";

describe("markets", () => {
	it("puts every country in exactly one market", () => {
		const countries = MARKET_IDS.flatMap((id) => MARKETS[id].countries);
		expect(new Set(countries).size).toBe(countries.length);
		for (const country of countries)
			expect(MARKETS[marketOfCountry(country) ?? "us"].countries).toContain(country);
	});

	it("sells to every country the checkout accepts today", () => {
		for (const country of COUNTRY_CODES) expect(marketOfCountry(country), country).toBeDefined();
	});

	it("groups the euro countries and keeps the others on their own currency", () => {
		expect(marketOfCountry("fr")).toBe("eu");
		expect(marketOfCountry("IE")).toBe("eu");
		expect(MARKETS.eu.currency).toBe("EUR");
		expect(marketOfCountry("GB")).toBe("uk");
		expect(marketOfCountry("JP")).toBe("jp");
		expect(marketOfCountry("BR")).toBeUndefined();
	});

	it("speaks the country's language inside a shared market, else the market's", () => {
		expect(languageOfCountry("DE", "eu")).toBe("de");
		expect(languageOfCountry("AT", "eu")).toBe("de");
		expect(languageOfCountry("BE", "eu")).toBe("fr");
		expect(languageOfCountry("ES", "eu")).toBe("es");
		expect(languageOfCountry("NL", "eu")).toBe("en");
		expect(languageOfCountry("JP", "jp")).toBe("ja");
		// A French shopper who chose the US market reads the US market's language.
		expect(languageOfCountry("FR", "us")).toBe("en");
	});

	it("builds the Intl locale from language and country", () => {
		expect(localeOf("fr", "be")).toBe("fr-BE");
	});
});

describe("chooseMarket", () => {
	it("takes the country Cloudflare saw when there is no setting", () => {
		expect(chooseMarket({ cfCountry: "FR" })).toEqual({
			market: "eu",
			country: "FR",
			language: "fr",
			source: "country",
		});
	});

	it("lets an explicit setting beat the country", () => {
		const choice = chooseMarket({ setting: { market: "jp" }, cfCountry: "FR" });
		expect(choice).toMatchObject({ market: "jp", country: "JP", language: "ja", source: "setting" });
		expect(chooseMarket({ setting: { market: "eu", language: "es" }, cfCountry: "DE" })).toMatchObject({
			market: "eu",
			country: "DE",
			language: "es",
		});
	});

	it("keeps a language setting with the country's market", () => {
		expect(chooseMarket({ setting: { language: "de" }, cfCountry: "US" })).toMatchObject({
			market: "us",
			language: "de",
			source: "country",
		});
	});

	it("ignores setting values it does not know", () => {
		expect(chooseMarket({ setting: { market: "mars", language: "xx" }, cfCountry: "JP" })).toMatchObject({
			market: "jp",
			language: "ja",
			source: "country",
		});
		expect(chooseMarket({ setting: { market: "__proto__" } })).toMatchObject({
			market: "us",
			source: "default",
		});
		expect(chooseMarket({ cfCountry: "T1" })).toEqual({
			market: "us",
			country: "US",
			language: "en",
			source: "default",
		});
	});

	it("names a country the shop does not sell to, and shows the default market", () => {
		expect(chooseMarket({ cfCountry: "br" })).toEqual({
			market: "us",
			country: "US",
			language: "en",
			source: "default",
			unsupportedCountry: "BR",
		});
		expect(chooseMarket({ setting: { market: "eu" }, cfCountry: "BR" })).toMatchObject({
			market: "eu",
			unsupportedCountry: "BR",
		});
	});
});
