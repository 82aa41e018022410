import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signWebhookPayload } from "../../workers/storefront/payments/webhook-signature";
import { type PlacedOrder, placeOrder } from "./fixtures/checkout-flow";
import { BASE, type ErrorBody, orderByNumber, stockOf } from "./fixtures/commerce";

const WEBHOOK = `${BASE}/api/v1/payments/webhook`;
const nowS = () => Math.floor(Date.now() / 1000);

let eventSeq = 0;
function eventFor(
	placed: PlacedOrder,
	overrides: { type?: string; amountMinor?: number; currency?: string; id?: string } = {},
) {
	eventSeq += 1;
	return {
		id: overrides.id ?? `evt_${String(eventSeq).padStart(22, "0")}`,
		type: overrides.type ?? "payment.succeeded",
		created: nowS(),
		data: {
			sessionId: placed.paymentPath.split("/").at(-1),
			orderNumber: placed.checkout.order.number,
			amountMinor: overrides.amountMinor ?? placed.checkout.order.totalMinor,
			currency: overrides.currency ?? placed.checkout.order.currency,
		},
	};
}

async function post(payload: string, signature?: string, contentType = "application/json") {
	const headers: Record<string, string> = { "content-type": contentType };
	if (signature !== undefined) headers["stripe-signature"] = signature;
	return exports.default.fetch(WEBHOOK, { method: "POST", headers, body: payload });
}

async function signedPost(body: unknown, options: { secret?: string; timestamp?: number } = {}) {
	const payload = JSON.stringify(body);
	const signature = await signWebhookPayload(
		options.secret ?? env.PAYMENT_WEBHOOK_SECRET,
		payload,
		options.timestamp ?? nowS(),
	);
	return post(payload, signature);
}

async function snapshot(placed: PlacedOrder) {
	const events = await env.DB.prepare("select count(*) as n from payment_events").first<{ n: number }>();
	return {
		order: await orderByNumber(placed.checkout.order.number),
		stock: await stockOf(placed.variant.variantId),
		events: events?.n,
	};
}

