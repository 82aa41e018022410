// PATCH /api/v1/me/orders/{number}/contact (issue #9, GDPR Art. 16): an order not yet packed takes
// a corrected delivery contact; one packed, shipped or delivered keeps the address it was sent to.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { registeredCustomer } from "../fixtures/accounts";
import { createVariant } from "../fixtures/commerce";
import { accountOrder, CONTACT } from "./account-rights-fixtures";

const CORRECTED = {
	name: "Quillon Correctedmark",
	phone: "+44 20 7946 0444",
	address: { line1: "44 Correction Mews", city: "Wolverhampton", postalCode: "WV2 2BB", country: "GB" },
};

async function contactRow(number: string) {
	return env.DB.prepare(
		"select c.* from order_contacts c join orders o on o.id = c.order_id where o.number = ?",
	)
		.bind(number)
		.first<Record<string, string>>();
}

async function customerWithOrder(status?: string) {
	const customer = await registeredCustomer();
	const checkout = await accountOrder(customer.shopper, await createVariant({ stock: 10 }));
	const number = checkout.order.number;
	if (status)
		await env.DB.prepare("update orders set status = ? where number = ?").bind(status, number).run();
	return { ...customer, number };
}

function correct(
	customer: Awaited<ReturnType<typeof customerWithOrder>>,
	body: unknown,
	number = customer.number,
) {
	return customer.shopper.json(`/api/v1/me/orders/${number}/contact`, "PATCH", body);
}

describe("PATCH /api/v1/me/orders/{number}/contact", () => {
	for (const status of [undefined, "paid"]) {
		it(`corrects the contact of an order ${status ?? "placed"}, re-sealed for the account`, async () => {
			const customer = await customerWithOrder(status);
			const before = await contactRow(customer.number);
			const res = await correct(customer, CORRECTED);
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ contact: { number: customer.number, name: CORRECTED.name } });
			const after = await contactRow(customer.number);
			expect(after?.name_ct).not.toBe(before?.name_ct);
			expect(after?.name_ct).toMatch(/^v1\./);
			// The email is the account's and stays as it was.
			expect(after?.email_ct).toBe(before?.email_ct);
			expect(after?.email_bidx).toBe(before?.email_bidx);
			const data = (await (await customer.shopper.fetch("/api/v1/me/data")).json()) as {
				orders: { number: string; contact: Record<string, unknown> }[];
			};
			expect(data.orders.find((o) => o.number === customer.number)?.contact).toEqual({
				email: customer.email,
				name: CORRECTED.name,
				phone: CORRECTED.phone,
				address: CORRECTED.address,
			});
		});
	}

	for (const status of ["packed", "shipped", "delivered", "cancelled"]) {
		it(`refuses an order ${status}, which keeps the address it was sent to`, async () => {
			const customer = await customerWithOrder(status);
			const before = await contactRow(customer.number);
			const res = await correct(customer, CORRECTED);
			expect(res.status).toBe(409);
			expect(await contactRow(customer.number)).toEqual(before);
		});
	}

	it("refuses another destination country, and changes nothing", async () => {
		const customer = await customerWithOrder();
		const before = await contactRow(customer.number);
		const res = await correct(customer, {
			...CORRECTED,
			address: {
				line1: "1 Market St",
				city: "San Francisco",
				region: "CA",
				postalCode: "94103",
				country: "US",
			},
		});
		expect(res.status).toBe(409);
		expect(await contactRow(customer.number)).toEqual(before);
	});

	it("answers 404 for another customer's order and 400 for an unknown field", async () => {
		const owner = await customerWithOrder();
		const other = await customerWithOrder();
		const before = await contactRow(owner.number);
		expect((await correct(other, CORRECTED, owner.number)).status).toBe(404);
		expect((await correct(owner, { ...CORRECTED, email: "x@example.org" })).status).toBe(400);
		expect(await contactRow(owner.number)).toEqual(before);
		expect(CONTACT.address.country).toBe("GB");
	});
});
