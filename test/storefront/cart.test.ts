import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
	CART_COOKIE,
	type CartBody,
	createVariant,
	type ErrorBody,
	Shopper,
	stockOf,
} from "./fixtures/commerce";

describe("cart lifecycle", () => {
	it("creates a cart in a signed HttpOnly cookie, adds, merges, changes and removes lines", async () => {
		const rug = await createVariant({ stock: 8, priceMinor: 4_500, name: "Sand runner" });
		const other = await createVariant({ stock: 3, priceMinor: 1_000 });
		const shopper = new Shopper();

		const created = await shopper.createCart();
		expect(created.status).toBe(201);
		const setCookie = created.headers.getSetCookie().find((c) => c.startsWith(`${CART_COOKIE}=`));
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/Secure/i);
		expect(setCookie).toMatch(/SameSite=Lax/i);
		expect(((await created.json()) as CartBody).cart.lines).toEqual([]);

		expect((await shopper.addItem(rug.variantId, 2)).status).toBe(200);
		const merged = await shopper.addItem(rug.variantId, 1);
		expect(merged.status).toBe(200);
		let cart = ((await merged.json()) as CartBody).cart;
		expect(cart.lines).toHaveLength(1);
		expect(cart.lines[0]).toMatchObject({
			variantId: rug.variantId,
			productName: "Sand runner",
			size: "120x180",
			color: "sand",
			quantity: 3,
			unitPriceMinor: 4_500,
			lineTotalMinor: 13_500,
			availability: "in_stock",
		});

		await shopper.addItem(other.variantId, 1);
		const patched = await shopper.json(`/api/v1/cart/items/${rug.variantId}`, "PATCH", { quantity: 5 });
		expect(patched.status).toBe(200);
		cart = ((await patched.json()) as CartBody).cart;
		expect(cart.subtotalMinor).toBe(5 * 4_500 + 1_000);
		expect(cart.currency).toBe("USD");
		expect(cart.itemCount).toBe(6);

		const removed = await shopper.fetch(`/api/v1/cart/items/${other.variantId}`, { method: "DELETE" });
		expect(removed.status).toBe(200);
		cart = ((await removed.json()) as CartBody).cart;
		expect(cart.lines.map((l) => l.variantId)).toEqual([rug.variantId]);

		const read = await shopper.fetch("/api/v1/cart");
		expect(read.status).toBe(200);
		expect(((await read.json()) as CartBody).cart.subtotalMinor).toBe(22_500);
		// A cart holds stock only at checkout.
		expect(await stockOf(rug.variantId)).toBe(8);
	});

	it("answers 404 without a cart and for lines not in the cart", async () => {
		const shopper = new Shopper();
		const none = await shopper.fetch("/api/v1/cart");
		expect(none.status).toBe(404);
		expect(((await none.json()) as ErrorBody).error.code).toBe("not_found");
		expect((await shopper.addItem(1, 1)).status).toBe(404);

		await shopper.createCart();
		const rug = await createVariant();
		const missing = await shopper.fetch(`/api/v1/cart/items/${rug.variantId}`, { method: "DELETE" });
		expect(missing.status).toBe(404);
		const patch = await shopper.json(`/api/v1/cart/items/${rug.variantId}`, "PATCH", { quantity: 1 });
		expect(patch.status).toBe(404);
	});

	it("answers 404 for an unknown variant", async () => {
		const shopper = new Shopper();
		await shopper.createCart();
		const res = await shopper.addItem(2_000_000_000, 1);
		expect(res.status).toBe(404);
		expect(((await res.json()) as ErrorBody).error.code).toBe("not_found");
	});
});