describe("POST /api/v1/payments/webhook", () => {
	it("rejects unsigned, forged, tampered, stale and malformed webhooks without changing anything", async () => {
		const placed = await placeOrder({ quantity: 2 });
		const before = await snapshot(placed);
		const body = eventFor(placed, { type: "payment.failed" });
		const payload = JSON.stringify(body);
		const signedAt = nowS();
		const good = await signWebhookPayload(env.PAYMENT_WEBHOOK_SECRET, payload, signedAt);

		const cases: [string, Response, number][] = [
			["unsigned", await post(payload), 400],
			["empty signature", await post(payload, ""), 400],
			["malformed signature", await post(payload, "t=abc,v1=zz"), 400],
			["wrong secret", await signedPost(body, { secret: "whsec_not_ours" }), 401],
			["tampered body", await post(payload.replace("payment.failed", "payment.expired"), good), 401],
			[
				"signature of another timestamp",
				await post(payload, good.replace(`t=${signedAt}`, `t=${signedAt - 1}`)),
				401,
			],
			["stale", await signedPost(body, { timestamp: nowS() - 301 }), 401],
			["from the future", await signedPost(body, { timestamp: nowS() + 3600 }), 401],
			[
				"signed garbage",
				await post("not json", await signWebhookPayload(env.PAYMENT_WEBHOOK_SECRET, "not json", nowS())),
				400,
			],
			["signed wrong shape", await signedPost({ ...body, extra: 1 }), 400],
			["no content type", await post(payload, good, ""), 403],
		];
		for (const [label, res, status] of cases) {
			expect(res.status, label).toBe(status);
			const error = ((await res.json()) as ErrorBody).error;
			expect(error.requestId, label).toBeTruthy();
		}
		expect(await snapshot(placed)).toEqual(before);
		expect(before.order?.status).toBe("placed");
	});

	it("applies a genuine event once; a replay changes nothing", async () => {
		const placed = await placeOrder({ quantity: 1 });
		const body = eventFor(placed);
		const first = await signedPost(body);
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({ received: true, applied: true, orderStatus: "paid" });
		const after = await snapshot(placed);
		expect(after.order?.status).toBe("paid");

		const replay = await signedPost(body);
		expect(replay.status).toBe(200);
		expect(await replay.json()).toMatchObject({ applied: false, orderStatus: "paid" });
		expect(await snapshot(placed)).toEqual(after);
	});

	it("does not cancel a paid order or release its stock on a later failure event", async () => {
		const placed = await placeOrder({ quantity: 2 });
		expect((await signedPost(eventFor(placed))).status).toBe(200);
		const paid = await snapshot(placed);
		const late = await signedPost(eventFor(placed, { type: "payment.expired" }));
		expect(late.status).toBe(200);
		const after = await snapshot(placed);
		expect(after.order?.status).toBe("paid");
		expect(after.stock).toBe(paid.stock);
	});

	it("releases stock exactly once when failure events race", async () => {
		const placed = await placeOrder({ stock: 6, quantity: 3 });
		const results = await Promise.all([
			signedPost(eventFor(placed, { type: "payment.failed" })),
			signedPost(eventFor(placed, { type: "payment.expired" })),
			signedPost(eventFor(placed, { type: "payment.failed" })),
		]);
		for (const res of results) expect(res.status).toBe(200);
		expect((await snapshot(placed)).order?.status).toBe("cancelled");
		expect(await stockOf(placed.variant.variantId)).toBe(6);
	});

	it("refuses an event whose amount, currency or session does not match the order", async () => {
		const placed = await placeOrder();
		const before = await snapshot(placed);
		const wrongAmount = await signedPost(eventFor(placed, { amountMinor: 1 }));
		const wrongCurrency = await signedPost(eventFor(placed, { currency: "EUR" }));
		const other = await placeOrder();
		const crossed = eventFor(placed);
		crossed.data.sessionId = other.paymentPath.split("/").at(-1);
		const wrongSession = await signedPost(crossed);
		for (const res of [wrongAmount, wrongCurrency, wrongSession]) {
			expect(res.status).toBe(409);
			expect(((await res.json()) as ErrorBody).error.code).toBe("conflict");
		}
		expect(await snapshot(placed)).toEqual(before);
	});

	it("answers 404 for a genuine event about an unknown order", async () => {
		const placed = await placeOrder();
		const body = eventFor(placed);
		body.data.orderNumber = "LW-0000-0000-0000";
		expect((await signedPost(body)).status).toBe(404);
	});
});

describe("with PAYMENT_PROVIDER = stripe", () => {
	it("serves no local payment pages and refuses local-shaped webhooks", async () => {
		const { createApp } = await import("../../workers/storefront/app");
		const placed = await placeOrder();
		const app = createApp();
		const stripeEnv = { ...env, PAYMENT_PROVIDER: "stripe" };
		const page = await app.request(`${BASE}${placed.paymentPath}`, {}, stripeEnv);
		expect(page.status).toBe(404);
		const pay = await app.request(
			`${BASE}${placed.paymentPath}`,
			{
				method: "POST",
				headers: { origin: BASE, "content-type": "application/x-www-form-urlencoded" },
				body: "decision=pay",
			},
			stripeEnv,
		);
		expect(pay.status).toBe(404);

		const payload = JSON.stringify(eventFor(placed));
		const signature = await signWebhookPayload(env.PAYMENT_WEBHOOK_SECRET, payload, nowS());
		const res = await app.request(
			WEBHOOK,
			{
				method: "POST",
				headers: { "content-type": "application/json", "stripe-signature": signature },
				body: payload,
			},
			stripeEnv,
		);
		expect(res.status).toBe(400);
		expect((await orderByNumber(placed.checkout.order.number))?.status).toBe("placed");
	});
});
