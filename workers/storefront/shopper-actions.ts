// What a shopper's request does to the cart and the order, shared by the JSON API and the HTML
// forms so both change the same rows and emit the same analytics events. The server is the
// source of truth for cart and purchase events: they are emitted where the change happened.

import type { Context } from "hono";
import { currentAccount } from "./accounts/current-account";
import { readSessionToken } from "./accounts/session-cookie";
import { emitEvent, purchaseSignalFor } from "./analytics/emit";
import { cartChangeEvent } from "./analytics/envelope";
import { clearCartCookie, issueCartCookie, readCartId } from "./cart/cart-cookie";
import {
	addCartItem,
	type CartChange,
	createCart,
	getCartView,
	removeCartItem,
	setCartItemQuantity,
} from "./cart/cart-service";
import type { CartView } from "./cart/cart-view";
import { admitCheckout, limitCartCreation } from "./checkout/client-limits";
import {
	type CheckoutResult,
	checkoutCart,
	type OrderContactInput,
	type Placement,
} from "./checkout/place-order";
import { getOpenCart } from "./db/carts";
import type { AppEnv } from "./env";
import { AppError } from "./errors";
import type { MarketId } from "./markets/markets";
import { rememberOrderInBrowser } from "./orders/order-pages-cookie";
import { checkoutDepsFor } from "./request-deps";

async function emitCartChange(c: Context<AppEnv>, change: CartChange): Promise<CartChange> {
	const event = cartChangeEvent(change.productId, change.delta);
	if (event) await emitEvent(c, event);
	return change;
}

export async function addItemForShopper(
	c: Context<AppEnv>,
	cartId: string,
	variantId: number,
	quantity: number,
): Promise<CartChange> {
	return emitCartChange(c, await addCartItem(c.var.db, cartId, variantId, quantity, Date.now()));
}

export async function setItemQuantityForShopper(
	c: Context<AppEnv>,
	cartId: string,
	variantId: number,
	quantity: number,
): Promise<CartChange> {
	return emitCartChange(c, await setCartItemQuantity(c.var.db, cartId, variantId, quantity, Date.now()));
}

export async function removeItemForShopper(
	c: Context<AppEnv>,
	cartId: string,
	variantId: number,
): Promise<CartChange> {
	return emitCartChange(c, await removeCartItem(c.var.db, cartId, variantId, Date.now()));
}

/** Places the order for the cart; the spent cart's cookie is cleared and the purchase emitted. */
export async function checkoutForShopper(
	c: Context<AppEnv>,
	cartId: string,
	input: OrderContactInput,
	placement: Placement,
): Promise<CheckoutResult> {
	const clientKey = await admitCheckout(c);
	const purchaseSignal = await purchaseSignalFor(c);
	const result = await checkoutCart(
		{ ...checkoutDepsFor(c), clientKey, purchaseSignal },
		cartId,
		input,
		placement,
	);
	clearCartCookie(c);
	// The browser that placed the order may see its status pages by number.
	await rememberOrderInBrowser(c, result.order.number);
	// The purchase is counted when the order is paid (payment webhook), with what was kept here.
	return result;
}

/**
 * The open cart named by the cookie, or undefined. For the HTML pages a forged, spent or expired
 * cart is simply no cart (readCartId already cleared a forged cookie): a browser cannot fix it.
 */
export async function findOpenCartId(c: Context<AppEnv>): Promise<string | undefined> {
	let cartId: string | undefined;
	try {
		cartId = await readCartId(c);
	} catch (err) {
		if (err instanceof AppError && err.code === "invalid_cookie") return undefined;
		throw err;
	}
	if (!cartId) return undefined;
	return (await getOpenCart(c.var.db, cartId)) ? cartId : undefined;
}

/** The logged-in customer a new cart belongs to (so it follows them to their next login), or null. */
async function cartOwner(c: Context<AppEnv>): Promise<string | null> {
	if (!readSessionToken(c)) return null;
	try {
		return (await currentAccount(c)).account.id;
	} catch (err) {
		if (err instanceof AppError && err.code === "unauthorized") return null;
		throw err;
	}
}

/** A new cart for this shopper: rate limited, its cookie set, owned by the customer if logged in. */
export async function startCart(
	c: Context<AppEnv>,
	market: MarketId = c.var.locale.market,
): Promise<{ cartId: string; cart: CartView }> {
	await limitCartCreation(c);
	const cartId = await issueCartCookie(c);
	const cart = await createCart(c.var.db, cartId, Date.now(), await cartOwner(c), market);
	return { cartId, cart };
}

/** The shopper's open cart, created in `market` (and its cookie set) when there is none yet. */
export async function openCartIdForAdding(c: Context<AppEnv>, market?: MarketId): Promise<string> {
	return (await findOpenCartId(c)) ?? (await startCart(c, market)).cartId;
}

/** The cart to show on a page: null when the shopper has no open cart. */
export async function findCartView(c: Context<AppEnv>): Promise<CartView | null> {
	const cartId = await findOpenCartId(c);
	return cartId ? getCartView(c.var.db, cartId) : null;
}
