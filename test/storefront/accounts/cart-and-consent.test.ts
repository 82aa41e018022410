// Issue #7: the guest cart merges into the account's at login within stock and line limits; an
// account's withdrawal of analytics consent holds from the next request on every device.
import { describe, expect, it } from "vitest";
import { listPrice } from "../../../workers/storefront/markets/price-lists";
import { BROWSER_UA } from "../analytics/helpers";
import { login, registerBody, registeredCustomer, uniqueEmail } from "../fixtures/accounts";
import { createVariant, Shopper } from "../fixtures/commerce";

type CartBody = { cart: { lines: { variantId: number; quantity: number }[] } };

async function cartOf(browser: Shopper): Promise<CartBody["cart"]["lines"]> {
	const res = await browser.fetch("/api/v1/cart");
	if (res.status === 404) return [];
	return ((await res.json()) as CartBody).cart.lines;
}

describe("cart at login", () => {
	it("merges the guest cart with the account's saved one, within stock", async () => {
		const { shopper: laptop, email } = await registeredCustomer();
		const both = await createVariant({ stock: 3 });
		const onlySaved = await createVariant({ stock: 5 });
		const onlyGuest = await createVariant({ stock: 5 });
		await laptop.createCart();
		await laptop.addItem(both.variantId, 2);
		await laptop.addItem(onlySaved.variantId, 1);

		const phone = new Shopper();
		await phone.createCart();
		await phone.addItem(both.variantId, 2);
		await phone.addItem(onlyGuest.variantId, 1);
		expect((await login(phone, email)).status).toBe(200);

		const merged = await cartOf(phone);
		const quantity = (variantId: number) => merged.find((line) => line.variantId === variantId)?.quantity;
		expect(quantity(both.variantId)).toBe(3);
		expect(quantity(onlySaved.variantId)).toBe(1);
		expect(quantity(onlyGuest.variantId)).toBe(1);
		// One cart per account: the one the laptop held was merged away.
		expect(await cartOf(laptop)).toEqual([]);
	});

	it("brings the saved cart to a browser without one, and leaves another account's cart alone", async () => {
		const a = await registeredCustomer();
		const variant = await createVariant({ stock: 5 });
		await a.shopper.createCart();
		await a.shopper.addItem(variant.variantId, 2);

		const fresh = new Shopper();
		expect((await login(fresh, a.email)).status).toBe(200);
		expect(await cartOf(fresh)).toEqual([
			expect.objectContaining({ variantId: variant.variantId, quantity: 2 }),
		]);

		// B logs in on the browser A left logged in (after A logged out, the cart stayed with A).
		expect((await fresh.json("/api/v1/auth/logout", "POST")).status).toBe(200);
		expect(await cartOf(fresh)).toEqual([]);
		const b = await registeredCustomer();
		expect((await login(fresh, b.email)).status).toBe(200);
		expect(await cartOf(fresh)).toEqual([]);
	});
});

describe("cart at login across markets (issue #13)", () => {
	it("keeps every saved line when the guest cart is in another market, shown in the guest cart's currency", async () => {
		const { shopper: laptop, email } = await registeredCustomer();
		const saved = await createVariant({ stock: 4 });
		const guestOnly = await createVariant({ stock: 4 });
		await laptop.createCart();
		await laptop.addItem(saved.variantId, 1);

		const phone = new Shopper();
		phone.cookies.set("__Host-lw_locale", "fr-fr");
		await phone.createCart();
		await phone.addItem(guestOnly.variantId, 1);
		expect((await login(phone, email)).status).toBe(200);

		const res = await phone.fetch("/api/v1/cart");
		const { cart } = (await res.json()) as {
			cart: { currency: string; lines: { variantId: number; unitPriceMinor: number }[] };
		};
		expect(cart.currency).toBe("EUR");
		expect(cart.lines.map((line) => line.variantId).sort()).toEqual(
			[saved.variantId, guestOnly.variantId].sort(),
		);
		for (const line of cart.lines) expect(line.unitPriceMinor).toBe(listPrice(saved.priceMinor, "EUR"));
	});

	it("brings a saved cart to a new browser in the market it was filled in", async () => {
		const { shopper: laptop, email } = await registeredCustomer();
		laptop.cookies.set("__Host-lw_locale", "ja-jp");
		const variant = await createVariant({ stock: 4 });
		await laptop.createCart();
		await laptop.addItem(variant.variantId, 1);
		const fresh = new Shopper();
		expect((await login(fresh, email)).status).toBe(200);
		const { cart } = (await (await fresh.fetch("/api/v1/cart")).json()) as { cart: { currency: string } };
		expect(cart.currency).toBe("JPY");
	});
});

describe("consent in the account", () => {
	it("a registration without analytics consent stops collection in that browser at once", async () => {
		const browser = new Shopper();
		const res = await browser.json(
			"/api/v1/auth/register",
			"POST",
			registerBody(uniqueEmail(), { consents: { analytics: false, marketing: false } }),
		);
		expect(res.status).toBe(202);
		expect(browser.cookies.get("__Host-lw_consent")).toBe("withdrawn");
	});

	it("a withdrawal holds from the next request, on every device, for beacon and server events", async () => {
		const { shopper: laptop, email } = await registeredCustomer();
		const phone = new Shopper();
		expect((await login(phone, email)).status).toBe(200);
		const beacon = (browser: Shopper) =>
			browser.fetch("/api/v1/events", {
				method: "POST",
				headers: { "content-type": "application/json", "user-agent": BROWSER_UA },
				body: JSON.stringify({ events: [{ type: "page", path: "/products/blue-rug" }] }),
			});
		expect(((await (await beacon(phone)).json()) as { collecting: boolean }).collecting).toBe(true);

		const withdrawn = await laptop.json("/api/v1/me/consents", "PUT", { analytics: false });
		expect(withdrawn.status).toBe(200);
		const consents = (await withdrawn.json()) as { analytics: { given: boolean; policyVersion: string } };
		expect(consents.analytics.given).toBe(false);

		// The phone's own consent cookie never changed; the account's setting wins all the same.
		expect(((await (await beacon(phone)).json()) as { collecting: boolean }).collecting).toBe(false);
		expect(((await (await beacon(laptop)).json()) as { collecting: boolean }).collecting).toBe(false);
		const me = (await (await phone.fetch("/api/v1/me/consents")).json()) as { analytics: { given: boolean } };
		expect(me.analytics.given).toBe(false);

		// Given again: collection resumes.
		await laptop.json("/api/v1/me/consents", "PUT", { analytics: true });
		expect(((await (await beacon(laptop)).json()) as { collecting: boolean }).collecting).toBe(true);
	});
});
