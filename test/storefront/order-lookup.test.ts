import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { placeOrder } from "./fixtures/checkout-flow";
import { BASE, type ErrorBody, Shopper, startOfFreshRateWindow } from "./fixtures/commerce";

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

	it("stops one client trying many order numbers, and not the next client", async () => {
		const from = (ip: string, orderNumber: string) =>
			exports.default.fetch(`${BASE}/api/v1/orders/lookup`, {
				method: "POST",
				headers: { "content-type": "application/json", "CF-Connecting-IP": ip },
				body: JSON.stringify({ orderNumber, email: "guess@example.com" }),
			});
		const randomNumber = () =>
			`LW-${Array.from({ length: 3 }, () =>
				crypto
					.randomUUID()
					.slice(0, 4)
					.toUpperCase()
					.replace(/[^A-Z0-9]/g, "A"),
			).join("-")}`;
		const statuses: number[] = [];
		await startOfFreshRateWindow();
		for (let i = 0; i < 22; i++) statuses.push((await from("203.0.113.7", randomNumber())).status);
		expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
		expect(statuses.slice(20)).toEqual([429, 429]);
		expect((await from("203.0.113.8", randomNumber())).status).toBe(404);
	});

	it("answers the same 404, never a 500, whatever is wrong with the stored contact", async () => {
		const damaged = await placeOrder();
		const gone = await placeOrder();
		const idOf = async (number: string) =>
			(await env.DB.prepare("select id from orders where number = ?").bind(number).first<{ id: string }>())
				?.id;
		// Ciphertexts and blind index damaged, and a contact deleted outright: nothing decrypts here anyway.
		await env.DB.prepare(
			"update order_contacts set email_ct = 'v1.k9.x.y', email_bidx = 'garbage' where order_id = ?",
		)
			.bind(await idOf(damaged.checkout.order.number))
			.run();
		await env.DB.prepare("delete from order_contacts where order_id = ?")
			.bind(await idOf(gone.checkout.order.number))
			.run();
		for (const number of [damaged.checkout.order.number, gone.checkout.order.number, "LW-ZZZZ-ZZZZ-ZZZZ"]) {
			const res = await lookup(number, "ada@example.com");
			expect(res.status, number).toBe(404);
			expect(((await res.json()) as ErrorBody).error.message).toBe("No order matches that number and email");
		}
	});
});
