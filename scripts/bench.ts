// npm run bench (issue #11): the shop's routes against a bare Hono worker that returns one D1 row,
// both started here in the same run, driven by autocannon.
//   node scripts/bench.ts [--duration 10] [--connections 16] [--routes list,detail,…] [--no-docs]
// 1. a fresh local state in a temp folder (migrations and the demo catalog, as npm run setup:local);
// 2. the baseline, then the public reads with the edge cache on (warm: hits), then the shop again
//    with EDGE_CACHE=off (misses) for the same reads, the per-shopper read and the writes, then the
//    baseline again (the ratios use the mean of both baseline runs; the drift between them is shown);
// 3. the analytics consumer bench and each worker's gzip bundle size;
// 4. the table on stdout, bench/results/latest.json, and the generated block of docs/benchmarks.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, type as osType, release, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import * as z from "zod";
import {
	type BenchReport,
	type CacheRun,
	formatDrift,
	type LoadResult,
	parseBundleSize,
	type RouteResult,
	renderMarkdownReport,
	renderTextTable,
	spliceGenerated,
	summarizeBaseline,
	toRow,
} from "../bench/report.ts";
import { type LoadOptions, runLoad, sampleRoute, warmUp } from "./bench/load.ts";
import { type Server, startWranglerDev, stopAll, stopServersOnSignals, wrangler } from "./bench/processes.ts";
import {
	type CatalogPick,
	privateReadRoutes,
	publicReadRoutes,
	type RouteSpec,
	writeRoutes,
} from "./bench/routes.ts";

const SHOP_PORT = 8900;
const BASELINE_PORT = 8902;
const WARM_UP_REQUESTS = 20;
const SAMPLES = 5;
const DOCS = "docs/benchmarks.md";
const RESULTS = "bench/results";
const LATEST = "latest.json";
const SHOP_CONFIGS = ["wrangler.toml", "workers/analytics/wrangler.toml", "workers/vault/wrangler.dev.toml"];
const BASELINE_CONFIG = "bench/baseline/wrangler.toml";
// Checkouts reserve stock: every in-stock variant gets plenty, so a run never sells out.
const BENCH_STOCK = 1_000_000;

const { values: args } = parseArgs({
	options: {
		duration: { type: "string", default: "10" },
		connections: { type: "string", default: "16" },
		routes: { type: "string" },
		"no-docs": { type: "boolean", default: false },
	},
});

const positiveInt = (name: string) =>
	z
		.string()
		.regex(/^\d+$/, `--${name} takes a whole number`)
		.transform(Number)
		.pipe(z.number().int().min(1).max(600));
const options: LoadOptions = {
	durationSeconds: positiveInt("duration").parse(args.duration),
	connections: positiveInt("connections").parse(args.connections),
};
const selected = args.routes
	?.split(",")
	.map((r) => r.trim())
	.filter(Boolean);

const CategoriesSchema = z.object({
	categories: z.array(z.object({ slug: z.string(), productCount: z.number().int() })),
});
const ProductPageSchema = z.object({ items: z.array(z.object({ slug: z.string() })) });
const ProductSchema = z.object({
	id: z.number().int(),
	slug: z.string(),
	variants: z.array(z.object({ id: z.number().int(), stock: z.number().int() })),
});

async function getJson<T>(origin: string, path: string, schema: z.ZodType<T>): Promise<T> {
	const response = await fetch(`${origin}${path}`, { headers: { accept: "application/json" } });
	if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
	return schema.parse(await response.json());
}

/** The category and product the routes use: the first category with products, its first in-stock product. */
async function pickCatalog(origin: string): Promise<CatalogPick> {
	const { categories } = await getJson(origin, "/api/v1/categories", CategoriesSchema);
	for (const category of categories.filter((c) => c.productCount > 0)) {
		const page = await getJson(
			origin,
			`/api/v1/products?category=${encodeURIComponent(category.slug)}&limit=10`,
			ProductPageSchema,
		);
		for (const card of page.items) {
			const product = await getJson(
				origin,
				`/api/v1/products/${encodeURIComponent(card.slug)}`,
				ProductSchema,
			);
			const variant = product.variants.find((v) => v.stock > 0);
			if (variant) {
				return {
					categorySlug: category.slug,
					productSlug: product.slug,
					productId: product.id,
					variantId: variant.id,
				};
			}
		}
	}
	throw new Error("no in-stock product in the seeded catalog");
}

