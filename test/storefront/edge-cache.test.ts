// The edge cache for public reads (issue #11 item 2): through the real worker, what is stored and
// served from caches.default, that a page filled by a signed-in shopper with a cart carries nothing
// of them, what is never stored, the key, stale-while-revalidate and its background refresh, 304
// and HEAD from a hit, and that checkout still guards stock a cached page overstates. The
// middleware's switch (EDGE_CACHE=off) and its clock are tested on a small app of its own.
// One caches.default serves the whole file: every test uses its own products, or clears the
// entries it reads first. The storefront project runs with EDGE_CACHE=off (vitest.config.ts), so
// other files read what routes render; this file turns it on for every request it makes, the
// refresh's loopback through the worker included.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../workers/shared/logger";
import { WIDGET_SCRIPT, WIDGET_SCRIPT_PATH } from "../../workers/storefront/analytics/widget-script";
import type { AppEnv } from "../../workers/storefront/env";
import { formatMoney } from "../../workers/storefront/i18n/formats";
import worker from "../../workers/storefront/index";
import { listPrice } from "../../workers/storefront/markets/price-lists";
import { dropHotCopies, edgeCache } from "../../workers/storefront/middleware/edge-cache";
import { REFRESH_HEADER, STORED_AT_HEADER } from "../../workers/storefront/middleware/edge-cache-policy";
import { PUBLIC_CACHE_CONTROL } from "../../workers/storefront/middleware/public-cache";
import { registeredCustomer, uniqueEmail } from "./fixtures/accounts";
import {
	BASE,
	CART_COOKIE,
	checkoutBody,
	createVariant,
	type ErrorBody,
	Shopper,
	stockOf,
} from "./fixtures/commerce";

const projectSetting = env.EDGE_CACHE;
beforeAll(() => {
	env.EDGE_CACHE = "on";
});
afterAll(() => {
	env.EDGE_CACHE = projectSetting;
});

const HIT = 'cache;desc="hit"';
const STALE = 'cache;desc="stale"';
const MISS = 'cache;desc="miss"';

type Sent = { response: Response; body: string };

/**
 * One request through the worker as the platform runs it, cookies of `shopper` if given; returns
 * once everything it left in the background (storing, refreshing) is done.
 */
