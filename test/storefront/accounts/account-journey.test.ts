// Issue #7: the whole customer path through the public API, with the vault, D1 and the payment
// stand-in all real: register → confirm → log out → log in → profile → address → account
// checkout → my orders → log out. And the raw state of every worker's database afterwards.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dumpAllTables, encodingsOf } from "../../pii-scan";
import {
	login,
	mailedToken,
	PASSWORD,
	registerBody,
	SESSION_COOKIE,
	uniqueEmail,
} from "../fixtures/accounts";
import { submitPaymentDecision } from "../fixtures/checkout-flow";
import { BASE, createVariant, Shopper } from "../fixtures/commerce";

const MARKERS = {
	email: uniqueEmail("quintessa.markerzz"),
	nickname: "Quintessa Brightwater-Zyq",
	name: "Quintessa Brightwater Zyq",
	phone: "+44 20 7946 0777",
	line1: "12 Lanternfold Mews",
	city: "Ambleside-Zyq",
	postalCode: "LA22 9AB",
};

const SAVED = {
	name: MARKERS.name,
	phone: MARKERS.phone,
	address: { line1: MARKERS.line1, city: MARKERS.city, postalCode: MARKERS.postalCode, country: "GB" },
};

describe("a customer's journey", () => {
	it("registers, logs in, keeps a profile and an address, checks out, sees the order, logs out", async () => {
		const variant = await createVariant({ stock: 4, currency: "GBP" });
		const browser = new Shopper();
		// A shopper in the UK: their carts are in pounds, the variant's price list (issue #13).
		browser.cookies.set("__Host-lw_locale", "en-gb");

		const registered = await browser.json("/api/v1/auth/register", "POST", {
			...registerBody(MARKERS.email, { nickname: MARKERS.nickname }),
		});
		expect(registered.status).toBe(202);
		expect(await registered.json()).toMatchObject({ status: "check_email" });
		// Not usable before the address is confirmed.
		expect((await login(browser, MARKERS.email)).status).toBe(401);

		const token = await mailedToken(MARKERS.email, "confirm");
		// The link alone is not enough: it takes the password chosen at registration too.
		const wrong = await browser.json("/api/v1/auth/confirm", "POST", {
			token,
			password: "not the one chosen",
		});
		expect(wrong.status).toBe(401);
		const confirmed = await browser.json("/api/v1/auth/confirm", "POST", { token, password: PASSWORD });
		expect(confirmed.status).toBe(200);
		const cookie = confirmed.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? "";
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/Secure/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);

		expect((await browser.json("/api/v1/auth/logout", "POST")).status).toBe(200);
		expect((await browser.fetch("/api/v1/me")).status).toBe(401);

		// A guest cart before logging in comes along into the account.
		await browser.createCart();
		expect((await browser.addItem(variant.variantId, 2)).status).toBe(200);
		expect((await login(browser, MARKERS.email)).status).toBe(200);

		const profile = await browser.fetch("/api/v1/me");
		expect(profile.status).toBe(200);
		const me = (await profile.json()) as {
			email: string;
			nickname: string;
			consents: { analytics: { given: boolean; policyVersion: string } };
		};
		expect(me.email).toBe(MARKERS.email);
		expect(me.nickname).toBe(MARKERS.nickname);
		expect(me.consents.analytics.given).toBe(true);
		expect(me.consents.analytics.policyVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);

		const renamed = await browser.json("/api/v1/me", "PATCH", { nickname: `${MARKERS.nickname} II` });
		expect(((await renamed.json()) as { nickname: string }).nickname).toBe(`${MARKERS.nickname} II`);
		expect((await browser.json("/api/v1/me", "PATCH", { nickname: "x", email: "a@b.c" })).status).toBe(400);

		const saved = await browser.json("/api/v1/me/addresses", "POST", SAVED);
		expect(saved.status).toBe(201);
		const { id: addressId } = (await saved.json()) as { id: string };
		const book = (await (await browser.fetch("/api/v1/me/addresses")).json()) as {
			addresses: { id: string; name: string; address: { city: string } }[];
		};
		expect(book.addresses).toEqual([expect.objectContaining({ id: addressId, name: MARKERS.name })]);
		expect(book.addresses[0]?.address.city).toBe(MARKERS.city);

		const { cart } = (await (await browser.fetch("/api/v1/cart")).json()) as {
			cart: { lines: { variantId: number; quantity: number }[] };
		};
		expect(cart.lines).toEqual([expect.objectContaining({ variantId: variant.variantId, quantity: 2 })]);

		const checkout = await browser.json("/api/v1/me/checkout", "POST", {
			addressId,
			shippingMethod: "standard",
		});
		expect(checkout.status).toBe(201);
		const placed = (await checkout.json()) as {
			order: { number: string; status: string };
			paymentUrl: string;
		};
		expect(placed.order.status).toBe("placed");
		await submitPaymentDecision(browser, placed.paymentUrl.slice(BASE.length), "pay");

		const mine = (await (await browser.fetch("/api/v1/me/orders")).json()) as {
			orders: { number: string; status: string }[];
		};
		expect(mine.orders).toEqual([expect.objectContaining({ number: placed.order.number, status: "paid" })]);
		const one = await browser.fetch(`/api/v1/me/orders/${placed.order.number}`);
		expect(one.status).toBe(200);

		// The order's contact carries the account's email: a guest lookup with it finds the order.
		const lookup = await new Shopper().json("/api/v1/orders/lookup", "POST", {
			orderNumber: placed.order.number,
			email: MARKERS.email,
		});
		expect(lookup.status).toBe(200);

		expect((await browser.json("/api/v1/auth/logout", "POST")).status).toBe(200);
		expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
		expect((await browser.fetch("/api/v1/me/orders")).status).toBe(401);

		// Raw state: no marker in any form in any worker's database.
		const dumps = [
			await dumpAllTables(env.DB),
			await dumpAllTables(env.ANALYTICS_DB),
			await dumpAllTables(env.VAULT_DB),
		].join("\n");
		for (const marker of [...Object.values(MARKERS), PASSWORD]) {
			for (const form of encodingsOf(marker)) expect(dumps).not.toContain(form);
		}
	});

	it("checks out to a new address, saving it only when asked", async () => {
		const variant = await createVariant({ stock: 3, currency: "GBP" });
		const email = uniqueEmail();
		const browser = new Shopper();
		browser.cookies.set("__Host-lw_locale", "en-gb");
		await browser.json("/api/v1/auth/register", "POST", registerBody(email));
		await browser.json("/api/v1/auth/confirm", "POST", {
			token: await mailedToken(email, "confirm"),
			password: PASSWORD,
		});
		for (const saveAddress of [false, true]) {
			await browser.createCart();
			await browser.addItem(variant.variantId, 1);
			const res = await browser.json("/api/v1/me/checkout", "POST", {
				shippingMethod: "standard",
				contact: SAVED,
				saveAddress,
			});
			expect(res.status).toBe(201);
			const book = (await (await browser.fetch("/api/v1/me/addresses")).json()) as { addresses: unknown[] };
			expect(book.addresses).toHaveLength(saveAddress ? 1 : 0);
		}
		const mine = (await (await browser.fetch("/api/v1/me/orders")).json()) as { orders: unknown[] };
		expect(mine.orders).toHaveLength(2);
	});
});
