import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { emitEvent } from "../analytics/emit";
import { cartChangeEvent } from "../analytics/envelope";
import { newCartId, requireCartId, writeCartCookie } from "../cart/cart-cookie";
import {
	AddCartItemSchema,
	CartResponseSchema,
	SetCartItemQuantitySchema,
	VariantIdParamSchema,
} from "../cart/cart-schemas";
import {
	addCartItem,
	type CartChange,
	createCart,
	getCartView,
	removeCartItem,
	setCartItemQuantity,
} from "../cart/cart-service";
import type { AppEnv } from "../env";
import { createRouter, errorResponses } from "../openapi";

/** The server is the source of truth for cart events: emit them where the change happened. */
function respondWithChange(c: Context<AppEnv>, { cart, productId, delta }: CartChange) {
	const event = cartChangeEvent(productId, delta);
	if (event) emitEvent(c, event);
	return { cart };
}

const cartJson = (description: string) => ({
	description,
	content: { "application/json": { schema: CartResponseSchema } },
});
const jsonBody = <T>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

export const cartRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/cart",
			tags: ["cart"],
			summary: "Create an empty cart; its id is set in a signed cookie",
			responses: { 201: cartJson("The new cart"), ...errorResponses(400, 403, 413) },
		}),
		async (c) => {
			const cartId = newCartId();
			const cart = await createCart(c.var.db, cartId, Date.now());
			await writeCartCookie(c, cartId);
			return c.json({ cart }, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/cart",
			tags: ["cart"],
			summary: "The cart named by the cart cookie",
			responses: { 200: cartJson("The cart"), ...errorResponses(400, 404) },
		}),
		async (c) => c.json({ cart: await getCartView(c.var.db, await requireCartId(c)) }, 200),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/cart/items",
			tags: ["cart"],
			summary: "Add a variant to the cart, merging with an existing line",
			request: { body: jsonBody(AddCartItemSchema) },
			responses: { 200: cartJson("The updated cart"), ...errorResponses(400, 403, 404, 409, 413) },
		}),
		async (c) => {
			const { variantId, quantity } = c.req.valid("json");
			const change = await addCartItem(c.var.db, await requireCartId(c), variantId, quantity, Date.now());
			return c.json(respondWithChange(c, change), 200);
		},
	)
	.openapi(
		createRoute({
			method: "patch",
			path: "/cart/items/{variantId}",
			tags: ["cart"],
			summary: "Set the quantity of a line",
			request: { params: VariantIdParamSchema, body: jsonBody(SetCartItemQuantitySchema) },
			responses: { 200: cartJson("The updated cart"), ...errorResponses(400, 403, 404, 409, 413) },
		}),
		async (c) => {
			const { variantId } = c.req.valid("param");
			const { quantity } = c.req.valid("json");
			const cartId = await requireCartId(c);
			const change = await setCartItemQuantity(c.var.db, cartId, variantId, quantity, Date.now());
			return c.json(respondWithChange(c, change), 200);
		},
	)
	.openapi(
		createRoute({
			method: "delete",
			path: "/cart/items/{variantId}",
			tags: ["cart"],
			summary: "Remove a line",
			request: { params: VariantIdParamSchema },
			responses: { 200: cartJson("The updated cart"), ...errorResponses(400, 403, 404, 413) },
		}),
		async (c) => {
			const { variantId } = c.req.valid("param");
			const change = await removeCartItem(c.var.db, await requireCartId(c), variantId, Date.now());
			return c.json(respondWithChange(c, change), 200);
		},
	);
