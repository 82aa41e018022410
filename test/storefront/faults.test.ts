// Issue #12, faults: D1 failing in the middle of checkout, of the payment webhook and of the
// reservation job leaves nothing half-written and nothing applied twice once retried; a crowd of
// checkouts sells exactly the stock; a storm of replayed webhooks changes nothing after the first.
// (The consumer's and the vault's audit-append faults are in test/analytics/consumer.test.ts and
// test/vault/audit.test.ts.)
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../workers/shared/logger";
import { newCartId } from "../../workers/storefront/cart/cart-cookie";
import { addCartItem, createCart } from "../../workers/storefront/cart/cart-service";
import type { CheckoutInput } from "../../workers/storefront/checkout/checkout-schemas";
import { checkoutCart } from "../../workers/storefront/checkout/place-order";
import { getOpenCart } from "../../workers/storefront/db/carts";
import type { Db } from "../../workers/storefront/env";
import { releaseExpiredReservations } from "../../workers/storefront/orders/release-expired";
import { applyPaymentEvent } from "../../workers/storefront/payments/apply-payment-event";
import { createLocalProvider } from "../../workers/storefront/payments/local";
import { signWebhookPayload } from "../../workers/storefront/payments/webhook-signature";
import { placeOrder } from "./fixtures/checkout-flow";
import {
	BASE,
	checkoutBody,
	createVariant,
	orderByNumber,
	Shopper,
	stockOf,
	testDb,
	vaultSubjectKeyCount,
} from "./fixtures/commerce";

const logger = createLogger({ test: "faults" });

