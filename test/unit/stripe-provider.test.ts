import { describe, expect, it } from "vitest";
import { AppError } from "../../workers/storefront/errors";
import { createStripeProvider, STRIPE_VERSION } from "../../workers/storefront/payments/stripe";
import { signWebhookPayload } from "../../workers/storefront/payments/webhook-signature";

const NOW = 1_700_000_000_000;
const request = {
	orderNumber: "LW-7K2M-9QXA-4TPB",
	amountMinor: 28_295,
	currency: "USD",
	successUrl: "https://shop.test/orders/LW-7K2M-9QXA-4TPB/thanks",
	cancelUrl: "https://shop.test/orders/LW-7K2M-9QXA-4TPB/cancelled",
	expiresAt: NOW + 45 * 60_000,
};

function recordingFetch(response: Response | Error) {
	const calls: Request[] = [];
	const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
		calls.push(new Request(input, init));
		if (response instanceof Error) throw response;
		return response.clone();
	}) as typeof fetch;
	return { calls, fetchImpl };
}

describe("Stripe Checkout session", () => {
	it("sends a form-encoded session request with amount, currency and order reference only", async () => {
		const { calls, fetchImpl } = recordingFetch(
			Response.json({ id: "cs_test_123", url: "https://checkout.stripe.com/c/pay/cs_test_123" }),
		);
		const stripe = createStripeProvider({
			secretKey: "sk_test_abc",
			webhookSecret: "whsec",
			fetch: fetchImpl,
			now: () => NOW,
		});
		const session = await stripe.createCheckoutSession(request);
		expect(session).toEqual({
			sessionId: "cs_test_123",
			url: "https://checkout.stripe.com/c/pay/cs_test_123",
		});

		expect(calls).toHaveLength(1);
		const sent = calls[0] as Request;
		expect(sent.method).toBe("POST");
		expect(sent.url).toBe("https://api.stripe.com/v1/checkout/sessions");
		expect(sent.headers.get("authorization")).toBe("Bearer sk_test_abc");
		expect(sent.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
		expect(sent.headers.get("idempotency-key")).toContain(request.orderNumber);
		expect(sent.headers.get("stripe-version")).toBe(STRIPE_VERSION);
		const form = new URLSearchParams(await sent.text());
		expect(Object.fromEntries(form)).toEqual({
			mode: "payment",
			success_url: request.successUrl,
			cancel_url: request.cancelUrl,
			client_reference_id: request.orderNumber,
			"metadata[order_number]": request.orderNumber,
			"line_items[0][quantity]": "1",
			"line_items[0][price_data][currency]": "usd",
			"line_items[0][price_data][unit_amount]": "28295",
			"line_items[0][price_data][product_data][name]": `Loomwash order ${request.orderNumber}`,
			expires_at: String(NOW / 1000 + 45 * 60),
			locale: "auto",
		});
		// The hosted page in the shopper's language, the amount in the order's currency's own units.
		await stripe.createCheckoutSession({ ...request, currency: "JPY", amountMinor: 21_900, language: "ja" });
		const yen = new URLSearchParams(await (calls[1] as Request).text());
		expect(yen.get("locale")).toBe("ja");
		expect(yen.get("line_items[0][price_data][currency]")).toBe("jpy");
		expect(yen.get("line_items[0][price_data][unit_amount]")).toBe("21900");
	});

	it("keeps expires_at inside Stripe's 30 minute to 24 hour window", async () => {
		for (const [minutes, expected] of [
			[10, 30 * 60],
			[48 * 60, 24 * 3600],
		] as const) {
			const { calls, fetchImpl } = recordingFetch(
				Response.json({ id: "cs_1", url: "https://checkout.stripe.com/x" }),
			);
			const stripe = createStripeProvider({
				secretKey: "sk",
				webhookSecret: "w",
				fetch: fetchImpl,
				now: () => NOW,
			});
			await stripe.createCheckoutSession({ ...request, expiresAt: NOW + minutes * 60_000 });
			const form = new URLSearchParams(await (calls[0] as Request).text());
			expect(Number(form.get("expires_at"))).toBe(NOW / 1000 + expected);
		}
	});

	it.each([
		["a network failure", new Error("connection reset")],
		["an error status", Response.json({ error: { message: "nope" } }, { status: 402 })],
		["a malformed answer", Response.json({ id: "cs_1" })],
	])("answers payment_unavailable on %s", async (_label, response) => {
		const { fetchImpl } = recordingFetch(response);
		const stripe = createStripeProvider({
			secretKey: "sk",
			webhookSecret: "w",
			fetch: fetchImpl,
			now: () => NOW,
		});
		const error = await stripe.createCheckoutSession(request).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AppError);
		expect((error as AppError).code).toBe("payment_unavailable");
	});

	it("does not call Stripe without a secret key", async () => {
		const { calls, fetchImpl } = recordingFetch(Response.json({}));
		const stripe = createStripeProvider({ secretKey: "", webhookSecret: "w", fetch: fetchImpl });
		await expect(stripe.createCheckoutSession(request)).rejects.toThrow(AppError);
		expect(calls).toHaveLength(0);
	});
});

