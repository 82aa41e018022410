// Who the browser tour looks through: a guest (no cookies), a signed-in customer with one
// delivered order bought with a saved address, and an admin. Made once per run through the APIs.
import type { BrowserContext } from "playwright-core";
import { expect } from "vitest";
import { api, type CookieJar } from "../http-client.ts";
import { deliver, payLocally, registeredCustomer, variantInStock } from "../journeys.ts";
import { BASE_URL, signInBrowser } from "../shop.ts";
import { staffTeam } from "../staff.ts";
import type { TourPage } from "./types.ts";

export type TourActors = {
	customer: CookieJar;
	orderNumber: string;
	staffTokens: Record<"admin" | "support" | "compliance", string>;
};

let actors: Promise<TourActors> | undefined;

async function makeActors(): Promise<TourActors> {
	const run = Math.random().toString(36).slice(2, 8);
	const staff = await staffTeam(`tour${run}`, ["fulfilment", "support", "compliance"]);
	const customer = await registeredCustomer(
		`tour.${run}@example.org`,
		"a long passphrase for the tour",
		`Tour ${run}`,
	);
	const saved = await api<{ id: string }>("POST", "/api/v1/me/addresses", {
		jar: customer,
		body: {
			name: `Tova Rendell ${run}`,
			phone: "+1 503 555 0162",
			address: { line1: "8 Alder Lane", city: "Portland", region: "OR", postalCode: "97205", country: "US" },
		},
	});
	expect(saved.status, JSON.stringify(saved.body)).toBe(201);
	expect((await api("POST", "/api/v1/cart", { jar: customer })).status).toBeLessThan(300);
	const added = await api("POST", "/api/v1/cart/items", {
		jar: customer,
		body: { variantId: await variantInStock("last"), quantity: 1 },
	});
	expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
	const bought = await api<{ order: { number: string }; paymentUrl: string }>("POST", "/api/v1/me/checkout", {
		jar: customer,
		body: { shippingMethod: "standard", addressId: saved.body.id },
	});
	expect(bought.status, JSON.stringify(bought.body)).toBe(201);
	await payLocally(bought.body.paymentUrl);
	await deliver(bought.body.order.number, staff.fulfilment);
	return { customer, orderNumber: bought.body.order.number, staffTokens: staff };
}

/** The run's actors, made on first use. */
export function tourActors(): Promise<TourActors> {
	actors ??= makeActors();
	return actors;
}

/** Gives a browser context the identity a tour page is seen as. */
export async function actAs(context: BrowserContext, as: TourPage["as"], who: TourActors): Promise<void> {
	const { hostname } = new URL(BASE_URL);
	if (as === "customer") {
		await signInBrowser(context, who.customer);
	} else if (as !== "guest") {
		// What Access sets on a signed-in browser; locally /staff/sign-in sets the same cookie.
		const token = who.staffTokens[as === "staff" ? "admin" : as];
		await context.addCookies([
			{ name: "CF_Authorization", value: token, domain: hostname, path: "/", httpOnly: true },
		]);
	}
}
