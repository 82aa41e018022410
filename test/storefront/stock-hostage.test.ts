// Issue #12, finding 1: a script that creates carts and checks them out without paying must not
// be able to hold the stock. One client gets 429s long before a variant shows out of stock.
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { deleteSettledHolds, MAX_UNPAID_ORDERS } from "../../workers/storefront/checkout/client-limits";
import * as schema from "../../workers/storefront/db/schema";
import { submitPaymentDecision } from "./fixtures/checkout-flow";
import {
	checkoutBody,
	createVariant,
	type ErrorBody,
	Shopper,
	startOfFreshRateWindow,
	stockOf,
} from "./fixtures/commerce";

/** Every request of this "script" comes from one address, whatever cookies it drops. */
function scriptFrom(ip: string) {
	const shopper = new Shopper();
	shopper.ip = ip;
	return shopper;
}

async function holdOne(ip: string, variantId: number): Promise<Response> {
	const script = scriptFrom(ip); // a fresh cookie jar every time, as a script would
	await script.createCart();
	await script.addItem(variantId, 1);
	return script.json("/api/v1/checkout", "POST", checkoutBody());
}

describe("one client cannot hold the stock", () => {
	it("refuses a fourth unpaid order from one client, long before the rug sells out", async () => {
		const variant = await createVariant({ stock: 40 });
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await holdOne("192.0.2.50", variant.variantId)).status);
		expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
		expect(statuses.filter((s) => s === 201)).toHaveLength(MAX_UNPAID_ORDERS);
		expect(await stockOf(variant.variantId)).toBe(40 - MAX_UNPAID_ORDERS);
		const refused = await holdOne("192.0.2.50", variant.variantId);
		expect(((await refused.json()) as ErrorBody).error.code).toBe("rate_limited");

		// Someone else still buys.
		expect((await holdOne("192.0.2.51", variant.variantId)).status).toBe(201);
	});

	it("frees a slot once an order is paid, and the cron forgets settled holds", async () => {
		const variant = await createVariant({ stock: 10 });
		const ip = "192.0.2.60";
		const placed: { paymentUrl: string }[] = [];
		for (let i = 0; i < MAX_UNPAID_ORDERS; i++) {
			const res = await holdOne(ip, variant.variantId);
			expect(res.status).toBe(201);
			placed.push((await res.json()) as { paymentUrl: string });
		}
		expect((await holdOne(ip, variant.variantId)).status).toBe(429);
		const first = placed[0]?.paymentUrl ?? "";
		await submitPaymentDecision(scriptFrom(ip), new URL(first).pathname, "pay");
		expect((await holdOne(ip, variant.variantId)).status).toBe(201);

		const db = drizzle(env.DB, { schema });
		const before =
			(await env.DB.prepare("select count(*) as n from checkout_holds").first<{ n: number }>())?.n ?? 0;
		expect(await deleteSettledHolds(db)).toBeGreaterThanOrEqual(1);
		const after =
			(await env.DB.prepare("select count(*) as n from checkout_holds").first<{ n: number }>())?.n ?? 0;
		expect(after).toBeLessThan(before);
		// Nothing stored is the client's address in any form.
		const holds = JSON.stringify((await env.DB.prepare("select * from checkout_holds").all()).results);
		expect(holds).not.toContain(ip);
		expect(holds).not.toContain(btoa(ip).replace(/=+$/, ""));
	});

	it("limits new carts per client to a few a minute", async () => {
		const ip = "192.0.2.70";
		const statuses: number[] = [];
		await startOfFreshRateWindow();
		for (let i = 0; i < 22; i++) statuses.push((await scriptFrom(ip).createCart()).status);
		expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
		expect(statuses.slice(20)).toEqual([429, 429]);
		expect((await scriptFrom("192.0.2.71").createCart()).status).toBe(201);
	});
});
