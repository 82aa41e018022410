// The shopper's locale for one request (issue #13): market, country, language and how money,
// sizes and links are written. Pure. A public page gets it from its URL prefix (`/fr-fr/p/…`),
// so the edge cache keys each market and language apart by construction; a private page from the
// choice cookie, else the country Cloudflare saw. Nothing that identifies the shopper is read.
import { formatDate, formatMoney, formatNumber } from "../i18n/formats";
import { type Translator, translatorFor } from "../i18n/translate";
import {
	type Currency,
	chooseMarket,
	isLanguage,
	LANGUAGES,
	type Language,
	languageOfCountry,
	localeOf,
	MARKET_IDS,
	MARKETS,
	type MarketChoice,
	type MarketId,
	marketOfCountry,
} from "./markets";
import { marketSizeLabel } from "./sizes";

export type ShopLocale = {
	market: MarketId;
	country: string;
	language: Language;
	currency: Currency;
	/** BCP 47, for Intl and the `lang` attribute: fr-FR, en-GB, ja-JP. */
	tag: string;
	units: "metric" | "imperial";
	pricesIncludeTax: boolean;
	/** The URL prefix of its public pages: "" for the default (en-US), else "/fr-fr". */
	prefix: string;
	t: Translator;
	money(minor: number, currency?: string): string;
	number(value: number): string;
	date(at: Date | number): string;
	size(code: string): string;
	/** A public page's path in this locale: "/p/x" → "/fr-fr/p/x". */
	href(path: string): string;
};

/** Every country a market sells to, in the markets' order: the selector's and the prefixes' list. */
export const SHOP_COUNTRIES: readonly string[] = MARKET_IDS.flatMap((id) => MARKETS[id].countries);

export const DEFAULT_SEGMENT = "en-us";
const SEGMENT = /^([a-z]{2})-([a-z]{2})$/;

export type LocaleSetting = { language: Language; country: string };

/** "fr-fr" → French in France; undefined for anything else (unknown language or country). */
export function parseLocaleSegment(segment: string): LocaleSetting | undefined {
	const match = SEGMENT.exec(segment);
	if (!match) return undefined;
	const [, language = "", lower = ""] = match;
	const country = lower.toUpperCase();
	if (!isLanguage(language) || !marketOfCountry(country)) return undefined;
	return { language, country };
}

/** "/fr-fr/p/x" → "/p/x", "/fr-fr" → "/"; a path without a valid prefix is returned as it is. */
export function unprefixedPath(path: string): string {
	const match = /^\/([a-z]{2}-[a-z]{2})(\/.*)?$/.exec(path);
	if (!match?.[1] || !parseLocaleSegment(match[1])) return path;
	return match[2] ?? "/";
}

/**
 * The segments a public page lists as its hreflang alternates: in each country, its own language
 * and English. Every other pairing still works; it is just not advertised to search engines.
 */
export const ALTERNATE_SEGMENTS: readonly string[] = SHOP_COUNTRIES.flatMap((country) => {
	const own = languageOfCountry(country, marketOfCountry(country) ?? "us");
	const languages: Language[] = own === "en" ? ["en"] : [own, "en"];
	return languages.map((language) => localeSegment({ language, country }));
});

export function localeSegment(setting: LocaleSetting): string {
	return `${setting.language}-${setting.country.toLowerCase()}`;
}

/** Every valid prefix segment: each language in each country the shop sells to. */
export const LOCALE_SEGMENTS: readonly string[] = SHOP_COUNTRIES.flatMap((country) =>
	LANGUAGES.map((language) => localeSegment({ language, country })),
);

export function shopLocale(setting: LocaleSetting): ShopLocale {
	const market = marketOfCountry(setting.country) ?? "us";
	const { currency, units, pricesIncludeTax } = MARKETS[market];
	const tag = localeOf(setting.language, setting.country);
	const segment = localeSegment(setting);
	const prefix = segment === DEFAULT_SEGMENT ? "" : `/${segment}`;
	return {
		market,
		country: setting.country,
		language: setting.language,
		currency,
		tag,
		units,
		pricesIncludeTax,
		prefix,
		t: translatorFor(setting.language),
		money: (minor, inCurrency = currency) => formatMoney(minor, inCurrency, tag),
		number: (value) => formatNumber(value, tag),
		date: (at) => formatDate(at, tag),
		size: (code) => marketSizeLabel(code, units),
		href: (path) => (prefix === "" ? path : path === "/" ? prefix : `${prefix}${path}`),
	};
}

/** The shop as it is without any choice: English, US dollars, unprefixed URLs. */
export const DEFAULT_LOCALE: ShopLocale = shopLocale({ language: "en", country: "US" });

/**
 * A private page's locale: the choice cookie (a segment like "fr-fr") when it is valid, else the
 * country Cloudflare saw, else the default. Unknown values are ignored, never trusted.
 */
export function chooseLocale(input: { cookie?: string | undefined; cfCountry?: string | undefined }): {
	setting: LocaleSetting;
	choice: MarketChoice;
} {
	const fromCookie = input.cookie ? parseLocaleSegment(input.cookie) : undefined;
	const choice = chooseMarket({
		setting: fromCookie
			? { market: marketOfCountry(fromCookie.country), language: fromCookie.language }
			: undefined,
		cfCountry: input.cfCountry,
	});
	const country = fromCookie?.country ?? choice.country;
	return { setting: { language: choice.language, country }, choice };
}
