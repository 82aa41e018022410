// Cart operations: read the state, apply the pure rules, write. Each returns the new view and,
// for changes, which product moved by how much, so the route can emit the analytics event.
import {
	deleteCartLine,
	getOpenCart,
	getVariantForCart,
	insertCart,
	listCartLines,
	upsertCartLine,
} from "../db/carts";
import type { Db } from "../env";
import { AppError } from "../errors";
import { checkLineQuantity, planAddItem } from "./cart-rules";
import { buildCartView, type CartView } from "./cart-view";

/** A change to one product's quantity in a cart: positive added, negative removed. */
export type CartChange = { cart: CartView; productId: number; delta: number };

async function requireOpenCart(db: Db, cartId: string) {
	const cart = await getOpenCart(db, cartId);
	if (!cart) throw new AppError("not_found", "Cart not found");
	return cart;
}

export async function createCart(
	db: Db,
	cartId: string,
	now: number,
	customerId: string | null = null,
): Promise<CartView> {
	await insertCart(db, cartId, now, customerId);
	return buildCartView([]);
}

export async function getCartView(db: Db, cartId: string): Promise<CartView> {
	await requireOpenCart(db, cartId);
	return buildCartView(await listCartLines(db, cartId));
}

/** Adds `quantity` of a variant, merging with an existing line. */
export async function addCartItem(
	db: Db,
	cartId: string,
	variantId: number,
	quantity: number,
	now: number,
): Promise<CartChange> {
	await requireOpenCart(db, cartId);
	const [variant, lines] = await Promise.all([getVariantForCart(db, variantId), listCartLines(db, cartId)]);
	if (!variant) throw new AppError("not_found", "No such variant");
	const newQuantity = planAddItem(lines, variant, quantity);
	await upsertCartLine(db, cartId, variantId, newQuantity, now);
	return {
		cart: buildCartView(await listCartLines(db, cartId)),
		productId: variant.productId,
		delta: quantity,
	};
}

/** Sets a line's quantity; the line must already be in the cart. */
export async function setCartItemQuantity(
	db: Db,
	cartId: string,
	variantId: number,
	quantity: number,
	now: number,
): Promise<CartChange> {
	await requireOpenCart(db, cartId);
	const lines = await listCartLines(db, cartId);
	const line = lines.find((l) => l.variantId === variantId);
	if (!line) throw new AppError("not_found", "That item is not in the cart");
	checkLineQuantity(line, quantity);
	await upsertCartLine(db, cartId, variantId, quantity, now);
	const cart = buildCartView(await listCartLines(db, cartId));
	return { cart, productId: line.productId, delta: quantity - line.quantity };
}

/** Removes a line. */
export async function removeCartItem(
	db: Db,
	cartId: string,
	variantId: number,
	now: number,
): Promise<CartChange> {
	await requireOpenCart(db, cartId);
	const line = (await listCartLines(db, cartId)).find((l) => l.variantId === variantId);
	if (!line || !(await deleteCartLine(db, cartId, variantId, now))) {
		throw new AppError("not_found", "That item is not in the cart");
	}
	const cart = buildCartView(await listCartLines(db, cartId));
	return { cart, productId: line.productId, delta: -line.quantity };
}
