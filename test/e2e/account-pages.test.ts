// Issue #10's account journey in a real browser without JavaScript: register on the page, confirm
// from the mailed link, sign out and in again, save an address, buy a rug delivering to it, get
// the confirmation mail, and find the order in the history and on its own page. (The return
// request is the after-sales pages' own journey.) The customer's details stay out of the raw state.
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { mailedLink, mailedText } from "./mailbox.ts";
import { describeInBrowser, eventually, markersInRawState } from "./shop.ts";

const RUN = Date.now().toString(36);
const EMAIL = `e2e.account.pages.${RUN}@example.org`;
const PASSWORD = "a long passphrase for the account pages";
const NICKNAME = `Wilhelmina ${RUN}`;
const ADDRESS = {
	"Full name": `Wilhelmina Quarrington-Vale ${RUN}`,
	"Phone number": "+1 503 555 0191",
	"Address line 1": `41 Fennimore Court ${RUN}`,
	"Town or city": "Portland",
	"State, province or region": "OR",
	"Postal code": "97209",
};

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

describeInBrowser("account pages in a browser", (newContext) => {
	test("register → confirm by mail → sign in → buy with a saved address → mail → order history and detail", async () => {
		const page = await (await newContext({ javaScriptEnabled: false })).newPage();

		// Register on the page; the answer is the same for any address, so it says to check the mail.
		const sinceRegister = Date.now() - 1000;
		await page.goto("/account/register");
		await page.getByLabel("Email address").fill(EMAIL);
		await page.getByLabel("Password").fill(PASSWORD);
		await page.getByLabel("What should we call you?").fill(NICKNAME);
		await page.getByLabel("I have read the privacy policy").check();
		await page.getByRole("button", { name: "Create account" }).click();
		expect(new URL(page.url()).pathname).toBe("/account/check-email");
		expect(await heading(page)).toBe("Check your email");

		// The mailed link confirms the account and signs in.
		await page.goto(await mailedLink("/account/confirm", sinceRegister));
		await page.getByLabel("The password you chose when registering").fill(PASSWORD);
		await page.getByRole("button", { name: "Confirm and log in" }).click();
		expect(await heading(page)).toBe("Welcome to Loomwash");

		// Sign out from the account's navigation, then sign in on the sign-in page.
		await page.goto("/account");
		expect(await heading(page)).toBe(`Hello, ${NICKNAME}`);
		await page.getByRole("button", { name: "Sign out" }).click();
		expect(await page.getByRole("status").textContent()).toBe("You are signed out.");
		await page.goto("/account/addresses");
		expect(new URL(page.url()).pathname).toBe("/account/login");
		await page.getByLabel("Email address").fill(EMAIL);
		await page.getByLabel("Password").fill(PASSWORD);
		await page.getByRole("button", { name: "Sign in" }).click();
		// Back where the sign-in began.
		expect(new URL(page.url()).pathname).toBe("/account/addresses");

		// Save the delivery address.
		for (const [label, value] of Object.entries(ADDRESS))
			await page.getByLabel(label, { exact: true }).fill(value);
		await page.getByLabel("Country", { exact: true }).selectOption("US");
		await page.getByRole("button", { name: "Save address" }).click();
		expect(await page.getByRole("status").textContent()).toBe("The address was saved.");
		expect(await page.getByRole("list", { name: "Saved addresses" }).textContent()).toContain(
			ADDRESS["Full name"],
		);

		// A rug into the cart, and checkout to the saved address.
		await page.goto("/");
		await page.getByRole("region", { name: "Shop by room" }).getByRole("link").first().click();
		await page.locator('main a[href^="/p/"]').first().click();
		const rug = (await heading(page))?.trim() ?? "";
		await page.getByRole("button", { name: "Add to cart" }).click();
		await page.goto("/checkout");
		const saved = page.getByRole("region", { name: "Deliver to a saved address" });
		expect(await saved.getByRole("radio", { name: new RegExp(ADDRESS["Full name"]) }).isChecked()).toBe(true);
		await saved.getByRole("radio", { name: /Standard/ }).check();
		const sincePaid = Date.now() - 1000;
		await saved.getByRole("button", { name: "Continue to payment with this address" }).click();
		expect(new URL(page.url()).pathname).toMatch(/^\/pay\/local\//);
		const orderNumber = (await page.locator("main strong").first().textContent()) ?? "";
		expect(orderNumber).toMatch(/^LW-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
		await page.getByRole("button", { name: /^Pay (?!by )/ }).click();
		expect(new URL(page.url()).pathname).toBe(`/orders/${orderNumber}/thanks`);

		// The confirmation mail goes to the account's address (the vault copies it into the order).
		const mail = await mailedText(new RegExp(`Order ${orderNumber}`), sincePaid);
		expect(mail).toContain("Thank you for your order: the payment has arrived.");

		// The order in the history, and its own page with the lines and the delivery address.
		await page.goto("/account/orders");
		await page.getByRole("link", { name: orderNumber }).click();
		expect(await heading(page)).toBe(`Order ${orderNumber}`);
		const status = await eventually("the order page to say paid", async () => {
			const shown = await page.locator("dd[data-status]").getAttribute("data-status");
			if (shown === "paid") return shown;
			await page.reload();
			return undefined;
		});
		expect(status).toBe("paid");
		expect(await page.getByRole("table", { name: "What you ordered" }).textContent()).toContain(rug);
		expect(await page.locator("main address").textContent()).toContain(ADDRESS["Address line 1"]);
		expect(await page.getByRole("link", { name: "Ask us about this order" }).getAttribute("href")).toBe(
			"/account/consultations",
		);

		expect(
			markersInRawState([EMAIL, NICKNAME, ADDRESS["Full name"], ADDRESS["Address line 1"], PASSWORD]),
		).toEqual([]);
	});
});
