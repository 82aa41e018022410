// Which locale a request renders in (issue #13). Three cases, decided here once:
// - a public catalog page under a prefix (`/fr-fr/p/…`): the prefix, and only the prefix;
// - the same page unprefixed: the default locale, and only that. A shopper whose choice or country
//   says otherwise is sent (302, never stored) to the prefixed page first, so a stored unprefixed
//   page never depends on who asked;
// - every other page (per shopper, never cached): the choice cookie, else request.cf.country.
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import {
	chooseLocale,
	DEFAULT_LOCALE,
	DEFAULT_SEGMENT,
	type LocaleSetting,
	localeSegment,
	parseLocaleSegment,
	shopLocale,
} from "../markets/shop-locale";

/** Holds only the shopper's choice, e.g. "fr-fr": no identifier, nothing else. */
export const LOCALE_COOKIE = "lw_locale";
const YEAR_SECONDS = 365 * 24 * 60 * 60;

function cfCountry(c: Context<AppEnv>): string | undefined {
	const cf = (c.req.raw as Request & { cf?: { country?: unknown } }).cf;
	return typeof cf?.country === "string" ? cf.country : undefined;
}

export function rememberLocaleChoice(c: Context<AppEnv>, setting: LocaleSetting) {
	setCookie(c, LOCALE_COOKIE, localeSegment(setting), {
		path: "/",
		secure: true,
		httpOnly: true,
		sameSite: "Lax",
		maxAge: YEAR_SECONDS,
		prefix: "host",
	});
}

/**
 * App-wide: the shopper's locale for pages that are theirs alone, and the country Cloudflare saw
 * when the shop does not sell there (so those pages can say so). Public pages override both.
 */
export function shopperLocale(): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		const { setting, choice } = chooseLocale({
			cookie: getCookie(c, LOCALE_COOKIE, "host"),
			cfCountry: cfCountry(c),
		});
		c.set("locale", shopLocale(setting));
		if (choice.unsupportedCountry && choice.source === "default")
			c.set("unsupportedCountry", choice.unsupportedCountry);
		await next();
	};
}

/**
 * For a prefixed public page: the prefix's locale, or 404 for a prefix that names no language or
 * country we sell to. The default locale's prefix (/en-us/…) is the unprefixed page (301).
 */
export function prefixLocale(): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		const segment = c.req.param("locale") ?? "";
		const setting = parseLocaleSegment(segment);
		if (!setting) return c.notFound();
		if (segment === DEFAULT_SEGMENT) {
			const url = new URL(c.req.url);
			const rest = url.pathname.slice(DEFAULT_SEGMENT.length + 1) || "/";
			return c.redirect(rest + url.search, 301);
		}
		c.set("locale", shopLocale(setting));
		c.set("publicLocale", true);
		await next();
	};
}

/**
 * For an unprefixed public page: the default locale; a shopper who chose (or is in) another
 * market or language is first sent to the prefixed page. The redirect is private: it depends on
 * the shopper, so no cache may keep it.
 */
export function unprefixedLocale(): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		// The shopper's own locale, which shopperLocale() read from their cookie and country.
		const wanted = c.var.locale;
		if (wanted.prefix !== "") {
			const url = new URL(c.req.url);
			c.header("Cache-Control", "private, no-store");
			c.header("Vary", "Cookie");
			return c.redirect(wanted.href(url.pathname) + url.search, 302);
		}
		c.set("locale", DEFAULT_LOCALE);
		c.set("publicLocale", true);
		await next();
	};
}
