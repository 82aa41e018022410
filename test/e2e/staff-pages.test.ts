// The staff console in a real browser without JavaScript (issue #10): a compliance officer signs
// in by pasting a local Access token, opens a guest order's contact through the confirmation step
// and sees the "logged" notice, then finds that access in the audit access review.
import { beforeAll, expect, test } from "vitest";
import { guestBuys, variantInStock } from "./journeys.ts";
import { describeInBrowser } from "./shop.ts";
import { staffTeam } from "./staff.ts";

const RUN = Date.now().toString(36);

describeInBrowser("the staff console", (newContext) => {
	let team: Record<"admin" | "compliance", string>;
	let orderNumber: string;
	const email = `e2e.staff.${RUN}@example.org`;
	const contact = {
		name: `Philippa Staffordshire ${RUN}`,
		phone: "+44 20 7946 0555",
		address: { line1: `3 Console Court ${RUN}`, city: "Leeds", postalCode: "LS1 4AP", country: "GB" },
	};

	beforeAll(async () => {
		team = await staffTeam(RUN, ["compliance"]);
		orderNumber = await guestBuys(email, contact, await variantInStock("first"));
	});

	test("a compliance officer opens an order's contact, logged, and the access review lists it", async () => {
		const page = await (await newContext({ javaScriptEnabled: false })).newPage();

		// No Access locally: the console sends us to the sign-in page, which takes a pasted token.
		await page.goto("/staff/orders");
		expect(new URL(page.url()).pathname).toBe("/staff/sign-in");
		await page.getByLabel("Access token").fill(team.compliance);
		await page.getByRole("button", { name: "Sign in" }).click();
		expect(new URL(page.url()).pathname).toBe("/staff");
		const who = (await page.locator(".who").textContent()) ?? "";
		const staffId = /stf_[A-Za-z0-9_-]{16}/.exec(who)?.[0];
		expect(staffId, who).toBeDefined();

		await page
			.getByRole("navigation", { name: "Staff console" })
			.getByRole("link", { name: "Orders" })
			.click();
		await page.getByRole("link", { name: `Open contact of order ${orderNumber}` }).click();
		await expect.poll(() => page.getByRole("heading", { name: "This opens personal data" }).count()).toBe(1);
		expect(await page.content()).not.toContain(email);

		// Asking without a purpose is refused, and opens nothing.
		await page.getByLabel("Email address", { exact: true }).check();
		await page.getByRole("button", { name: "Open and log this access" }).click();
		await expect.poll(() => page.getByRole("alert").textContent()).toContain("Choose the purpose");
		expect(await page.content()).not.toContain(email);

		await page.getByLabel(/Compliance review/).check();
		await page.getByLabel("Name", { exact: true }).check();
		await page.getByRole("button", { name: "Open and log this access" }).click();
		await expect.poll(() => page.getByRole("heading", { name: "This access was logged" }).count()).toBe(1);
		const opened = (await page.locator("main").textContent()) ?? "";
		expect(opened).toContain(email);
		expect(opened).toContain(contact.name);
		expect(opened).not.toContain(contact.phone);

		await page
			.getByRole("navigation", { name: "Staff console" })
			.getByRole("link", { name: "Access review" })
			.click();
		const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: staffId }) });
		await expect.poll(() => row.count()).toBe(1);
		const cells = await row.getByRole("cell").allTextContents();
		expect(cells.slice(0, 3)).toEqual(["compliance", "compliance_review", "1"]);

		await page.getByRole("button", { name: "Sign out" }).click();
		expect(new URL(page.url()).pathname).toBe("/staff/sign-in");
		await page.goto("/staff");
		expect(new URL(page.url()).pathname).toBe("/staff/sign-in");
	});
});
