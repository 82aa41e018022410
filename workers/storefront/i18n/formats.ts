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
