import { describe, expect, it } from "vitest";
import { placeOrder } from "./fixtures/checkout-flow";
import { type ErrorBody, Shopper } from "./fixtures/commerce";

const lookup = (orderNumber: string, email: string) =>
	new Shopper().json("/api/v1/orders/lookup", "POST", { orderNumber, email });

describe("POST /api/v1/orders/lookup, guessing", () => {
	it("stops guessing emails for one order number after a few tries, whoever asks", async () => {
		const { checkout } = await placeOrder();
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++)
			statuses.push((await lookup(checkout.order.number, `guess${i}@example.com`)).status);
		expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
		expect(statuses[5]).toBe(429);
		const limited = (await (await lookup(checkout.order.number, "another@example.com")).json()) as ErrorBody;
		expect(limited.error.code).toBe("rate_limited");
		// Another order is not affected.
		const other = await placeOrder();
		expect((await lookup(other.checkout.order.number, "someone@example.com")).status).toBe(404);
	});
});
