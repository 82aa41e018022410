// Issue #8, item 7: the storefront asks the vault for the payment mails (order confirmed,
// payment failed, late payment reinstated or refunded), once per event whatever the replays.
// Read from the vault's order_mail record (helper B's side of the mail).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
	cancelAsLapsed,
	decide,
	localEvent,
	orderOf,
	placeOrder,
	postWebhook,
	setStock,
	transferArrivesAtBank,
} from "./payments-fixtures";

async function mailKindsOf(orderId: string): Promise<string[]> {
	const { results } = await env.VAULT_DB.prepare(
		"select kind from order_mail where order_id = ? order by kind",
	)
		.bind(orderId)
		.all<{ kind: string }>();
	return results.map((r) => r.kind);
}

describe("payment mails", () => {
	it("confirms a paid order once", async () => {
		const placed = await placeOrder();
		await decide(placed, "pay");
		const order = await orderOf(placed);
		await postWebhook(localEvent(placed, "payment.succeeded")); // another event: no second mail
		expect(await mailKindsOf(order.id)).toEqual(["order_confirmed"]);
	});

	it("tells the shopper an async payment failed, and confirms nothing", async () => {
		const placed = await placeOrder();
		await decide(placed, "transfer");
		await decide(placed, "transfer_fails");
		expect(await mailKindsOf((await orderOf(placed)).id)).toEqual(["payment_failed"]);
	});

	it("tells the shopper a late payment reinstated the order, and confirms it", async () => {
		const placed = await placeOrder({ stock: 4, quantity: 1 });
		await decide(placed, "transfer");
		await cancelAsLapsed(placed);
		await decide(placed, "transfer_arrives");
		expect(await mailKindsOf((await orderOf(placed)).id)).toEqual(["order_confirmed", "payment_late"]);
	});

	it("tells the shopper a late payment was refunded, once whatever the replays", async () => {
		const placed = await placeOrder({ stock: 4, quantity: 1 });
		await decide(placed, "transfer");
		await cancelAsLapsed(placed);
		await setStock(placed.variant.variantId, 0);
		await transferArrivesAtBank(placed);
		const event = localEvent(placed, "payment.succeeded");
		await Promise.all(Array.from({ length: 5 }, () => postWebhook(event)));
		expect(await mailKindsOf((await orderOf(placed)).id)).toEqual(["payment_late"]);
	});
});
