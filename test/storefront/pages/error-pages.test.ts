// HTML 404 and 500 pages for browsers (issue #10): a page path, or a request whose Accept prefers
// HTML, gets a page in the shop's frame, never cached; /api/ keeps the JSON error shape exactly.
import { exports } from "cloudflare:workers";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../../workers/storefront/env";
import { AppError, handleError, handleNotFound, prefersHtml } from "../../../workers/storefront/errors";
import { BASE } from "../fixtures/commerce";

const BROWSER_ACCEPT =
	"text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

function fetchApp(path: string, init: RequestInit = {}) {
	return exports.default.fetch(`${BASE}${path}`, { redirect: "manual", ...init });
}

async function errorPage(res: Response, status: number): Promise<string> {
	const html = await res.text();
	expect(res.status, html.slice(0, 300)).toBe(status);
	expect(res.headers.get("content-type")).toContain("text/html");
	expect(res.headers.get("cache-control")).toBe("no-store");
	expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
	expect(html).toContain('<html lang="en-US">');
	expect(html).toContain('<meta name="robots" content="noindex"/>');
	expect(html.match(/<h1[ >]/g)).toHaveLength(1);
	// The shop's frame: its header, search and footer.
	expect(html).toContain('<main id="main" class="wrap">');
	expect(html).toContain('action="/search"');
	expect(html).toContain('<a href="/privacy">Privacy policy</a>');
	return html;
}

async function jsonError(res: Response, status: number, code: string) {
	expect(res.status).toBe(status);
	expect(res.headers.get("content-type")).toContain("application/json");
	const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
	expect(Object.keys(body)).toEqual(["error"]);
	expect(body.error.code).toBe(code);
	expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
	return body;
}

describe("the HTML 404", () => {
	it.each([
		["a browser", BROWSER_ACCEPT],
		["a client asking for HTML", "text/html"],
	])("answers %s asking for an unknown page with the shop's 404 page", async (_label, accept) => {
		const res = await fetchApp("/no-such-page/at-all", { headers: { accept } });
		const html = await errorPage(res, 404);
		expect(html).toContain("<h1>Page not found</h1>");
		expect(html).toContain('<a href="/">Go to the home page</a>');
		expect(html).toContain('<a href="/search">Search the shop</a>');
		expect(html).not.toContain("not_found");
	});

	it("answers a browser's POST to an unknown page as a page, a bare POST in the JSON shape", async () => {
		const browser = await fetchApp("/no-such-form", {
			method: "POST",
			headers: { accept: BROWSER_ACCEPT, origin: BASE, "content-type": "application/x-www-form-urlencoded" },
			body: "a=1",
		});
		await errorPage(browser, 404);
		const bare = await fetchApp("/no-such-form", { method: "POST", headers: { origin: BASE } });
		await jsonError(bare, 404, "not_found");
	});

	it("keeps the JSON shape under /api/, whatever the Accept header says", async () => {
		for (const accept of [BROWSER_ACCEPT, "text/html", undefined]) {
			const res = await fetchApp("/api/v1/no-such-route", { headers: accept ? { accept } : {} });
			const body = await jsonError(res, 404, "not_found");
			expect(body.error.message).toBe("No such route");
		}
		const api = await fetchApp("/api/v1/products/no-such-rug", { headers: { accept: BROWSER_ACCEPT } });
		await jsonError(api, 404, "not_found");
	});

	it.each([
		["without Accept", undefined],
		["accepting anything", "*/*"],
		["preferring JSON", "application/json, text/html;q=0.5"],
	])("keeps the JSON shape for a client %s, pages included", async (_label, accept) => {
		const res = await fetchApp("/no-such-page/at-all", { headers: accept ? { accept } : {} });
		await jsonError(res, 404, "not_found");
	});

	it("shows a browser's refused cross-site form as a page, not JSON", async () => {
		const res = await fetchApp("/cart/items", {
			method: "POST",
			headers: {
				accept: BROWSER_ACCEPT,
				origin: "https://evil.example",
				"content-type": "application/x-www-form-urlencoded",
			},
			body: "variantId=1&quantity=1",
		});
		const html = await errorPage(res, 403);
		expect(html).toContain("<h1>Sorry</h1>");
	});
});

/** An app wired like the storefront's (request id, logger-less), with routes that fail. */
function failingApp() {
	const app = new Hono<AppEnv>();
	app.use(requestId({ generator: () => "req-test-500", headerName: "" }));
	app.get("/broken-page", () => {
		throw new Error("secret detail: ada@example.com");
	});
	app.get("/api/v1/broken", () => {
		throw new Error("secret detail: ada@example.com");
	});
	app.get("/vault-down", () => {
		throw new AppError("vault_unavailable", "The vault is unavailable");
	});
	app.get("/bad-request", () => {
		throw new HTTPException(400, { message: "Malformed JSON in request body" });
	});
	app.notFound(handleNotFound);
	app.onError(handleError);
	return app;
}

describe("the HTML 500", () => {
	it("apologises with the request id, and tells nothing of the fault", async () => {
		const res = await failingApp().request("/broken-page", { headers: { accept: BROWSER_ACCEPT } });
		expect(res.status).toBe(500);
		expect(res.headers.get("cache-control")).toBe("no-store");
		const html = await res.text();
		expect(html).toContain("<h1>Sorry, something went wrong</h1>");
		expect(html).toContain("<code>req-test-500</code>");
		expect(html).not.toContain("secret detail");
		expect(html).not.toContain("ada@example.com");
	});

	it("keeps an upstream outage's status on the page", async () => {
		const res = await failingApp().request("/vault-down", { headers: { accept: BROWSER_ACCEPT } });
		expect(res.status).toBe(503);
		expect(await res.text()).toContain("<code>req-test-500</code>");
	});

	it("keeps the JSON shape under /api/ exactly", async () => {
		const res = await failingApp().request("/api/v1/broken", { headers: { accept: BROWSER_ACCEPT } });
		expect(res.status).toBe(500);
		expect(await res.json()).toEqual({
			error: { code: "internal_error", message: "Internal error", requestId: "req-test-500" },
		});
	});

	it("shows hono's own refusals to a browser as a page", async () => {
		const res = await failingApp().request("/bad-request", { headers: { accept: BROWSER_ACCEPT } });
		expect(res.status).toBe(400);
		expect(res.headers.get("content-type")).toContain("text/html");
	});
});

describe("prefersHtml", () => {
	it.each([
		[BROWSER_ACCEPT, true],
		["text/html", true],
		["application/xhtml+xml", true],
		["text/html;q=0.5, application/json", false],
		["application/json, text/html;q=0.9", false],
		["application/json;q=0.5, text/html", true],
		["text/html;q=0", false],
		["*/*", false],
		["application/json", false],
		["", false],
		[undefined, false],
		["text/html;q=nonsense", false],
	])("%s → %s", (accept, expected) => {
		expect(prefersHtml(accept)).toBe(expected);
	});
});
