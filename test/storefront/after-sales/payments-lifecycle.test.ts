// Issue #8, item 1: the payment lifecycle. The reservation job cancels only what the provider
// confirms expired; delayed payments (bank transfer) keep their order and settle later; a
// payment that lands on a cancelled order reinstates it or is refunded, never kept with the order
// cancelled; a storm of replayed webhooks changes nothing after the first.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getLocalPaymentSession } from "../../../workers/storefront/db/payments";
import * as schema from "../../../workers/storefront/db/schema";
import { retryLateRefunds, settlePaymentEvent } from "../../../workers/storefront/payments/settle-payment";
import {
	cancelAsLapsed,
	countingProvider,
	decide,
	lapse,
	localEvent,
	logger,
	numberOf,
	orderOf,
	paymentEventsOf,
	placeOrder,
	postWebhook,
	refundsOf,
	runReservationJob,
	sessionIdOf,
	setStock,
	stockOf,
	testDb,
	transferArrivesAtBank,
	unreachableProvider,
} from "./payments-fixtures";

describe("the reservation job asks the provider before cancelling", () => {
	it("cancels and restocks an order whose session it expired; a later Pay takes no money", async () => {
		const placed = await placeOrder({ stock: 5, quantity: 2 });
		await lapse(placed);
		const report = await runReservationJob();
		expect(report.released).toBeGreaterThanOrEqual(1);
		const order = await orderOf(placed);
		expect(order).toMatchObject({ status: "cancelled", cancelReason: "reservation_expired", paidMinor: 0 });
		expect(await stockOf(placed.variant.variantId)).toBe(5);
		expect((await getLocalPaymentSession(testDb(), sessionIdOf(placed)))?.status).toBe("expired");

		// The expired session accepts nothing: the shopper is sent to the cancelled page.
		expect(await decide(placed, "pay")).toBe(`/orders/${numberOf(placed)}/cancelled`);
		expect(await orderOf(placed)).toMatchObject({ status: "cancelled", paidMinor: 0 });
		expect(await refundsOf(order.id)).toEqual([]);
	});

	it("settles as paid an order whose payment the provider took but whose webhook never came", async () => {
		const placed = await placeOrder({ stock: 4, quantity: 1 });
		// The payment completed at the provider; its webhook was lost.
		await testDb()
			.update(schema.localPaymentSessions)
			.set({ status: "complete" })
			.where(eq(schema.localPaymentSessions.id, sessionIdOf(placed)));
		await lapse(placed);
		await runReservationJob();
		const order = await orderOf(placed);
		expect(order).toMatchObject({
			status: "paid",
			paidMinor: placed.checkout.order.totalMinor,
			paymentReference: sessionIdOf(placed),
		});
		expect(await stockOf(placed.variant.variantId)).toBe(3);

		// The webhook arriving after all changes nothing.
		const late = await postWebhook(localEvent(placed, "payment.succeeded"));
		expect(await late.json()).toMatchObject({ orderStatus: "paid" });
		expect(await orderOf(placed)).toMatchObject({ status: "paid", paidMinor: order.paidMinor });
		expect(await stockOf(placed.variant.variantId)).toBe(3);
		expect(await refundsOf(order.id)).toEqual([]);
	});

	it("keeps an order whose session is processing a delayed payment", async () => {
		const placed = await placeOrder({ stock: 5, quantity: 2 });
		expect(await decide(placed, "transfer")).toBe(`/orders/${numberOf(placed)}/thanks`);
		const pending = await orderOf(placed);
		expect(pending.status).toBe("placed");
		expect(pending.paymentPendingAt).toBeTypeOf("number");

		// Even with the processing webhook lost, the provider's answer keeps the order.
		await testDb()
			.update(schema.orders)
			.set({ paymentPendingAt: null })
			.where(eq(schema.orders.id, pending.id));
		await lapse(placed);
		await runReservationJob();
		const kept = await orderOf(placed);
		expect(kept.status).toBe("placed");
		expect(kept.paymentPendingAt).toBeTypeOf("number");
		expect(await stockOf(placed.variant.variantId)).toBe(3);
		// A second run leaves it alone (asked again only a day later).
		await runReservationJob();
		expect((await orderOf(placed)).status).toBe("placed");

		// The money arrives: paid, with what was captured.
		expect(await decide(placed, "transfer_arrives")).toBe(`/orders/${numberOf(placed)}/thanks`);
		expect(await orderOf(placed)).toMatchObject({
			status: "paid",
			paidMinor: placed.checkout.order.totalMinor,
			paymentReference: sessionIdOf(placed),
			paymentPendingAt: null,
		});
		expect(await stockOf(placed.variant.variantId)).toBe(3);
	});

	it("leaves the order for the next run when the provider cannot be reached", async () => {
		const placed = await placeOrder({ stock: 5, quantity: 1 });
		await lapse(placed);
		const report = await runReservationJob(unreachableProvider());
		expect(report.deferred).toBeGreaterThanOrEqual(1);
		expect((await orderOf(placed)).status).toBe("placed");
		expect(await stockOf(placed.variant.variantId)).toBe(4);
		expect((await getLocalPaymentSession(testDb(), sessionIdOf(placed)))?.status).toBe("open");
	});
});

