// The shopper's HTML path without JavaScript: add to cart from the product page, the cart page
// with a form per line, and the guest checkout form. Every POST answers 303 on success and, on a
// refusal, the same page again with the message and a 4xx (never the API's JSON). These pages
// are per shopper, so they are never cached; the checkout page may hold what the shopper typed.
import { createRoute, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { savedAddressChoice } from "../accounts/signed-in";
import { MAX_LINE_QUANTITY, planAddItem } from "../cart/cart-rules";
import {
	AddCartItemFormSchema,
	SetCartItemQuantityFormSchema,
	VariantIdParamSchema,
} from "../cart/cart-schemas";
import { changeCartMarket, getCartView } from "../cart/cart-service";
import type { CartView } from "../cart/cart-view";
import {
	type CheckoutFormErrors,
	CheckoutFormSchema,
	type CheckoutFormValues,
	checkoutFormValues,
	describeCheckoutIssues,
	describeRefusal,
	echoCheckoutValues,
} from "../checkout/checkout-form";
import { marketForDelivery } from "../checkout/order-pricing";
import { getVariantForCart } from "../db/carts";
import { listCategories } from "../db/catalog";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { localized } from "../i18n/locale-context";
import { MARKETS, type MarketId } from "../markets/markets";
import { parseLocaleSegment } from "../markets/shop-locale";
import { createRouter, errorResponses, formBody, html } from "../openapi";
import type { SavedAddressChoiceState } from "../pages/account/saved-address-choice";
import { CartPage } from "../pages/cart-page";
import { CheckoutPage } from "../pages/checkout-page";
import { pageErrorResponse } from "../pages/page-error";
import {
	addItemForShopper,
	checkoutForShopper,
	findCartView,
	findOpenCartId,
	openCartIdForAdding,
	removeItemForShopper,
	setItemQuantityForShopper,
} from "../shopper-actions";

const refused = {
	400: html("The page again, with what was wrong"),
	404: html("The page again: no such item or cart"),
	409: html("The page again: out of stock or over a limit"),
	415: html("Not a form"),
	429: html("The page again: too many carts or checkouts in a short time"),
	// Refused by the app's middleware before any page is involved: cross-origin post, oversized body.
	...errorResponses(403, 413),
};
const seeOther = (description: string) => ({ 303: { description } });

/** An error the shopper can act on, shown on the page; anything else is a fault for onError. */
function shopperError(err: unknown): AppError | null {
	return err instanceof AppError && (err.status < 500 || err.code === "payment_unavailable") ? err : null;
}

/** A refusal in the shopper's language, for the page that shows it. */
const refusalText = (c: Context<AppEnv>, refusal: AppError) => describeRefusal(c.var.locale.t, refusal);

async function renderCart(c: Context<AppEnv>, status: ContentfulStatusCode = 200, error?: string) {
	const [cart, categories] = await Promise.all([findCartView(c), listCategories(c.var.db)]);
	c.header("Cache-Control", "no-store");
	return c.html(localized(c, <CartPage cart={cart} categories={categories} error={error} />), status);
}

/** The checkout page; a signed-in customer is also offered their saved addresses (`saved`). */
export async function renderCheckout(
	c: Context<AppEnv>,
	status: ContentfulStatusCode,
	values: CheckoutFormValues,
	errors?: CheckoutFormErrors,
	cart?: CartView | null,
	saved?: SavedAddressChoiceState,
) {
	const [view, categories] = await Promise.all([cart ?? findCartView(c), listCategories(c.var.db)]);
	c.header("Cache-Control", "no-store");
	if (!view || view.lines.length === 0) {
		const error = errors?.form[0] ?? saved?.error;
		return c.html(localized(c, <CartPage cart={view} categories={categories} error={error} />), status);
	}
	const choice = saved ?? (await savedAddressChoice(c));
	const page = <CheckoutPage {...{ cart: view, categories, values, errors, saved: choice }} />;
	return c.html(localized(c, page), status);
}

async function renderInvalidCheckout(c: Context<AppEnv>, issues: readonly z.core.$ZodIssue[]) {
	// The validator has already read the form; this is its cached copy, repeated keys kept.
	const raw = await c.req.parseBody({ all: true });
	const errors = describeCheckoutIssues(issues, raw, c.var.locale.t);
	return renderCheckout(c, 400, echoCheckoutValues(raw), errors);
}

/** Runs a cart change, then back to the cart (303); a refused change re-renders it with the reason. */
async function changeCart(c: Context<AppEnv>, change: () => Promise<unknown>) {
	try {
		await change();
	} catch (err) {
		const refusal = shopperError(err);
		if (!refusal) throw err;
		return renderCart(c, refusal.status, refusalText(c, refusal));
	}
	return c.redirect("/cart", 303);
}

async function requireCartForChange(c: Context<AppEnv>): Promise<string> {
	const cartId = await findOpenCartId(c);
	if (!cartId) throw new AppError("not_found", "That item is not in your cart.");
	return cartId;
}

/**
 * The open cart to add to, created only for an add that will be accepted: a refused add must not
 * leave a new, empty cart behind (issue #12: a refused request changes no stored row; found by
 * test/storefront/property-input.test.ts). Without an open cart, the add is first judged against
 * an empty one by the rules addCartItem applies.
 */
async function cartIdForAdding(
	c: Context<AppEnv>,
	variantId: number,
	quantity: number,
	market: MarketId,
): Promise<string> {
	const cartId = await findOpenCartId(c);
	const { db } = c.var;
	// Judged first, in the market of the page the shopper added from: a refused add changes nothing.
	const [variant, cart] = await Promise.all([
		getVariantForCart(db, variantId, MARKETS[market].currency),
		cartId ? getCartView(db, cartId) : null,
	]);
	if (!variant) throw new AppError("not_found", "No such variant");
	planAddItem(cart?.lines ?? [], variant, quantity);
	if (!cartId) return openCartIdForAdding(c, market);
	// The shopper saw this market's prices on that page: the cart follows it.
	await changeCartMarket(db, cartId, market, Date.now());
	return cartId;
}

const quantityMessage = (c: Context<AppEnv>) =>
	c.var.locale.t("cart.chooseQuantity", { max: MAX_LINE_QUANTITY });
const notInCartMessage = (c: Context<AppEnv>) => c.var.locale.t("cart.notInCart");

const shopRouter = createRouter();
shopRouter.onError(pageErrorResponse);

export const shopPageRoutes = shopRouter
	.openapi(
		createRoute({
			method: "get",
			path: "/cart",
			tags: ["pages"],
			summary: "The cart page (per shopper, never cached)",
			responses: { 200: html("The cart") },
		}),
		(c) => renderCart(c),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/cart/items",
			tags: ["pages"],
			summary: "Add to cart from the product page's form; creates the cart when there is none",
			request: { body: formBody(AddCartItemFormSchema) },
			responses: { ...seeOther("To the cart page"), ...refused },
		}),
		(c) =>
			changeCart(c, async () => {
				const { variantId, quantity, locale } = c.req.valid("form");
				const market = (locale && parseLocaleSegment(locale)?.country) || c.var.locale.country;
				const cartId = await cartIdForAdding(c, variantId, quantity, marketForDelivery(market));
				await addItemForShopper(c, cartId, variantId, quantity);
			}),
		(result, c) => {
			if (!result.success)
				return renderCart(c, 400, c.var.locale.t("cart.chooseVariant", { max: MAX_LINE_QUANTITY }));
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/cart/items/{variantId}",
			tags: ["pages"],
			summary: "Change a cart line's quantity from the cart page's form",
			request: { params: VariantIdParamSchema, body: formBody(SetCartItemQuantityFormSchema) },
			responses: { ...seeOther("Back to the cart page"), ...refused },
		}),
		(c) =>
			changeCart(c, async () => {
				const { variantId } = c.req.valid("param");
				const { quantity } = c.req.valid("form");
				await setItemQuantityForShopper(c, await requireCartForChange(c), variantId, quantity);
			}),
		(result, c) => {
			if (result.success) return;
			if (result.target === "param") return renderCart(c, 404, notInCartMessage(c));
			return renderCart(c, 400, quantityMessage(c));
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/cart/items/{variantId}/remove",
			tags: ["pages"],
			summary: "Remove a cart line from the cart page's form",
			request: { params: VariantIdParamSchema },
			responses: { ...seeOther("Back to the cart page"), ...refused },
		}),
		(c) =>
			changeCart(c, async () => {
				await removeItemForShopper(c, await requireCartForChange(c), c.req.valid("param").variantId);
			}),
		(result, c) => {
			if (!result.success) return renderCart(c, 404, notInCartMessage(c));
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/checkout",
			tags: ["pages"],
			summary:
				"The guest checkout form (per shopper, never cached); without a cart ready for it, the cart page",
			responses: { 200: html("The checkout form"), ...seeOther("To the cart page") },
		}),
		async (c) => {
			const cart = await findCartView(c);
			if (!cart?.readyForCheckout) return c.redirect("/cart", 303);
			return renderCheckout(c, 200, {}, undefined, cart);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/checkout",
			tags: ["pages"],
			summary: "Place the order from the checkout form, then on to the hosted payment page",
			request: { body: formBody(CheckoutFormSchema) },
			responses: {
				...seeOther("To the payment page"),
				...refused,
				502: html("Payment provider unavailable"),
			},
		}),
		async (c) => {
			const cartId = await findOpenCartId(c);
			if (!cartId) return c.redirect("/cart", 303);
			const input = c.req.valid("form");
			try {
				return c.redirect(
					(await checkoutForShopper(c, cartId, input, { kind: "guest", email: input.email })).paymentUrl,
					303,
				);
			} catch (err) {
				const refusal = shopperError(err);
				if (!refusal) throw err;
				const errors = { fields: {}, form: [refusalText(c, refusal)] };
				return renderCheckout(c, refusal.status, checkoutFormValues(input), errors);
			}
		},
		(result, c) => (result.success ? undefined : renderInvalidCheckout(c, result.error.issues)),
	);
