// The cart id travels only in a signed, HttpOnly, Secure, SameSite=Lax, __Host- cookie. The id
// is 128 random bits; the signature (SESSION_KEY) means a guessed or edited value is refused
// before it reaches the database.
import type { Context } from "hono";
import { deleteCookie, getCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { z } from "zod";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { randomBytes, toBase64Url } from "../vault/base64url";

const CART_COOKIE = "lw_cart";
const CART_COOKIE_MAX_AGE_S = 30 * 24 * 3600;
const CartIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

export function newCartId(): string {
	return toBase64Url(randomBytes(16));
}

/** The cart id from the cookie, undefined without one; a forged cookie is cleared and refused. */
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
	return parsed.data;
}

export async function requireCartId(c: Context<AppEnv>): Promise<string> {
	const cartId = await readCartId(c);
	if (!cartId) throw new AppError("not_found", "No cart: create one with POST /api/v1/cart");
	return cartId;
}

export async function writeCartCookie(c: Context<AppEnv>, cartId: string): Promise<void> {
	await setSignedCookie(c, CART_COOKIE, cartId, c.env.SESSION_KEY, {
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