describe("delayed payments", () => {
	it("an async failure cancels the order and puts its stock back", async () => {
		const placed = await placeOrder({ stock: 5, quantity: 2 });
		await decide(placed, "transfer");
		expect(await stockOf(placed.variant.variantId)).toBe(3);
		expect(await decide(placed, "transfer_fails")).toBe(`/orders/${numberOf(placed)}/cancelled`);
		expect(await orderOf(placed)).toMatchObject({
			status: "cancelled",
			cancelReason: "payment_failed",
			paidMinor: 0,
		});
		expect(await stockOf(placed.variant.variantId)).toBe(5);
		// The bank cannot settle it twice.
		expect(await decide(placed, "transfer_arrives")).toBe(`/orders/${numberOf(placed)}/cancelled`);
		expect((await orderOf(placed)).status).toBe("cancelled");
	});

	it("shows the settle buttons only while the transfer is processing", async () => {
		const placed = await placeOrder();
		const page = async () => (await placed.shopper.fetch(placed.paymentPath)).text();
		const open = await page();
		expect(open).toContain('value="transfer"');
		expect(open).not.toContain('value="transfer_arrives"');
		await decide(placed, "transfer");
		const processing = await page();
		expect(processing).toContain('value="transfer_arrives"');
		expect(processing).toContain('value="transfer_fails"');
		expect(processing).not.toContain('value="pay"');
		// Pay on a processing session changes nothing.
		await decide(placed, "pay");
		expect((await orderOf(placed)).status).toBe("placed");
	});
});

