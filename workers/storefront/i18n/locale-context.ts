// The locale a page renders in, given once where the route renders it rather than passed through
// every component: `localized(c, <Page …/>)`. Components read it with useLocale(); a page rendered
// without it (the staff console) is the shop's default, English in US dollars.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { createContext, jsx, useContext } from "hono/jsx";
import type { AppEnv } from "../env";
import { DEFAULT_LOCALE, type ShopLocale } from "../markets/shop-locale";

export const LocaleContext = createContext<ShopLocale>(DEFAULT_LOCALE);

export function useLocale(): ShopLocale {
	return useContext(LocaleContext);
}

/** The page wrapped in the request's locale (c.var.locale, set by middleware/shop-locale.ts). */
export function localized(c: Context<AppEnv>, page: Child) {
	return jsx(LocaleContext.Provider, { value: c.var.locale ?? DEFAULT_LOCALE }, page);
}
