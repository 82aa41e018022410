import { createRoute } from "@hono/zod-openapi";
import { requireCartId } from "../cart/cart-cookie";
import { CheckoutResponseSchema, CheckoutSchema } from "../checkout/checkout-schemas";
import { createRouter, errorResponses } from "../openapi";
import { checkoutForShopper } from "../shopper-actions";

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
			...errorResponses(400, 403, 404, 409, 413, 429, 502, 503),
		},
	}),
	async (c) => {
		const cartId = await requireCartId(c);
		const input = c.req.valid("json");
		const { order, paymentUrl } = await checkoutForShopper(c, cartId, input, {
			kind: "guest",
			email: input.email,
		});
		return c.json({ order, paymentUrl }, 201);
	},
);