describe("a payment that lands on a cancelled order", () => {
	it("reinstates the order when its stock is still there", async () => {
		const placed = await placeOrder({ stock: 5, quantity: 2 });
		await decide(placed, "transfer");
		await cancelAsLapsed(placed);
		expect(await stockOf(placed.variant.variantId)).toBe(5);

		await decide(placed, "transfer_arrives");
		const order = await orderOf(placed);
		expect(order).toMatchObject({
			status: "paid",
			cancelReason: null,
			paidMinor: placed.checkout.order.totalMinor,
			refundedMinor: 0,
		});
		expect(order.paidAt).toBeTypeOf("number");
		expect(await stockOf(placed.variant.variantId)).toBe(3);
		expect(await refundsOf(order.id)).toEqual([]);
	});

	it("refunds the payment through the provider when the stock is gone", async () => {
		const placed = await placeOrder({ stock: 5, quantity: 2 });
		await decide(placed, "transfer");
		await cancelAsLapsed(placed);
		await setStock(placed.variant.variantId, 1); // sold to someone else meanwhile

		await decide(placed, "transfer_arrives");
		const order = await orderOf(placed);
		const total = placed.checkout.order.totalMinor;
		expect(order).toMatchObject({
			status: "cancelled",
			paidMinor: total,
			refundedMinor: total,
			paidAt: null,
		});
		expect(await stockOf(placed.variant.variantId)).toBe(1);
		const refunds = await refundsOf(order.id);
		expect(refunds).toHaveLength(1);
		expect(refunds[0]).toMatchObject({
			amountMinor: total,
			reason: "late_payment",
			status: "succeeded",
			returnId: null,
		});
		expect(refunds[0]?.providerRefundId).toMatch(/^lre_/);
	});

	it("a webhook storm of replays changes nothing after the first", async () => {
		const placed = await placeOrder({ stock: 5, quantity: 2 });
		await decide(placed, "transfer");
		await cancelAsLapsed(placed);
		await setStock(placed.variant.variantId, 0);
		await transferArrivesAtBank(placed);
		const event = localEvent(placed, "payment.succeeded");

		const first = await postWebhook(event);
		expect(first.status).toBe(200);
		expect(await first.json()).toMatchObject({ applied: true, orderStatus: "cancelled" });
		const order = await orderOf(placed);
		const after = {
			order,
			stock: await stockOf(placed.variant.variantId),
			refunds: await refundsOf(order.id),
			events: await paymentEventsOf(order.id),
		};
		expect(after.refunds.map((r) => r.status)).toEqual(["succeeded"]);
		expect(order.refundedMinor).toBe(order.paidMinor);

		const storm = await Promise.all(Array.from({ length: 25 }, () => postWebhook(event)));
		for (const res of storm) {
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ applied: false });
		}
		expect({
			order: await orderOf(placed),
			stock: await stockOf(placed.variant.variantId),
			refunds: await refundsOf(order.id),
			events: await paymentEventsOf(order.id),
		}).toEqual(after);
	});

	it("a storm of distinct payment events for one late payment still refunds it once", async () => {
		const placed = await placeOrder({ stock: 3, quantity: 1 });
		await decide(placed, "transfer");
		await cancelAsLapsed(placed);
		await setStock(placed.variant.variantId, 0);
		await transferArrivesAtBank(placed);
		const results = await Promise.all(
			Array.from({ length: 10 }, () => postWebhook(localEvent(placed, "payment.succeeded"))),
		);
		for (const res of results) expect(res.status).toBe(200);
		const order = await orderOf(placed);
		expect(order).toMatchObject({
			status: "cancelled",
			paidMinor: placed.checkout.order.totalMinor,
			refundedMinor: placed.checkout.order.totalMinor,
		});
		expect(await refundsOf(order.id)).toHaveLength(1);
		expect(await stockOf(placed.variant.variantId)).toBe(0);
	});

	it("the job retries a late-payment refund the provider could not make at the time", async () => {
		const placed = await placeOrder({ stock: 3, quantity: 1 });
		await decide(placed, "transfer");
		await cancelAsLapsed(placed);
		await setStock(placed.variant.variantId, 0);
		await transferArrivesAtBank(placed);
		// The payment applied while the provider cannot refund (the webhook's attempt fails).
		const failing = countingProvider(1);
		const session = sessionIdOf(placed);
		await settlePaymentEvent(
			{ db: testDb(), provider: failing.provider, now: Date.now(), logger, mail: null },
			{
				eventId: `evt_retry_${session}`,
				sessionId: session,
				orderNumber: numberOf(placed),
				outcome: "paid",
				amountMinor: placed.checkout.order.totalMinor,
				currency: placed.checkout.order.currency,
			},
		);
		const captured = await orderOf(placed);
		expect(captured).toMatchObject({ status: "cancelled", paidMinor: captured.totalMinor, refundedMinor: 0 });
		expect((await refundsOf(captured.id)).map((r) => r.status)).toEqual(["failed"]);

		const report = await retryLateRefunds(
			{ db: testDb(), now: Date.now(), logger, mail: { vault: env.VAULT, logger } },
			{ local: failing.provider },
			50,
		);
		expect(report.refunded).toBeGreaterThanOrEqual(1);
		expect(await orderOf(placed)).toMatchObject({ refundedMinor: captured.totalMinor });
		expect((await refundsOf(captured.id)).map((r) => r.status).sort()).toEqual(["failed", "succeeded"]);
		expect(failing.counter.refunds).toBe(2);
	});
});
