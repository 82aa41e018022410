// Fixtures for the payment lifecycle tests (issue #8): orders placed through the app with the
// local stand-in, its pay page, its signed webhooks, and the reservation job run on one order.
import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { runBatch } from "../../../workers/shared/d1-batch";
import { createLogger } from "../../../workers/shared/logger";
import { cancelPlacedOrderStatements } from "../../../workers/storefront/db/orders";
import { settleBankTransfer } from "../../../workers/storefront/db/payments";
import * as schema from "../../../workers/storefront/db/schema";
import { AppError } from "../../../workers/storefront/errors";
import { releaseExpiredReservations } from "../../../workers/storefront/orders/release-expired";
import { createLocalProvider } from "../../../workers/storefront/payments/local";
import type { PaymentProvider } from "../../../workers/storefront/payments/provider";
import { signWebhookPayload } from "../../../workers/storefront/payments/webhook-signature";
import { type PlacedOrder, placeOrder, submitPaymentDecision } from "../fixtures/checkout-flow";
import { BASE, orderByNumber, stockOf, testDb } from "../fixtures/commerce";

export { BASE, orderByNumber, type PlacedOrder, placeOrder, stockOf, testDb };

export const logger = createLogger({ test: "payments" });

export const sessionIdOf = (placed: PlacedOrder) => placed.paymentPath.split("/").at(-1) ?? "";
export const numberOf = (placed: PlacedOrder) => placed.checkout.order.number;

export async function orderOf(placed: PlacedOrder): Promise<schema.Order> {
	const order = await orderByNumber(numberOf(placed));
	if (!order) throw new Error("no order");
	return order;
}

export async function orderById(id: string): Promise<schema.Order> {
	const order = await testDb().query.orders.findFirst({ where: eq(schema.orders.id, id) });
	if (!order) throw new Error("no order");
	return order;
}

/** Presses a button of the local pay page; answers where the browser is sent. */
export async function decide(placed: PlacedOrder, decision: string): Promise<string | null> {
	const res = await submitPaymentDecision(placed.shopper, placed.paymentPath, decision);
	expect(res.status, decision).toBe(303);
	return res.headers.get("location");
}

let eventSeq = 0;
/** A local provider event for the order, as the stand-in would send it (fresh id unless given). */
export function localEvent(placed: PlacedOrder, type: string, id?: string) {
	eventSeq += 1;
	const suffix = `${Date.now().toString(36)}${eventSeq}`.padStart(22, "0").slice(-22);
	return {
		id: id ?? `evt_${suffix}`,
		type,
		created: Math.floor(Date.now() / 1000),
		data: {
			sessionId: sessionIdOf(placed),
			orderNumber: numberOf(placed),
			amountMinor: placed.checkout.order.totalMinor,
			currency: placed.checkout.order.currency,
		},
	};
}

export async function postWebhook(body: unknown): Promise<Response> {
	const payload = JSON.stringify(body);
	const signature = await signWebhookPayload(
		env.PAYMENT_WEBHOOK_SECRET,
		payload,
		Math.floor(Date.now() / 1000),
	);
	return exports.default.fetch(`${BASE}/api/v1/payments/webhook`, {
		method: "POST",
		headers: { "content-type": "application/json", "stripe-signature": signature },
		body: payload,
	});
}

/** Moves the order's reservation an hour into the past (beyond the payment grace). */
export async function lapse(placed: PlacedOrder): Promise<void> {
	await testDb()
		.update(schema.orders)
		.set({ reservedUntil: Date.now() - 3600_000 })
		.where(eq(schema.orders.number, numberOf(placed)));
}

export const localProvider = () => createLocalProvider({ db: testDb(), webhookSecret: "s", origin: BASE });

/** The reservation job, now, with the local provider (or the one given). */
export function runReservationJob(provider: PaymentProvider = localProvider()) {
	return releaseExpiredReservations(testDb(), Date.now(), {
		providers: { [provider.name]: provider },
		logger,
		mail: { vault: env.VAULT, logger },
	});
}

/**
 * The order cancelled at its reservation's end and its stock put back, as the cron did before
 * issue #8 (or a failure event would): the state a payment that arrives late finds.
 */
export async function cancelAsLapsed(placed: PlacedOrder): Promise<void> {
	const order = await orderOf(placed);
	await runBatch(testDb(), [
		...cancelPlacedOrderStatements(testDb(), order.id, "reservation_expired", Date.now()),
	]);
	expect((await orderOf(placed)).status).toBe("cancelled");
}

export async function setStock(variantId: number, stock: number): Promise<void> {
	await testDb().update(schema.variants).set({ stock }).where(eq(schema.variants.id, variantId));
}

export async function refundsOf(orderId: string): Promise<schema.Refund[]> {
	return testDb().select().from(schema.refunds).where(eq(schema.refunds.orderId, orderId));
}

export async function paymentEventsOf(orderId: string) {
	return testDb().select().from(schema.paymentEvents).where(eq(schema.paymentEvents.orderId, orderId));
}

/** The local provider with its refunds counted, failing the first `failures` of them. */
export function countingProvider(failures = 0) {
	const inner = localProvider();
	let left = failures;
	const counter = { refunds: 0, expiries: 0 };
	const provider: PaymentProvider = {
		...inner,
		async expireSession(sessionId) {
			counter.expiries += 1;
			return inner.expireSession(sessionId);
		},
		async refund(request) {
			counter.refunds += 1;
			if (left > 0) {
				left -= 1;
				throw new AppError("payment_unavailable", "provider down (simulated)");
			}
			return inner.refund(request);
		},
	};
	return { provider, counter };
}

/** A provider that cannot be reached. */
export function unreachableProvider(): PaymentProvider {
	const down = async (): Promise<never> => {
		throw new AppError("payment_unavailable", "provider down (simulated)");
	};
	return { ...localProvider(), expireSession: down, refund: down };
}

/** An order paid through the pay page. */
export async function paidOrder(options: { stock?: number; quantity?: number } = {}) {
	const placed = await placeOrder(options);
	await decide(placed, "pay");
	const order = await orderOf(placed);
	expect(order.status).toBe("paid");
	return { placed, order };
}

/** The bank transfer arrives at the stand-in (its webhook is for the test to send). */
export async function transferArrivesAtBank(placed: PlacedOrder): Promise<void> {
	expect(await settleBankTransfer(testDb(), sessionIdOf(placed), "complete")).toBe(true);
}