describe("Stripe webhooks", () => {
	const secret = "whsec_unit";
	const stripe = createStripeProvider({ secretKey: "sk", webhookSecret: secret, now: () => NOW });

	function session(overrides: Record<string, unknown> = {}) {
		return {
			id: "cs_test_123",
			object: "checkout.session",
			client_reference_id: request.orderNumber,
			metadata: { order_number: request.orderNumber },
			amount_total: 28_295,
			currency: "usd",
			payment_status: "paid",
			payment_intent: "pi_test_123",
			customer_details: { email: "someone@example.com" },
			...overrides,
		};
	}

	async function webhook(type: string, object: unknown, options: { timestamp?: number; key?: string } = {}) {
		const body = JSON.stringify({ id: "evt_1", object: "event", type, data: { object } });
		const signature = await signWebhookPayload(options.key ?? secret, body, options.timestamp ?? NOW / 1000);
		return new Request("https://shop.test/api/v1/payments/webhook", {
			method: "POST",
			headers: { "content-type": "application/json", "stripe-signature": signature },
			body,
		});
	}

	it("normalizes the checkout session outcomes", async () => {
		const expected = {
			eventId: "evt_1",
			sessionId: "cs_test_123",
			orderNumber: request.orderNumber,
			amountMinor: 28_295,
			currency: "USD",
			paymentReference: "pi_test_123",
		};
		expect(await stripe.parseWebhook(await webhook("checkout.session.completed", session()))).toEqual({
			...expected,
			outcome: "paid",
		});
		// A delayed method (SEPA, ACH) completes the session unpaid: processing, not ignored.
		expect(
			await stripe.parseWebhook(
				await webhook(
					"checkout.session.completed",
					session({ payment_status: "unpaid", payment_intent: "pi_test_123" }),
				),
			),
		).toMatchObject({ outcome: "processing" });
		expect(
			await stripe.parseWebhook(await webhook("checkout.session.async_payment_succeeded", session())),
		).toMatchObject({
			outcome: "paid",
		});
		expect(
			await stripe.parseWebhook(await webhook("checkout.session.async_payment_failed", session())),
		).toMatchObject({
			outcome: "failed",
		});
		expect(
			await stripe.parseWebhook(
				await webhook("checkout.session.expired", session({ payment_status: "unpaid" })),
			),
		).toMatchObject({ outcome: "expired" });
	});

	it("ignores events that decide nothing", async () => {
		expect(
			await stripe.parseWebhook(
				await webhook("checkout.session.completed", session({ payment_status: "no_payment_required" })),
			),
		).toBeNull();
		expect(await stripe.parseWebhook(await webhook("payment_intent.created", { id: "pi_1" }))).toBeNull();
	});

	it("rejects wrong, stale and missing signatures", async () => {
		const status = (p: Promise<unknown>) =>
			p.then(
				() => 200,
				(e: AppError) => e.status,
			);
		expect(
			await status(
				stripe.parseWebhook(await webhook("checkout.session.completed", session(), { key: "whsec_x" })),
			),
		).toBe(401);
		expect(
			await status(
				stripe.parseWebhook(
					await webhook("checkout.session.completed", session(), { timestamp: NOW / 1000 - 301 }),
				),
			),
		).toBe(401);
		const unsigned = new Request("https://shop.test/w", { method: "POST", body: "{}" });
		expect(await status(stripe.parseWebhook(unsigned))).toBe(400);
	});

	it("rejects a paid session without its payment_intent (it could never be refunded)", async () => {
		await expect(
			stripe.parseWebhook(await webhook("checkout.session.completed", session({ payment_intent: null }))),
		).rejects.toThrow(AppError);
	});

	it("rejects a signed session without an order reference or amount", async () => {
		const noRef = session({ client_reference_id: null, metadata: {} });
		await expect(stripe.parseWebhook(await webhook("checkout.session.completed", noRef))).rejects.toThrow(
			AppError,
		);
		const noAmount = session({ amount_total: null });
		await expect(stripe.parseWebhook(await webhook("checkout.session.completed", noAmount))).rejects.toThrow(
			AppError,
		);
	});
});

/** A fake Stripe answering each call in turn, recording what was sent. */
function scriptedFetch(...responses: (Response | Error)[]) {
	const calls: Request[] = [];
	const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
		calls.push(new Request(input, init));
		const next = responses.shift();
		if (!next) throw new Error("unexpected call");
		if (next instanceof Error) throw next;
		return next;
	}) as typeof fetch;
	return {
		calls,
		stripe: createStripeProvider({
			secretKey: "sk_test_abc",
			webhookSecret: "w",
			fetch: fetchImpl,
			now: () => NOW,
		}),
	};
}

