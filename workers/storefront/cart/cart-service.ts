// Cart operations: read the state, apply the pure rules, write. Each returns the new view and,
// for changes, which product moved by how much, so the route can emit the analytics event.
// Two D1 round trips a change: one batch reads the cart, one writes and reads it back.
import {
	type CartRow,
	deleteCartLine,
	getOpenCartForAdding,
	getOpenCartWithLines,
	insertCart,
	setCartMarket,
	upsertCartLine,
} from "../db/carts";
import type { Db } from "../env";
import { AppError } from "../errors";
import { DEFAULT_MARKET, type MarketId } from "../markets/markets";
import { checkLineQuantity, planAddItem } from "./cart-rules";
import { buildCartView, type CartView } from "./cart-view";

/** A change to one product's quantity in a cart: positive added, negative removed. */
export type CartChange = { cart: CartView; productId: number; delta: number };

function requireOpen(cart: CartRow | null): asserts cart is CartRow {
	if (!cart) throw new AppError("not_found", "Cart not found");
}

export async function createCart(
	db: Db,
	cartId: string,
	now: number,
	customerId: string | null = null,
	market: MarketId = DEFAULT_MARKET,
): Promise<CartView> {
	const cart = await insertCart(db, cartId, now, customerId, market);
	return buildCartView(cart, []);
}

export async function getCartView(db: Db, cartId: string): Promise<CartView> {
	const { cart, lines } = await getOpenCartWithLines(db, cartId);
	requireOpen(cart);
	return buildCartView(cart, lines);
}

/**
 * Moves the cart to another market: every line is shown, and later bought, at that market's
 * price list in its currency, so a cart never mixes currencies. A no-op for the same market.
 */
export async function changeCartMarket(
	db: Db,
	cartId: string,
	market: MarketId,
	now: number,
): Promise<CartView> {
	const { cart } = await getOpenCartWithLines(db, cartId);
	requireOpen(cart);
	if (cart.market !== market) await setCartMarket(db, cartId, market, now);
	return getCartView(db, cartId);
}

/** Adds `quantity` of a variant, merging with an existing line. */
export async function addCartItem(
	db: Db,
	cartId: string,
	variantId: number,
	quantity: number,
	now: number,
): Promise<CartChange> {
	const { cart, lines, variant } = await getOpenCartForAdding(db, cartId, variantId);
	requireOpen(cart);
	if (!variant) throw new AppError("not_found", "No such variant");
	const newQuantity = planAddItem(lines, variant, quantity);
	const linesAfter = await upsertCartLine(db, cartId, variantId, newQuantity, now);
	return { cart: buildCartView(cart, linesAfter), productId: variant.productId, delta: quantity };
}

/** Sets a line's quantity; the line must already be in the cart. */
export async function setCartItemQuantity(
	db: Db,
	cartId: string,
	variantId: number,
	quantity: number,
	now: number,
): Promise<CartChange> {
	const { cart, lines } = await getOpenCartWithLines(db, cartId);
	requireOpen(cart);
	const line = lines.find((l) => l.variantId === variantId);
	if (!line) throw new AppError("not_found", "That item is not in the cart");
	checkLineQuantity(line, quantity);
	const linesAfter = await upsertCartLine(db, cartId, variantId, quantity, now);
	return {
		cart: buildCartView(cart, linesAfter),
		productId: line.productId,
		delta: quantity - line.quantity,
	};
}

/** Removes a line. */
export async function removeCartItem(
	db: Db,
	cartId: string,
	variantId: number,
	now: number,
): Promise<CartChange> {
	const { cart, lines } = await getOpenCartWithLines(db, cartId);
	requireOpen(cart);
	const line = lines.find((l) => l.variantId === variantId);
	if (!line) throw new AppError("not_found", "That item is not in the cart");
	const removed = await deleteCartLine(db, cartId, variantId, now);
	if (!removed.deleted) throw new AppError("not_found", "That item is not in the cart");
	return { cart: buildCartView(cart, removed.lines), productId: line.productId, delta: -line.quantity };
}