function log(message: string) {
	console.error(`[bench] ${message}`);
}

/** Migrations and the demo catalog in `state`, the way npm run setup:local prepares .wrangler/state. */
function prepareState(state: string) {
	log(`fresh local state in ${state}`);
	execFileSync(process.execPath, ["scripts/gen-dev-vars.mjs"], { stdio: ["ignore", "ignore", "inherit"] });
	const persist = ["--local", "--persist-to", state];
	wrangler(["d1", "migrations", "apply", "loomwash", ...persist]);
	wrangler([
		"d1",
		"migrations",
		"apply",
		"loomwash_analytics",
		"-c",
		"workers/analytics/wrangler.toml",
		...persist,
	]);
	wrangler(["d1", "migrations", "apply", "loomwash_vault", "-c", "workers/vault/wrangler.toml", ...persist]);
	wrangler(["d1", "migrations", "apply", "bench_baseline", "-c", BASELINE_CONFIG, ...persist]);
	execFileSync(process.execPath, ["scripts/seed-local.ts", "--persist-to", state], {
		stdio: ["ignore", "ignore", "inherit"],
	});
	wrangler([
		"d1",
		"execute",
		"loomwash",
		...persist,
		"--command",
		`UPDATE variants SET stock = ${BENCH_STOCK} WHERE stock > 0`,
	]);
}

function startShop(state: string, cache: CacheRun): Promise<Server> {
	log(`starting the shop (edge cache ${cache})`);
	return startWranglerDev({
		name: "shop",
		configs: SHOP_CONFIGS,
		port: SHOP_PORT,
		inspectorPort: SHOP_PORT + 1,
		persistTo: state,
		readyPath: "/healthz",
		// Every response reports its D1 round trips, writes included: a local measurement only.
		vars: { D1_TIMING: "all", ...(cache === "off" ? { EDGE_CACHE: "off" } : {}) },
	});
}

function startBaseline(state: string): Promise<Server> {
	log("starting the baseline");
	return startWranglerDev({
		name: "baseline",
		configs: [BASELINE_CONFIG],
		port: BASELINE_PORT,
		inspectorPort: BASELINE_PORT + 1,
		persistTo: state,
		readyPath: "/row",
	});
}

async function measureBaseline(baseline: Server, label: string): Promise<LoadResult> {
	const spec: RouteSpec = {
		key: "baseline",
		name: "baseline",
		kind: "read",
		path: "/row",
		expectedStatus: 200,
		next: () => ({ method: "GET", path: "/row", headers: {} }),
	};
	await warmUp(baseline.origin, spec, WARM_UP_REQUESTS);
	log(`baseline (${label})`);
	const { load } = await runLoad(baseline.origin, spec, options);
	return load;
}

// The baseline worker's yardsticks, measured beside it: what the runtime costs without D1, with one
// log line (the shop writes one per request), and for a row served from the Workers Cache API.
const REFERENCES = [
	{ key: "floor", name: "reference: static JSON, no D1", path: "/static" },
	{ key: "page-bytes", name: "reference: static 16 KB HTML, no D1", path: "/static-page" },
	{ key: "log-line", name: "reference: static JSON + one log line", path: "/static-logged" },
	{ key: "cache-api", name: "reference: one row from the Cache API", path: "/cached-row" },
] as const;

async function measureReferences(baseline: Server): Promise<RouteResult[]> {
	const results: RouteResult[] = [];
	for (const reference of REFERENCES) {
		const spec: RouteSpec = {
			key: reference.key,
			name: reference.name,
			kind: "reference",
			path: reference.path,
			expectedStatus: 200,
			next: () => ({ method: "GET", path: reference.path, headers: {} }),
		};
		results.push(await measureRoute(baseline, spec, "off", true));
	}
	return results;
}