const stripeSession = (overrides: Record<string, unknown>) => ({
	id: "cs_test_123",
	object: "checkout.session",
	amount_total: 28_295,
	currency: "usd",
	payment_intent: null,
	...overrides,
});

const alreadyComplete = () =>
	Response.json(
		{
			error: {
				type: "invalid_request_error",
				message: "Only Checkout Sessions with a status in [open] can be expired.",
			},
		},
		{ status: 400 },
	);

describe("Stripe session settlement at the reservation's end", () => {
	it("expires an open session: safe to cancel", async () => {
		const { calls, stripe } = scriptedFetch(
			Response.json(stripeSession({ status: "expired", payment_status: "unpaid" })),
		);
		expect(await stripe.expireSession("cs_test_123")).toEqual({ state: "expired" });
		expect(calls).toHaveLength(1);
		expect(calls[0]?.method).toBe("POST");
		expect(calls[0]?.url).toBe("https://api.stripe.com/v1/checkout/sessions/cs_test_123/expire");
		expect(calls[0]?.headers.get("stripe-version")).toBe(STRIPE_VERSION);
		expect(calls[0]?.headers.get("authorization")).toBe("Bearer sk_test_abc");
	});

	it.each([
		[
			"paid",
			{ status: "complete", payment_status: "paid", payment_intent: "pi_9" },
			{ state: "paid", paymentReference: "pi_9", amountMinor: 28_295, currency: "USD" },
		],
		[
			"processing",
			{ status: "complete", payment_status: "unpaid", payment_intent: "pi_9" },
			{ state: "processing" },
		],
		["expired already", { status: "expired", payment_status: "unpaid" }, { state: "expired" }],
	])("reads a session Stripe refuses to expire (%s)", async (_label, session, expected) => {
		const { calls, stripe } = scriptedFetch(alreadyComplete(), Response.json(stripeSession(session)));
		expect(await stripe.expireSession("cs_test_123")).toEqual(expected);
		expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
			"POST https://api.stripe.com/v1/checkout/sessions/cs_test_123/expire",
			"GET https://api.stripe.com/v1/checkout/sessions/cs_test_123",
		]);
		for (const call of calls) expect(call.headers.get("stripe-version")).toBe(STRIPE_VERSION);
	});

	it.each([
		["a network failure", [new Error("reset")]],
		["a server error", [Response.json({}, { status: 500 })]],
		["a refusal, then a failed read", [alreadyComplete(), Response.json({}, { status: 503 })]],
		["a refusal, then an unreadable session", [alreadyComplete(), Response.json({ id: "cs_test_123" })]],
	])(
		"answers payment_unavailable on %s, so the order is left for the next run",
		async (_label, responses) => {
			const { stripe } = scriptedFetch(...responses);
			const error = await stripe.expireSession("cs_test_123").catch((e: unknown) => e);
			expect((error as AppError).code).toBe("payment_unavailable");
		},
	);
});

describe("Stripe refunds", () => {
	const refundRequest = {
		paymentReference: "pi_9",
		amountMinor: 1_500,
		currency: "USD",
		idempotencyKey: "loomwash-refund:return:rma-1",
	};

	it("refunds the PaymentIntent with an idempotency key and the pinned version", async () => {
		const { calls, stripe } = scriptedFetch(
			Response.json({ id: "re_1", object: "refund", status: "succeeded" }),
		);
		expect(await stripe.refund(refundRequest)).toEqual({ providerRefundId: "re_1", status: "succeeded" });
		const sent = calls[0] as Request;
		expect(sent.method).toBe("POST");
		expect(sent.url).toBe("https://api.stripe.com/v1/refunds");
		expect(sent.headers.get("stripe-version")).toBe(STRIPE_VERSION);
		expect(sent.headers.get("idempotency-key")).toBe(refundRequest.idempotencyKey);
		expect(Object.fromEntries(new URLSearchParams(await sent.text()))).toEqual({
			payment_intent: "pi_9",
			amount: "1500",
		});
	});

	it("treats a refund Stripe settles later as pending", async () => {
		const { stripe } = scriptedFetch(Response.json({ id: "re_2", status: "pending" }));
		expect(await stripe.refund(refundRequest)).toEqual({ providerRefundId: "re_2", status: "pending" });
	});

	it.each([
		["a network failure", new Error("reset")],
		["a refusal", Response.json({ error: { message: "charge already refunded" } }, { status: 400 })],
		["a failed refund", Response.json({ id: "re_3", status: "failed" })],
	])("answers payment_unavailable on %s", async (_label, response) => {
		const { stripe } = scriptedFetch(response);
		const error = await stripe.refund(refundRequest).catch((e: unknown) => e);
		expect((error as AppError).code).toBe("payment_unavailable");
	});
});
