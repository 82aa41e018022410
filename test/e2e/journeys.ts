// Steps the e2e journeys share, through the public and staff APIs of the shop under test: a guest
// buys a rug and pays on the local stand-in, the warehouse delivers it, a customer registers and
// confirms from the mailed link.
import { expect } from "vitest";
import { marketOfCountry } from "../../workers/storefront/markets/markets.ts";
import { api, CookieJar } from "./http-client.ts";
import { mailedLink } from "./mailbox.ts";
import { BASE_URL, CLIENT_HEADER, categorySlugs, getJson, productsIn } from "./shop.ts";

export type Contact = {
	name: string;
	phone: string;
	address: { line1: string; city: string; region?: string; postalCode: string; country: string };
};
type ProductDetail = { slug: string; variants: { id: number; stock: number }[] };

/** A variant in stock, from the given end of the catalog (journeys take rugs apart from each other). */
export async function variantInStock(from: "first" | "last"): Promise<number> {
	const categories = await categorySlugs();
	const category = (from === "first" ? categories[0] : categories.at(-1)) ?? "";
	const products = await productsIn(category);
	for (const listed of from === "first" ? products : [...products].reverse()) {
		const product = (await getJson<ProductDetail>(`/api/v1/products/${listed.slug}`)).body;
		const variant = [...product.variants].sort((a, b) => b.stock - a.stock)[0];
		if (variant && variant.stock > 0) return variant.id;
	}
	throw new Error(`no variant in stock in ${category}`);
}

/** Pays an order on the local payment stand-in, as its page's form does. */
export async function payLocally(paymentUrl: string): Promise<void> {
	const paid = await fetch(`${BASE_URL}${new URL(paymentUrl).pathname}`, {
		method: "POST",
		headers: { ...CLIENT_HEADER, origin: BASE_URL, "content-type": "application/x-www-form-urlencoded" },
		body: "decision=pay",
		redirect: "manual",
		signal: AbortSignal.timeout(15_000),
	});
	expect(paid.status).toBe(303);
}

/** A guest's paid order of one rug: its number. */
export async function guestBuys(email: string, contact: Contact, variantId: number): Promise<string> {
	const jar = new CookieJar();
	expect((await api("POST", "/api/v1/cart", { jar })).status).toBe(201);
	// A shopper of the destination's market: the cart is in its prices before checkout (issue #13).
	const market = marketOfCountry(contact.address.country);
	if (market && market !== "us")
		expect((await api("PUT", "/api/v1/cart/market", { jar, body: { market } })).status).toBe(200);
	const added = await api("POST", "/api/v1/cart/items", { jar, body: { variantId, quantity: 1 } });
	expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
	const checkout = await api<{ order: { number: string }; paymentUrl: string }>("POST", "/api/v1/checkout", {
		jar,
		body: { email, ...contact, shippingMethod: "standard" },
	});
	expect(checkout.status, JSON.stringify(checkout.body)).toBe(201);
	await payLocally(checkout.body.paymentUrl);
	return checkout.body.order.number;
}

/** The warehouse packs, ships and delivers an order. */
export async function deliver(orderNumber: string, fulfilment: string): Promise<void> {
	const steps: [string, unknown][] = [
		["pack", undefined],
		["ship", { carrier: "DHL Express", trackingNumber: `JD-${orderNumber.slice(-4)}` }],
		["deliver", undefined],
	];
	for (const [action, body] of steps) {
		const done = await api("POST", `/api/v1/staff/orders/${orderNumber}/${action}`, {
			staff: fulfilment,
			body,
		});
		expect(done.status, `${action}: ${JSON.stringify(done.body)}`).toBe(200);
	}
}

/** Registers, confirms from the mailed link, and is signed in: the jar holds the session. */
export async function registeredCustomer(
	email: string,
	password: string,
	nickname: string,
): Promise<CookieJar> {
	const since = Date.now() - 1000;
	const registered = await api("POST", "/api/v1/auth/register", {
		body: { email, password, nickname, consents: { analytics: false, marketing: false }, acceptPolicy: true },
	});
	expect(registered.status, JSON.stringify(registered.body)).toBe(202);
	const link = new URL(await mailedLink("/account/confirm", since), BASE_URL);
	const jar = new CookieJar();
	const confirmed = await api("POST", "/api/v1/auth/confirm", {
		jar,
		body: { token: link.searchParams.get("token"), password },
	});
	expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
	return jar;
}
