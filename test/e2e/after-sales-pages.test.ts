// The after-sales pages in a real browser without JavaScript (issue #10): a customer whose order
// was delivered opens the order's return form, sends one item back, sees the return listed as
// requested, then asks customer service about the order and finds the conversation in their
// messages. The order is made through the APIs; the browser gets the customer's session.
import { beforeAll, expect, test } from "vitest";
import { api, type CookieJar } from "./http-client.ts";
import { deliver, payLocally, registeredCustomer, variantInStock } from "./journeys.ts";
import { describeInBrowser, signInBrowser } from "./shop.ts";
import { staffTeam } from "./staff.ts";

const RUN = Date.now().toString(36);
const DETAILS = `The corner curls up after washing, ref ${RUN}`;
const QUESTION = `Should I send the rug back rolled or folded, ref ${RUN}?`;

/** A signed-in customer with one delivered order of one rug: their cookies and the order number. */
async function customerWithDeliveredOrder(): Promise<{ jar: CookieJar; orderNumber: string }> {
	const staff = await staffTeam(`as${RUN}`, ["fulfilment"]);
	const jar = await registeredCustomer(
		`e2e.after.sales.pages.${RUN}@example.org`,
		"a long after-sales passphrase",
		`Returner ${RUN}`,
	);
	expect((await api("POST", "/api/v1/cart", { jar })).status).toBeLessThan(300);
	const added = await api("POST", "/api/v1/cart/items", {
		jar,
		body: { variantId: await variantInStock("first"), quantity: 1 },
	});
	expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
	const bought = await api<{ order: { number: string }; paymentUrl: string }>("POST", "/api/v1/me/checkout", {
		jar,
		body: {
			shippingMethod: "standard",
			contact: {
				name: `Rosalind Peverell ${RUN}`,
				phone: "+1 503 555 0144",
				address: {
					line1: "12 Quince Street",
					city: "Portland",
					region: "OR",
					postalCode: "97209",
					country: "US",
				},
			},
		},
	});
	expect(bought.status, JSON.stringify(bought.body)).toBe(201);
	await payLocally(bought.body.paymentUrl);
	await deliver(bought.body.order.number, staff.fulfilment);
	return { jar, orderNumber: bought.body.order.number };
}

describeInBrowser("after-sales pages in a browser", (newContext) => {
	let customer: { jar: CookieJar; orderNumber: string };

	beforeAll(async () => {
		customer = await customerWithDeliveredOrder();
	});

	test("a signed-out visitor of the returns page is sent to log in, with the way back", async () => {
		const page = await (await newContext({ javaScriptEnabled: false })).newPage();
		await page.goto("/account/returns");
		const url = new URL(page.url());
		expect(url.pathname).toBe("/account/login");
		expect(url.searchParams.get("next")).toBe("/account/returns");
	});

	test("returns one item of the delivered order, sees it requested, then asks about the order", async () => {
		const { jar, orderNumber } = customer;
		const context = await newContext({ javaScriptEnabled: false });
		await signInBrowser(context, jar);
		const page = await context.newPage();
		const h1 = () => page.getByRole("heading", { level: 1 }).textContent();

		await page.goto(`/account/orders/${orderNumber}/return`);
		expect(await h1()).toBe("Return items");
		expect(await page.getByText(/return window is open until the end of/).count()).toBe(1);
		await page.getByLabel(/^How many of .+ to send back$/).fill("1");
		await page.getByLabel("Why are you sending it back?").selectOption("damaged");
		await page.getByLabel("What happened (optional)").fill(DETAILS);
		await page.getByRole("button", { name: "Request the return" }).click();
		await expect.poll(h1).toMatch(/^Return RMA-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		const returnNumber = (await h1())?.replace("Return ", "") ?? "";
		expect(await page.getByText(DETAILS).count()).toBe(1);

		await page.goto("/account/returns");
		const row = page.getByRole("row").filter({ hasText: returnNumber });
		expect(await row.count()).toBe(1);
		expect(await row.getByRole("cell").nth(1).textContent()).toBe(orderNumber);
		expect(await row.getByRole("cell").nth(3).textContent()).toBe("requested");

		// The order's return form now says a return is in progress, and offers no second one.
		await page.goto(`/account/orders/${orderNumber}/return`);
		expect(await page.getByText("A return is already in progress").count()).toBe(1);
		expect(await page.getByRole("button", { name: "Request the return" }).count()).toBe(0);

		await page.goto(`/account/consultations/new?order=${orderNumber}`);
		const about = page.getByLabel("What is it about?");
		expect(await about.inputValue()).toBe(orderNumber);
		await page.getByLabel("Your message").fill(QUESTION);
		await page.getByRole("button", { name: "Send" }).click();
		await expect.poll(h1).toBe(`Question about order ${orderNumber}`);
		expect(await page.getByText(QUESTION).count()).toBe(1);
		const threadPath = new URL(page.url()).pathname;

		await page.goto("/account/consultations");
		const thread = page.getByRole("row").filter({ hasText: `Order ${orderNumber}` });
		expect(await thread.count()).toBe(1);
		expect(await thread.getByRole("link").getAttribute("href")).toBe(threadPath);
		expect(await thread.getByRole("cell").nth(3).textContent()).toBe("open");
	});
});
