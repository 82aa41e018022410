import { createRoute } from "@hono/zod-openapi";
import { emitEvent } from "../analytics/emit";
import { clearCartCookie, requireCartId } from "../cart/cart-cookie";
import { CheckoutResponseSchema, CheckoutSchema } from "../checkout/checkout-schemas";
import { checkoutCart } from "../checkout/place-order";
import { createRouter, errorResponses } from "../openapi";
import { checkoutDepsFor } from "../request-deps";

export const checkoutRoutes = createRouter().openapi(
	createRoute({
		method: "post",
		path: "/checkout",
		tags: ["checkout"],
		summary: "Guest checkout of the cart in the cart cookie; answers the hosted payment page URL",
		request: { body: { required: true, content: { "application/json": { schema: CheckoutSchema } } } },
		responses: {
			201: {
				description: "Order placed, stock reserved; pay at paymentUrl",
				content: { "application/json": { schema: CheckoutResponseSchema } },
			},
			...errorResponses(400, 403, 404, 409, 413, 502),
		},
	}),
	async (c) => {
		const { order, paymentUrl, productIds } = await checkoutCart(
			checkoutDepsFor(c),
			await requireCartId(c),
			c.req.valid("json"),
		);
		clearCartCookie(c);
		// A placed order is the purchase signal: emitted here, where the shopper's consent is known
		// (the payment webhook comes from the provider, not from the shopper).
		emitEvent(c, { type: "purchase", productIds });
		return c.json({ order, paymentUrl }, 201);
	},
);
