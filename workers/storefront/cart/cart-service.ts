// Cart operations: read the state, apply the pure rules, write. Each returns the new view.
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

async function requireOpenCart(db: Db, cartId: string) {
	const cart = await getOpenCart(db, cartId);
	if (!cart) throw new AppError("not_found", "Cart not found");
	return cart;
}

export async function createCart(db: Db, cartId: string, now: number): Promise<CartView> {
	await insertCart(db, cartId, now);
	return buildCartView([]);
}

export async function getCartView(db: Db, cartId: string): Promise<CartView> {
	await requireOpenCart(db, cartId);
	return buildCartView(await listCartLines(db, cartId));
}

/** Adds `quantity` of a variant, merging with an existing line. Analytics hook: `cart_add`. */
export async function addCartItem(db: Db, cartId: string, variantId: number, quantity: number, now: number) {
	await requireOpenCart(db, cartId);
	const [variant, lines] = await Promise.all([getVariantForCart(db, variantId), listCartLines(db, cartId)]);
	if (!variant) throw new AppError("not_found", "No such variant");
	const newQuantity = planAddItem(lines, variant, quantity);
	await upsertCartLine(db, cartId, variantId, newQuantity, now);
	return buildCartView(await listCartLines(db, cartId));
}

/** Sets a line's quantity; the line must already be in the cart. */
export async function setCartItemQuantity(
	db: Db,
	cartId: string,
	variantId: number,
	quantity: number,
	now: number,
) {
	await requireOpenCart(db, cartId);
	const lines = await listCartLines(db, cartId);
	const line = lines.find((l) => l.variantId === variantId);
	if (!line) throw new AppError("not_found", "That item is not in the cart");
	checkLineQuantity(line, quantity);
	await upsertCartLine(db, cartId, variantId, quantity, now);
	return buildCartView(await listCartLines(db, cartId));
}

/** Removes a line. Analytics hook: `cart_remove`. */
export async function removeCartItem(db: Db, cartId: string, variantId: number, now: number) {
	await requireOpenCart(db, cartId);
	if (!(await deleteCartLine(db, cartId, variantId, now))) {
		throw new AppError("not_found", "That item is not in the cart");
	}
	return buildCartView(await listCartLines(db, cartId));
}