async function measureRoute(
	shop: Server,
	spec: RouteSpec,
	run: CacheRun,
	warm: boolean,
): Promise<RouteResult> {
	if (warm) await warmUp(shop.origin, spec, WARM_UP_REQUESTS);
	log(spec.kind === "reference" ? spec.name : `${spec.name} (edge cache ${run})`);
	const { load, ranOut } = await runLoad(shop.origin, spec, options);
	const sample = await sampleRoute(shop.origin, spec, SAMPLES);
	const unexpected = sample.statuses.filter((s) => s !== spec.expectedStatus);
	const notes = [
		ranOut
			? `stopped early: the carts made by the route before it ran out after ${load.requests} requests`
			: "",
		unexpected.length > 0
			? `sampled statuses ${sample.statuses.join(", ")} (expected ${spec.expectedStatus})`
			: "",
		load.non2xx + load.errors > 0
			? `${load.non2xx} non-2xx responses and ${load.errors} errors or timeouts among ${load.requests} under load`
			: "",
	].filter(Boolean);
	return {
		route: spec.name,
		path: spec.path,
		kind: spec.kind,
		run,
		load,
		sample,
		...(notes.length > 0 ? { note: notes.join("; ") } : {}),
	};
}

const wanted = (spec: RouteSpec) => selected === undefined || selected.includes(spec.key);

