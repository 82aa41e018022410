// Stripe Checkout over plain fetch: no SDK in the bundle. Stripe receives the amount, the
// currency and the order number only (DESIGN P10); it collects card and billing details itself.
import { z } from "zod";
import { AppError } from "../errors";
import type { CheckoutSession, CheckoutSessionRequest, PaymentEvent, PaymentProvider } from "./provider";
import { readSignedWebhook } from "./webhook-signature";

const STRIPE_API = "https://api.stripe.com/v1";
const STRIPE_TIMEOUT_MS = 10_000;
// Stripe accepts expires_at between 30 minutes and 24 hours after creation.
const MIN_EXPIRY_S = 30 * 60;
const MAX_EXPIRY_S = 24 * 3600;

export type StripeProviderOptions = {
	secretKey: string;
	webhookSecret: string;
	fetch?: typeof fetch;
	now?: () => number;
};

const CreatedSessionSchema = z.object({ id: z.string().min(1).max(255), url: z.url() });

// Stripe adds fields to its objects over time, so these schemas read what we need and ignore
// the rest; nothing from them is stored except the ids and the outcome.
const StripeSessionSchema = z.object({
	id: z.string().min(1).max(255),
	client_reference_id: z.string().max(64).nullish(),
	metadata: z.record(z.string(), z.string()).nullish(),
	amount_total: z.number().int().nullish(),
	currency: z.string().max(8).nullish(),
	payment_status: z.string().max(32).nullish(),
});
const StripeEventSchema = z.object({
	id: z.string().min(1).max(255),
	type: z.string().max(100),
	data: z.object({ object: z.unknown() }),
});

/** Form-encodes the Checkout Session request, exported for the unit test of what is sent. */
export function checkoutSessionForm(request: CheckoutSessionRequest, nowMs: number): URLSearchParams {
	const nowS = Math.floor(nowMs / 1000);
	const expiresAt = Math.min(
		Math.max(Math.floor(request.expiresAt / 1000), nowS + MIN_EXPIRY_S),
		nowS + MAX_EXPIRY_S,
	);
	return new URLSearchParams({
		mode: "payment",
		success_url: request.successUrl,
		cancel_url: request.cancelUrl,
		client_reference_id: request.orderNumber,
		"metadata[order_number]": request.orderNumber,
		"line_items[0][quantity]": "1",
		"line_items[0][price_data][currency]": request.currency.toLowerCase(),
		"line_items[0][price_data][unit_amount]": String(request.amountMinor),
		"line_items[0][price_data][product_data][name]": `Loomwash order ${request.orderNumber}`,
		expires_at: String(expiresAt),
	});
}

function outcomeOf(type: string, paymentStatus: string | null | undefined): PaymentEvent["outcome"] | null {
	switch (type) {
		case "checkout.session.completed":
			// Delayed methods complete the session unpaid; their async_payment_* event decides.
			return paymentStatus === "paid" ? "paid" : null;
		case "checkout.session.async_payment_succeeded":
			return "paid";
		case "checkout.session.async_payment_failed":
			return "failed";
		case "checkout.session.expired":
			return "expired";
		default:
			return null;
	}
}

export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
	const doFetch = options.fetch ?? fetch;
	const now = options.now ?? Date.now;
	return {
		name: "stripe",

		async createCheckoutSession(request): Promise<CheckoutSession> {
			if (!options.secretKey) throw new AppError("payment_unavailable", "Payment provider is not configured");
			let response: Response;
			try {
				response = await doFetch(`${STRIPE_API}/checkout/sessions`, {
					method: "POST",
					headers: {
						authorization: `Bearer ${options.secretKey}`,
						"content-type": "application/x-www-form-urlencoded",
						// A retried create for the same order returns the same session.
						"idempotency-key": `checkout-${request.orderNumber}`,
					},
					body: checkoutSessionForm(request, now()).toString(),
					signal: AbortSignal.timeout(STRIPE_TIMEOUT_MS),
				});
			} catch {
				throw new AppError("payment_unavailable", "Payment provider could not be reached");
			}
			const body = response.ok
				? CreatedSessionSchema.safeParse(await response.json().catch(() => null))
				: null;
			if (!body?.success) throw new AppError("payment_unavailable", "Payment provider refused the session");
			return { sessionId: body.data.id, url: body.data.url };
		},

		async parseWebhook(request) {
			const body = await readSignedWebhook(request, options.webhookSecret, Math.floor(now() / 1000));
			const event = StripeEventSchema.safeParse(body);
			if (!event.success) throw new AppError("bad_request", "Malformed Stripe event");
			if (!event.data.type.startsWith("checkout.session.")) return null;
			const session = StripeSessionSchema.safeParse(event.data.data.object);
			if (!session.success) throw new AppError("bad_request", "Malformed Stripe checkout session");
			const outcome = outcomeOf(event.data.type, session.data.payment_status);
			if (!outcome) return null;
			const orderNumber = session.data.client_reference_id ?? session.data.metadata?.order_number;
			const { amount_total: amountMinor, currency } = session.data;
			if (!orderNumber || amountMinor == null || !currency) {
				throw new AppError("bad_request", "Stripe session lacks order reference, amount or currency");
			}
			return {
				eventId: event.data.id,
				sessionId: session.data.id,
				orderNumber,
				outcome,
				amountMinor,
				currency: currency.toUpperCase(),
			};
		},
	};
}
