// Stripe Checkout over plain fetch: no SDK in the bundle. Stripe receives the amount, the
// currency and the order number only (DESIGN P10); it collects card and billing details itself.
import * as z from "zod";
import { AppError } from "../errors";
import type {
	CheckoutSession,
	CheckoutSessionRequest,
	PaymentEvent,
	PaymentProvider,
	ProviderRefund,
	SessionSettlement,
} from "./provider";
import { readSignedWebhook } from "./webhook-signature";

const STRIPE_API = "https://api.stripe.com/v1";
/**
 * Pinned on every call, so the shape of Stripe's answers and events cannot change under us when
 * the account's default version is upgraded; raise it deliberately, with the unit tests.
 */
export const STRIPE_VERSION = "2025-08-27.basil";
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
	status: z.string().max(32).nullish(),
	// A string unless expanded; null until a payment started.
	payment_intent: z
		.union([z.string().min(1).max(255), z.object({ id: z.string().min(1).max(255) })])
		.nullish(),
});
type StripeSession = z.infer<typeof StripeSessionSchema>;

const StripeRefundSchema = z.object({ id: z.string().min(1).max(255), status: z.string().max(32).nullish() });
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
		// Stripe Checkout speaks each of the shop's five languages under the same codes.
		locale: request.language ?? "auto",
	});
}

function outcomeOf(type: string, paymentStatus: string | null | undefined): PaymentEvent["outcome"] | null {
	switch (type) {
		case "checkout.session.completed":
			// Delayed methods complete the session unpaid; their async_payment_* event decides.
			if (paymentStatus === "paid") return "paid";
			return paymentStatus === "unpaid" ? "processing" : null;
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

function paymentIntentOf(session: StripeSession): string | null {
	const intent = session.payment_intent;
	if (!intent) return null;
	return typeof intent === "string" ? intent : intent.id;
}

/** A session's real state, read from Stripe's own object (after expiring it, or reading it). */
export function settlementOf(session: StripeSession): SessionSettlement | null {
	switch (session.status) {
		case "expired":
			return { state: "expired" };
		case "open":
			return { state: "open" };
		case "complete": {
			if (session.payment_status === "unpaid") return { state: "processing" };
			if (session.payment_status !== "paid") return null;
			const paymentReference = paymentIntentOf(session);
			const { amount_total: amountMinor, currency } = session;
			if (!paymentReference || amountMinor == null || !currency) return null;
			return { state: "paid", paymentReference, amountMinor, currency: currency.toUpperCase() };
		}
		default:
			return null;
	}
}

/** Stripe refund states: succeeded, or on its way (pending, requires_action); the rest failed. */
function refundStatusOf(status: string | null | undefined): ProviderRefund["status"] | null {
	if (status === "succeeded") return "succeeded";
	if (status === "pending" || status === "requires_action") return "pending";
	return null;
}

export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
	const doFetch = options.fetch ?? fetch;
	const now = options.now ?? Date.now;

	/** Every call: authenticated, the API version pinned, bounded in time. */
	async function call(
		method: "GET" | "POST",
		path: string,
		form?: URLSearchParams,
		idempotencyKey?: string,
	): Promise<Response> {
		if (!options.secretKey) throw new AppError("payment_unavailable", "Payment provider is not configured");
		const headers: Record<string, string> = {
			authorization: `Bearer ${options.secretKey}`,
			"stripe-version": STRIPE_VERSION,
		};
		if (form) headers["content-type"] = "application/x-www-form-urlencoded";
		if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
		try {
			return await doFetch(`${STRIPE_API}${path}`, {
				method,
				headers,
				body: form?.toString(),
				signal: AbortSignal.timeout(STRIPE_TIMEOUT_MS),
			});
		} catch {
			throw new AppError("payment_unavailable", "Payment provider could not be reached");
		}
	}

	async function readSession(response: Response): Promise<SessionSettlement | null> {
		const session = StripeSessionSchema.safeParse(await response.json().catch(() => null));
		return session.success ? settlementOf(session.data) : null;
	}

	return {
		name: "stripe",

		async createCheckoutSession(request): Promise<CheckoutSession> {
			// A retried create for the same order returns the same session.
			const response = await call(
				"POST",
				"/checkout/sessions",
				checkoutSessionForm(request, now()),
				`checkout-${request.orderNumber}`,
			);
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
			const paymentReference = paymentIntentOf(session.data);
			// A paid session without its PaymentIntent could never be refunded.
			if (outcome === "paid" && !paymentReference) {
				throw new AppError("bad_request", "A paid Stripe session lacks its payment_intent");
			}
			return {
				eventId: event.data.id,
				sessionId: session.data.id,
				orderNumber,
				outcome,
				amountMinor,
				currency: currency.toUpperCase(),
				paymentReference,
			};
		},

		async expireSession(sessionId) {
			const path = `/checkout/sessions/${encodeURIComponent(sessionId)}`;
			const expired = await call("POST", `${path}/expire`, new URLSearchParams());
			if (expired.ok) {
				const settlement = await readSession(expired);
				if (settlement) return settlement;
			} else if (expired.status >= 500 || expired.status === 429) {
				throw new AppError("payment_unavailable", "Payment provider could not expire the session");
			}
			// Stripe refuses to expire a session that is no longer open (completed, or expired
			// already): read what became of it.
			const read = await call("GET", path);
			const settlement = read.ok ? await readSession(read) : null;
			if (!settlement)
				throw new AppError("payment_unavailable", "Payment provider did not say what the session holds");
			return settlement;
		},

		async refund(request) {
			const form = new URLSearchParams({
				payment_intent: request.paymentReference,
				amount: String(request.amountMinor),
			});
			const response = await call("POST", "/refunds", form, request.idempotencyKey);
			const body = response.ok ? StripeRefundSchema.safeParse(await response.json().catch(() => null)) : null;
			const status = body?.success ? refundStatusOf(body.data.status) : null;
			if (!body?.success || !status)
				throw new AppError("payment_unavailable", "Payment provider refused the refund");
			return { providerRefundId: body.data.id, status };
		},
	};
}
