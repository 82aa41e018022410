// Numbers, money and dates in the shopper's locale, through Intl (issue #13). Formatters are
// costly to build and immutable, so one per (locale, options) lives for the isolate.
import type { Currency } from "../markets/markets";

const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
	let format = cache.get(key);
	if (!format) {
		format = make();
		cache.set(key, format);
	}
	return format;
}

function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
	return cached(
		moneyFormats,
		`${locale} ${currency}`,
		() => new Intl.NumberFormat(locale, { style: "currency", currency }),
	);
}

/** The currency's own number of minor digits as Intl knows it: 2 for EUR, 0 for JPY. */
export function minorDigits(currency: Currency | string): number {
	return moneyFormat("en-US", currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Minor units as money in the shopper's locale: 149,00 € in fr-FR, €149.00 in en-IE, ￥21,900 in
 * ja-JP. Integer arithmetic up to the last step, so yen amounts stay exact.
 */
export function formatMoney(minor: number, currency: Currency | string, locale: string): string {
	const digits = minorDigits(currency);
	return moneyFormat(locale, currency).format(digits === 0 ? minor : minor / 10 ** digits);
}

export function formatNumber(value: number, locale: string): string {
	return cached(numberFormats, locale, () => new Intl.NumberFormat(locale)).format(value);
}

/** A calendar date (no time) in the locale's own order: 1 déc. 2026, 2026年12月1日. */
export function formatDate(at: Date | number, locale: string): string {
	return cached(
		dateFormats,
		locale,
		() => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }),
	).format(at);
}

/** A temperature in the locale's number format; the shop's washing temperatures are Celsius everywhere. */
export function formatCelsius(value: number, locale: string): string {
	return `${formatNumber(value, locale)} °C`;
}

const wholeMoneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * A whole amount without its zero cents, for round filter steps: "$25", "25 €", "￥4,000". An
 * amount with cents (a hand-edited URL's) keeps them, so the option never shows another price.
 */
export function formatWholeMoney(minor: number, currency: Currency | string, locale: string): string {
	const perMajor = 10 ** minorDigits(currency);
	if (minor % perMajor !== 0) return formatMoney(minor, currency, locale);
	return cached(
		wholeMoneyFormats,
		`${locale} ${currency}`,
		() =>
			new Intl.NumberFormat(locale, {
				style: "currency",
				currency,
				minimumFractionDigits: 0,
				maximumFractionDigits: 0,
			}),
	).format(minor / perMajor);
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** A fraction as the locale writes a percentage, up to three decimals: 7.25% in en, 7,25 % in fr. */
export function formatPercent(fraction: number, locale: string): string {
	return cached(
		percentFormats,
		locale,
		() => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 3 }),
	).format(fraction);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A day and a time of day, both in UTC: 3 Mar 2025, 14:05 in en-GB. */
export function formatDateTime(at: Date | number, locale: string): string {
	return cached(
		dateTimeFormats,
		locale,
		() => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }),
	).format(at);
}

const longDateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date written out: 1 November 2026 in en-GB, 1. November 2026 in de-DE. */
export function formatLongDate(at: Date | number, locale: string): string {
	return cached(
		longDateFormats,
		locale,
		() => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }),
	).format(at);
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** A country's name in the locale's language ("Frankreich" in de-DE); its code when Intl has none. */
export function countryName(code: string, locale: string): string {
	return (
		cached(regionNames, locale, () => new Intl.DisplayNames([locale], { type: "region" })).of(code) ?? code
	);
}

const listFormats = new Map<string, Intl.ListFormat>();

/** Items joined as the locale lists them: "France, Germany and Spain", "France, Allemagne et Espagne". */
export function formatList(items: readonly string[], locale: string): string {
	return cached(listFormats, locale, () => new Intl.ListFormat(locale, { type: "conjunction" })).format(
		items,
	);
}
