// Markets (issue #13): which countries a shopper may buy from, in which currency, language and
// units, and whether shown prices include tax. Pure data and pure choice: the market comes from
// the shopper's explicit setting or the country Cloudflare saw, never from anything that
// identifies the shopper.

export const LANGUAGES = ["en", "de", "fr", "es", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];

export const CURRENCIES = ["USD", "CAD", "GBP", "EUR", "AUD", "NZD", "JPY"] as const;
export type Currency = (typeof CURRENCIES)[number];

export type Market = {
	id: string;
	/** Display name in English; pages translate it through the message catalogs. */
	name: string;
	currency: Currency;
	/** ISO 3166-1 alpha-2 codes, the first one the market's home country. */
	countries: readonly string[];
	language: Language;
	/** Where shoppers expect to see the tax in the price (VAT, GST, consumption tax). */
	pricesIncludeTax: boolean;
	units: "metric" | "imperial";
};

export const MARKETS = {
	us: {
		id: "us",
		name: "United States",
		currency: "USD",
		countries: ["US"],
		language: "en",
		pricesIncludeTax: false,
		units: "imperial",
	},
	ca: {
		id: "ca",
		name: "Canada",
		currency: "CAD",
		countries: ["CA"],
		language: "en",
		pricesIncludeTax: false,
		units: "metric",
	},
	uk: {
		id: "uk",
		name: "United Kingdom",
		currency: "GBP",
		countries: ["GB"],
		language: "en",
		pricesIncludeTax: true,
		units: "metric",
	},
	eu: {
		id: "eu",
		name: "European Union",
		currency: "EUR",
		countries: ["DE", "FR", "NL", "BE", "AT", "IT", "ES", "IE"],
		language: "en",
		pricesIncludeTax: true,
		units: "metric",
	},
	au: {
		id: "au",
		name: "Australia",
		currency: "AUD",
		countries: ["AU"],
		language: "en",
		pricesIncludeTax: true,
		units: "metric",
	},
	nz: {
		id: "nz",
		name: "New Zealand",
		currency: "NZD",
		countries: ["NZ"],
		language: "en",
		pricesIncludeTax: true,
		units: "metric",
	},
	jp: {
		id: "jp",
		name: "Japan",
		currency: "JPY",
		countries: ["JP"],
		language: "ja",
		pricesIncludeTax: true,
		units: "metric",
	},
} as const satisfies Record<string, Market>;

export type MarketId = keyof typeof MARKETS;
export const MARKET_IDS = Object.keys(MARKETS) as [MarketId, ...MarketId[]];
export const DEFAULT_MARKET: MarketId = "us";

// Within a multi-country market the shop speaks the country's language when it has one.
const COUNTRY_LANGUAGE: Readonly<Record<string, Language>> = {
	DE: "de",
	AT: "de",
	FR: "fr",
	BE: "fr",
	ES: "es",
	JP: "ja",
};

const MARKET_BY_COUNTRY: ReadonlyMap<string, MarketId> = new Map(
	MARKET_IDS.flatMap((id) => MARKETS[id].countries.map((country) => [country, id] as const)),
);

export function isMarketId(value: string): value is MarketId {
	return Object.hasOwn(MARKETS, value);
}

export function isLanguage(value: string): value is Language {
	return (LANGUAGES as readonly string[]).includes(value);
}

/** The market that sells to a country, or undefined when the shop does not ship there. */
export function marketOfCountry(country: string): MarketId | undefined {
	return MARKET_BY_COUNTRY.get(country.toUpperCase());
}

/** The language a shopper from this country sees first in their market. */
export function languageOfCountry(country: string, market: MarketId): Language {
	const upper = country.toUpperCase();
	const language = COUNTRY_LANGUAGE[upper];
	return language && countriesOf(market).includes(upper) ? language : MARKETS[market].language;
}

export type MarketChoice = {
	market: MarketId;
	/** A country of the market: the shopper's own when they are in it, else the market's home. */
	country: string;
	language: Language;
	source: "setting" | "country" | "default";
	/** The shopper's country when the shop does not sell there, so pages can say so. */
	unsupportedCountry?: string;
};

const COUNTRY_PATTERN = /^[A-Z]{2}$/;

/**
 * The explicit setting (market and optionally language, from a cookie that holds only that
 * choice) wins over the country Cloudflare saw; without either the default market is shown.
 * Unknown values are ignored, not trusted: both inputs arrive from outside.
 */
export function chooseMarket(input: {
	setting?: { market?: string | undefined; language?: string | undefined } | undefined;
	cfCountry?: string | undefined;
}): MarketChoice {
	const cfCountry = input.cfCountry?.toUpperCase();
	const seenCountry = cfCountry && COUNTRY_PATTERN.test(cfCountry) ? cfCountry : undefined;
	const countryMarket = seenCountry ? marketOfCountry(seenCountry) : undefined;
	const unsupported = seenCountry && !countryMarket ? { unsupportedCountry: seenCountry } : {};

	const settingMarket = input.setting?.market;
	const settingLanguage = input.setting?.language;
	if (settingMarket && isMarketId(settingMarket)) {
		const home = countryMarket === settingMarket && seenCountry ? seenCountry : homeCountry(settingMarket);
		const language =
			settingLanguage && isLanguage(settingLanguage)
				? settingLanguage
				: languageOfCountry(home, settingMarket);
		return { market: settingMarket, country: home, language, source: "setting", ...unsupported };
	}
	const language = settingLanguage && isLanguage(settingLanguage) ? settingLanguage : undefined;
	if (seenCountry && countryMarket) {
		return {
			market: countryMarket,
			country: seenCountry,
			language: language ?? languageOfCountry(seenCountry, countryMarket),
			source: "country",
		};
	}
	return {
		market: DEFAULT_MARKET,
		country: homeCountry(DEFAULT_MARKET),
		language: language ?? MARKETS[DEFAULT_MARKET].language,
		source: "default",
		...unsupported,
	};
}

function countriesOf(market: MarketId): readonly string[] {
	return MARKETS[market].countries;
}

function homeCountry(market: MarketId): string {
	return MARKETS[market].countries[0];
}

/** The BCP 47 locale for Intl: the language as written in the country, e.g. fr-BE, en-GB. */
export function localeOf(language: Language, country: string): string {
	return `${language}-${country.toUpperCase()}`;
}
