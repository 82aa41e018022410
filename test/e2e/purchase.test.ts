// The whole shop in a real browser: a purchase without JavaScript, from the home page to a paid
// order, and the accessible names of the checkout form's controls.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { BASE_URL, describeInBrowser, eventually, markersInRawState } from "./shop.ts";

describe("the shop under test", () => {
	test("serves both workers from the seeded, migrated state", async () => {
		const health = await fetch(`${BASE_URL}/healthz`);
		expect(health.status).toBe(200);
		const home = await fetch(`${BASE_URL}/`);
		expect(home.status).toBe(200);
		expect(home.headers.get("content-security-policy")).toContain("script-src 'self'");
		expect(await home.text()).toContain("Washable rugs for real life");
		// The storefront reaches the analytics worker over its service binding.
		const recs = await fetch(`${BASE_URL}/api/v1/recommendations?product=1&limit=4`);
		expect(recs.status).toBe(200);
	});
});

const ADDRESS = {
	"Email address": "e2e.shopper@example.com",
	"Phone number": "+1 503 555 0134",
	"Full name": "Robin Tester",
	"Address line 1": "12 Test Street",
	"Town or city": "Portland",
	// A US address: the state and the ZIP code, as the US writes them.
	State: "OR",
};

/** Opens the first product of the first category on the home page, by following links. */
async function openAProduct(page: Page): Promise<string> {
	await page.goto("/");
	await page.getByRole("region", { name: "Shop by room" }).getByRole("link").first().click();
	expect(page.url()).toMatch(/\/c\/[a-z0-9-]+$/);
	const product = page.locator('main a[href^="/p/"]').first();
	const name = (await product.textContent())?.trim() ?? "";
	expect(name).not.toBe("");
	await product.click();
	expect(page.url()).toMatch(/\/p\/[a-z0-9-]+$/);
	await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
	return name;
}

describeInBrowser("in a browser", (newContext) => {
	test("a guest buys a rug without JavaScript, fixing a refused postal code on the way", async () => {
		const page = await (await newContext({ javaScriptEnabled: false })).newPage();
		const name = await openAProduct(page);

		await page.getByRole("button", { name: "Add to cart" }).click();
		expect(new URL(page.url()).pathname).toBe("/cart");
		await expect.poll(() => page.getByRole("link", { name }).count()).toBeGreaterThan(0);

		await page.getByRole("link", { name: "Checkout", exact: true }).click();
		expect(new URL(page.url()).pathname).toBe("/checkout");
		for (const [label, value] of Object.entries(ADDRESS))
			await page.getByLabel(label, { exact: true }).fill(value);
		await page.getByLabel("Country", { exact: true }).selectOption("US");
		await page.getByLabel("ZIP code").fill("ABCDE");
		await page.getByRole("radio", { name: /Standard/ }).check();
		const refused = await Promise.all([
			page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/checkout")),
			page.getByRole("button", { name: "Continue to payment" }).click(),
		]);
		expect(refused[0].status()).toBe(400);

		const summary = page.getByRole("alert");
		expect(await summary.getByRole("heading").textContent()).toBe("There is a problem");
		expect(await summary.getByRole("link").getAttribute("href")).toBe("#f-postalCode");
		const postal = page.getByLabel("ZIP code");
		expect(await postal.getAttribute("aria-invalid")).toBe("true");
		// What was typed is still there; only the postal code needs fixing.
		expect(await page.getByLabel("Email address").inputValue()).toBe(ADDRESS["Email address"]);
		expect(await page.getByLabel("Country", { exact: true }).inputValue()).toBe("US");

		await postal.fill("97201");
		await page.getByRole("button", { name: "Continue to payment" }).click();
		expect(new URL(page.url()).pathname).toMatch(/^\/pay\/local\//);
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Test payment");
		const orderNumber = (await page.locator("main strong").first().textContent()) ?? "";
		expect(orderNumber).toMatch(/^LW-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

		await page.getByRole("button", { name: /^Pay (?!by )/ }).click();
		expect(new URL(page.url()).pathname).toBe(`/orders/${orderNumber}/thanks`);
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Thank you");
		// The webhook may land a moment after the redirect: the page says "placed" until then.
		const status = await eventually("the order to be paid", async () => {
			const shown = await page.locator("[data-status]").getAttribute("data-status");
			if (shown === "paid") return shown;
			expect(shown).toBe("placed");
			await page.reload();
			return undefined;
		});
		expect(status).toBe("paid");

		// Every raw byte of every worker's local state (the three databases, queues, caches) and
		// everything the workers logged: the shopper's details appear nowhere, in no encoding.
		const markers = [
			ADDRESS["Email address"],
			ADDRESS["Phone number"],
			ADDRESS["Full name"],
			ADDRESS["Address line 1"],
		];
		expect(markersInRawState(markers)).toEqual([]);
		// ...while the scan does see what is stored in the clear, such as the order number.
		expect(markersInRawState([orderNumber])).toEqual([orderNumber]);
	});

	test("every control of the checkout form has an accessible name", async () => {
		const context = await newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await openAProduct(page);
		await page.getByRole("button", { name: "Add to cart" }).click();
		await page.goto("/checkout");
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Checkout");

		// The names the browser itself computes for assistive technology.
		const cdp = await context.newCDPSession(page);
		const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
			nodes: { role?: { value?: string }; name?: { value?: string }; ignored?: boolean }[];
		};
		const controlRoles = new Set(["textbox", "combobox", "radio", "checkbox", "spinbutton", "listbox"]);
		const controls = nodes.filter((n) => !n.ignored && controlRoles.has(String(n.role?.value)));
		const inForm = await page
			.locator("main form")
			.locator("input:not([type=hidden]), select, textarea")
			.count();
		expect(controls.length).toBeGreaterThanOrEqual(inForm);
		expect(controls.filter((n) => !n.name?.value?.trim())).toEqual([]);

		// And each field can be found by its visible label, as a screen-reader user would.
		const labels = [...Object.keys(ADDRESS), "Address line 2 (optional)", "ZIP code", "Country"];
		for (const label of labels) expect(await page.getByLabel(label, { exact: true }).count()).toBe(1);
		expect(await page.getByRole("radio", { name: /Standard/ }).count()).toBe(1);
		expect(await page.getByRole("radio", { name: /Express/ }).count()).toBe(1);
		expect(await page.getByRole("group", { name: "Shipping method" }).count()).toBe(1);
	});
});
