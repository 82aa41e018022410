// What each of the storefront's global middlewares costs per request (issue #11), in workerd:
// a bare Hono app answering a small JSON body and a page-sized HTML body, timed alone and with
// each middleware added, the difference being that middleware's cost. Results in µs per request
// go to bench/results/middleware-cost.json (through the reporter in vitest.bench.config.ts).
//
// Workers clocks advance only at I/O, so each timed run starts and ends on a timer tick and runs
// enough requests that the tick's own delay is lost in the total.
import { env } from "cloudflare:workers";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { requestId } from "hono/request-id";
import { expect, it } from "vitest";
import type { AppEnv } from "../workers/storefront/env";
import { d1Session } from "../workers/storefront/middleware/d1-session";
import { publicCache } from "../workers/storefront/middleware/public-cache";
import { requestLogger } from "../workers/storefront/middleware/request-logger";
import { shopSecureHeaders } from "../workers/storefront/middleware/shop-secure-headers";

const REQUESTS = 800;
const ROUNDS = 7;

// As the storefront's pages are: a category page of 24 cards is ~40 KB of HTML.
const PAGE = `<!doctype html><html><body>${'<article class="card"><h3><a href="/p/x">Rug</a></h3><p>From $49.00</p></article>'.repeat(500)}</body></html>`;
const JSON_BODY = { items: Array.from({ length: 10 }, (_, id) => ({ id, slug: `rug-${id}`, name: "Rug" })) };

/** The storefront's own configuration of each (app.ts), as one list of named middlewares. */
const MIDDLEWARES: Record<string, () => MiddlewareHandler<AppEnv>[]> = {
	"request id": () => [
		requestId({ generator: () => crypto.randomUUID(), headerName: "" }),
		async (c, next) => {
			c.header("X-Request-Id", c.var.requestId);
			await next();
		},
	],
	// requestLogger reads the request id; the logger writes one JSON line per request.
	logger: () => [requestId({ generator: () => crypto.randomUUID(), headerName: "" }), requestLogger()],
	"secure headers": () => [shopSecureHeaders()],
	csrf: () => [csrf()],
	"body limit": () => [bodyLimit({ maxSize: 32 * 1024 })],
	"d1 session": () => [d1Session()],
	"public cache (ETag)": () => [publicCache()],
};

function appWith(middlewares: MiddlewareHandler<AppEnv>[]) {
	const app = new Hono<AppEnv>();
	for (const middleware of middlewares) app.use(middleware);
	app.get("/json", (c) => c.json(JSON_BODY));
	app.get("/page", (c) => c.html(PAGE));
	return app;
}

// The session middleware opens a session on whatever D1 it is given and runs nothing on it here.
const benchEnv = { DB: (env as unknown as { ANALYTICS_DB: D1Database }).ANALYTICS_DB };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** µs per request of one run of REQUESTS requests. */
async function run(app: Hono<AppEnv>, path: string): Promise<number> {
	const request = new Request(`https://loomwash.test${path}`, {
		headers: { "CF-Connecting-IP": "198.18.0.1" },
	});
	await tick();
	const started = performance.now();
	for (let i = 0; i < REQUESTS; i++) {
		const res = await app.fetch(request.clone(), benchEnv);
		await res.arrayBuffer();
	}
	await tick();
	return ((performance.now() - started) * 1000) / REQUESTS;
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * Each variant's cost over the bare app, the median over ROUNDS of (variant − bare) measured back
 * to back in the same round: the machine's load drifts between rounds, not within a pair.
 */
async function costs(variants: Record<string, Hono<AppEnv>>, path: string) {
	const bare = appWith([]);
	await run(bare, path); // warm-up: JIT and first-use allocations
	const bareRuns: number[] = [];
	const deltas: Record<string, number[]> = {};
	for (let round = 0; round < ROUNDS; round++) {
		for (const [name, app] of Object.entries(variants)) {
			const base = await run(bare, path);
			bareRuns.push(base);
			const delta = (await run(app, path)) - base;
			deltas[name] = [...(deltas[name] ?? []), delta];
		}
	}
	return {
		bare: median(bareRuns),
		costs: Object.fromEntries(Object.entries(deltas).map(([name, d]) => [name, median(d)])),
	};
}

it("measures each global middleware's cost per request", { timeout: 600_000 }, async ({ task }) => {
	// The logger's lines would otherwise flood the terminal: its cost is building them, not printing.
	const log = console.log;
	console.log = () => {};
	try {
		const all = Object.values(MIDDLEWARES).flatMap((make) => make());
		const variants = {
			...Object.fromEntries(Object.entries(MIDDLEWARES).map(([name, make]) => [name, appWith(make())])),
			all: appWith(all),
		};
		const json = await costs(variants, "/json");
		const page = await costs(variants, "/page");
		const bare = { json: json.bare, page: page.bare };
		const rows: Record<string, { json: number; page: number }> = {};
		for (const name of Object.keys(variants))
			rows[name] = { json: json.costs[name] ?? Number.NaN, page: page.costs[name] ?? Number.NaN };
		const round = (n: number) => Math.round(n * 10) / 10;
		const data = {
			unit: "µs per request added to a bare Hono app (median over rounds of back-to-back pairs)",
			requestsPerRound: REQUESTS,
			rounds: ROUNDS,
			pageBytes: PAGE.length,
			bare: { json: round(bare.json), page: round(bare.page) },
			middlewares: Object.fromEntries(
				Object.entries(rows).map(([name, r]) => [name, { json: round(r.json), page: round(r.page) }]),
			),
		};
		console.log = log;
		console.warn(
			[
				`${"middleware".padEnd(22)}${"json µs".padStart(10)}${"page µs".padStart(10)}`,
				`${"(bare app)".padEnd(22)}${data.bare.json.toFixed(1).padStart(10)}${data.bare.page.toFixed(1).padStart(10)}`,
				...Object.entries(data.middlewares).map(
					([name, r]) =>
						`${name.padEnd(22)}${r.json.toFixed(1).padStart(10)}${r.page.toFixed(1).padStart(10)}`,
				),
			].join("\n"),
		);
		expect(bare.json).toBeGreaterThan(0);
		task.meta.benchResult = { name: "middleware-cost", data };
	} finally {
		console.log = log;
	}
});
