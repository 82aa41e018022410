// The privacy center in a real browser (issue #10): a shopper withdraws analytics consent with the
// center's plain form and the product page's beacon stops (watched on the network); a customer
// downloads the export from the center and deletes the account through the confirmation step.
import { readFile } from "node:fs/promises";
import type { Request } from "playwright-core";
import { expect, test } from "vitest";
import { SHOPPER_USER_AGENT } from "./chromium.ts";
import { api } from "./http-client.ts";
import { registeredCustomer } from "./journeys.ts";
import { BASE_URL, categorySlugs, describeInBrowser, productsIn, signInBrowser } from "./shop.ts";

const RUN = Date.now().toString(36);
const SESSION_COOKIE = "__Host-lw_session";

const isBeacon = (r: Request) => r.url() === `${BASE_URL}/api/v1/events` && r.method() === "POST";
const isConsentCheck = (r: Request) => r.url() === `${BASE_URL}/api/v1/consent` && r.method() === "GET";

describeInBrowser("the privacy center in a browser", (newContext) => {
	test("withdrawing analytics consent in the center stops the product page's beacon", async () => {
		const category = (await categorySlugs())[0] ?? "";
		const [product] = await productsIn(category);
		if (!product) throw new Error("the seeded catalog has no product");
		const context = await newContext({ userAgent: SHOPPER_USER_AGENT });
		const page = await context.newPage();
		const beacons: string[] = [];
		page.on("request", (request) => {
			if (isBeacon(request)) beacons.push(new URL(page.url()).pathname);
		});

		// Before: the product page's script sends the beacon.
		const sent = page.waitForRequest(isBeacon);
		await page.goto(`/p/${product.slug}`);
		await sent;
		expect(beacons).toEqual([`/p/${product.slug}`]);

		// The center's plain form, no script involved.
		await page.goto("/privacy/center");
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Privacy center");
		const analytics = page.getByRole("group", { name: "Anonymous analytics" });
		expect(await analytics.getByRole("radio", { name: "On" }).isChecked()).toBe(true);
		await analytics.getByRole("radio", { name: "Off" }).check();
		await page.getByRole("button", { name: "Save choices" }).click();
		await expect.poll(() => page.getByRole("status").textContent()).toContain("Your choices are saved");
		expect(new URL(page.url()).pathname).toBe("/privacy/center");
		expect(
			await page
				.getByRole("group", { name: "Anonymous analytics" })
				.getByRole("radio", { name: "Off" })
				.isChecked(),
		).toBe(true);

		// After: the script asks, hears "withdrawn", and sends nothing.
		const asked = page.waitForResponse((res) => isConsentCheck(res.request()));
		await page.goto(`/p/${product.slug}`);
		expect(await (await asked).json()).toEqual({ analytics: false, reason: "withdrawn" });
		await page.waitForLoadState("networkidle");
		expect(beacons).toEqual([`/p/${product.slug}`]);
	});

	test("a customer downloads the export and deletes the account through the confirmation step", async () => {
		const email = `e2e.privacy-pages.${RUN}@example.org`;
		const password = "a long privacy center passphrase";
		const nickname = `Perpetua Linthwaite-${RUN}`;
		const jar = await registeredCustomer(email, password, nickname);
		const context = await newContext();
		await signInBrowser(context, jar);
		const page = await context.newPage();

		await page.goto("/privacy/center");
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Privacy center");
		const downloading = page.waitForEvent("download");
		await page.getByRole("link", { name: "Download my data" }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(/^loomwash-data-\d{4}-\d{2}-\d{2}\.json$/);
		const exported = await readFile(await download.path(), "utf8");
		expect(exported).toContain(email);
		expect(exported).toContain(nickname);

		await page.getByRole("link", { name: "Delete my account…" }).click();
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Delete your account");
		expect(await page.getByRole("heading", { name: "What stays" }).count()).toBe(1);

		// A wrong password first: the step again, with the reason, and the account untouched.
		await page.getByLabel("Your password").fill("not my password at all");
		await page.getByRole("button", { name: "Delete my account" }).click();
		await expect.poll(() => page.getByRole("alert").textContent()).toContain("That is not your password");
		expect((await api("GET", "/api/v1/me", { jar })).status).toBe(200);

		await page.getByLabel("Your password").fill(password);
		await page.getByRole("button", { name: "Delete my account" }).click();
		await expect
			.poll(() => page.getByRole("heading", { level: 1 }).textContent())
			.toBe("Your account is deleted");
		expect((await context.cookies()).some((cookie) => cookie.name === SESSION_COOKIE)).toBe(false);
		// The session the browser held is dead, and signing in no longer works.
		expect((await api("GET", "/api/v1/me", { jar })).status).toBe(401);
		expect((await api("POST", "/api/v1/auth/login", { body: { email, password } })).status).toBe(401);
	});
});
