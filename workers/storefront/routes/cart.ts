import { createRoute } from "@hono/zod-openapi";
import { requireCartId } from "../cart/cart-cookie";
import {
	AddCartItemSchema,
	CartMarketSchema,
	CartResponseSchema,
	SetCartItemQuantitySchema,
	VariantIdParamSchema,
} from "../cart/cart-schemas";
import { changeCartMarket, getCartView } from "../cart/cart-service";
import { createRouter, errorResponses } from "../openapi";
import {
	addItemForShopper,
	removeItemForShopper,
	setItemQuantityForShopper,
	startCart,
} from "../shopper-actions";

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
			summary:
				"Create an empty cart in the shopper's market (their choice, else their country); its id is set in a signed cookie",
			responses: { 201: cartJson("The new cart"), ...errorResponses(400, 403, 413, 429) },
		}),
		async (c) => {
			const { cart } = await startCart(c);
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
			method: "put",
			path: "/cart/market",
			tags: ["cart"],
			summary:
				"Move the cart to another market: every line is priced again from that market's price list, in its currency",
			request: { body: jsonBody(CartMarketSchema) },
			responses: {
				200: cartJson("The cart, priced in the market's currency"),
				...errorResponses(400, 403, 404, 413),
			},
		}),
		async (c) => {
			const { market } = c.req.valid("json");
			const cart = await changeCartMarket(c.var.db, await requireCartId(c), market, Date.now());
			return c.json({ cart }, 200);
		},
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
			const { cart } = await addItemForShopper(c, await requireCartId(c), variantId, quantity);
			return c.json({ cart }, 200);
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
			const { cart } = await setItemQuantityForShopper(c, await requireCartId(c), variantId, quantity);
			return c.json({ cart }, 200);
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
			const { cart } = await removeItemForShopper(c, await requireCartId(c), variantId);
			return c.json({ cart }, 200);
		},
	);
