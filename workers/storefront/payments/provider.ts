// The payment boundary (PCI DSS SAQ A): we send amount, currency and an order reference to a
// hosted payment page and learn the outcome from a signed webhook. Card data never reaches us.

export type CheckoutSessionRequest = {
	orderNumber: string;
	amountMinor: number;
	currency: string;
	successUrl: string;
	cancelUrl: string;
	/** When the provider should stop accepting payment (ms epoch): the stock reservation's end. */
	expiresAt: number;
};

export type CheckoutSession = { sessionId: string; url: string };

export type PaymentOutcome = "paid" | "failed" | "expired";

/** A webhook after signature verification, in one shape whatever the provider. */
export type PaymentEvent = {
	eventId: string;
	sessionId: string;
	orderNumber: string;
	outcome: PaymentOutcome;
	amountMinor: number;
	currency: string;
};

export type PaymentProviderName = "stripe" | "local";

export interface PaymentProvider {
	readonly name: PaymentProviderName;
	/** Throws AppError("payment_unavailable") when the provider cannot be reached or refuses. */
	createCheckoutSession(request: CheckoutSessionRequest): Promise<CheckoutSession>;
	/**
	 * Verifies and normalizes a webhook. Throws AppError 400 (malformed, unsigned) or 401 (bad or
	 * stale signature); returns null for a genuine event that does not concern an order outcome.
	 */
	parseWebhook(request: Request): Promise<PaymentEvent | null>;
}
