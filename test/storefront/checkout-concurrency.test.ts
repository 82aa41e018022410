import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
	checkoutBody,
	createVariant,
	type ErrorBody,
	Shopper,
	stockOf,
	vaultSubjectKeyCount,
} from "./fixtures/commerce";

describe("concurrent checkouts", () => {
	it("sells exactly the stock when 20 carts race for 5 rugs", async () => {
		const variant = await createVariant({ stock: 5 });
		const keysBefore = await vaultSubjectKeyCount();
		const shoppers = Array.from({ length: 20 }, () => new Shopper());
		for (const shopper of shoppers) {
			await shopper.createCart();
			expect((await shopper.addItem(variant.variantId, 1)).status).toBe(200);
		}

		const responses = await Promise.all(
			shoppers.map((shopper) => shopper.json("/api/v1/checkout", "POST", checkoutBody())),
		);

		const statuses = responses.map((r) => r.status);
		expect(statuses.filter((s) => s === 201)).toHaveLength(5);
		expect(statuses.filter((s) => s === 409)).toHaveLength(15);
		for (const res of responses.filter((r) => r.status === 409)) {
			expect(((await res.json()) as ErrorBody).error.code).toBe("out_of_stock");
		}
		expect(await stockOf(variant.variantId)).toBe(0);
		const sold = await env.DB.prepare(
			"select count(*) as orders, sum(quantity) as units from order_lines where variant_id = ?",
		)
			.bind(variant.variantId)
			.first<{ orders: number; units: number }>();
		expect(sold).toEqual({ orders: 5, units: 5 });
		// Losers kept nothing: the vault holds a subject key for each of the five orders and no more
		// (a checkout that lost the race shredded the subject it had just created).
		expect((await vaultSubjectKeyCount()) - keysBefore).toBe(5);
	});
});
