// Analytics in a real browser: the product page's script sends the beacon and renders the
// "shoppers also looked at" widget once the pipeline has data, with no console error or CSP
// violation; and a browser sending Sec-GPC: 1 gets nothing counted, not even server-side events.
import type { Page, Response } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { SHOPPER_USER_AGENT } from "./chromium.ts";
import {
	BASE_URL,
	type CatalogProduct,
	categorySlugs,
	describeInBrowser,
	eventually,
	getJson,
	productCounts,
	productsIn,
} from "./shop.ts";

type BeaconResult = { accepted: number; ignored: number; collecting: boolean };
type Recommendations = { items: { id: number; slug: string; name: string; reason: string }[] };

// More shoppers than K_THRESHOLD (5) plus NOISE_BOUND (10): the pair is published whatever the noise.
const SHOPPERS = 16;

/** One shopper (no cookies, their own address) looks at `first`, then at `then`. */
async function browseAPair(shopper: number, first: CatalogProduct, then: CatalogProduct) {
	const res = await fetch(`${BASE_URL}/api/v1/events`, {
		method: "POST",
		headers: {
			"content-type": "application/json",
			"user-agent": SHOPPER_USER_AGENT,
			"cf-connecting-ip": `203.0.113.${shopper + 1}`,
		},
		body: JSON.stringify({
			events: [
				{ type: "view", productId: first.id },
				{ type: "view", productId: then.id },
			],
		}),
		signal: AbortSignal.timeout(10_000),
	});
	expect(res.status).toBe(202);
	expect(((await res.json()) as BeaconResult).accepted).toBe(2);
}

/** Console errors, uncaught exceptions and CSP violations of a page, as they happen. */
async function watchForProblems(page: Page): Promise<string[]> {
	const problems: string[] = [];
	page.on("console", (msg) => {
		if (msg.type() === "error") problems.push(`console: ${msg.text()} (${msg.location().url})`);
	});
	page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
	// Runs in the page before its own scripts (a string: this project's types have no DOM).
	await page.addInitScript({
		content: `document.addEventListener("securitypolicyviolation", (e) =>
			console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI));`,
	});
	return problems;
}

const isBeacon = (r: Response) => r.url() === `${BASE_URL}/api/v1/events` && r.request().method() === "POST";

let viewed: CatalogProduct;
let alsoViewed: CatalogProduct;
let privateRug: CatalogProduct;
let control: CatalogProduct;

beforeAll(async () => {
	// Products of their own, away from the first category the purchase test browses.
	const slugs = await categorySlugs();
	const [last, beforeLast] = [await productsIn(slugs.at(-1) ?? ""), await productsIn(slugs.at(-2) ?? "")];
	const [a, b, c] = last;
	const [d] = beforeLast;
	if (!a || !b || !c || !d) throw new Error("the seeded catalog has too few products in stock");
	[viewed, privateRug, control, alsoViewed] = [a, b, c, d];
});

/**
 * Once more on a failure: under a full CI run, wrangler dev's local queue has (rarely) left a whole
 * batch undelivered for minutes; the retry sends the pairs again.
 */
const ONE_RETRY = { timeout: 150_000, retry: 1 };

describeInBrowser("analytics in a browser", (newContext) => {
	test(
		"the product page sends the beacon and shows what other shoppers also looked at",
		ONE_RETRY,
		async () => {
			// Shoppers who looked at `viewed` then at a rug of another category: only the pipeline
			// (never the same-category fallback) can put that rug into the widget.
			for (let shopper = 0; shopper < SHOPPERS; shopper++) await browseAPair(shopper, viewed, alsoViewed);
			// Generous: with every test project running at once on a small machine, the local queue's
			// batch and the consumer can take a while; a pass alone takes a few seconds.
			await eventually(
				"the queue to deliver the co-views",
				async () => {
					const { body } = await getJson<Recommendations>(
						`/api/v1/recommendations?product=${viewed.id}&limit=4`,
					);
					return body.items.find((i) => i.id === alsoViewed.id && i.reason === "also_viewed");
				},
				90_000,
			);

			const page = await (await newContext({ userAgent: SHOPPER_USER_AGENT })).newPage();
			const problems = await watchForProblems(page);
			const beacon = page.waitForResponse(isBeacon);
			await page.goto(`/p/${viewed.slug}`);
			const sent = await beacon;
			expect(sent.status()).toBe(202);
			expect(((await sent.json()) as BeaconResult).accepted).toBe(2); // the page and the view

			const widget = page.locator("section[data-lw-recs]");
			await widget.waitFor({ state: "visible" });
			expect(await widget.getByRole("heading").textContent()).toBe("Shoppers also looked at");
			const links = widget.getByRole("listitem").getByRole("link");
			await expect.poll(() => links.count()).toBeGreaterThan(0);
			const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
			expect(hrefs).not.toContain(`/p/${viewed.slug}`);
			expect(hrefs).toContain(`/p/${alsoViewed.slug}`);

			// The recommendation leads to a real product page.
			await widget.getByRole("link", { name: alsoViewed.name }).click();
			expect(new URL(page.url()).pathname).toBe(`/p/${alsoViewed.slug}`);
			expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(alsoViewed.name);
			await page.waitForLoadState("networkidle");
			expect(problems).toEqual([]);
		},
	);

	test("with Sec-GPC: 1 the server counts nothing from the browser, not even its cart", async () => {
		const context = await newContext({ userAgent: SHOPPER_USER_AGENT, extraHTTPHeaders: { "Sec-GPC": "1" } });
		const page = await context.newPage();
		const replies: Promise<BeaconResult>[] = [];
		page.on("response", (r) => {
			if (isBeacon(r)) replies.push(r.json() as Promise<BeaconResult>);
		});
		await page.goto(`/p/${privateRug.slug}`);
		await page.waitForLoadState("networkidle");
		for (const reply of await Promise.all(replies)) {
			expect(reply).toMatchObject({ accepted: 0, collecting: false });
		}
		await page.getByRole("button", { name: "Add to cart" }).click();
		expect(new URL(page.url()).pathname).toBe("/cart");
		await page.waitForLoadState("networkidle");

		// A shopper without the signal views another rug afterwards; once the queue has delivered
		// that, anything the GPC browser had caused would have been counted too.
		const res = await fetch(`${BASE_URL}/api/v1/events`, {
			method: "POST",
			headers: { "content-type": "application/json", "user-agent": SHOPPER_USER_AGENT },
			body: JSON.stringify({ events: [{ type: "view", productId: control.id }] }),
		});
		expect(((await res.json()) as BeaconResult).accepted).toBe(1);
		await eventually("the control view to be counted", async () =>
			productCounts(control.id).views > 0 ? true : undefined,
		);
		expect(productCounts(privateRug.id)).toEqual({ views: 0, cartAdds: 0 });
	});
});