/** The commerce database, but its next `failures` batches fail as if D1 were unavailable. */
function flakyDb(failures = 1): Db {
	const db = testDb();
	let left = failures;
	return new Proxy(db, {
		get(target, property, receiver) {
			if (property === "batch" && left > 0) {
				return async () => {
					left -= 1;
					throw new Error("D1_ERROR: Network connection lost (simulated)");
				};
			}
			const value = Reflect.get(target, property, receiver);
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
}

async function counts() {
	const row = await env.DB.prepare(
		"select (select count(*) from orders) as orders, (select count(*) from order_lines) as lines, (select count(*) from order_contacts) as contacts, (select count(*) from payment_events) as events",
	).first<{ orders: number; lines: number; contacts: number; events: number }>();
	return row;
}

describe("D1 failing mid-way", () => {
	it("checkout: no order, line, contact or stock change is left, and the sealed subject is shredded", async () => {
		const variant = await createVariant({ stock: 4 });
		const cartId = newCartId();
		await createCart(testDb(), cartId, Date.now());
		await addCartItem(testDb(), cartId, variant.variantId, 2, Date.now());
		const [before, keysBefore] = [await counts(), await vaultSubjectKeyCount()];
		const deps = {
			db: flakyDb(),
			vault: env.VAULT,
			provider: createLocalProvider({ db: testDb(), webhookSecret: "s", origin: BASE }),
			logger,
			origin: BASE,
			now: Date.now(),
			reservationMinutes: 30,
		};
		const input = checkoutBody() as CheckoutInput;
		await expect(checkoutCart(deps, cartId, input, { kind: "guest", email: input.email })).rejects.toThrow();
		expect(await counts()).toEqual(before);
		expect(await stockOf(variant.variantId)).toBe(4);
		expect(await getOpenCart(testDb(), cartId)).not.toBeNull();
		expect(await vaultSubjectKeyCount()).toBe(keysBefore);
		// Retried once D1 is back: exactly one order.
		const { order } = await checkoutCart({ ...deps, db: testDb() }, cartId, input, {
			kind: "guest",
			email: input.email,
		});
		expect(order.status).toBe("placed");
		expect(await stockOf(variant.variantId)).toBe(2);
	});

	it("payment webhook: the failed attempt applies nothing, the retry applies once, replays nothing", async () => {
		const placed = await placeOrder({ stock: 3 });
		const order = await orderByNumber(placed.checkout.order.number);
		const event = {
			eventId: `evt_fault_${crypto.randomUUID()}`,
			orderNumber: placed.checkout.order.number,
			sessionId: order?.paymentSessionId ?? "",
			outcome: "paid" as const,
			amountMinor: placed.checkout.order.totalMinor,
			currency: placed.checkout.order.currency,
		};
		const provider = order?.paymentProvider as "local";
		await expect(applyPaymentEvent(flakyDb(), provider, event, Date.now(), logger)).rejects.toThrow();
		expect((await orderByNumber(event.orderNumber))?.status).toBe("placed");
		const retried = await applyPaymentEvent(testDb(), provider, event, Date.now(), logger);
		expect(retried).toMatchObject({ applied: true, transitioned: true, orderStatus: "paid" });
		const replayed = await applyPaymentEvent(testDb(), provider, event, Date.now(), logger);
		expect(replayed).toMatchObject({ applied: false, transitioned: false });
	});

	it("the reservation job: a run cut off by D1 releases stock exactly once when it runs again", async () => {
		const placed = await placeOrder({ stock: 5, quantity: 2 });
		expect(await stockOf(placed.variant.variantId)).toBe(3);
		const later = Date.now() + 24 * 3600_000;
		await expect(releaseExpiredReservations(flakyDb(), later)).rejects.toThrow();
		expect(await stockOf(placed.variant.variantId)).toBe(3);
		await releaseExpiredReservations(testDb(), later);
		await releaseExpiredReservations(testDb(), later);
		expect(await stockOf(placed.variant.variantId)).toBe(5);
		expect((await orderByNumber(placed.checkout.order.number))?.status).toBe("cancelled");
	});
});

describe("crowds", () => {
	it("100 concurrent checkouts for 10 units give exactly 10 orders", async () => {
		const variant = await createVariant({ stock: 10 });
		const shoppers = Array.from({ length: 100 }, () => new Shopper());
		for (const shopper of shoppers) {
			await shopper.createCart();
			expect((await shopper.addItem(variant.variantId, 1)).status).toBe(200);
		}
		const statuses = await Promise.all(
			shoppers.map((shopper) =>
				shopper.json("/api/v1/checkout", "POST", checkoutBody()).then((r) => r.status),
			),
		);
		expect(statuses.filter((s) => s === 201)).toHaveLength(10);
		expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
		expect(await stockOf(variant.variantId)).toBe(0);
		const sold = await env.DB.prepare("select count(*) as n from order_lines where variant_id = ?")
			.bind(variant.variantId)
			.first<{ n: number }>();
		expect(sold?.n).toBe(10);
	}, 120_000);

	it("1,000 replays of a genuine webhook change nothing after the first", async () => {
		const placed = await placeOrder({ stock: 2 });
		const payload = JSON.stringify({
			id: `evt_${crypto.randomUUID().replace(/-/g, "").slice(0, 22)}`,
			type: "payment.succeeded",
			created: Math.floor(Date.now() / 1000),
			data: {
				sessionId: placed.paymentPath.split("/").at(-1),
				orderNumber: placed.checkout.order.number,
				amountMinor: placed.checkout.order.totalMinor,
				currency: placed.checkout.order.currency,
			},
		});
		const signature = await signWebhookPayload(
			env.PAYMENT_WEBHOOK_SECRET,
			payload,
			Math.floor(Date.now() / 1000),
		);
		const send = () =>
			new Shopper()
				.fetch("/api/v1/payments/webhook", {
					method: "POST",
					headers: { "content-type": "application/json", "stripe-signature": signature },
					body: payload,
				})
				.then(async (res) => ({ status: res.status, body: (await res.json()) as { applied: boolean } }));
		const results: { status: number; body: { applied: boolean } }[] = [];
		for (let wave = 0; wave < 20; wave++)
			results.push(...(await Promise.all(Array.from({ length: 50 }, send))));
		expect(results.filter((r) => r.status !== 200)).toEqual([]);
		expect(results.filter((r) => r.body.applied)).toHaveLength(1);
		const events = await env.DB.prepare("select count(*) as n from payment_events where order_id = ?")
			.bind((await orderByNumber(placed.checkout.order.number))?.id)
			.first<{ n: number }>();
		expect(events?.n).toBe(1);
		expect((await orderByNumber(placed.checkout.order.number))?.status).toBe("paid");
		expect(await stockOf(placed.variant.variantId)).toBe(1);
	}, 120_000);
});