async function send(path: string, init: RequestInit = {}, shopper?: Shopper): Promise<Sent> {
	const headers = new Headers(init.headers);
	if (shopper) {
		headers.set("cookie", [...shopper.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
		headers.set("CF-Connecting-IP", shopper.ip);
	}
	const ctx = createExecutionContext();
	const response = await worker.fetch(new Request(`${BASE}${path}`, { ...init, headers }), env, ctx);
	const body = await response.text();
	await waitOnExecutionContext(ctx);
	return { response, body };
}

const stored = (path: string) => caches.default.match(`${BASE}${path}`);
// The worker's isolate holds copies of what it read from the Cache API (hot-copies.ts): a test
// that rewrites the Cache API behind the worker's back drops them, as a purge would have to.
const forget = (path: string) => {
	dropHotCopies();
	return caches.default.delete(`${BASE}${path}`);
};
const timing = (res: Response) => res.headers.get("server-timing") ?? "";

/** Re-stores the entry of `path` as if it had been stored `seconds` ago. */
async function age(path: string, seconds: number) {
	const entry = await stored(path);
	if (!entry) throw new Error(`nothing stored for ${path}`);
	const headers = new Headers(entry.headers);
	headers.set(STORED_AT_HEADER, String(Date.now() - seconds * 1000));
	await caches.default.put(`${BASE}${path}`, new Response(await entry.arrayBuffer(), { headers }));
	dropHotCopies();
}

async function renameProduct(productId: number, name: string) {
	await env.DB.prepare("update products set name = ? where id = ?").bind(name, productId).run();
}

describe("every cached route: a miss, then a hit that does not touch D1", () => {
	it("catalog JSON, category and product pages, the widget script", async () => {
		const rug = await createVariant({ name: "Harbour runner" });
		const slug = `rug-${rug.productId}`;
		const category = `cat-${rug.productId}`;
		const paths = [
			"/api/v1/categories",
			`/api/v1/products?category=${category}`,
			`/api/v1/products/${slug}`,
			`/c/${category}`,
			`/p/${slug}`,
			WIDGET_SCRIPT_PATH,
		];
		await forget("/api/v1/categories");
		const first = new Map<string, string>();
		for (const path of paths) {
			const miss = await send(path);
			expect(miss.response.status, path).toBe(200);
			expect(timing(miss.response), path).toContain(MISS);
			first.set(path, miss.body);
		}
		// Visible in D1 at once, not on the cached copies until they are refreshed.
		await renameProduct(rug.productId, "Renamed runner");
		for (const path of paths) {
			const hit = await send(path);
			expect(hit.response.status, path).toBe(200);
			expect(timing(hit.response), path).toBe(HIT);
			// C's Server-Timing names D1 round trips; a hit has none to name.
			expect(timing(hit.response), path).not.toContain("d1;");
			expect(hit.body, path).toBe(first.get(path));
			expect(hit.response.headers.get("age"), path).toMatch(/^\d+$/);
			// Global middleware still runs on a hit: its own request id and the security headers.
			expect(hit.response.headers.get("x-request-id"), path).toMatch(/^[0-9a-f-]{36}$/);
			expect(hit.response.headers.get("content-security-policy"), path).toContain("script-src 'self'");
		}
		expect((await send(`/p/${slug}`)).body).toContain("Harbour runner");
		const pageHit = await send(`/p/${slug}`);
		expect(pageHit.response.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
		const script = await send(WIDGET_SCRIPT_PATH);
		expect(script.response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
		expect(script.body).toBe(WIDGET_SCRIPT);
	});

	it("stores nothing of the request with the copy", async () => {
		const rug = await createVariant();
		await send(`/p/rug-${rug.productId}`);
		const entry = await stored(`/p/rug-${rug.productId}`);
		expect(entry?.status).toBe(200);
		for (const name of ["x-request-id", "server-timing", "set-cookie", "content-security-policy"]) {
			expect(entry?.headers.has(name), name).toBe(false);
		}
		expect(entry?.headers.get("etag")).toMatch(/^"[0-9a-f]{40}"$/);
	});
});

describe("the isolate's hot copies", () => {
	it("answer from memory for a few seconds, so a Cache API purge shows once they are dropped", async () => {
		const rug = await createVariant();
		const path = `/p/rug-${rug.productId}`;
		await send(path);
		// Purged behind the worker's back: the isolate's copy still answers, byte for byte.
		await caches.default.delete(`${BASE}${path}`);
		const held = await send(path);
		expect(timing(held.response)).toBe(HIT);
		dropHotCopies();
		expect(timing((await send(path)).response)).toContain(MISS);
	});
});

describe("the access log", () => {
	it("has a line for a miss and none for a hit, which ran no route", async () => {
		const rug = await createVariant();
		const path = `/p/rug-${rug.productId}`;
		const logged = (requestId: string | null) =>
			lines.filter(
				(line) => requestId !== null && line.includes(requestId) && line.includes('"msg":"request"'),
			);
		const lines: string[] = [];
		const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
			lines.push(args.map(String).join(" "));
		});
		try {
			const miss = await send(path);
			const hit = await send(path);
			expect(timing(hit.response)).toBe(HIT);
			expect(logged(miss.response.headers.get("x-request-id"))).toHaveLength(1);
			expect(logged(hit.response.headers.get("x-request-id"))).toEqual([]);
		} finally {
			spy.mockRestore();
		}
	});
});

describe("a page filled by a signed-in shopper with a cart", () => {
	it("carries nothing of them to another shopper: byte for byte what an anonymous shopper gets", async () => {
		const rug = await createVariant({ stock: 7 });
		const nickname = `Nick${rug.productId}`;
		const email = uniqueEmail("edge");
		const { shopper } = await registeredCustomer({ email, nickname });
		await shopper.createCart();
		expect((await shopper.addItem(rug.variantId, 1)).status).toBe(200);
		// Writes hand back a D1 bookmark: the shopper now holds session, cart and bookmark cookies.
		expect([...shopper.cookies.keys()]).toEqual(
			expect.arrayContaining(["__Host-lw_session", CART_COOKIE, "__Host-lw_bm"]),
		);
		const personal = [email, nickname, ...shopper.cookies.values()];

		for (const path of [
			`/p/rug-${rug.productId}`,
			`/c/cat-${rug.productId}`,
			`/api/v1/products/rug-${rug.productId}`,
		]) {
			const filled = await send(path, {}, shopper);
			expect(timing(filled.response), path).toContain(MISS);
			const other = await send(path, {}, new Shopper());
			expect(timing(other.response), path).toBe(HIT);
			expect(other.response.headers.has("set-cookie"), path).toBe(false);
			for (const value of personal) expect(other.body, path).not.toContain(value);
			const entry = await stored(path);
			for (const [name, value] of entry?.headers ?? []) {
				for (const secret of personal) expect(`${name}: ${value}`, path).not.toContain(secret);
			}
			// Rendered again for nobody in particular: the very same bytes.
			await forget(path);
			const anonymous = await send(path);
			expect(timing(anonymous.response), path).toContain(MISS);
			expect(anonymous.body, path).toBe(filled.body);
			expect(anonymous.response.headers.get("etag"), path).toBe(filled.response.headers.get("etag"));
		}
	});
});

describe("never stored", () => {
	it("errors: an unknown product, an invalid or unknown query", async () => {
		for (const [path, status] of [
			["/p/no-such-rug-anywhere", 404],
			["/api/v1/products/no-such-rug-anywhere", 404],
			["/api/v1/products?limit=abc", 400],
			["/api/v1/products?colour=red", 400],
			["/c/no-such-category", 404],
		] as const) {
			const res = await send(path);
			expect(res.response.status, path).toBe(status);
			expect(res.response.headers.get("cache-control"), path).not.toBe(PUBLIC_CACHE_CONTROL);
			expect(await stored(path), path).toBeUndefined();
			expect(timing((await send(path)).response), path).toContain(MISS);
		}
	});

	it("private routes: the cart, the account", async () => {
		const { shopper } = await registeredCustomer();
		await shopper.createCart();
		for (const path of ["/api/v1/cart", "/cart", "/api/v1/me", "/account"]) {
			await send(path, {}, shopper);
			expect(await stored(path), path).toBeUndefined();
		}
	});
});

describe("the key", () => {
	it("is the URL with its query sorted: other values are other entries", async () => {
		const rug = await createVariant();
		const category = `cat-${rug.productId}`;
		const a = await send(`/api/v1/products?category=${category}&limit=5`);
		expect(timing(a.response)).toContain(MISS);
		const sameReordered = await send(`/api/v1/products?limit=5&category=${category}`);
		expect(timing(sameReordered.response)).toBe(HIT);
		expect(sameReordered.body).toBe(a.body);
		const other = await send(`/api/v1/products?category=${category}&limit=6`);
		expect(timing(other.response)).toContain(MISS);
	});

	it("leaves out parameters the route does not read: tracking tags share the page's entry", async () => {
		const rug = await createVariant();
		const product = `/p/rug-${rug.productId}`;
		expect(timing((await send(product)).response)).toContain(MISS);
		const tagged = await send(`${product}?utm_source=news&utm_medium=mail`);
		expect(timing(tagged.response)).toBe(HIT);
		expect(await stored(`${product}?utm_source=news&utm_medium=mail`)).toBeUndefined();

		// The category page reads the listing's parameters only: those still tell entries apart.
		const category = `/c/cat-${rug.productId}`;
		expect(timing((await send(`${category}?sort=newest`)).response)).toContain(MISS);
		expect(timing((await send(`${category}?sort=newest&fbclid=x1`)).response)).toBe(HIT);
		expect(timing((await send(`${category}?sort=price_asc`)).response)).toContain(MISS);
	});

	it("never keeps what a shopper typed: a search is computed every time", async () => {
		const rug = await createVariant();
		for (const path of [`/search?q=rug${rug.productId}`, `/api/v1/products?q=rug${rug.productId}`]) {
			await send(path);
			const again = await send(path);
			expect(timing(again.response), path).toContain(MISS);
			expect(await stored(path), path).toBeUndefined();
		}
	});

	it("keys the versioned widget script on its path alone", async () => {
		await send(WIDGET_SCRIPT_PATH);
		const tagged = await send(`${WIDGET_SCRIPT_PATH}?v=${Date.now()}`);
		expect(timing(tagged.response)).toBe(HIT);
	});

	it("ignores cookies and headers: a cookie or header cannot make a miss", async () => {
		const rug = await createVariant();
		const path = `/p/rug-${rug.productId}`;
		await send(path);
		const withJunk = await send(path, {
			headers: { cookie: "a=b", "accept-language": "de", "x-anything": "1" },
		});
		expect(timing(withJunk.response)).toBe(HIT);
	});
});

describe("markets and languages (issue #13)", () => {
	// Each public page's locale is its URL's: a stored copy is keyed by it, and a shopper whose
	// choice or country names another locale is sent to their URL before the cache is read.
	const EXPECTED = [
		{ prefix: "", tag: "en-US", currency: "USD" },
		{ prefix: "/fr-fr", tag: "fr-FR", currency: "EUR" },
		{ prefix: "/de-at", tag: "de-AT", currency: "EUR" },
		{ prefix: "/ja-jp", tag: "ja-JP", currency: "JPY" },
		{ prefix: "/en-gb", tag: "en-GB", currency: "GBP" },
	] as const;
	const strangers = [
		{ cookie: "ja-jp", country: "FR" },
		{ cookie: "fr-fr", country: "JP" },
		{ cookie: undefined, country: "DE" },
		{ cookie: "es-es", country: "US" },
	];

	function sendAs(path: string, stranger: (typeof strangers)[number]) {
		const shopper = new Shopper();
		if (stranger.cookie) shopper.cookies.set("__Host-lw_locale", stranger.cookie);
		return send(path, { cf: { country: stranger.country } } as RequestInit, shopper);
	}

	it("never serves a stored page to a shopper of another market or language", async () => {
		const variant = await createVariant({ priceMinor: 12_900 });
		const slug = `rug-${variant.productId}`;
		const prices = Object.fromEntries(
			EXPECTED.map(({ tag, currency }) => [tag, formatMoney(listPrice(12_900, currency), currency, tag)]),
		);
		for (const round of [1, 2, 3]) {
			for (const [i, { prefix, tag }] of EXPECTED.entries()) {
				const stranger = strangers[(i + round) % strangers.length] as (typeof strangers)[number];
				// An unprefixed page for a shopper of another locale: sent on, never a stored page.
				const unprefixed = await sendAs(`/p/${slug}`, stranger);
				expect(unprefixed.response.status).toBe(302);
				expect(unprefixed.response.headers.get("cache-control")).toContain("no-store");
				expect(unprefixed.response.headers.get("location")).toMatch(/^\/[a-z]{2}-[a-z]{2}\/p\//);
				const path = `${prefix}/p/${slug}`;
				const { response, body } = prefix === "" ? await send(path) : await sendAs(path, stranger);
				expect(response.status).toBe(200);
				if (round > 1) expect(timing(response)).toBe(HIT);
				expect(body).toContain(`<html lang="${tag}"`);
				expect(body).toContain(prices[tag] as string);
				for (const [otherTag, otherPrice] of Object.entries(prices)) {
					if (otherPrice !== prices[tag])
						expect(body, `${path} shows ${otherTag}'s price`).not.toContain(otherPrice);
				}
			}
		}
	});
});

describe("stale-while-revalidate", () => {
	it("serves a stale copy and refreshes it once in the background through the worker", async () => {
		const rug = await createVariant({ name: "Before rename" });
		const path = `/p/rug-${rug.productId}`;
		await send(path);
		await renameProduct(rug.productId, "After rename");
		await age(path, 90);
		const stale = await send(path);
		expect(timing(stale.response)).toBe(STALE);
		expect(stale.body).toContain("Before rename");
		expect(Number(stale.response.headers.get("age"))).toBeGreaterThanOrEqual(90);
		expect(stale.response.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
		// The refresh finished with the request's background work: the next one is a fresh hit.
		const fresh = await send(path);
		expect(timing(fresh.response)).toBe(HIT);
		expect(fresh.body).toContain("After rename");
		expect(Number(fresh.response.headers.get("age"))).toBeLessThan(60);
	});

	it("a copy past TTL + SWR is a miss", async () => {
		const rug = await createVariant({ name: "Old name" });
		const path = `/p/rug-${rug.productId}`;
		await send(path);
		await renameProduct(rug.productId, "New name");
		await age(path, 60 + 300 + 1);
		const res = await send(path);
		expect(timing(res.response)).toContain(MISS);
		expect(res.body).toContain("New name");
	});
});

describe("conditional requests and HEAD from a hit", () => {
	it("answers If-None-Match with 304 from the stored ETag, and HEAD without a body", async () => {
		const rug = await createVariant();
		const path = `/p/rug-${rug.productId}`;
		const miss = await send(path);
		const etag = miss.response.headers.get("etag") ?? "";
		expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
		const notModified = await send(path, { headers: { "if-none-match": etag } });
		expect(notModified.response.status).toBe(304);
		expect(timing(notModified.response)).toBe(HIT);
		expect(notModified.response.headers.get("etag")).toBe(etag);
		expect(notModified.body).toBe("");
		expect(notModified.response.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
		const changed = await send(path, { headers: { "if-none-match": '"something-else"' } });
		expect(changed.response.status).toBe(200);
		expect(changed.body).toBe(miss.body);

		const head = await send(path, { method: "HEAD" });
		expect(head.response.status).toBe(200);
		expect(timing(head.response)).toBe(HIT);
		expect(head.response.headers.get("etag")).toBe(etag);
		expect(head.body).toBe("");
	});

	it("a miss the browser already has is a 304, and still stored", async () => {
		const rug = await createVariant();
		const path = `/p/rug-${rug.productId}`;
		const first = await send(path);
		await forget(path);
		const etag = first.response.headers.get("etag") ?? "";
		const revalidated = await send(path, { headers: { "if-none-match": `W/"other", ${etag}` } });
		expect(revalidated.response.status).toBe(304);
		expect(timing(revalidated.response)).toContain(MISS);
		expect(revalidated.response.headers.get("etag")).toBe(etag);
		expect(revalidated.response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
		expect((await stored(path))?.headers.get("etag")).toBe(etag);
	});

	it("a HEAD miss stores the GET entry", async () => {
		const rug = await createVariant();
		const path = `/api/v1/products/rug-${rug.productId}`;
		const head = await send(path, { method: "HEAD" });
		expect(timing(head.response)).toContain(MISS);
		expect(head.body).toBe("");
		const get = await send(path);
		expect(timing(get.response)).toBe(HIT);
		expect(JSON.parse(get.body)).toMatchObject({ slug: `rug-${rug.productId}` });
	});
});

describe("the widget script's URLs", () => {
	it("names the content; the old and unknown URLs redirect to it", async () => {
		expect(WIDGET_SCRIPT_PATH).toMatch(/^\/assets\/widget\.[0-9a-z]{1,16}\.js$/);
		for (const old of ["/assets/lw-analytics.js", "/assets/widget.0ld.js"]) {
			const res = await send(old);
			expect(res.response.status, old).toBe(302);
			expect(res.response.headers.get("location"), old).toBe(WIDGET_SCRIPT_PATH);
			expect(res.response.headers.get("cache-control"), old).toBe("public, max-age=300");
			expect(await stored(old), old).toBeUndefined();
		}
	});
});

describe("stock on a cached page", () => {
	it("may lag, and checkout still refuses what is gone", async () => {
		const rug = await createVariant({ stock: 1 });
		const path = `/p/rug-${rug.productId}`;
		expect((await send(path)).body).toContain("In stock (1)");
		const first = new Shopper();
		const second = new Shopper();
		for (const shopper of [first, second]) {
			await shopper.createCart();
			expect((await shopper.addItem(rug.variantId, 1)).status).toBe(200);
		}
		expect((await first.json("/api/v1/checkout", "POST", checkoutBody())).status).toBe(201);
		expect(await stockOf(rug.variantId)).toBe(0);
		const cached = await send(path);
		expect(timing(cached.response)).toBe(HIT);
		expect(cached.body).toContain("In stock (1)");
		const refused = await second.json("/api/v1/checkout", "POST", checkoutBody());
		expect(refused.status).toBe(409);
		expect(((await refused.json()) as ErrorBody).error.code).toBe("out_of_stock");
		expect(await stockOf(rug.variantId)).toBe(0);
	});
});

// ---- The middleware on an app of its own: the EDGE_CACHE switch, the clock, what it refuses ----

type Harness = {
	app: Hono<AppEnv>;
	renders: () => number;
	setBody: (body: string) => void;
	request: (path: string, init?: RequestInit) => Promise<Response>;
	clock: { now: number };
};

function harness(options: { edgeCache?: string; refreshStatus?: number } = {}): Harness {
	const clock = { now: Date.UTC(2030, 0, 1) };
	const origin = `https://unit-${crypto.randomUUID()}.test`;
	let renders = 0;
	let body = "first";
	const app = new Hono<AppEnv>();
	const bindings = { ...env, EDGE_CACHE: options.edgeCache ?? "on" };
	app.use(async (c, next) => {
		c.set("logger", createLogger({ requestId: "unit" }));
		await next();
	});
	const request = async (path: string, init?: RequestInit) => {
		const ctx = createExecutionContext();
		const res = await app.request(`${origin}${path}`, init, bindings, ctx);
		await waitOnExecutionContext(ctx);
		return res;
	};
	const cached = edgeCache({
		ttlSeconds: 60,
		swrSeconds: 300,
		cacheControl: PUBLIC_CACHE_CONTROL,
		now: () => clock.now,
		refresh: async (req) => {
			expect(req.headers.get(REFRESH_HEADER)).toBe("1");
			expect(req.headers.has("cookie")).toBe(false);
			if (options.refreshStatus) return new Response("down", { status: options.refreshStatus });
			return request(new URL(req.url).pathname, { headers: req.headers });
		},
	});
	app.get("/page", cached, (c) => {
		renders += 1;
		return c.text(body);
	});
	app.get("/sets-cookie", cached, (c) => {
		renders += 1;
		c.header("Set-Cookie", "who=you");
		return c.text("personal");
	});
	app.post("/page", cached, (c) => {
		renders += 1;
		return c.text("posted");
	});
	return {
		app,
		renders: () => renders,
		setBody: (next) => {
			body = next;
		},
		request,
		clock,
	};
}

describe("the middleware on its own", () => {
	it("EDGE_CACHE=off stores nothing, and still gives browsers Cache-Control, ETag and 304", async () => {
		const h = harness({ edgeCache: "off" });
		const first = await h.request("/page");
		const second = await h.request("/page", {
			headers: { "if-none-match": first.headers.get("etag") ?? "" },
		});
		expect(h.renders()).toBe(2);
		expect(first.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
		expect(first.headers.get("server-timing")).toBe(MISS);
		expect(second.status).toBe(304);
	});

	it("an unknown EDGE_CACHE value is off too", async () => {
		const h = harness({ edgeCache: "false" });
		await h.request("/page");
		await h.request("/page");
		expect(h.renders()).toBe(2);
	});

	it("never stores a response with Set-Cookie, nor answers a POST from the cache", async () => {
		const h = harness();
		for (let i = 0; i < 2; i++) {
			const res = await h.request("/sets-cookie");
			expect(res.headers.get("server-timing")).toBe(MISS);
			expect(res.headers.get("cache-control")).toBeNull();
		}
		await h.request("/page");
		const posted = await h.request("/page", { method: "POST" });
		expect(await posted.text()).toBe("posted");
		expect(h.renders()).toBe(4);
	});

	it("fresh for the TTL, stale with one background refresh, then fresh again", async () => {
		const h = harness();
		await h.request("/page");
		h.setBody("second");
		h.clock.now += 59_000;
		const hit = await h.request("/page");
		expect([hit.headers.get("server-timing"), hit.headers.get("age"), await hit.text()]).toEqual([
			HIT,
			"59",
			"first",
		]);
		expect(h.renders()).toBe(1);
		h.clock.now += 2_000;
		const stale = await h.request("/page");
		expect([stale.headers.get("server-timing"), stale.headers.get("age"), await stale.text()]).toEqual([
			STALE,
			"61",
			"first",
		]);
		expect(h.renders()).toBe(2);
		const refreshed = await h.request("/page");
		expect([
			refreshed.headers.get("server-timing"),
			refreshed.headers.get("age"),
			await refreshed.text(),
		]).toEqual([HIT, "0", "second"]);
		expect(h.renders()).toBe(2);
	});

	it("a failing refresh keeps the stale copy until TTL + SWR, then it is a miss", async () => {
		const h = harness({ refreshStatus: 503 });
		await h.request("/page");
		h.setBody("second");
		h.clock.now += 100_000;
		expect(await (await h.request("/page")).text()).toBe("first");
		h.clock.now += 200_000;
		const still = await h.request("/page");
		expect([still.headers.get("server-timing"), await still.text()]).toEqual([STALE, "first"]);
		h.clock.now += 61_000;
		const expired = await h.request("/page");
		expect([expired.headers.get("server-timing"), await expired.text()]).toEqual([MISS, "second"]);
	});
});
