// What the storefront sends the vault for an order mail (issue #13): the locale from the order's
// language and destination, and a confirmation whose sizes, colours, shipping method and tax are
// the shopper's, which the vault's own contract accepts as it is.
import { describe, expect, it } from "vitest";
import { OrderMailSchema, SendMailRequestSchema } from "../../workers/shared/vault-contract";
import type { OrderLineRow } from "../../workers/storefront/db/orders";
import { mailLocaleOf } from "../../workers/storefront/orders/order-mail";
import { orderConfirmedMail } from "../../workers/storefront/payments/payment-mails";

const LINE: OrderLineRow = {
	orderId: "o1",
	variantId: 1,
	productName: "Aster Flatweave",
	sku: "AST-5X7-SAND",
	size: "5x7",
	color: "sand",
	quantity: 2,
	unitPriceMinor: 14_900,
};

const ORDER = {
	number: "LW-7K2M-9QXA-4TPB",
	currency: "EUR",
	market: "eu",
	language: "fr",
	subtotalMinor: 29_800,
	shippingMinor: 0,
	shippingMethod: "standard",
	taxIncluded: true,
	taxLines: [{ name: "TVA", rateE5: 20_000, amountMinor: 4_967 }],
	totalMinor: 29_800,
};

describe("mailLocaleOf", () => {
	it("writes in the order's language for its destination, en-US for an order from before", () => {
		expect(mailLocaleOf({ language: "fr", shipCountry: "FR" })).toBe("fr-FR");
		expect(mailLocaleOf({ language: "ja", shipCountry: "JP" })).toBe("ja-JP");
		expect(mailLocaleOf({ language: "en", shipCountry: "DE" })).toBe("en-DE");
		expect(mailLocaleOf({ language: "en", shipCountry: null })).toBe("en-US");
	});

	it("sends no locale (the vault writes en-US) rather than one the vault would refuse", () => {
		for (const order of [
			{ language: "pt", shipCountry: "FR" },
			{ language: "FR", shipCountry: "FR" },
			{ language: "fr", shipCountry: "fr" },
			{ language: "fr", shipCountry: "FR\n" },
			// Not a country the shop sells to: its pages have no such locale either.
			{ language: "fr", shipCountry: "ZZ" },
		]) {
			expect(mailLocaleOf(order), JSON.stringify(order)).toBeUndefined();
		}
		for (const locale of ["fr-FR", "ja-JP", "en-US"]) {
			expect(SendMailRequestSchema.shape.locale.safeParse(locale).success, locale).toBe(true);
		}
	});
});

describe("orderConfirmedMail", () => {
	it("names sizes, colours and the shipping method as the French shopper saw them, with the TVA", () => {
		const mail = orderConfirmedMail(ORDER, [LINE]);
		expect(mail).toEqual({
			kind: "order_confirmed",
			orderNumber: ORDER.number,
			currency: "EUR",
			totalMinor: 29_800,
			subtotalMinor: 29_800,
			shippingMinor: 0,
			shippingMethod: "Standard",
			lines: [
				{ name: "Aster Flatweave", detail: "152 × 213 cm · Sable", quantity: 2, unitPriceMinor: 14_900 },
			],
			taxIncluded: true,
			taxLines: [{ name: "TVA", rateE5: 20_000, amountMinor: 4_967 }],
		});
		expect(OrderMailSchema.safeParse(mail).success).toBe(true);
	});

	it("writes a Japanese order's method and colour in Japanese, a US order's size in feet", () => {
		const japan = orderConfirmedMail(
			{ ...ORDER, currency: "JPY", market: "jp", language: "ja", shippingMethod: "express" },
			[LINE],
		);
		expect(japan).toMatchObject({
			shippingMethod: "お急ぎ便",
			lines: [{ detail: "152 × 213 cm · サンド" }],
		});
		const us = orderConfirmedMail(
			{
				...ORDER,
				currency: "USD",
				market: "us",
				language: "en",
				taxIncluded: false,
				taxLines: [{ name: "Sales tax", rateE5: 7_250, amountMinor: 2_161 }],
			},
			[LINE],
		);
		expect(us).toMatchObject({
			shippingMethod: "Standard",
			lines: [{ detail: "5′ × 7′ · Sand" }],
			taxIncluded: false,
			taxLines: [{ name: "Sales tax", rateE5: 7_250, amountMinor: 2_161 }],
		});
		expect(OrderMailSchema.safeParse(us).success).toBe(true);
	});

	it("stays within the contract's bounds whatever the row holds", () => {
		const tax = { name: "T".repeat(60), rateE5: 5_000, amountMinor: 10 };
		const mail = orderConfirmedMail(
			{ ...ORDER, market: "nowhere", language: "xx", shippingMethod: "drone", taxLines: Array(6).fill(tax) },
			Array.from({ length: 60 }, (_, i) => ({ ...LINE, variantId: i, quantity: 5_000 })),
		);
		expect(OrderMailSchema.safeParse(mail).success).toBe(true);
		expect(mail).toMatchObject({ shippingMethod: "drone", lines: expect.any(Array) });
		if (mail.kind !== "order_confirmed") throw new Error("not a confirmation");
		expect(mail.lines).toHaveLength(50);
		expect(mail.lines[0]).toMatchObject({ quantity: 999, detail: "5′ × 7′ · Sand" });
		expect(mail.taxLines).toHaveLength(4);
		expect(mail.taxLines?.[0]?.name).toHaveLength(40);
	});
});
