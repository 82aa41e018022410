// The market and language selector's target (issue #13): every page's layout has a plain form
// posting here, so it works without JavaScript. The choice goes into a cookie that holds only the
// choice; an open cart moves to the chosen market (priced again, never mixing currencies); the
// shopper lands on the page they were on, under the chosen locale's prefix when it is public.
import { createRoute, z } from "@hono/zod-openapi";
import { changeCartMarket } from "../cart/cart-service";
import { LANGUAGES } from "../markets/markets";
import { SHOP_COUNTRIES, shopLocale, unprefixedPath } from "../markets/shop-locale";
import { rememberLocaleChoice } from "../middleware/shop-locale";
import { createRouter, errorResponses, formBody } from "../openapi";
import { findOpenCartId } from "../shopper-actions";

/** Public catalog pages exist under every locale prefix; any other path is the same for all. */
const PUBLIC_PAGE = /^\/(?:$|c\/|p\/|search$|privacy$|privacy\/versions\/)/;

/**
 * Where to go back to: a path of this site only. No scheme, no "//" or "\" (which browsers read
 * as another host), no control characters; anything else goes home rather than anywhere else.
 */
const ReturnPathSchema = z
	.string()
	.max(512)
	.regex(/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/%?]*$/)
	.optional()
	.catch(undefined)
	.openapi({
		type: "string",
		description: "The path of the page the selector was on",
		example: "/p/sable-diamond-area-rug",
	});

/**
 * The page to go back to under the chosen locale. Checked again once its prefix is gone: a return
 * of "/fr-fr//evil.example" would otherwise become "//evil.example", another host to a browser.
 */
export function returnTarget(back: string, href: (path: string) => string): string {
	const at = back.indexOf("?");
	const query = at === -1 ? "" : back.slice(at);
	const path = unprefixedPath(at === -1 ? back : back.slice(0, at));
	if (!path.startsWith("/") || /^\/[/\\]/.test(path)) return href("/");
	return PUBLIC_PAGE.test(path) ? href(path) + query : path + query;
}

export const LocaleChoiceFormSchema = z
	.object({
		country: z.enum(SHOP_COUNTRIES as [string, ...string[]]).openapi({ example: "FR" }),
		language: z.enum(LANGUAGES).openapi({ example: "fr" }),
		return: ReturnPathSchema,
	})
	.strict()
	.openapi("LocaleChoiceForm");

export const localeRoutes = createRouter().openapi(
	createRoute({
		method: "post",
		path: "/locale",
		tags: ["pages"],
		summary:
			"The market and language selector: remembers the choice (a cookie holding only it), moves an open cart to that market, and goes back to the page",
		request: { body: formBody(LocaleChoiceFormSchema) },
		responses: {
			303: { description: "Back to the page, in the chosen locale" },
			...errorResponses(400, 403, 413),
		},
	}),
	async (c) => {
		const { country, language, return: back = "/" } = c.req.valid("form");
		const setting = { country, language };
		const locale = shopLocale(setting);
		rememberLocaleChoice(c, setting);
		const cartId = await findOpenCartId(c);
		if (cartId) await changeCartMarket(c.var.db, cartId, locale.market, Date.now());
		const target = returnTarget(back, locale.href);
		c.header("Cache-Control", "no-store");
		return c.redirect(target, 303);
	},
);
