import { describe, expect, it } from "vitest";
import {
	type BaselineSummary,
	type BenchReport,
	DOCS_BEGIN,
	DOCS_END,
	describeRoundTrips,
	type LoadResult,
	meetsGoal,
	middlewareCostOf,
	modeOf,
	parseBundleSize,
	parseServerTiming,
	type RouteResult,
	type RouteSample,
	renderMarkdownReport,
	renderMarkdownTable,
	renderTextTable,
	spliceGenerated,
	summarizeBaseline,
	toRow,
} from "../../bench/report";

const load = (requestsPerSecond: number, p99Ms: number, p50Ms = p99Ms / 2): LoadResult => ({
	requestsPerSecond,
	p50Ms,
	p99Ms,
	requests: requestsPerSecond * 10,
	non2xx: 0,
	errors: 0,
});

const sample = (overrides: Partial<RouteSample> = {}): RouteSample => ({
	statuses: [200, 200, 200],
	bytes: [1000, 1200, 1100],
	d1RoundTrips: [2, 2, 2],
	cache: ["miss", "miss", "miss"],
	timed: [true, true, true],
	...overrides,
});

const baseline: BaselineSummary = summarizeBaseline(load(900, 18, 8), load(1100, 22, 10));

const route = (overrides: Partial<RouteResult> = {}): RouteResult => ({
	route: "product page",
	path: "/p/x",
	kind: "public",
	run: "off",
	load: load(800, 25),
	sample: sample(),
	...overrides,
});

describe("parseServerTiming", () => {
	it("reads D1 round trips and duration from the storefront's header", () => {
		expect(parseServerTiming('d1;dur=3.4;desc="2 round trips"')).toEqual({
			d1RoundTrips: 2,
			d1Ms: 3.4,
			cache: "none",
		});
	});

	it("reads the edge cache's status beside the D1 entry, in any order and case", () => {
		expect(parseServerTiming('cache;desc="miss", D1;dur=1.0;desc="1 round trip"')).toEqual({
			d1RoundTrips: 1,
			d1Ms: 1,
			cache: "miss",
		});
		expect(parseServerTiming('cache;desc="hit"')).toEqual({ d1RoundTrips: null, d1Ms: null, cache: "hit" });
		expect(parseServerTiming('cache;desc="stale"').cache).toBe("stale");
	});

	it("keeps a comma inside a quoted description in its metric", () => {
		const timing = parseServerTiming('app;desc="a, b", d1;dur=2.0;desc="3 round trips"');
		expect(timing.d1RoundTrips).toBe(3);
	});

	it("reads nothing from what is not the contract, never a zero", () => {
		expect(parseServerTiming(null)).toEqual({ d1RoundTrips: null, d1Ms: null, cache: "none" });
		expect(parseServerTiming("")).toEqual({ d1RoundTrips: null, d1Ms: null, cache: "none" });
		expect(parseServerTiming('d1;dur=abc;desc="many round trips"')).toEqual({
			d1RoundTrips: null,
			d1Ms: null,
			cache: "none",
		});
		expect(parseServerTiming('cache;desc="maybe"').cache).toBe("none");
	});
});

describe("baseline and goals", () => {
	it("takes the mean of the start and end runs and reports the drift", () => {
		expect(baseline.requestsPerSecond).toBe(1000);
		expect(baseline.p99Ms).toBe(20);
		expect(baseline.p50Ms).toBe(9);
		expect(baseline.drift).toBeCloseTo(1100 / 900 - 1);
	});

	it("holds a hit to the baseline's requests per second", () => {
		expect(meetsGoal("hit", { rps: 1.0, p99: 3 })).toBe(true);
		expect(meetsGoal("hit", { rps: 0.99, p99: 0.5 })).toBe(false);
	});

	it("holds a miss to 0.8× requests per second and 1.25× p99, both", () => {
		expect(meetsGoal("miss", { rps: 0.8, p99: 1.25 })).toBe(true);
		expect(meetsGoal("miss", { rps: 0.79, p99: 1.0 })).toBe(false);
		expect(meetsGoal("miss", { rps: 1.5, p99: 1.26 })).toBe(false);
	});

	it("applies the miss goal to a public read whose samples were not all hits", () => {
		const row = toRow(route({ load: load(800, 25) }), baseline);
		expect(row.rpsRatio).toBeCloseTo(0.8);
		expect(row.p99Ratio).toBeCloseTo(1.25);
		expect(row).toMatchObject({ mode: "miss", goal: "miss", met: true, bytes: 1100, d1RoundTrips: "2" });
		expect(toRow(route({ load: load(800, 26) }), baseline).met).toBe(false);
	});

	it("applies the hit goal when every sample came from the cache", () => {
		const hits = sample({ cache: ["hit", "hit", "hit"], d1RoundTrips: [null, null, null] });
		const row = toRow(route({ run: "on", sample: hits, load: load(990, 10) }), baseline);
		expect(row).toMatchObject({ mode: "hit", goal: "hit", met: false, d1RoundTrips: "0" });
	});

	it("sets no goal for per-shopper reads and writes", () => {
		const row = toRow(route({ kind: "write", load: load(10, 900) }), baseline);
		expect(row.goal).toBeNull();
		expect(row.met).toBeNull();
	});

	it("tells the cache's answer apart: all hits, hits and stale, any miss, nothing said", () => {
		expect(modeOf(["hit", "hit"])).toBe("hit");
		expect(modeOf(["hit", "stale"])).toBe("stale");
		expect(modeOf(["hit", "miss"])).toBe("miss");
		expect(modeOf(["none", "none"])).toBe("none");
		expect(modeOf([])).toBe("none");
	});

	it("describes round trips as one number, a range, or unknown without Server-Timing", () => {
		expect(describeRoundTrips(sample({ d1RoundTrips: [2, 3, 2] }))).toBe("2–3");
		expect(
			describeRoundTrips(sample({ d1RoundTrips: [null, null, null], timed: [false, false, false] })),
		).toBe("?");
	});
});

