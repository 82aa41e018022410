import { createRoute, z } from "@hono/zod-openapi";
import { OrderSummarySchema } from "../checkout/checkout-schemas";
import { createRouter, errorResponses } from "../openapi";
import { limitLookupsOfOrder, lookupGuestOrder, OrderLookupSchema } from "../orders/guest-lookup";

export const orderRoutes = createRouter().openapi(
	createRoute({
		method: "post",
		path: "/orders/lookup",
		tags: ["orders"],
		summary: "A guest's order by its number and the email given at checkout",
		request: { body: { required: true, content: { "application/json": { schema: OrderLookupSchema } } } },
		responses: {
			200: {
				description: "Status, lines and totals; no contact data",
				content: { "application/json": { schema: z.object({ order: OrderSummarySchema }) } },
			},
			...errorResponses(400, 403, 404, 413, 429, 503),
		},
	}),
	async (c) => {
		const { orderNumber, email } = c.req.valid("json");
		await limitLookupsOfOrder(c, orderNumber);
		return c.json({ order: await lookupGuestOrder(c.var.db, c.env.VAULT, orderNumber, email) }, 200);
	},
);
