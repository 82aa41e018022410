// Issue #12, finding 3: an order's status pages by number alone show the order only to the
// browser that placed it (or proved number + email); anyone else gets the lookup form, the same
// whether or not the number exists.
import { describe, expect, it } from "vitest";
import { placeOrder } from "./fixtures/checkout-flow";
import { Shopper } from "./fixtures/commerce";

const form = (shopper: Shopper, fields: Record<string, string>) =>
	shopper.fetch("/orders/lookup", {
		method: "POST",
		headers: { "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams(fields).toString(),
	});

describe("GET /orders/{number}/thanks and /cancelled", () => {
	it("shows the order to the browser that placed it, and the same lookup form to anyone else", async () => {
		const { shopper, checkout } = await placeOrder();
		const number = checkout.order.number;
		const own = await shopper.fetch(`/orders/${number}/thanks`);
		expect(own.status).toBe(200);
		expect(await own.text()).toContain('data-status="placed"');

		const stranger = new Shopper();
		const strangers = await stranger.fetch(`/orders/${number}/cancelled`);
		expect(strangers.status).toBe(200);
		const page = await strangers.text();
		expect(page).toContain("Find your order");
		expect(page).not.toContain("data-status");
		expect(page).not.toMatch(/\d+\.\d{2}/); // no total
		// Indistinguishable from a number that does not exist.
		const made = "LW-AAAA-BBBB-CCCC";
		const none = await (await stranger.fetch(`/orders/${made}/cancelled`)).text();
		expect(none.replaceAll(made, number)).toBe(page);
	});

	it("lets a guest prove number + email in the form, then remembers the order in that browser", async () => {
		const { checkout } = await placeOrder();
		const number = checkout.order.number;
		const guest = new Shopper();
		const wrong = await form(guest, { orderNumber: number, email: "not.me@example.org" });
		expect(wrong.status).toBe(404);
		expect(await wrong.text()).toContain("Find your order");
		const right = await form(guest, { orderNumber: number, email: "ADA@example.com" });
		expect(right.status).toBe(200);
		const text = await right.text();
		expect(text).toContain(number);
		expect(text).not.toMatch(/ada@|lovelace/i);
		expect((await (await guest.fetch(`/orders/${number}/thanks`)).text()).includes("data-status")).toBe(true);
		expect((await form(guest, { orderNumber: number })).status).toBe(400);
	});
});
