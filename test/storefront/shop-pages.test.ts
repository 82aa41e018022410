// The shopper's HTML path without JavaScript: product page form → cart page → checkout form →
// hosted payment page, through the real worker, with the cookies a browser would keep.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatPrice, sizeLabel } from "../../workers/storefront/catalog/format";
import * as schema from "../../workers/storefront/db/schema";
import { BROWSER_UA, fetchWith, recordingQueue } from "./analytics/helpers";
import { submitPaymentDecision } from "./fixtures/checkout-flow";
import {
	BASE,
	CART_COOKIE,
	createVariant,
	type FixtureVariant,
	orderByNumber,
	Shopper,
	stockOf,
	testDb,
} from "./fixtures/commerce";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

function postForm(shopper: Shopper, path: string, fields: Record<string, string> | string[][] | string) {
	const body = typeof fields === "string" ? fields : new URLSearchParams(fields).toString();
	return shopper.fetch(path, { method: "POST", headers: FORM, body });
}

const addToCart = (shopper: Shopper, variantId: number, quantity: number | string) =>
	postForm(shopper, "/cart/items", { variantId: String(variantId), quantity: String(quantity) });

async function htmlOf(res: Response, status: number): Promise<string> {
	const text = await res.text();
	expect(res.status, text.slice(0, 500)).toBe(status);
	expect(res.headers.get("content-type")).toContain("text/html");
	return text;
}

/** A shopper-specific page: HTML, never cached anywhere. */
async function privatePage(res: Response, status = 200): Promise<string> {
	expect(res.headers.get("cache-control")).toBe("no-store");
	expect(res.headers.get("etag")).toBeNull();
	return htmlOf(res, status);
}

