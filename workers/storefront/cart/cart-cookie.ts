// The cart travels only in a signed, HttpOnly, Secure, SameSite=Lax, __Host- cookie holding a
// 128-bit random token; the signature (SESSION_KEY) means a guessed or edited value is refused
// before it reaches the database. The database keys the cart by an HMAC of the token, so nothing
// stored equals what the shopper's browser holds.
import type { Context } from "hono";
import { deleteCookie, getCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import * as z from "zod";
import { randomBytes, toBase64Url } from "../../shared/base64url";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { pseudonym } from "../pseudonym";

const CART_COOKIE = "lw_cart";
const CART_COOKIE_MAX_AGE_S = 30 * 24 * 3600;
const CartIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

export function newCartId(): string {
	return toBase64Url(randomBytes(16));
}

/** The database id of the cart a cookie token names: a pseudonym of the token. */
export function cartIdForToken(sessionKey: string, token: string): Promise<string> {
	return pseudonym(sessionKey, "cart-id", token);
}

/** Starts a cart for this shopper: sets the cookie with a fresh token, answers the cart's database id. */
export async function issueCartCookie(c: Context<AppEnv>): Promise<string> {
	const token = newCartId();
	await writeCartCookie(c, token);
	return cartIdForToken(c.env.SESSION_KEY, token);
}

/** The cart's database id from the cookie, undefined without one; a forged cookie is cleared and refused. */
export async function readCartId(c: Context<AppEnv>): Promise<string | undefined> {
	if (getCookie(c, CART_COOKIE, "host") === undefined) return undefined;
	let value: string | false | undefined;
	try {
		value = await getSignedCookie(c, c.env.SESSION_KEY, CART_COOKIE, "host");
	} catch {
		value = false;
	}
	const parsed = CartIdSchema.safeParse(value);
	if (!parsed.success) {
		clearCartCookie(c);
		throw new AppError("invalid_cookie", "The cart cookie is not valid");
	}
	return cartIdForToken(c.env.SESSION_KEY, parsed.data);
}

export async function requireCartId(c: Context<AppEnv>): Promise<string> {
	const cartId = await readCartId(c);
	if (!cartId) throw new AppError("not_found", "No cart: create one with POST /api/v1/cart");
	return cartId;
}

async function writeCartCookie(c: Context<AppEnv>, token: string): Promise<void> {
	await setSignedCookie(c, CART_COOKIE, token, c.env.SESSION_KEY, {
		prefix: "host",
		httpOnly: true,
		secure: true,
		sameSite: "Lax",
		path: "/",
		maxAge: CART_COOKIE_MAX_AGE_S,
	});
}

export function clearCartCookie(c: Context<AppEnv>): void {
	deleteCookie(c, CART_COOKIE, { prefix: "host", path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
}