/** Writes draw on the carts of the ones before them, so asking for one brings in its suppliers. */
function selectWrites(specs: RouteSpec[]): RouteSpec[] {
	const order = specs.map((s) => s.key);
	const needs: Record<string, string[]> = {
		"add-to-cart": ["cart-create"],
		checkout: ["cart-create", "add-to-cart"],
	};
	const keys = new Set(specs.filter(wanted).flatMap((s) => [s.key, ...(needs[s.key] ?? [])]));
	return specs.filter((s) => keys.has(s.key)).sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

const ConsumerRunSchema = z.object({
	name: z.string(),
	eventsPerSecond: z.number(),
	statementsPerBatch: z.number(),
	roundTripsPerBatch: z.number(),
});
const ConsumerFileSchema = z.object({ batched: ConsumerRunSchema, naive: ConsumerRunSchema });

/**
 * Runs the vitest benches (vitest.bench.config.ts): each leaves bench/results/<name>.json, all of
 * which go into latest.json. A failing bench is reported, and the route measurements still kept.
 */
function runVitestBenches(): { consumer: BenchReport["consumer"]; benches: Record<string, unknown> } {
	log("vitest benches (vitest run -c vitest.bench.config.ts)");
	mkdirSync(RESULTS, { recursive: true });
	for (const file of readdirSync(RESULTS)) if (file !== LATEST) rmSync(join(RESULTS, file), { force: true });
	try {
		execFileSync(resolve("node_modules/.bin/vitest"), ["run", "-c", "vitest.bench.config.ts"], {
			stdio: ["ignore", "ignore", "inherit"],
			env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
		});
	} catch {
		log("a vitest bench failed (its output is above); keeping the results that were written");
	}
	const benches: Record<string, unknown> = {};
	for (const file of readdirSync(RESULTS).filter((f) => f.endsWith(".json") && f !== LATEST)) {
		benches[file.slice(0, -".json".length)] = JSON.parse(readFileSync(join(RESULTS, file), "utf8"));
	}
	const consumer = ConsumerFileSchema.safeParse(benches["analytics-consumer"]);
	return { consumer: consumer.success ? consumer.data : null, benches };
}

function measureBundles(): BenchReport["bundles"] {
	const workers = [
		["storefront", "wrangler.toml"],
		["analytics", "workers/analytics/wrangler.toml"],
		["vault", "workers/vault/wrangler.toml"],
	] as const;
	return workers.map(([worker, config]) => {
		log(`bundle size: ${worker}`);
		const outdir = mkdtempSync(join(tmpdir(), "loomwash-bench-build-"));
		try {
			const output = wrangler(["deploy", "--dry-run", "-c", config, "--outdir", outdir]);
			const size = parseBundleSize(output);
			if (!size)
				throw new Error(`no "Total Upload" line from wrangler deploy --dry-run -c ${config}:\n${output}`);
			return { worker, ...size };
		} finally {
			rmSync(outdir, { recursive: true, force: true });
		}
	});
}

function machine(): BenchReport["machine"] {
	const wranglerPackage = z
		.object({ version: z.string() })
		.parse(JSON.parse(readFileSync("node_modules/wrangler/package.json", "utf8")));
	return {
		cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
		cores: cpus().length,
		memoryGiB: totalmem() / 1024 ** 3,
		os: `${osType()} ${release()}`,
		node: process.versions.node,
		wrangler: wranglerPackage.version,
	};
}

function command(): string {
	const flags = process.argv.slice(2);
	return ["npm run bench", ...(flags.length > 0 ? ["--", ...flags] : [])].join(" ");
}

async function measureShop(state: string) {
	const results: RouteResult[] = [];
	let shop = await startShop(state, "on");
	const baseline = await startBaseline(state);
	const pick = await pickCatalog(shop.origin);
	log(`catalog: category ${pick.categorySlug}, product ${pick.productSlug}, variant ${pick.variantId}`);
	const baselineStart = await measureBaseline(baseline, "start");
	results.push(...(await measureReferences(baseline)));

	const publicReads = publicReadRoutes(pick).filter(wanted);
	for (const spec of publicReads) results.push(await measureRoute(shop, spec, "on", true));

	await shop.stop();
	shop = await startShop(state, "off");
	for (const spec of publicReads) results.push(await measureRoute(shop, spec, "off", true));
	for (const spec of privateReadRoutes(pick).filter(wanted)) {
		results.push(await measureRoute(shop, spec, "off", true));
	}
	for (const spec of selectWrites(writeRoutes(pick)))
		results.push(await measureRoute(shop, spec, "off", false));
	await shop.stop();

	const baselineEnd = await measureBaseline(baseline, "end");
	await baseline.stop();
	return { results, baseline: summarizeBaseline(baselineStart, baselineEnd) };
}

async function main() {
	stopServersOnSignals();
	const started = new Date();
	// A docs file without its markers fails now, not after minutes of measuring.
	if (!args["no-docs"]) spliceGenerated(readFileSync(DOCS, "utf8"), "");
	const state = mkdtempSync(join(tmpdir(), "loomwash-bench-"));
	try {
		prepareState(state);
		const { results, baseline } = await measureShop(state);
		const { consumer, benches } = runVitestBenches();
		const bundles = measureBundles();
		const rows = results.map((r) => toRow(r, baseline));
		const timed = results.some((r) => r.sample.timed.some(Boolean));
		const report: BenchReport = {
			date: started.toISOString(),
			command: command(),
			machine: machine(),
			options: {
				durationSeconds: options.durationSeconds,
				connections: options.connections,
				routes: results.map((r) => r.route),
			},
			baseline,
			rows,
			consumer,
			benches,
			bundles,
			notes: [
				"Each request comes from its own client address (CF-Connecting-IP) with a browser User-Agent, as " +
					"Cloudflare forwards a crowd of shoppers: the per-client limits on carts, checkouts and events stay on.",
				"Writes draw on carts the run makes itself: cart create fills a pool, add to cart puts one rug in " +
					"each, checkout start orders them. In-stock variants hold plenty of stock in the bench's database.",
				"mode: the edge cache's answer in Server-Timing on sampled responses (— when it said nothing); " +
					"D1 trips: the d1 round trips in Server-Timing; bytes: the response body, uncompressed.",
				...(timed ? [] : ["No response carried Server-Timing: D1 round trips could not be read (?)."]),
				...(consumer ? [] : ["The analytics consumer bench left no result (see its output)."]),
				...rows.filter((r) => r.note).map((r) => `${r.route} (edge cache ${r.run}): ${r.note}`),
			],
		};
		console.log(`\n${renderTextTable(rows, baseline)}\n`);
		console.log(
			`baseline: mean ${baseline.requestsPerSecond.toFixed(0)} req/s, p99 ${baseline.p99Ms.toFixed(1)} ms; ` +
				`drift start → end ${formatDrift(baseline.drift)}`,
		);
		if (consumer) {
			console.log(
				`analytics consumer: ${consumer.batched.eventsPerSecond} events/s against ${consumer.naive.eventsPerSecond} naive`,
			);
		}
		for (const b of bundles) console.log(`bundle ${b.worker}: ${b.gzipKiB.toFixed(2)} KiB gzip`);
		for (const note of report.notes.slice(3)) console.log(`note: ${note}`);

		mkdirSync(RESULTS, { recursive: true });
		writeFileSync(join(RESULTS, LATEST), `${JSON.stringify(report, null, "\t")}\n`);
		log(`wrote ${join(RESULTS, LATEST)}`);
		if (!args["no-docs"]) {
			writeFileSync(DOCS, spliceGenerated(readFileSync(DOCS, "utf8"), renderMarkdownReport(report)));
			log(`regenerated the bench block of ${DOCS}`);
		}
	} finally {
		await stopAll();
		rmSync(state, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
