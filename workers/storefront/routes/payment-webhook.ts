// The webhook must see the raw body to check its signature, so it is a plain route (no JSON
// validator, which would parse and re-serialize the body first), documented by hand below.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { emitPaidPurchase } from "../analytics/emit";
import { getCustomer } from "../db/customers";
import { productIdsOfOrder } from "../db/orders";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { createRouter, errorResponses } from "../openapi";
import { paymentDepsFor, settlePaymentEvent } from "../payments/settle-payment";
import { SIGNATURE_HEADER } from "../payments/webhook-signature";

const WebhookResultSchema = z
	.object({ received: z.literal(true), applied: z.boolean(), orderStatus: z.string().optional() })
	.openapi("WebhookResult");

export const paymentWebhookRoutes = createRouter();

paymentWebhookRoutes.openAPIRegistry.registerPath({
	method: "post",
	path: "/payments/webhook",
	tags: ["payments"],
	summary: "Payment provider webhook, signed (Stripe-Signature: t=…,v1=…)",
	request: {
		headers: z.object({ [SIGNATURE_HEADER]: z.string() }),
		body: { required: true, content: { "application/json": { schema: z.object({}).passthrough() } } },
	},
	responses: {
		200: { description: "Event received", content: { "application/json": { schema: WebhookResultSchema } } },
		...errorResponses(400, 401, 403, 404, 409, 413, 415),
	},
});

/** A customer who withdrew analytics consent between checkout and payment is not counted. */
async function stillConsents(c: Context<AppEnv>, customerId: string | null): Promise<boolean> {
	if (!customerId) return true;
	return (await getCustomer(c.var.db, customerId))?.analyticsConsent ?? false;
}

paymentWebhookRoutes.post("/payments/webhook", async (c) => {
	if (!/^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "")) {
		throw new AppError("unsupported_media_type", "Webhook bodies are application/json");
	}
	const deps = paymentDepsFor(c);
	const event = await deps.provider.parseWebhook(c.req.raw);
	if (!event) return c.json({ received: true, applied: false }, 200);
	// The order's change, then the shopper's mail and any refund of a payment that came too late.
	const result = await settlePaymentEvent(deps, event);
	// Exactly once per order: the transition to paid happens once, whatever the replays.
	if (
		result.transitioned &&
		result.orderStatus === "paid" &&
		result.purchaseSignal &&
		(await stillConsents(c, result.customerId))
	) {
		emitPaidPurchase(c, await productIdsOfOrder(c.var.db, result.orderId), result.purchaseSignal);
	}
	return c.json({ received: true, applied: result.applied, orderStatus: result.orderStatus }, 200);
});
