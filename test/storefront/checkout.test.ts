import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/storefront/index";
import { PAYMENT_GRACE_MS } from "../../workers/storefront/orders/release-expired";
import { placeOrder, submitPaymentDecision } from "./fixtures/checkout-flow";
import {
	BASE,
	CART_COOKIE,
	type CheckoutBody,
	checkoutBody,
	createVariant,
	type ErrorBody,
	orderByNumber,
	Shopper,
	stockOf,
} from "./fixtures/commerce";

type LookupBody = {
	order: CheckoutBody["order"] & { lines: { variantId: number; quantity: number }[]; shippingMethod: string };
};

async function countRows(table: string): Promise<number> {
	const row = await env.DB.prepare(`select count(*) as n from ${table}`).first<{ n: number }>();
	return row?.n ?? 0;
}

describe("guest checkout happy path", () => {
	it("goes cart → checkout → hosted page → pay → webhook → paid, then the guest finds the order", async () => {
		const variant = await createVariant({ stock: 5, priceMinor: 12_900 });
		const shopper = new Shopper();
		await shopper.createCart();
		await shopper.addItem(variant.variantId, 2);

		const res = await shopper.json("/api/v1/checkout", "POST", checkoutBody({ shippingMethod: "express" }));
		expect(res.status).toBe(201);
		const { order, paymentUrl } = (await res.json()) as CheckoutBody;
		expect(order.number).toMatch(/^LW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
		expect(order).toMatchObject({
			status: "placed",
			currency: "USD",
			subtotalMinor: 25_800,
			shippingMinor: 2_495,
		});
		// California's base sales tax (7.25 %) on goods and shipping, added: 28,295 × 0.0725 = 2,051.39.
		expect(order).toMatchObject({ taxIncluded: false, taxMinor: 2_051, market: "us" });
		expect(order.taxLines).toEqual([{ name: "Sales tax", rateE5: 7_250, amountMinor: 2_051 }]);
		expect(order.totalMinor).toBe(30_346);
		expect(await stockOf(variant.variantId)).toBe(3);
		// The cart is spent: its cookie is cleared.
		expect(shopper.cookies.has(CART_COOKIE)).toBe(false);

		const paymentPath = paymentUrl.slice(BASE.length);
		const page = await shopper.fetch(paymentPath);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain("$303.46");
		expect(html).toContain('value="pay"');
		expect(html).toContain('value="decline"');
		expect(html).not.toContain("Ada");

		const paid = await submitPaymentDecision(shopper, paymentPath, "pay");
		expect(paid.status).toBe(303);
		expect(paid.headers.get("location")).toBe(`/orders/${order.number}/thanks`);
		const row = await orderByNumber(order.number);
		expect(row?.status).toBe("paid");
		expect(row?.paidAt).toBeTypeOf("number");
		expect(await stockOf(variant.variantId)).toBe(3);

		const thanks = await shopper.fetch(`/orders/${order.number}/thanks`);
		expect(thanks.status).toBe(200);
		const thanksHtml = await thanks.text();
		expect(thanksHtml).toContain('data-status="paid"');
		expect(thanksHtml).not.toMatch(/ada@|lovelace|market st|415 555/i);

		// A second submit of the same page does not pay twice.
		const again = await submitPaymentDecision(shopper, paymentPath, "decline");
		expect(again.status).toBe(303);
		expect((await orderByNumber(order.number))?.status).toBe("paid");

		const lookup = await new Shopper().json("/api/v1/orders/lookup", "POST", {
			orderNumber: order.number.toLowerCase(),
			email: "  ADA@example.com ",
		});
		expect(lookup.status).toBe(200);
		const text = await lookup.clone().text();
		expect(text).not.toMatch(/ada@|lovelace|market st|94103|415 555/i);
		const found = ((await lookup.json()) as LookupBody).order;
		expect(found).toMatchObject({
			number: order.number,
			status: "paid",
			totalMinor: 30_346,
			shippingMethod: "express",
		});
		expect(found.lines).toEqual([expect.objectContaining({ variantId: variant.variantId, quantity: 2 })]);
	});

	it("answers the same 404 for a wrong email and an unknown order number", async () => {
		const { checkout } = await placeOrder();
		const lookup = (orderNumber: string, email: string) =>
			new Shopper().json("/api/v1/orders/lookup", "POST", { orderNumber, email });
		const wrongEmail = await lookup(checkout.order.number, "eve@example.com");
		const unknown = await lookup("LW-0000-0000-0000", "ada@example.com");
		const garbage = await lookup("💥' or 1=1 --", "ada@example.com");
		for (const res of [wrongEmail, unknown, garbage]) expect(res.status).toBe(404);
		const bodies = await Promise.all(
			[wrongEmail, unknown, garbage].map(async (r) => (await r.json()) as ErrorBody),
		);
		const strip = (b: ErrorBody) => ({ ...b.error, requestId: "" });
		expect(strip(bodies[0] as ErrorBody)).toEqual(strip(bodies[1] as ErrorBody));
		expect(strip(bodies[0] as ErrorBody)).toEqual(strip(bodies[2] as ErrorBody));
	});
});

describe("stock release", () => {
	it("releases the reserved stock when the payment is declined", async () => {
		const { shopper, variant, checkout, paymentPath } = await placeOrder({ stock: 4, quantity: 3 });
		expect(await stockOf(variant.variantId)).toBe(1);
		const res = await submitPaymentDecision(shopper, paymentPath, "decline");
		expect(res.status).toBe(303);
		expect(res.headers.get("location")).toBe(`/orders/${checkout.order.number}/cancelled`);
		const row = await orderByNumber(checkout.order.number);
		expect(row).toMatchObject({ status: "cancelled", cancelReason: "payment_failed" });
		expect(await stockOf(variant.variantId)).toBe(4);
		const page = await shopper.fetch(`/orders/${checkout.order.number}/cancelled`);
		expect(await page.text()).toContain('data-status="cancelled"');
	});

	it("cancels abandoned orders past reservedUntil from the scheduled handler, and only those", async () => {
		const abandoned = await placeOrder({ stock: 3, quantity: 2 });
		const fresh = await placeOrder({ stock: 3, quantity: 1 });
		const row = await orderByNumber(abandoned.checkout.order.number);
		if (!row) throw new Error("order missing");
		// Make the fresh one look newer than the abandoned one's deadline.
		await env.DB.prepare("update orders set reserved_until = ? where number = ?")
			.bind(row.reservedUntil + 3_600_000, fresh.checkout.order.number)
			.run();

		// Within the grace period a last-moment payment may still be on its way: nothing is released.
		const early = createScheduledController({ scheduledTime: row.reservedUntil + 1, cron: "*/15 * * * *" });
		await worker.scheduled(early, env, createExecutionContext());
		expect((await orderByNumber(abandoned.checkout.order.number))?.status).toBe("placed");

		const controller = createScheduledController({
			scheduledTime: row.reservedUntil + PAYMENT_GRACE_MS + 1,
			cron: "*/15 * * * *",
		});
		const ctx = createExecutionContext();
		await worker.scheduled(controller, env, ctx);
		await waitOnExecutionContext(ctx);

		expect(await orderByNumber(abandoned.checkout.order.number)).toMatchObject({
			status: "cancelled",
			cancelReason: "reservation_expired",
		});
		expect(await stockOf(abandoned.variant.variantId)).toBe(3);
		expect((await orderByNumber(fresh.checkout.order.number))?.status).toBe("placed");
		expect(await stockOf(fresh.variant.variantId)).toBe(2);

		// Running again releases nothing twice.
		await worker.scheduled(controller, env, createExecutionContext());
		expect(await stockOf(abandoned.variant.variantId)).toBe(3);

		// Paying after the reservation ran out does not resurrect the order or take stock again.
		const late = await submitPaymentDecision(abandoned.shopper, abandoned.paymentPath, "pay");
		expect(late.status).toBe(303);
		expect((await orderByNumber(abandoned.checkout.order.number))?.status).toBe("cancelled");
		expect(await stockOf(abandoned.variant.variantId)).toBe(3);
	});
});

describe("checkout validation", () => {
	const invalidBodies: [string, Record<string, unknown>, string][] = [
		["bad email", checkoutBody({ email: "not-an-email" }), "email"],
		["missing email", { ...checkoutBody(), email: undefined }, "email"],
		["missing name", { ...checkoutBody(), name: undefined }, "name"],
		["blank name", checkoutBody({ name: "   " }), "name"],
		["control characters in name", checkoutBody({ name: "Ada\u0000Lovelace" }), "name"],
		["bad phone", checkoutBody({ phone: "call me maybe" }), "phone"],
		["missing address", { ...checkoutBody(), address: undefined }, "address"],
		["unknown field", checkoutBody({ birthday: "1815-12-10" }), ""],
		["unknown address field", checkoutBody({ address: { ...checkoutBody().address, floor: 3 } }), "address"],
		["unknown shipping method", checkoutBody({ shippingMethod: "drone" }), "shippingMethod"],
		[
			"unsupported country",
			checkoutBody({ address: { ...checkoutBody().address, country: "XX" } }),
			"address",
		],
		[
			"US postal code",
			checkoutBody({ address: { ...checkoutBody().address, postalCode: "9410" } }),
			"address",
		],
		[
			"US region missing",
			checkoutBody({ address: { ...checkoutBody().address, region: undefined } }),
			"address",
		],
		["US region unknown", checkoutBody({ address: { ...checkoutBody().address, region: "ZZ" } }), "address"],
		[
			"CA postal code",
			checkoutBody({
				address: { line1: "1 Rue", city: "Ottawa", region: "ON", postalCode: "K1A 0B", country: "CA" },
			}),
			"address",
		],
		[
			"CA region missing",
			checkoutBody({ address: { line1: "1 Rue", city: "Ottawa", postalCode: "K1A 0B1", country: "CA" } }),
			"address",
		],
		[
			"GB postal code",
			checkoutBody({
				address: { line1: "10 Downing St", city: "London", postalCode: "SW1A", country: "GB" },
			}),
			"address",
		],
		[
			"DE postal code",
			checkoutBody({
				address: { line1: "Unter den Linden 1", city: "Berlin", postalCode: "1011", country: "DE" },
			}),
			"address",
		],
		[
			"FR postal code",
			checkoutBody({
				address: { line1: "1 rue de Rivoli", city: "Paris", postalCode: "7500A", country: "FR" },
			}),
			"address",
		],
		[
			"AU postal code",
			checkoutBody({
				address: { line1: "1 George St", city: "Sydney", region: "NSW", postalCode: "200", country: "AU" },
			}),
			"address",
		],
		[
			"AU region missing",
			checkoutBody({ address: { line1: "1 George St", city: "Sydney", postalCode: "2000", country: "AU" } }),
			"address",
		],
		[
			"JP postal code",
			checkoutBody({
				address: {
					line1: "1-1 Chiyoda",
					city: "Chiyoda-ku",
					region: "Tokyo",
					postalCode: "100-00",
					country: "JP",
				},
			}),
			"address",
		],
		[
			"JP prefecture missing",
			checkoutBody({
				address: { line1: "1-1 Chiyoda", city: "Chiyoda-ku", postalCode: "100-0001", country: "JP" },
			}),
			"address",
		],
		[
			"huge line1",
			checkoutBody({ address: { ...checkoutBody().address, line1: "x".repeat(5000) } }),
			"address",
		],
		["array body", [checkoutBody()] as unknown as Record<string, unknown>, ""],
	];

	it.each(invalidBodies)("rejects %s with 400 and writes nothing", async (_label, body, field) => {
		const variant = await createVariant({ stock: 2 });
		const shopper = new Shopper();
		await shopper.createCart();
		await shopper.addItem(variant.variantId, 1);
		const ordersBefore = await countRows("orders");
		const res = await shopper.json("/api/v1/checkout", "POST", body);
		expect(res.status).toBe(400);
		const error = ((await res.json()) as ErrorBody).error;
		expect(error.code).toBe("validation_failed");
		if (field) expect(error.issues?.some((i) => i.path[0] === field)).toBe(true);
		expect(await countRows("orders")).toBe(ordersBefore);
		expect(await stockOf(variant.variantId)).toBe(2);
		// The cart is untouched and can still check out.
		expect((await shopper.fetch("/api/v1/cart")).status).toBe(200);
	});

	it("accepts addresses that are valid for their country", async () => {
		const addresses = [
			{ line1: "1 Rue", city: "Ottawa", region: "on", postalCode: "k1a0b1", country: "CA" },
			{
				line1: "10 Downing St",
				line2: "",
				region: "",
				city: "London",
				postalCode: "SW1A 2AA",
				country: "GB",
			},
			{ line1: "Unter den Linden 1", city: "Berlin", postalCode: "10117", country: "DE" },
			{ line1: "1 rue de Rivoli", city: "Paris", postalCode: "75001", country: "FR" },
			{ line1: "1 George St", city: "Sydney", region: "NSW", postalCode: "2000", country: "AU" },
			{ line1: "1-1 Chiyoda", city: "Chiyoda-ku", region: "Tōkyō-to", postalCode: "100-0001", country: "JP" },
		];
		for (const address of addresses) {
			const { checkout } = await placeOrder({ body: { address, name: "Zoë Ñandú 山田" } });
			expect(checkout.order.status, address.country).toBe("placed");
		}
	});

	it("refuses an empty cart, a missing cart and a spent cart", async () => {
		const shopper = new Shopper();
		const noCart = await shopper.json("/api/v1/checkout", "POST", checkoutBody());
		expect(noCart.status).toBe(404);
		await shopper.createCart();
		const empty = await shopper.json("/api/v1/checkout", "POST", checkoutBody());
		expect(empty.status).toBe(409);

		const { shopper: buyer } = await placeOrder();
		// Replay the spent cart's cookie.
		const spent = new Shopper();
		const variant = await createVariant();
		await spent.createCart();
		await spent.addItem(variant.variantId, 1);
		const cookie = spent.cookies.get(CART_COOKIE) ?? "";
		expect((await spent.json("/api/v1/checkout", "POST", checkoutBody())).status).toBe(201);
		spent.cookies.set(CART_COOKIE, cookie);
		const again = await spent.json("/api/v1/checkout", "POST", checkoutBody());
		expect(again.status).toBe(404);
		expect(await stockOf(variant.variantId)).toBe(4);
		expect(buyer.cookies.has(CART_COOKIE)).toBe(false);
	});

	it("answers 409 out_of_stock when stock ran out after the item was added", async () => {
		const variant = await createVariant({ stock: 2 });
		const shopper = new Shopper();
		await shopper.createCart();
		await shopper.addItem(variant.variantId, 2);
		await env.DB.prepare("update variants set stock = 1 where id = ?").bind(variant.variantId).run();
		const res = await shopper.json("/api/v1/checkout", "POST", checkoutBody());
		expect(res.status).toBe(409);
		expect(((await res.json()) as ErrorBody).error.code).toBe("out_of_stock");
		expect(await stockOf(variant.variantId)).toBe(1);
	});
});
