// The server is the source of truth for cart and purchase events: the routes that change a cart
// emit them, and a purchase is counted when the order is paid (its webhook), with the consent the
// shopper had when placing it; all under the same consent rules as the beacon.
import { describe, expect, it } from "vitest";
import { testClientIp } from "../fixtures/commerce";
import { BASE, BROWSER_UA, fetchWith, recordingQueue, seedCategory } from "./helpers";

type Sent = { type: string; productId?: number; productIds?: number[] };

/** A shopper session against a fresh app whose queue records what it would send. */
function session(headers: Record<string, string> = {}, initialCookies: Record<string, string> = {}) {
	const { queue, sent } = recordingQueue();
	const ip = testClientIp();
	const cookies = new Map<string, string>(Object.entries(initialCookies));
	/** A JSON call, or with `form`, a form post from this site (the payment page). */
	const call = async (method: string, path: string, body?: unknown, form?: string) => {
		const res = await fetchWith({ EVENTS: queue }, path, {
			method,
			headers: {
				"User-Agent": BROWSER_UA,
				"CF-Connecting-IP": ip,
				"Content-Type": form === undefined ? "application/json" : "application/x-www-form-urlencoded",
				Origin: BASE,
				Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
				...headers,
			},
			body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
		});
		for (const line of res.headers.getSetCookie()) {
			const [name, ...value] = (line.split(";")[0] ?? "").split("=");
			if (name) cookies.set(name, value.join("="));
		}
		return res;
	};
	return { call, sent: sent as Sent[] };
}

const checkoutBody = {
	email: "events-test@example.com",
	name: "Events Test",
	phone: "+1 415 555 0100",
	address: { line1: "1 Test St", city: "Springfield", region: "IL", postalCode: "62701", country: "US" },
	shippingMethod: "standard",
};

describe("server-side analytics events", () => {
	it("emits cart_add, cart_remove and purchase from the routes that cause them", async () => {
		const { ids } = await seedCategory(2);
		const [first, second] = ids as [number, number];
		const shopper = session();
		expect((await shopper.call("POST", "/api/v1/cart")).status).toBe(201);
		expect((await shopper.call("POST", "/api/v1/cart/items", { variantId: first, quantity: 2 })).status).toBe(
			200,
		);
		expect(
			(await shopper.call("POST", "/api/v1/cart/items", { variantId: second, quantity: 1 })).status,
		).toBe(200);
		expect((await shopper.call("PATCH", `/api/v1/cart/items/${first}`, { quantity: 1 })).status).toBe(200);
		expect((await shopper.call("PATCH", `/api/v1/cart/items/${first}`, { quantity: 1 })).status).toBe(200);
		expect((await shopper.call("DELETE", `/api/v1/cart/items/${second}`)).status).toBe(200);
		expect(
			(await shopper.call("POST", "/api/v1/cart/items", { variantId: second, quantity: 1 })).status,
		).toBe(200);
		const placed = await shopper.call("POST", "/api/v1/checkout", checkoutBody);
		expect(placed.status).toBe(201);
		const cartEvents = [
			["cart_add", first],
			["cart_add", second],
			["cart_remove", first],
			// An unchanged quantity is no event.
			["cart_remove", second],
			["cart_add", second],
		];
		// Placing an order is not a purchase yet: it is counted when paid, once.
		expect(shopper.sent.map((e) => [e.type, e.productId ?? e.productIds])).toEqual(cartEvents);
		await pay(shopper, ((await placed.json()) as { paymentUrl: string }).paymentUrl, "pay");
		expect(shopper.sent.map((e) => [e.type, e.productId ?? e.productIds])).toEqual([
			...cartEvents,
			["purchase", [first, second]],
		]);
		expect(shopper.sent.at(-1)).toMatchObject({ device: "desktop" });
		// Nothing personal rides along: the envelope holds only coarse dimensions. (The whole phone
		// number: a bare "555" also turns up in random event ids, now and then.)
		expect(JSON.stringify(shopper.sent)).not.toMatch(/events-test|Springfield|415 555 0100|Safari|Macintosh/);
	});

	it.each([
		["Sec-GPC: 1", { "Sec-GPC": "1" }, {}],
		["DNT: 1", { DNT: "1" }, {}],
		["withdrawn consent", {}, { "__Host-lw_consent": "withdrawn" }],
	])("emits nothing under %s", async (_label, headers, cookies) => {
		const { ids } = await seedCategory(1);
		const shopper = session(headers, cookies);
		await shopper.call("POST", "/api/v1/cart");
		expect(
			(await shopper.call("POST", "/api/v1/cart/items", { variantId: ids[0], quantity: 1 })).status,
		).toBe(200);
		const placed = await shopper.call("POST", "/api/v1/checkout", checkoutBody);
		expect(placed.status).toBe(201);
		// Consent was refused when the order was placed: its payment is no purchase event either.
		await pay(shopper, ((await placed.json()) as { paymentUrl: string }).paymentUrl, "pay");
		expect(shopper.sent).toEqual([]);
	});

	it("counts no purchase for a declined payment", async () => {
		const { ids } = await seedCategory(1);
		const shopper = session();
		await shopper.call("POST", "/api/v1/cart");
		await shopper.call("POST", "/api/v1/cart/items", { variantId: ids[0], quantity: 1 });
		const placed = await shopper.call("POST", "/api/v1/checkout", checkoutBody);
		await pay(shopper, ((await placed.json()) as { paymentUrl: string }).paymentUrl, "decline");
		expect(shopper.sent.map((e) => e.type)).toEqual(["cart_add"]);
	});
});

/** Answers the local hosted payment page, whose webhook reaches the same app (and queue). */
async function pay(shopper: ReturnType<typeof session>, paymentUrl: string, decision: "pay" | "decline") {
	const res = await shopper.call("POST", new URL(paymentUrl).pathname, undefined, `decision=${decision}`);
	expect(res.status).toBe(303);
}