/** Every input and select has a label pointing at it; one h1; no inline script (JSON-LD is data, not run). */
function expectLabelledControls(html: string) {
	const ids = [...html.matchAll(/<(?:select|input) id="([^"]+)"/g)].map((m) => m[1]);
	for (const id of ids) expect(html, `label for ${id}`).toMatch(new RegExp(`<label for="${id}"[ >]`));
	expect(html.match(/<(?:select|input) (?!id=)[^>]*>/g) ?? []).toEqual([]);
	expect(html.match(/<h1[ >]/g)).toHaveLength(1);
	for (const script of html.match(/<script[^>]*>/g) ?? []) {
		if (script !== '<script type="application/ld+json">') expect(script).toMatch(/ src="\//);
	}
}

function lineRow(html: string, variantId: number): string | undefined {
	return new RegExp(`<tr data-variant-id="${variantId}">(.*?)</tr>`, "s").exec(html)?.[1];
}

/** A second, sold-out variant of the fixture's product. */
async function addSoldOutVariant(variant: FixtureVariant): Promise<number> {
	const id = variant.variantId + 500_000;
	await testDb()
		.insert(schema.variants)
		.values({
			id,
			productId: variant.productId,
			sku: `SKU-${id}`,
			size: "5x7",
			color: "slate",
			priceMinor: 9_900,
			currency: variant.currency,
			stock: 0,
		});
	return id;
}

const CHECKOUT_FORM = {
	email: "grace@example.com",
	phone: "+1 415 555 0199",
	name: "Grace Hopper",
	line1: "2 Harbor Way",
	line2: "",
	city: "San Francisco",
	region: "CA",
	postalCode: "94105",
	country: "US",
	shippingMethod: "standard",
};

async function shopperWithCart(quantity = 1, stock = 5) {
	const variant = await createVariant({ stock, priceMinor: 12_900 });
	const shopper = new Shopper();
	expect((await addToCart(shopper, variant.variantId, quantity)).status).toBe(303);
	return { shopper, variant };
}

async function countOrders(): Promise<number> {
	return (await env.DB.prepare("select count(*) as n from orders").first<{ n: number }>())?.n ?? 0;
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("GET /p/{slug}: the add-to-cart form", () => {
	it("offers in-stock variants only, posts to /cart/items, and keeps the page public and cacheable", async () => {
		const variant = await createVariant({ stock: 3 });
		const soldOut = await addSoldOutVariant(variant);
		const res = await new Shopper().fetch(`/p/rug-${variant.productId}`);
		expect(res.headers.get("cache-control")).toMatch(/^public/);
		expect(res.headers.get("etag")).toBeTruthy();
		expect(res.headers.getSetCookie()).toEqual([]);
		const html = await htmlOf(res, 200);
		expectLabelledControls(html);
		const form = /<form class="buy" method="post" action="\/cart\/items"[^>]*>(.*?)<\/form>/s.exec(html)?.[1];
		expect(form).toBeDefined();
		expect(form).toContain(`<option value="${variant.variantId}">`);
		expect(form).not.toContain(`value="${soldOut}"`);
		expect(form).toMatch(/<input id="quantity" name="quantity" type="number" inputmode="numeric"/);
		// The header links to the cart without any per-shopper count.
		expect(html).toContain('<a class="cart-link" href="/cart">Cart</a>');
	});

	it("offers no form when every variant is sold out", async () => {
		const variant = await createVariant({ stock: 0 });
		const html = await htmlOf(await new Shopper().fetch(`/p/rug-${variant.productId}`), 200);
		expect(html).not.toContain('action="/cart/items"');
	});
});

describe("POST /cart/items (form)", () => {
	it("creates the cart, adds the item, 303s to /cart, which shows the line", async () => {
		const variant = await createVariant({ stock: 5, priceMinor: 12_900, name: "Tide Pool Runner" });
		const shopper = new Shopper();
		const res = await addToCart(shopper, variant.variantId, 2);
		expect(res.status).toBe(303);
		expect(res.headers.get("location")).toBe("/cart");
		expect(shopper.cookies.has(CART_COOKIE)).toBe(true);

		const html = await privatePage(await shopper.fetch("/cart"));
		expectLabelledControls(html);
		const row = lineRow(html, variant.variantId);
		expect(row).toContain(`<a href="/p/rug-${variant.productId}">Tide Pool Runner</a>`);
		expect(row).toContain(`Size ${sizeLabel("120x180")} · Colour Sand`);
		expect(row).toContain(formatPrice(12_900, "USD"));
		expect(row).toContain('value="2"');
		expect(row).toContain(formatPrice(25_800, "USD"));
		expect(row).toContain(`action="/cart/items/${variant.variantId}/remove"`);
		expect(html).toMatch(/<td class="num" data-subtotal="">\$258\.00<\/td>/);
		expect(html).toContain('<a class="button" href="/checkout">Checkout</a>');

		// Adding again merges with the line.
		expect((await addToCart(shopper, variant.variantId, 1)).status).toBe(303);
		expect(lineRow(await (await shopper.fetch("/cart")).text(), variant.variantId)).toContain('value="3"');
	});

	it("starts a fresh cart when the cookie is forged or names a spent cart", async () => {
		const variant = await createVariant({ stock: 5 });
		const forged = new Shopper();
		forged.cookies.set(CART_COOKIE, "AAAAAAAAAAAAAAAAAAAAAA.bm90LWEtc2lnbmF0dXJl");
		expect((await addToCart(forged, variant.variantId, 1)).status).toBe(303);
		expect(lineRow(await (await forged.fetch("/cart")).text(), variant.variantId)).toBeDefined();

		const { shopper } = await shopperWithCart();
		const spentCookie = shopper.cookies.get(CART_COOKIE) as string;
		expect((await postForm(shopper, "/checkout", CHECKOUT_FORM)).status).toBe(303);
		shopper.cookies.set(CART_COOKIE, spentCookie);
		expect((await addToCart(shopper, variant.variantId, 1)).status).toBe(303);
		expect(shopper.cookies.get(CART_COOKIE)).not.toBe(spentCookie);
	});

	it.each([
		["more than in stock", 4, 409, "Only 3 left in stock"],
		["over the per-line limit", 11, 400, "Choose a size and colour, and choose a quantity from 1 to 10."],
		["zero", 0, 400, "choose a quantity from 1 to 10"],
		["not a number", "two", 400, "choose a quantity from 1 to 10"],
	])("re-renders the cart with the reason for %s", async (_label, quantity, status, message) => {
		const variant = await createVariant({ stock: 3 });
		const shopper = new Shopper();
		const html = await privatePage(await addToCart(shopper, variant.variantId, quantity), status);
		expect(html).toContain('<div class="notice" role="alert">');
		expect(html).toContain(message);
		expect(html).toContain("<title>Error: Your cart · Loomwash</title>");
	});

	it("refuses a variant that does not exist with a 404 page", async () => {
		const html = await privatePage(await addToCart(new Shopper(), 2_000_000_000, 1), 404);
		expect(html).toContain("No such variant");
	});
});

describe("cart line forms", () => {
	it("changes a line's quantity and removes it, each answering 303 to /cart", async () => {
		const { shopper, variant } = await shopperWithCart(1);
		const update = await postForm(shopper, `/cart/items/${variant.variantId}`, { quantity: "4" });
		expect(update.status).toBe(303);
		expect(update.headers.get("location")).toBe("/cart");
		expect(lineRow(await (await shopper.fetch("/cart")).text(), variant.variantId)).toContain('value="4"');

		const remove = await postForm(shopper, `/cart/items/${variant.variantId}/remove`, "");
		expect(remove.status).toBe(303);
		const html = await privatePage(await shopper.fetch("/cart"));
		expect(lineRow(html, variant.variantId)).toBeUndefined();
		expect(html).toContain("Your cart is empty.");
		expect(html).not.toContain('href="/checkout"');
	});

	it("refuses a quantity above stock with 409 and keeps the line as it was", async () => {
		const { shopper, variant } = await shopperWithCart(2, 3);
		const html = await privatePage(
			await postForm(shopper, `/cart/items/${variant.variantId}`, { quantity: "5" }),
			409,
		);
		expect(html).toContain("Only 3 left in stock");
		expect(lineRow(html, variant.variantId)).toContain('value="2"');
	});

	it("warns about a line that sold out and hides the checkout link", async () => {
		const { shopper, variant } = await shopperWithCart(2, 3);
		await env.DB.prepare("update variants set stock = 1 where id = ?").bind(variant.variantId).run();
		const html = await privatePage(await shopper.fetch("/cart"));
		expect(lineRow(html, variant.variantId)).toContain("Only 1 left: lower the quantity to check out.");
		expect(html).not.toContain('href="/checkout"');
		// And the checkout page sends the shopper back to the cart.
		const checkout = await shopper.fetch("/checkout");
		expect(checkout.status).toBe(303);
		expect(checkout.headers.get("location")).toBe("/cart");
	});

	it.each([
		["a line not in the cart", "/cart/items/999999999", { quantity: "1" }, 404],
		["a garbage variant id", "/cart/items/abc", { quantity: "1" }, 404],
		["removing a line not in the cart", "/cart/items/999999999/remove", {}, 404],
		["a bad quantity", "/cart/items/1", { quantity: "-1" }, 400],
	])("answers %s with an HTML page, not JSON", async (_label, path, fields, status) => {
		const { shopper } = await shopperWithCart();
		await privatePage(await postForm(shopper, path, fields), status);
	});

	it("shows the empty state, and answers changes with 404, for a shopper without a cart", async () => {
		const shopper = new Shopper();
		const html = await privatePage(await shopper.fetch("/cart"));
		expect(html).toContain("Your cart is empty.");
		expect(shopper.cookies.size).toBe(0);
		await privatePage(await postForm(shopper, "/cart/items/1", { quantity: "1" }), 404);
		const checkout = await shopper.fetch("/checkout");
		expect(checkout.status).toBe(303);
		expect(checkout.headers.get("location")).toBe("/cart");
	});
});

describe("GET /checkout", () => {
	it("shows an accessible form with the order summary, never cached", async () => {
		const { shopper } = await shopperWithCart(2);
		const html = await privatePage(await shopper.fetch("/checkout"));
		expectLabelledControls(html);
		expect(html).toContain('<form method="post" action="/checkout" novalidate="">');
		for (const legend of ["Contact", "Delivery address", "Shipping method"]) {
			expect(html).toContain(`<legend>${legend}</legend>`);
		}
		for (const [field, autocomplete] of [
			["email", "email"],
			["phone", "tel"],
			["name", "shipping name"],
			["line1", "shipping address-line1"],
			["city", "shipping address-level2"],
			["region", "shipping address-level1"],
			["postalCode", "shipping postal-code"],
		]) {
			expect(html).toMatch(
				new RegExp(`<input id="f-${field}" name="${field}"[^>]* autocomplete="${autocomplete}"`),
			);
		}
		expect(html).toMatch(/<input id="f-email" name="email" type="email"/);
		expect(html).toMatch(/<input id="f-phone" name="phone" type="tel"/);
		expect(html).toContain('<select id="f-country" name="country" autocomplete="shipping country"');
		// A US cart is sold in the US market: its one country is offered, preselected (issue #13).
		const countries = /<select id="f-country"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? "";
		expect(countries).toBe('<option value="US" selected="">United States</option>');
		// Shipping prices for this cart ($258 qualifies for free standard shipping).
		expect(html).toContain('<input id="f-shippingMethod-standard" type="radio" name="shippingMethod"');
		expect(html).toContain("Free for this order");
		expect(html).toContain(`${formatPrice(2_495, "USD")} · Delivery in 1–2 working days`);
		expect(html).toContain(formatPrice(25_800, "USD"));
		expect(html).not.toContain('role="alert"');
	});
});

describe("POST /checkout (form)", () => {
	it("places the order, 303s to the hosted page, and the payment marks it paid", async () => {
		const { shopper, variant } = await shopperWithCart(2, 5);
		const res = await postForm(shopper, "/checkout", { ...CHECKOUT_FORM, shippingMethod: "express" });
		expect(res.status).toBe(303);
		const location = res.headers.get("location") ?? "";
		expect(location.startsWith(`${BASE}/pay/local/`)).toBe(true);
		expect(shopper.cookies.has(CART_COOKIE)).toBe(false);
		expect(await stockOf(variant.variantId)).toBe(3);

		const paymentPath = location.slice(BASE.length);
		const page = await htmlOf(await shopper.fetch(paymentPath), 200);
		// California's 7.25 % sales tax on goods and shipping is added: 28,295 × 0.0725 = 2,051.39.
		expect(page).toContain(formatPrice(25_800 + 2_495 + 2_051, "USD"));
		const paid = await submitPaymentDecision(shopper, paymentPath, "pay");
		expect(paid.status).toBe(303);
		const number = /\/orders\/(LW-[^/]+)\/thanks$/.exec(paid.headers.get("location") ?? "")?.[1];
		expect(number).toBeDefined();
		expect(await orderByNumber(number as string)).toMatchObject({
			status: "paid",
			totalMinor: 25_800 + 2_495 + 2_051,
			shippingMethod: "express",
		});
		// The cart is spent: the cart page is empty again.
		expect(await (await shopper.fetch("/cart")).text()).toContain("Your cart is empty.");
	});

	it("re-renders with 400, an error summary, per-field messages and the values typed, logging none of them", async () => {
		const logged: string[] = [];
		for (const level of ["log", "info", "warn", "error", "debug"] as const) {
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				logged.push(args.map(String).join(" "));
			});
		}
		const { shopper, variant } = await shopperWithCart(1, 5);
		const orders = await countOrders();
		const res = await postForm(shopper, "/checkout", {
			...CHECKOUT_FORM,
			email: "grace-at-example",
			city: "Quahog Marker City",
			postalCode: "9410",
			region: "",
			shippingMethod: "drone",
		});
		const html = await privatePage(res, 400);
		expectLabelledControls(html);
		expect(html).toContain("<title>Error: Checkout · Loomwash</title>");
		expect(html).toMatch(
			/<div class="notice" role="alert" aria-labelledby="error-summary-title" tabindex="-1">/,
		);
		expect(html).toContain('<a href="#f-email">Enter an email address like name@example.com</a>');
		expect(html).toContain('<a href="#f-postalCode">Not a valid US postal code (e.g. 94103)</a>');
		expect(html).toContain('<a href="#f-region">A region is required for US</a>');
		expect(html).toContain('<a href="#f-shippingMethod-standard">Choose a shipping method</a>');
		expect(html).toMatch(
			/<input id="f-email" name="email" type="email" value="grace-at-example"[^>]* aria-invalid="true" aria-describedby="f-email-hint f-email-error"/,
		);
		expect(html).toContain('<span class="error" id="f-email-error">');
		// What was typed comes back, valid or not; fields without errors are not marked invalid.
		expect(html).toMatch(
			/<input id="f-city" name="city" type="text" value="Quahog Marker City"(?![^>]*aria-invalid)/,
		);
		expect(html).toContain('<option value="US" selected="">');
		// Nothing written, nothing personal logged.
		expect(await countOrders()).toBe(orders);
		expect(await stockOf(variant.variantId)).toBe(5);
		expect(logged.join("\n")).not.toMatch(/grace|quahog|hopper|harbor|555 0199|9410/i);
	});

	it.each([
		[
			"everything missing",
			"",
			["email", "phone", "name", "line1", "city", "postalCode", "country", "shippingMethod"],
		],
		["an unsupported country", { ...CHECKOUT_FORM, country: "XX" }, ["country"]],
		["a blank name", { ...CHECKOUT_FORM, name: "   " }, ["name"]],
		["a bad phone", { ...CHECKOUT_FORM, phone: "call me" }, ["phone"]],
		["an overlong city", { ...CHECKOUT_FORM, city: "x".repeat(200) }, ["city"]],
		["repeated keys", [...Object.entries(CHECKOUT_FORM), ["email", "second@example.com"]], ["email"]],
	])("reports %s per field", async (_label, body, fields) => {
		const { shopper } = await shopperWithCart();
		const html = await privatePage(await postForm(shopper, "/checkout", body), 400);
		for (const field of fields) {
			expect(html, field).toMatch(new RegExp(`<a href="#f-${field}(-standard)?">[^<]+</a>`));
		}
		expect(html.match(/<li><a href="#f-/g)).toHaveLength(fields.length);
	});

	it("reports unknown fields as a form-level problem", async () => {
		const { shopper } = await shopperWithCart();
		const html = await privatePage(
			await postForm(shopper, "/checkout", { ...CHECKOUT_FORM, birthday: "1906-12-09" }),
			400,
		);
		expect(html).toContain("The form had fields we don&#39;t know.");
		expect(html).toContain('value="grace@example.com"');
	});

	it("re-renders with 409 and the message when an item sold out meanwhile", async () => {
		const { shopper, variant } = await shopperWithCart(2, 5);
		await env.DB.prepare("update variants set stock = 1 where id = ?").bind(variant.variantId).run();
		const html = await privatePage(await postForm(shopper, "/checkout", CHECKOUT_FORM), 409);
		expect(html).toContain("Some items are no longer available in that quantity");
		expect(html).toContain('value="Grace Hopper"');
		expect(await stockOf(variant.variantId)).toBe(1);
		expect(shopper.cookies.has(CART_COOKIE)).toBe(true);
	});

	it("sends a shopper without a cart to the cart page", async () => {
		const res = await postForm(new Shopper(), "/checkout", CHECKOUT_FORM);
		expect(res.status).toBe(303);
		expect(res.headers.get("location")).toBe("/cart");
	});
});

describe("CSRF", () => {
	it.each([
		["another origin", { origin: "https://evil.example" }],
		["another origin, cross-site fetch", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
		["no origin at all", { origin: "" }],
	])("refuses a form post from %s", async (_label, headers) => {
		const variant = await createVariant({ stock: 5 });
		const shopper = new Shopper();
		const post = (path: string, body: string) =>
			shopper.fetch(path, { method: "POST", headers: { ...FORM, ...headers }, body });
		const add = await post("/cart/items", `variantId=${variant.variantId}&quantity=1`);
		expect(add.status).toBe(403);
		expect(shopper.cookies.has(CART_COOKIE)).toBe(false);

		const { shopper: victim, variant: bought } = await shopperWithCart(1, 5);
		const checkout = await victim.fetch("/checkout", {
			method: "POST",
			headers: { ...FORM, ...headers },
			body: new URLSearchParams(CHECKOUT_FORM).toString(),
		});
		expect(checkout.status).toBe(403);
		expect(await stockOf(bought.variantId)).toBe(5);
		const remove = await victim.fetch(`/cart/items/${bought.variantId}/remove`, {
			method: "POST",
			headers: { ...FORM, ...headers },
		});
		expect(remove.status).toBe(403);
		expect(lineRow(await (await victim.fetch("/cart")).text(), bought.variantId)).toBeDefined();
	});

	it("accepts the same-origin form post a browser sends", async () => {
		const variant = await createVariant({ stock: 5 });
		const res = await new Shopper().fetch("/cart/items", {
			method: "POST",
			headers: { ...FORM, origin: BASE, "sec-fetch-site": "same-origin" },
			body: `variantId=${variant.variantId}&quantity=1`,
		});
		expect(res.status).toBe(303);
	});
});

describe("hostile form bodies", () => {
	const HOSTILE: [string, { contentType?: string; body: string }][] = [
		["garbage", { body: "%%%&&&===\u0000\uffff" }],
		["empty", { body: "" }],
		["huge values", { body: `variantId=${"9".repeat(20_000)}&quantity=1&email=${"a".repeat(10_000)}` }],
		["over the body limit", { body: `email=${"a".repeat(40_000)}` }],
		[
			"repeated keys",
			{ body: "variantId=1&variantId=2&quantity=1&quantity=2&email=a&email=b&country=US&country=GB" },
		],
		["prototype keys", { body: "__proto__=1&constructor=2&toString=3" }],
		[
			"unicode",
			{ body: `quantity=${encodeURIComponent("١٢")}&city=${encodeURIComponent("😀".repeat(300))}` },
		],
		["nested-looking keys", { body: "address[line1]=x&address.city=y&items[]=1" }],
		["JSON", { contentType: "application/json", body: '{"variantId":1,"quantity":1}' }],
		["text/plain", { contentType: "text/plain", body: "variantId=1" }],
		["broken multipart", { contentType: "multipart/form-data; boundary=xyz", body: "--xyz\r\nnope" }],
		[
			"a file upload",
			{
				contentType: "multipart/form-data; boundary=b",
				body: '--b\r\nContent-Disposition: form-data; name="email"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--\r\n',
			},
		],
	];

	it("never answers 5xx or JSON on any form route", async () => {
		const { shopper, variant } = await shopperWithCart(1, 5);
		const paths = [
			"/cart/items",
			`/cart/items/${variant.variantId}`,
			`/cart/items/${variant.variantId}/remove`,
		];
		for (const [label, { contentType, body }] of HOSTILE) {
			for (const path of [...paths, "/checkout", "/cart/items/%00", "/cart/items/-1/remove"]) {
				const res = await shopper.fetch(path, {
					method: "POST",
					headers: { "content-type": contentType ?? FORM["content-type"] },
					body,
				});
				const text = await res.text();
				expect(res.status, `${label} ${path}: ${text.slice(0, 200)}`).toBeLessThan(500);
				if (res.status >= 400 && res.status !== 413) {
					expect(res.headers.get("content-type"), `${label} ${path}`).toContain("text/html");
				}
			}
		}
		// The cart survived the barrage (or, if a hostile body happened to be valid, is still a cart).
		expect((await shopper.fetch("/cart")).status).toBe(200);
	});
});

describe("analytics from the forms", () => {
	it("emits the same cart_add, cart_remove and purchase events as the JSON routes", async () => {
		const variant = await createVariant({ stock: 9 });
		const { queue, sent } = recordingQueue();
		const cookies = new Map<string, string>();
		const post = async (path: string, fields: Record<string, string>) => {
			const res = await fetchWith({ EVENTS: queue }, path, {
				method: "POST",
				headers: {
					...FORM,
					origin: BASE,
					"user-agent": BROWSER_UA,
					cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
				},
				body: new URLSearchParams(fields).toString(),
			});
			for (const line of res.headers.getSetCookie()) {
				const [name, ...value] = (line.split(";")[0] ?? "").split("=");
				if (name) cookies.set(name, value.join("="));
			}
			return res;
		};
		const id = String(variant.variantId);
		expect((await post("/cart/items", { variantId: id, quantity: "3" })).status).toBe(303);
		expect((await post(`/cart/items/${id}`, { quantity: "1" })).status).toBe(303);
		expect((await post(`/cart/items/${id}/remove`, {})).status).toBe(303);
		expect((await post("/cart/items", { variantId: id, quantity: "1" })).status).toBe(303);
		const placed = await post("/checkout", CHECKOUT_FORM);
		expect(placed.status).toBe(303);
		// The purchase is counted once paid, on the hosted page (whose webhook reaches the same app).
		const payment = new URL(placed.headers.get("location") ?? "").pathname;
		expect((await post(payment, { decision: "pay" })).status).toBe(303);
		const events = sent as { type: string; productId?: number; productIds?: number[] }[];
		expect(events.map((e) => [e.type, e.productId ?? e.productIds])).toEqual([
			["cart_add", variant.productId],
			["cart_remove", variant.productId],
			["cart_remove", variant.productId],
			["cart_add", variant.productId],
			["purchase", [variant.productId]],
		]);
		expect(JSON.stringify(sent)).not.toMatch(/grace|hopper|harbor/i);
	});
});