describe("cart limits", () => {
	it("refuses more than stock with 409 out_of_stock, also when merging", async () => {
		const rug = await createVariant({ stock: 3 });
		const shopper = new Shopper();
		await shopper.createCart();
		const tooMany = await shopper.addItem(rug.variantId, 4);
		expect(tooMany.status).toBe(409);
		expect(((await tooMany.json()) as ErrorBody).error.code).toBe("out_of_stock");

		expect((await shopper.addItem(rug.variantId, 2)).status).toBe(200);
		const merged = await shopper.addItem(rug.variantId, 2);
		expect(merged.status).toBe(409);
		const patched = await shopper.json(`/api/v1/cart/items/${rug.variantId}`, "PATCH", { quantity: 4 });
		expect(patched.status).toBe(409);
		const cart = ((await (await shopper.fetch("/api/v1/cart")).json()) as CartBody).cart;
		expect(cart.lines[0]?.quantity).toBe(2);
	});

	it("refuses an out-of-stock variant", async () => {
		const rug = await createVariant({ stock: 0 });
		const shopper = new Shopper();
		await shopper.createCart();
		const res = await shopper.addItem(rug.variantId, 1);
		expect(res.status).toBe(409);
		expect(((await res.json()) as ErrorBody).error.code).toBe("out_of_stock");
	});

	it("enforces the per-line quantity limit (1..10)", async () => {
		const rug = await createVariant({ stock: 50 });
		const shopper = new Shopper();
		await shopper.createCart();
		for (const quantity of [0, -1, 11, 1.5, 1e308, "2", null]) {
			const res = await shopper.addItem(rug.variantId, quantity as number);
			expect(res.status, `quantity ${quantity}`).toBe(400);
			expect(((await res.json()) as ErrorBody).error.code).toBe("validation_failed");
		}
		expect((await shopper.addItem(rug.variantId, 10)).status).toBe(200);
		const over = await shopper.addItem(rug.variantId, 1);
		expect(over.status).toBe(409);
		expect(((await over.json()) as ErrorBody).error.code).toBe("conflict");
	});

	it("enforces the line-count limit", async () => {
		const shopper = new Shopper();
		await shopper.createCart();
		for (let i = 0; i < 20; i++) {
			const rug = await createVariant({ stock: 5 });
			expect((await shopper.addItem(rug.variantId, 1)).status).toBe(200);
		}
		const one = await createVariant({ stock: 5 });
		const res = await shopper.addItem(one.variantId, 1);
		expect(res.status).toBe(409);
	});

	it("keeps one currency per cart", async () => {
		const usd = await createVariant({ currency: "USD" });
		const eur = await createVariant({ currency: "EUR" });
		const shopper = new Shopper();
		await shopper.createCart();
		await shopper.addItem(usd.variantId, 1);
		expect((await shopper.addItem(eur.variantId, 1)).status).toBe(409);
	});

	it("shows per-line availability when stock drops below the cart quantity", async () => {
		const rug = await createVariant({ stock: 4 });
		const shopper = new Shopper();
		await shopper.createCart();
		await shopper.addItem(rug.variantId, 3);
		const { env } = await import("cloudflare:workers");
		await env.DB.prepare("update variants set stock = 1 where id = ?").bind(rug.variantId).run();
		const cart = ((await (await shopper.fetch("/api/v1/cart")).json()) as CartBody).cart;
		expect(cart.lines[0]).toMatchObject({ availability: "limited", maxQuantity: 1 });
		expect(cart.readyForCheckout).toBe(false);
	});
});

describe("cart cookie security", () => {
	it("rejects a tampered cookie with 400 invalid_cookie and clears it", async () => {
		const shopper = new Shopper();
		await shopper.createCart();
		const original = shopper.cookies.get(CART_COOKIE) ?? "";
		const decoded = decodeURIComponent(original);
		const dot = decoded.lastIndexOf(".");
		const id = decoded.slice(0, dot);
		const flipped = `${id.slice(0, -1)}${id.endsWith("A") ? "B" : "A"}${decoded.slice(dot)}`;
		for (const forged of [
			encodeURIComponent(flipped),
			encodeURIComponent(`${id}.${"A".repeat(43)}=`),
			id,
			"garbage",
			"%E0%A4%A",
			`${"x".repeat(3000)}`,
		]) {
			const res = await shopper.fetch("/api/v1/cart", { headers: { cookie: `${CART_COOKIE}=${forged}` } });
			expect(res.status, forged.slice(0, 40)).toBe(400);
			expect(((await res.json()) as ErrorBody).error.code).toBe("invalid_cookie");
			const cleared = res.headers.getSetCookie().find((c) => c.startsWith(`${CART_COOKIE}=`));
			expect(cleared).toMatch(/Max-Age=0/i);
		}
		expect(shopper.cookies.has(CART_COOKIE)).toBe(false);
		// The genuine cookie still works.
		shopper.cookies.set(CART_COOKIE, original);
		expect((await shopper.fetch("/api/v1/cart")).status).toBe(200);
	});

	it("rejects a validly signed cookie from another key", async () => {
		const { serializeSigned } = await import("hono/utils/cookie");
		const forged = await serializeSigned("x", "AAAAAAAAAAAAAAAAAAAAAA", "not-the-session-key");
		const value = forged.slice(2);
		const res = await new Shopper().fetch("/api/v1/cart", { headers: { cookie: `${CART_COOKIE}=${value}` } });
		expect(res.status).toBe(400);
	});
});

describe("cart cookie at rest", () => {
	it("stores no value the shopper's browser holds: the cart is keyed by an HMAC of the cookie token", async () => {
		const rug = await createVariant({ stock: 2 });
		const shopper = new Shopper();
		const created = await shopper.createCart();
		const cookie = created.headers.getSetCookie().find((c) => c.startsWith(`${CART_COOKIE}=`)) ?? "";
		const token =
			decodeURIComponent(cookie.slice(CART_COOKIE.length + 1).split(";")[0] ?? "").split(".")[0] ?? "";
		expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect((await shopper.addItem(rug.variantId, 1)).status).toBe(200);

		const carts = await env.DB.prepare("SELECT * FROM carts").all();
		const lines = await env.DB.prepare("SELECT * FROM cart_lines").all();
		expect(carts.results.length).toBeGreaterThan(0);
		expect(JSON.stringify([carts.results, lines.results])).not.toContain(token);
	});
});
