// The account pages through the real worker (and the real vault beside it), as a browser without
// JavaScript uses them: register, sign in and out, a forgotten password, the overview, profile,
// address book, orders, and checking out to a saved address. Each form's success path answers 303;
// each refusal is the page again with a 4xx, the reasons linked to their fields, and nothing changed.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { formatPrice } from "../../../workers/storefront/catalog/format";
import {
	accountIdOf,
	login,
	mailedToken,
	PASSWORD,
	registeredCustomer,
	SESSION_COOKIE,
	uniqueEmail,
} from "../fixtures/accounts";
import { submitPaymentDecision } from "../fixtures/checkout-flow";
import { createVariant, orderByNumber, Shopper } from "../fixtures/commerce";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

function postForm(shopper: Shopper, path: string, fields: Record<string, string> | string = {}) {
	const body = typeof fields === "string" ? fields : new URLSearchParams(fields).toString();
	return shopper.fetch(path, { method: "POST", headers: FORM, body });
}

/** A personal page: HTML, never cached, kept out of search engines, one h1, every control labelled. */
async function personalPage(res: Response, status = 200): Promise<string> {
	const html = await res.text();
	expect(res.status, html.slice(0, 800)).toBe(status);
	expect(res.headers.get("content-type")).toContain("text/html");
	expect(res.headers.get("cache-control")).toBe("no-store");
	expect(html).toContain('<meta name="robots" content="noindex"/>');
	expect(html.match(/<h1[ >]/g)).toHaveLength(1);
	const ids = [...html.matchAll(/<(?:select|input) id="([^"]+)"/g)].map((m) => m[1]);
	for (const id of ids) expect(html, `label for ${id}`).toMatch(new RegExp(`<label for="${id}"[ >]`));
	expect(html).not.toMatch(/<script(?![^>]* src="\/)/);
	return html;
}

function expectSeeOther(res: Response, location: string) {
	expect(res.status).toBe(303);
	expect(res.headers.get("location")).toBe(location);
}

async function myAddresses(shopper: Shopper): Promise<{ id: string; name: string }[]> {
	const res = await shopper.fetch("/api/v1/me/addresses");
	expect(res.status).toBe(200);
	return ((await res.json()) as { addresses: { id: string; name: string }[] }).addresses;
}

async function myNickname(shopper: Shopper): Promise<string> {
	return ((await (await shopper.fetch("/api/v1/me")).json()) as { nickname: string }).nickname;
}

const ADDRESS = {
	name: "Margaret Hamilton",
	phone: "+1 617 555 0142",
	line1: "77 Massachusetts Ave",
	line2: "",
	city: "Cambridge",
	region: "MA",
	postalCode: "02139",
	country: "US",
};

async function countOrders(): Promise<number> {
	return (await env.DB.prepare("select count(*) as n from orders").first<{ n: number }>())?.n ?? 0;
}

describe("signed out", () => {
	it.each([
		["/account", "/account"],
		["/account/profile", "/account/profile"],
		["/account/addresses", "/account/addresses"],
		["/account/orders", "/account/orders"],
		["/account/orders/LW-AAAA-BBBB-CCCC", "/account/orders/LW-AAAA-BBBB-CCCC"],
	])("GET %s sends the guest to sign in and back", async (path, back) => {
		const res = await new Shopper().fetch(path);
		expectSeeOther(res, `/account/login?next=${encodeURIComponent(back)}`);
		expect(res.headers.get("cache-control")).toBe("no-store");
	});

	it("a form posted without a session changes nothing and goes to sign in", async () => {
		const res = await postForm(new Shopper(), "/account/addresses", ADDRESS);
		expectSeeOther(res, "/account/login?next=%2Faccount%2Faddresses");
	});
});

describe("register", () => {
	it("shows the form, registers, says check your email, and the mailed link confirms", async () => {
		const shopper = new Shopper();
		const form = await personalPage(await shopper.fetch("/account/register"));
		expect(form).toContain('action="/account/register"');
		expect(form).toContain('<a href="/privacy">privacy policy</a>');

		const email = uniqueEmail("register-page");
		const res = await postForm(shopper, "/account/register", {
			email,
			password: PASSWORD,
			nickname: "Page Person",
			marketing: "on",
			acceptPolicy: "on",
		});
		expectSeeOther(res, "/account/check-email");
		const sent = await personalPage(await shopper.fetch("/account/check-email"));
		expect(sent).toContain("If that address can be used, we have sent it a link.");

		const confirmed = await shopper.json("/api/v1/auth/confirm", "POST", {
			token: await mailedToken(email, "confirm"),
			password: PASSWORD,
		});
		expect(confirmed.status).toBe(200);
		expect(await myNickname(shopper)).toBe("Page Person");
		const consents = (await (await shopper.fetch("/api/v1/me/consents")).json()) as {
			analytics: { given: boolean };
			marketing: { given: boolean };
		};
		expect([consents.analytics.given, consents.marketing.given]).toEqual([false, true]);
	});

	it("refuses a bad form with each reason at its field, keeps what was typed but the password, and registers nobody", async () => {
		const email = uniqueEmail("refused");
		const html = await personalPage(
			await postForm(new Shopper(), "/account/register", {
				email,
				password: "short",
				nickname: "Kept Name",
			}),
			400,
		);
		expect(html).toContain("<title>Error: Create an account · Loomwash</title>");
		expect(html).toMatch(/role="alert"/);
		expect(html).toContain('<a href="#r-password">Choose a password of at least 10 characters</a>');
		expect(html).toContain('<a href="#r-acceptPolicy">Agree to the privacy policy to create an account</a>');
		expect(html).toMatch(
			/<input id="r-password" name="password" type="password" required="" aria-invalid="true"/,
		);
		expect(html).toContain(`value="${email}"`);
		expect(html).toContain('value="Kept Name"');
		expect(html).not.toContain('value="short"');
		await expect(accountIdOf(email)).rejects.toThrow("no account");
	});

	it("refuses an unknown field and a checkbox value that is not a checkbox's", async () => {
		const base = { email: uniqueEmail("odd"), password: PASSWORD, nickname: "X", acceptPolicy: "on" };
		const extra = await personalPage(
			await postForm(new Shopper(), "/account/register", { ...base, admin: "1" }),
			400,
		);
		expect(extra).toContain("The form had fields we don&#39;t know");
		await personalPage(
			await postForm(new Shopper(), "/account/register", { ...base, acceptPolicy: "yes" }),
			400,
		);
		await expect(accountIdOf(base.email)).rejects.toThrow("no account");
	});
});

describe("sign in and out", () => {
	it("signs in with the session cookie of the API's login and goes on to a safe next", async () => {
		const { email } = await registeredCustomer();
		const shopper = new Shopper();
		const form = await personalPage(await shopper.fetch("/account/login?next=%2Faccount%2Forders"));
		expect(form).toContain('<input type="hidden" name="next" value="/account/orders"/>');

		const res = await postForm(shopper, "/account/login", {
			email,
			password: PASSWORD,
			next: "/account/orders",
		});
		expectSeeOther(res, "/account/orders");
		expect(shopper.cookies.has(SESSION_COOKIE)).toBe(true);
		await personalPage(await shopper.fetch("/account/orders"));
	});

	it.each([
		["another site", "//evil.example/account"],
		["a backslash trick", "/\\evil.example"],
		["an absolute URL", "https://evil.example/"],
		["nothing", ""],
	])("ignores a next that leads to %s", async (_label, next) => {
		const { email } = await registeredCustomer();
		const res = await postForm(new Shopper(), "/account/login", { email, password: PASSWORD, next });
		expectSeeOther(res, "/account");
	});

	it("refuses a wrong password with a 401 page that keeps the email and sets no session", async () => {
		const { email } = await registeredCustomer();
		const shopper = new Shopper();
		const html = await personalPage(
			await postForm(shopper, "/account/login", { email, password: "not the password at all" }),
			401,
		);
		expect(html).toContain("The email address or the password is not right.");
		expect(html).toContain(`value="${email}"`);
		expect(html).not.toContain("not the password at all");
		expect(shopper.cookies.has(SESSION_COOKIE)).toBe(false);
	});

	it("refuses an empty form with 400 and the reasons at the fields", async () => {
		const html = await personalPage(
			await postForm(new Shopper(), "/account/login", { email: "", password: "" }),
			400,
		);
		expect(html).toContain('<a href="#l-email">Enter your email address</a>');
		expect(html).toContain('<a href="#l-password">Enter your password</a>');
	});

	it("signs out: the session is revoked and the account pages send to sign in again", async () => {
		const { shopper } = await registeredCustomer();
		const token = shopper.cookies.get(SESSION_COOKIE) as string;
		expectSeeOther(await postForm(shopper, "/account/logout"), "/account/login?done=signed-out");
		expect(shopper.cookies.has(SESSION_COOKIE)).toBe(false);
		expect(await personalPage(await shopper.fetch("/account/login?done=signed-out"))).toContain(
			"You are signed out.",
		);
		// The old cookie, replayed, is dead.
		shopper.cookies.set(SESSION_COOKIE, token);
		expectSeeOther(await shopper.fetch("/account"), "/account/login?next=%2Faccount");
	});
});

describe("forgotten password", () => {
	it("answers the same for a known and an unknown address, and the reset link works", async () => {
		const { email } = await registeredCustomer();
		const shopper = new Shopper();
		await personalPage(await shopper.fetch("/account/forgot"));
		expectSeeOther(await postForm(shopper, "/account/forgot", { email }), "/account/check-email");
		expectSeeOther(
			await postForm(new Shopper(), "/account/forgot", { email: uniqueEmail("nobody") }),
			"/account/check-email",
		);
		const html = await personalPage(
			await postForm(new Shopper(), "/account/forgot", { email: "not-an-email" }),
			400,
		);
		expect(html).toContain('<a href="#f-email">Enter an email address like name@example.com</a>');
		expect(html).toContain('value="not-an-email"');
	});
});

describe("overview and profile", () => {
	it("greets the customer on a no-store page with the latest orders and the account's links", async () => {
		const { shopper } = await registeredCustomer({ nickname: "Ada Overview" });
		const html = await personalPage(await shopper.fetch("/account"));
		expect(html).toContain("<h1>Hello, Ada Overview</h1>");
		expect(html).toContain("No orders yet.");
		expect(html).toContain('<a href="/account" aria-current="page">Overview</a>');
		expect(html).toContain('action="/account/logout"');
	});

	it("shows the email and changes the name; an empty name is refused and changes nothing", async () => {
		const { shopper, email } = await registeredCustomer({ nickname: "Before Name" });
		const html = await personalPage(await shopper.fetch("/account/profile"));
		expect(html).toContain(email);
		expect(html).toContain('value="Before Name"');
		expect(html).toContain('href="/privacy/center"');

		const refused = await personalPage(await postForm(shopper, "/account/profile", { nickname: "   " }), 400);
		expect(refused).toContain('<a href="#p-nickname">Enter a name for us to call you</a>');
		expect(await myNickname(shopper)).toBe("Before Name");

		expectSeeOther(
			await postForm(shopper, "/account/profile", { nickname: "After Name" }),
			"/account/profile?done=name",
		);
		expect(await myNickname(shopper)).toBe("After Name");
		expect(await personalPage(await shopper.fetch("/account/profile?done=name"))).toContain(
			"Your name was saved.",
		);
	});

	it("changes the password only with the current one", async () => {
		const { shopper, email } = await registeredCustomer();
		const NEW = "an entirely new passphrase";
		const wrong = await personalPage(
			await postForm(shopper, "/account/password", {
				currentPassword: "wrong wrong wrong",
				newPassword: NEW,
			}),
			403,
		);
		expect(wrong).toContain('<a href="#p-currentPassword">That is not your current password</a>');
		expect((await login(new Shopper(), email, NEW)).status).toBe(401);

		const res = await postForm(shopper, "/account/password", { currentPassword: PASSWORD, newPassword: NEW });
		expectSeeOther(res, "/account/profile?done=password");
		expect((await login(new Shopper(), email, NEW)).status).toBe(200);
		// This browser carries on with a fresh session.
		await personalPage(await shopper.fetch("/account/profile"));
	});
});

describe("address book", () => {
	it("adds, corrects and deletes an address, each with 303 and a confirmation", async () => {
		const { shopper } = await registeredCustomer();
		const empty = await personalPage(await shopper.fetch("/account/addresses"));
		expect(empty).toContain("No saved addresses yet.");

		expectSeeOther(await postForm(shopper, "/account/addresses", ADDRESS), "/account/addresses?done=added");
		const [saved] = await myAddresses(shopper);
		expect(saved?.name).toBe(ADDRESS.name);
		const list = await personalPage(await shopper.fetch("/account/addresses?done=added"));
		expect(list).toContain("The address was saved.");
		expect(list).toContain(`<strong>${ADDRESS.name}</strong>`);
		expect(list).toContain(`href="/account/addresses/${saved?.id}"`);

		const edit = await personalPage(await shopper.fetch(`/account/addresses/${saved?.id}`));
		expect(edit).toContain(`value="${ADDRESS.line1}"`);
		expectSeeOther(
			await postForm(shopper, `/account/addresses/${saved?.id}`, {
				...ADDRESS,
				name: "Margaret H. Hamilton",
			}),
			"/account/addresses?done=saved",
		);
		expect((await myAddresses(shopper)).map((a) => a.name)).toEqual(["Margaret H. Hamilton"]);

		expectSeeOther(
			await postForm(shopper, `/account/addresses/${saved?.id}/delete`),
			"/account/addresses?done=deleted",
		);
		expect(await myAddresses(shopper)).toEqual([]);
	});

	it("refuses an address the API would refuse: 400, reasons linked, typed values kept, nothing saved", async () => {
		const { shopper } = await registeredCustomer();
		const html = await personalPage(
			await postForm(shopper, "/account/addresses", { ...ADDRESS, postalCode: "ABCDE", phone: "" }),
			400,
		);
		expect(html).toContain("<title>Error: Your addresses · Loomwash</title>");
		expect(html).toMatch(/<a href="#f-postalCode">[^<]+<\/a>/);
		expect(html).toContain('<a href="#f-phone">Enter a phone number the carrier can call</a>');
		expect(html).toMatch(
			/<input id="f-postalCode" name="postalCode" type="text" value="ABCDE"[^>]*aria-invalid="true"/,
		);
		expect(html).toContain(`value="${ADDRESS.line1}"`);
		expect(await myAddresses(shopper)).toEqual([]);

		const unknown = await personalPage(
			await postForm(shopper, "/account/addresses", { ...ADDRESS, extra: "x" }),
			400,
		);
		expect(unknown).toContain("The form had fields we don&#39;t know");
		expect(await myAddresses(shopper)).toEqual([]);
	});

	it("answers 404 for an address that is not the customer's and changes nothing", async () => {
		const owner = await registeredCustomer();
		expect((await postForm(owner.shopper, "/account/addresses", ADDRESS)).status).toBe(303);
		const [theirs] = await myAddresses(owner.shopper);
		const { shopper } = await registeredCustomer();
		await personalPage(await shopper.fetch(`/account/addresses/${theirs?.id}`), 404);
		await personalPage(await postForm(shopper, `/account/addresses/${theirs?.id}`, ADDRESS), 404);
		await personalPage(await postForm(shopper, `/account/addresses/${theirs?.id}/delete`), 404);
		await personalPage(await shopper.fetch("/account/addresses/not-an-id"), 404);
		expect((await myAddresses(owner.shopper)).map((a) => a.name)).toEqual([ADDRESS.name]);
	});
});

describe("checkout to a saved address, then the order history and the order's page", () => {
	async function customerWithCartAndAddress() {
		const customer = await registeredCustomer({ nickname: "Buyer" });
		const variant = await createVariant({ stock: 4, priceMinor: 15_000, name: "Harbour Stripe Runner" });
		expect((await postForm(customer.shopper, "/account/addresses", ADDRESS)).status).toBe(303);
		const [address] = await myAddresses(customer.shopper);
		const added = await postForm(customer.shopper, "/cart/items", {
			variantId: String(variant.variantId),
			quantity: "1",
		});
		expect(added.status).toBe(303);
		return { ...customer, variant, addressId: address?.id as string };
	}

	it("offers the saved addresses on the checkout page and places the order as the account's", async () => {
		const { shopper, variant, addressId, accountId } = await customerWithCartAndAddress();
		const checkout = await (await shopper.fetch("/checkout")).text();
		expect(checkout).toContain("Deliver to a saved address");
		expect(checkout).toContain(`value="${addressId}"`);
		expect(checkout).toContain("Margaret Hamilton, 77 Massachusetts Ave, Cambridge 02139, United States");

		const placed = await postForm(shopper, "/checkout/saved-address", {
			addressId,
			shippingMethod: "standard",
		});
		expect(placed.status).toBe(303);
		const paymentPath = new URL(placed.headers.get("location") as string).pathname;
		expect(paymentPath).toMatch(/^\/pay\/local\//);
		expect((await submitPaymentDecision(shopper, paymentPath, "pay")).status).toBe(303);

		const orders = (await (await shopper.fetch("/api/v1/me/orders")).json()) as {
			orders: { number: string }[];
		};
		const number = orders.orders[0]?.number as string;
		expect((await orderByNumber(number))?.customerId).toBe(accountId);

		const history = await personalPage(await shopper.fetch("/account/orders"));
		expect(history).toContain("<caption>Your orders, newest first</caption>");
		expect(history).toMatch(
			new RegExp(
				`<tr data-order="${number}"><th scope="row"><a href="/account/orders/${number}">${number}</a>`,
			),
		);
		const row = await orderByNumber(number);
		expect(history).toContain(formatPrice(row?.totalMinor ?? 0, "USD"));

		const detail = await personalPage(await shopper.fetch(`/account/orders/${number}`));
		expect(detail).toContain(`<h1>Order ${number}</h1>`);
		expect(detail).toContain("Harbour Stripe Runner");
		// The delivery contact, opened through the vault with the customer's own session.
		expect(detail).toContain("Margaret Hamilton");
		expect(detail).toContain("77 Massachusetts Ave");
		expect(detail).toContain("Not shipped yet.");
		expect(detail).toContain('href="/account/consultations"');
		expect(detail).not.toContain(`/account/orders/${number}/return`);
		expect(detail).not.toContain("/account/reviews/new");

		// Delivered with a tracking number: tracking shows, and the return and review links appear.
		const now = Date.now();
		await env.DB.prepare(
			"update orders set status = 'delivered', carrier = 'DHL Express', tracking_number = 'JD0146000062', shipped_at = ?, delivered_at = ? where number = ?",
		)
			.bind(now - 86_400_000, now, number)
			.run();
		const delivered = await personalPage(await shopper.fetch(`/account/orders/${number}`));
		expect(delivered).toContain("DHL Express");
		expect(delivered).toContain("<code>JD0146000062</code>");
		expect(delivered).toContain(`href="/account/orders/${number}/return"`);
		expect(delivered).toContain(`href="/account/reviews/new?product=rug-${variant.productId}"`);
	});

	it("answers 404 for another customer's order and for a number that is no order's", async () => {
		const { shopper, addressId } = await customerWithCartAndAddress();
		const placed = await postForm(shopper, "/checkout/saved-address", {
			addressId,
			shippingMethod: "express",
		});
		expect(placed.status).toBe(303);
		const orders = (await (await shopper.fetch("/api/v1/me/orders")).json()) as {
			orders: { number: string }[];
		};
		const number = orders.orders[0]?.number as string;

		const other = await registeredCustomer();
		const html = await personalPage(await other.shopper.fetch(`/account/orders/${number}`), 404);
		expect(html).not.toContain("Margaret Hamilton");
		await personalPage(await other.shopper.fetch("/account/orders/LW-0000-0000-0000"), 404);
		await personalPage(await other.shopper.fetch(`/account/orders/${"x".repeat(41)}`), 404);
	});

	it("refuses a saved-address checkout with a bad or foreign address: the page again, no order placed", async () => {
		const { shopper } = await customerWithCartAndAddress();
		const other = await registeredCustomer();
		expect((await postForm(other.shopper, "/account/addresses", ADDRESS)).status).toBe(303);
		const [foreign] = await myAddresses(other.shopper);
		const before = await countOrders();

		const badRes = await postForm(shopper, "/checkout/saved-address", {
			addressId: "adr_x",
			shippingMethod: "standard",
		});
		expect(badRes.status).toBe(400);
		expect(badRes.headers.get("cache-control")).toBe("no-store");
		expect(await badRes.text()).toContain("Choose one of your addresses and a shipping method.");

		const notMine = await postForm(shopper, "/checkout/saved-address", {
			addressId: foreign?.id as string,
			shippingMethod: "standard",
		});
		expect(notMine.status).toBe(404);
		const html = await notMine.text();
		expect(html).toContain('role="alert"');
		expect(html).toContain("That address is not in your address book.");
		// The customer's own saved address is offered again; the other customer's is not shown.
		expect(html).toContain("Deliver to a saved address");
		expect(html).not.toContain(`value="${foreign?.id}"`);
		expect(await countOrders()).toBe(before);
	});

	it("sends a signed-out checkout to sign in, and a guest sees no saved-address choice", async () => {
		const guest = new Shopper();
		const variant = await createVariant({ stock: 2 });
		expect(
			(await postForm(guest, "/cart/items", { variantId: String(variant.variantId), quantity: "1" })).status,
		).toBe(303);
		expect(await (await guest.fetch("/checkout")).text()).not.toContain("Deliver to a saved address");
		expectSeeOther(
			await postForm(guest, "/checkout/saved-address", {
				addressId: `adr_${"a".repeat(22)}`,
				shippingMethod: "standard",
			}),
			"/account/login?next=%2Fcheckout",
		);
	});
});
