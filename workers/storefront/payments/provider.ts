// The payment boundary (PCI DSS SAQ A): we send amount, currency and an order reference to a
// hosted payment page and learn the outcome from a signed webhook. Card data never reaches us.

import type { Language } from "../markets/markets";

export type CheckoutSessionRequest = {
	orderNumber: string;
	amountMinor: number;
	currency: string;
	successUrl: string;
	cancelUrl: string;
	/** When the provider should stop accepting payment (ms epoch): the stock reservation's end. */
	expiresAt: number;
	/** The language the shopper bought in, for the hosted page (issue #13). */
	language?: Language;
};

export type CheckoutSession = { sessionId: string; url: string };

/**
 * `processing`: the checkout completed with a delayed method (SEPA, ACH, bank transfer) whose
 * money has not arrived yet; a later `paid` or `failed` decides.
 */
export type PaymentOutcome = "paid" | "processing" | "failed" | "expired";

/** A webhook after signature verification, in one shape whatever the provider. */
export type PaymentEvent = {
	eventId: string;
	sessionId: string;
	orderNumber: string;
	outcome: PaymentOutcome;
	amountMinor: number;
	currency: string;
	/**
	 * What a refund of this payment names at the provider (Stripe: the PaymentIntent). Absent, the
	 * session id stands for it (the local stand-in refunds by session).
	 */
	paymentReference?: string | null;
};

export type PaymentProviderName = "stripe" | "local";

/**
 * What the provider really holds for a session at the reservation's end, after trying to expire
 * it: only `expired` makes it safe to cancel the order and sell its stock again.
 */
export type SessionSettlement =
	| { state: "expired" }
	| { state: "paid"; paymentReference: string; amountMinor: number; currency: string }
	/** Completed with a delayed method: the money may still arrive, keep the order. */
	| { state: "processing" }
	/** Still open and the provider would not expire it: ask again on the next run. */
	| { state: "open" };

export type ProviderRefundRequest = {
	paymentReference: string;
	amountMinor: number;
	currency: string;
	/** Stable across retries of the same refund, so the provider refunds it once. */
	idempotencyKey: string;
};

/** `pending`: accepted, the money is on its way back (Stripe settles some refunds later). */
export type ProviderRefund = { providerRefundId: string; status: "succeeded" | "pending" };

export interface PaymentProvider {
	readonly name: PaymentProviderName;
	/** Throws AppError("payment_unavailable") when the provider cannot be reached or refuses. */
	createCheckoutSession(request: CheckoutSessionRequest): Promise<CheckoutSession>;
	/**
	 * Verifies and normalizes a webhook. Throws AppError 400 (malformed, unsigned) or 401 (bad or
	 * stale signature); returns null for a genuine event that does not concern an order outcome.
	 */
	parseWebhook(request: Request): Promise<PaymentEvent | null>;
	/**
	 * Ends a session at the reservation's end (no payment can start after it) and answers its real
	 * state. Throws AppError("payment_unavailable") when the provider cannot be reached.
	 */
	expireSession(sessionId: string): Promise<SessionSettlement>;
	/** Throws AppError("payment_unavailable") when the provider cannot be reached or refuses. */
	refund(request: ProviderRefundRequest): Promise<ProviderRefund>;
}
