// The locale a page renders in, given once where the route renders it rather than passed through
// every component: `localized(c, <Page …/>)`. Components read it with useLocale(); a page rendered
// without it (the staff console) is the shop's default, English in US dollars.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { createContext, useContext } from "hono/jsx";
import type { AppEnv } from "../env";
import { DEFAULT_LOCALE, type ShopLocale, unprefixedPath } from "../markets/shop-locale";

export type PageLocale = ShopLocale & {
	/** The page's path without any locale prefix: what the selector and hreflang links build on. */
	path: string;
	/** A public catalog page, the same for every shopper: it lists its hreflang alternates. */
	publicPage: boolean;
	/** On per-shopper pages only: the shopper's country, where the shop does not deliver. */
	unsupportedCountry?: string | undefined;
};

export const LocaleContext = createContext<PageLocale>({ ...DEFAULT_LOCALE, path: "/", publicPage: false });

export function useLocale(): PageLocale {
	return useContext(LocaleContext);
}

/** The page wrapped in the request's locale (c.var.locale, set by middleware/shop-locale.ts). */
export function localized(c: Context<AppEnv>, page: Child) {
	const value: PageLocale = {
		...(c.var.locale ?? DEFAULT_LOCALE),
		path: unprefixedPath(c.req.path),
		publicPage: c.var.publicLocale === true,
		// Never on a public page: it is stored for everyone, and this is one shopper's country.
		unsupportedCountry: c.var.publicLocale ? undefined : c.var.unsupportedCountry,
	};
	return <LocaleContext.Provider value={value}>{page}</LocaleContext.Provider>;
}
