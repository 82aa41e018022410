// Every page of the shop, in a real browser at a phone's and a desktop's width, as the person who
// would see it: axe-core finds no serious or critical violation, the page is under 50 KB of HTML
// and CSS (all of it inline), it carries the strict CSP and breaks none of it, public pages are
// cacheable and personal ones `no-store`. Each view is screenshotted: into a temporary folder in
// `npm test`, into docs/screenshots with `npm run screenshots` (the README's tour links there).
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { categorySlugs, describeInBrowser, productsIn } from "./shop.ts";
import { actAs, type TourActors, tourActors } from "./tour/actors.ts";
import { tourPages } from "./tour/index.ts";
import type { TourPage } from "./tour/types.ts";

const AXE_SOURCE: string = createRequire(import.meta.url)("axe-core").source;
const PAGE_BUDGET_BYTES = 50 * 1024;
const WIDTHS = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 900 } } as const;
const SHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), "loomwash-screenshots");

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

async function seriousViolations(page: Page): Promise<string[]> {
	// Evaluated through the DevTools protocol: the page's CSP (rightly) refuses injected scripts.
	await page.evaluate(AXE_SOURCE);
	const violations = (await page.evaluate("axe.run(document).then((r) => r.violations)")) as AxeViolation[];
	return violations
		.filter((v) => v.impact === "serious" || v.impact === "critical")
		.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describeInBrowser("the page tour", (newContext) => {
	let who: TourActors;
	let places: Record<string, string>;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		who = await tourActors();
		const category = (await categorySlugs())[0] ?? "";
		const product = (await productsIn(category))[0]?.slug ?? "";
		places = { order: who.orderNumber, category, product };
	}, 120_000);

	const resolve = (path: string) => path.replace(/\{(\w+)\}/g, (_, key: string) => places[key] ?? `{${key}}`);

	test.each(tourPages.map((p): [string, TourPage] => [p.name, p]))("%s", async (_, tour) => {
		for (const [width, viewport] of Object.entries(WIDTHS)) {
			const context = await newContext({ viewport });
			await actAs(context, tour.as, who);
			const page = await context.newPage();
			const cspErrors: string[] = [];
			page.on("console", (msg) => {
				if (/Content.Security.Policy/i.test(msg.text())) cspErrors.push(msg.text());
			});
			const path = resolve(tour.path);
			const response = await page.goto(path);
			expect(response?.status(), `${path} at ${width}`).toBe(200);
			const headers = response?.headers() ?? {};
			expect(headers["content-security-policy"]).toContain("base-uri 'none'");
			expect(headers["content-security-policy"]).toContain("script-src 'self'");
			expect(headers["cache-control"] ?? "", path).toContain(tour.personal ? "no-store" : "public");
			expect((await response?.body())?.byteLength ?? Infinity, path).toBeLessThan(PAGE_BUDGET_BYTES);
			expect(await page.locator("h1").count(), `${path}: one h1`).toBe(1);
			expect(await seriousViolations(page), `${path} at ${width}`).toEqual([]);
			expect(cspErrors, path).toEqual([]);
			// JPEG at modest quality: ninety-odd full pages stay a few megabytes in the repository.
			await page.screenshot({
				path: join(SHOTS, `${tour.name}-${width}.jpg`),
				fullPage: true,
				type: "jpeg",
				quality: 55,
			});
			await context.close();
		}
	});
});