describe("rendering", () => {
	const rows = [
		toRow(route(), baseline),
		toRow(route({ route: "add to cart", kind: "write", load: load(300, 60) }), baseline),
	];

	it("prints the baseline runs and every route with its ratios and goal", () => {
		const text = renderTextTable(rows, baseline);
		const lines = text.split("\n");
		expect(lines[0]).toMatch(/^route\s+cache\s+mode\s+req\/s\s+p50 ms\s+p99 ms\s+bytes\s+D1 trips/);
		expect(lines).toHaveLength(2 + 2 + rows.length);
		expect(text).toContain("baseline (start)");
		expect(text).toContain("baseline (end)");
		expect(lines.find((l) => l.startsWith("product page"))).toMatch(/0\.80×\s+1\.25×\s+met \(miss/);
		expect(lines.find((l) => l.startsWith("add to cart"))).toMatch(/0\.30×\s+3\.00×\s+—$/);
	});

	it("renders a markdown table with one row per route and escaped cells", () => {
		const markdown = renderMarkdownTable([toRow(route({ route: "a|b" }), baseline)], baseline);
		const lines = markdown.split("\n");
		expect(lines[1]).toBe("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
		expect(lines).toHaveLength(2 + 2 + 1);
		expect(markdown).toContain("| a\\|b | off | miss | 800 | 12.5 | 25.0 | 1100 | 2 | 0.80× | 1.25× | met");
	});

	it("renders the report with the machine, the command, the consumer and the bundles", () => {
		const report: BenchReport = {
			date: "2026-12-01T10:00:00.000Z",
			command: "npm run bench -- --duration 5",
			machine: {
				cpu: "Test CPU",
				cores: 2,
				memoryGiB: 8,
				os: "Linux 6",
				node: "24.21.0",
				wrangler: "4.164.0",
			},
			options: { durationSeconds: 5, connections: 16, routes: ["product page"] },
			baseline,
			rows,
			consumer: {
				batched: { name: "batched", eventsPerSecond: 2000, statementsPerBatch: 14, roundTripsPerBatch: 1 },
				naive: { name: "naive", eventsPerSecond: 25, statementsPerBatch: 390, roundTripsPerBatch: 390 },
			},
			benches: {},
			bundles: [{ worker: "analytics", uploadKiB: 300.5, gzipKiB: 48.25 }],
			notes: ["a note"],
		};
		const markdown = renderMarkdownReport(report);
		expect(markdown).toContain("Test CPU (2 cores, 8.0 GiB), Linux 6, Node 24.21.0, wrangler 4.164.0");
		expect(markdown).toContain("```sh\nnpm run bench -- --duration 5\n```");
		expect(markdown).toContain("drift +22.2%");
		expect(markdown).toContain("2000 events/s batched against 25 naive (80.0×)");
		expect(markdown).toContain("| analytics | 300.50 | 48.25 |");
		expect(markdown).toContain("- a note");
	});
});

describe("spliceGenerated", () => {
	const document = [
		"# Benchmarks",
		"",
		"Prose.",
		DOCS_BEGIN,
		"old table",
		DOCS_END,
		"",
		"## Decision",
		"Kept.",
	].join("\n");

	it("replaces only what lies between the markers", () => {
		const spliced = spliceGenerated(document, "new table");
		expect(spliced).toBe(
			["# Benchmarks", "", "Prose.", DOCS_BEGIN, "new table", DOCS_END, "", "## Decision", "Kept."].join(
				"\n",
			),
		);
		expect(spliceGenerated(spliced, "new table")).toBe(spliced);
	});

	it("fails clearly when a marker is missing, out of order or doubled", () => {
		expect(() => spliceGenerated("# Benchmarks\nno markers", "x")).toThrow(/needs the markers/);
		expect(() => spliceGenerated(`${DOCS_END}\n${DOCS_BEGIN}`, "x")).toThrow(/in that order/);
		expect(() => spliceGenerated(`${document}\n${DOCS_BEGIN}`, "x")).toThrow(/more than once/);
	});
});

describe("parseBundleSize", () => {
	it("reads the upload and gzip sizes from wrangler deploy --dry-run", () => {
		const output = "Total Upload: 812.34 KiB / gzip: 176.02 KiB\nYour Worker has access to…";
		expect(parseBundleSize(output)).toEqual({ uploadKiB: 812.34, gzipKiB: 176.02 });
		expect(parseBundleSize("--dry-run: exiting now.")).toBeNull();
	});
});

describe("middlewareCostOf", () => {
	it("reads the middleware bench's result, and nothing of another shape", () => {
		const result = {
			pageBytes: 40_000,
			bare: { json: 22.5, page: 47.5 },
			middlewares: { logger: { json: 10, page: 13.8 } },
		};
		expect(middlewareCostOf(result)).toEqual(result);
		expect(middlewareCostOf({ ...result, middlewares: { logger: { json: "10" } } })).toBeNull();
		expect(middlewareCostOf(undefined)).toBeNull();
		expect(middlewareCostOf({ bare: result.bare })).toBeNull();
	});
});
