// The checkout domain function without HTTP: provider failure and a cart checked out twice.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createLogger } from "../../workers/shared/logger";
import { newCartId } from "../../workers/storefront/cart/cart-cookie";
import { addCartItem, createCart } from "../../workers/storefront/cart/cart-service";
import type { CheckoutInput } from "../../workers/storefront/checkout/checkout-schemas";
import { type CheckoutDeps, checkoutCart } from "../../workers/storefront/checkout/place-order";
import { getOpenCart } from "../../workers/storefront/db/carts";
import { getOrderByNumber, transitionOrderStatus } from "../../workers/storefront/db/orders";
import { AppError } from "../../workers/storefront/errors";
import { createLocalProvider } from "../../workers/storefront/payments/local";
import type { PaymentProvider } from "../../workers/storefront/payments/provider";
import {
	BASE,
	checkoutBody,
	createVariant,
	stockOf,
	testDb,
	vaultSubjectKeyCount,
} from "./fixtures/commerce";

const input = checkoutBody() as CheckoutInput;

function deps(provider: PaymentProvider): CheckoutDeps {
	return {
		db: testDb(),
		vault: env.VAULT,
		provider,
		logger: createLogger({ test: "place-order" }),
		origin: BASE,
		now: Date.now(),
		reservationMinutes: 30,
	};
}

async function cartWith(variantId: number, quantity: number) {
	const cartId = newCartId();
	await createCart(testDb(), cartId, Date.now());
	await addCartItem(testDb(), cartId, variantId, quantity, Date.now());
	return cartId;
}

/** What a checkout never calls: settling and refunding belong to later steps. */
const unreachable = {
	expireSession: async () => {
		throw new AppError("payment_unavailable", "down");
	},
	refund: async () => {
		throw new AppError("payment_unavailable", "down");
	},
} satisfies Pick<PaymentProvider, "expireSession" | "refund">;

const localProvider = () => createLocalProvider({ db: testDb(), webhookSecret: "s", origin: BASE });

describe("checkoutCart", () => {
	it("cancels the order, releases stock and reopens the cart when the provider fails", async () => {
		const variant = await createVariant({ stock: 4 });
		const cartId = await cartWith(variant.variantId, 3);
		const failing: PaymentProvider = {
			name: "stripe",
			createCheckoutSession: async () => {
				throw new AppError("payment_unavailable", "down");
			},
			parseWebhook: async () => null,
			...unreachable,
		};
		const error = await checkoutCart(deps(failing), cartId, input, {
			kind: "guest",
			email: input.email,
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AppError);
		expect((error as AppError).code).toBe("payment_unavailable");
		expect((error as AppError).status).toBe(502);
		expect(await stockOf(variant.variantId)).toBe(4);
		const order = await env.DB.prepare(
			"select o.status, o.cancel_reason from orders o join order_lines l on l.order_id = o.id where l.variant_id = ?",
		)
			.bind(variant.variantId)
			.first();
		expect(order).toEqual({ status: "cancelled", cancel_reason: "payment_unavailable" });
		expect(await getOpenCart(testDb(), cartId)).not.toBeNull();

		// The shopper can try again with the same cart.
		const retry = await checkoutCart(deps(localProvider()), cartId, input, {
			kind: "guest",
			email: input.email,
		});
		expect(retry.order.status).toBe("placed");
		expect(await stockOf(variant.variantId)).toBe(1);
	});

	it("turns one cart into one order even when checked out twice at once", async () => {
		const variant = await createVariant({ stock: 10 });
		const cartId = await cartWith(variant.variantId, 2);
		const keysBefore = await vaultSubjectKeyCount();
		const results = await Promise.allSettled([
			checkoutCart(deps(localProvider()), cartId, input, { kind: "guest", email: input.email }),
			checkoutCart(deps(localProvider()), cartId, input, { kind: "guest", email: input.email }),
		]);
		const placed = results.filter((r) => r.status === "fulfilled");
		expect(placed).toHaveLength(1);
		const rejected = results.find((r) => r.status === "rejected");
		expect(rejected?.reason).toBeInstanceOf(AppError);
		expect(await stockOf(variant.variantId)).toBe(8);
		const orders = await env.DB.prepare("select count(*) as n from order_lines where variant_id = ?")
			.bind(variant.variantId)
			.first<{ n: number }>();
		expect(orders?.n).toBe(1);
		// The losing checkout's fresh subject key was shredded in the vault: no orphaned key remains.
		expect(await vaultSubjectKeyCount()).toBe(keysBefore + 1);
	});
});

describe("checkoutCart's logs", () => {
	it("name the order by its internal id, never its number, and scrub what an error quotes", async () => {
		const variant = await createVariant({ stock: 2 });
		const cartId = await cartWith(variant.variantId, 1);
		const leaky: PaymentProvider = {
			name: "stripe",
			createCheckoutSession: async () => {
				throw new Error('card of "jo.leak@example.org" declined');
			},
			parseWebhook: async () => null,
			...unreachable,
		};
		const lines: string[] = [];
		const spies = (["log", "warn", "error"] as const).map((level) =>
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				lines.push(args.map(String).join(" "));
			}),
		);
		let number = "";
		try {
			await checkoutCart(deps(leaky), cartId, input, { kind: "guest", email: input.email }).catch(
				(e: unknown) => e,
			);
			const row = await env.DB.prepare(
				"select o.id, o.number from orders o join order_lines l on l.order_id = o.id where l.variant_id = ?",
			)
				.bind(variant.variantId)
				.first<{ id: string; number: string }>();
			number = row?.number ?? "";
			expect(
				lines.some((line) => line.includes("payment session failed") && line.includes(row?.id ?? "?")),
			).toBe(true);
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
		expect(number).toMatch(/^LW-/);
		const all = lines.join("\n");
		expect(all).not.toContain(number);
		expect(all).not.toContain("jo.leak@example.org");
	});
});

describe("transitionOrderStatus", () => {
	it("moves an order only along the status machine and only from its current status", async () => {
		const variant = await createVariant({ stock: 3 });
		const cartId = await cartWith(variant.variantId, 1);
		const { order } = await checkoutCart(deps(localProvider()), cartId, input, {
			kind: "guest",
			email: input.email,
		});
		const row = await getOrderByNumber(testDb(), order.number);
		if (!row) throw new Error("order missing");
		const db = testDb();

		await expect(transitionOrderStatus(db, row.id, "placed", "shipped", Date.now())).rejects.toThrow(
			AppError,
		);
		// Claims a status the order is not in: nothing happens.
		expect(await transitionOrderStatus(db, row.id, "paid", "packed", Date.now())).toBe(false);
		expect(await transitionOrderStatus(db, row.id, "placed", "paid", Date.now())).toBe(true);
		expect(await transitionOrderStatus(db, row.id, "placed", "paid", Date.now())).toBe(false);
		expect(await transitionOrderStatus(db, row.id, "paid", "packed", Date.now())).toBe(true);
		await expect(transitionOrderStatus(db, row.id, "packed", "cancelled", Date.now())).rejects.toThrow(
			AppError,
		);
		expect((await getOrderByNumber(db, order.number))?.status).toBe("packed");
	});
});
