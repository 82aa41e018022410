// npm run bench (issue #11): the pure half of the benchmark. Reading Server-Timing, each route as a
// ratio to the baseline measured in the same run, the goals, and the table rendered for
// the terminal and for docs/benchmarks.md. No I/O here: scripts/bench.ts does the running.

/** What one response says about the edge cache; "none" when it says nothing (no cache in front). */
export type CacheStatus = "hit" | "stale" | "miss" | "none";

export type ServerTiming = {
	/** D1 round trips of the request (statements and batches); null when the header has no d1 entry. */
	d1RoundTrips: number | null;
	d1Ms: number | null;
	cache: CacheStatus;
};

/** One autocannon run, reduced to what the table shows. Latencies in milliseconds. */
export type LoadResult = {
	requestsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	requests: number;
	non2xx: number;
	errors: number;
};

/** What a few single requests to a route showed (sampled with fetch, outside the load). */
export type RouteSample = {
	statuses: number[];
	bytes: number[];
	d1RoundTrips: (number | null)[];
	cache: CacheStatus[];
	/** False when a response carried no Server-Timing at all: the counter is not there to read. */
	timed: boolean[];
};

/**
 * "public" routes are the shopper-independent reads the edge cache may serve, and the issue's
 * goals apply to them; "read" and "write" are measured and reported as ratios, without a goal;
 * "reference" rows are the baseline worker's yardsticks (the runtime's floor, one log line, a
 * Cache API hit) that say what the runtime itself costs here.
 */
export type RouteKind = "public" | "read" | "write" | "reference";

/** The shop ran twice: with the edge cache on (EDGE_CACHE unset) and off (EDGE_CACHE=off). */
export type CacheRun = "on" | "off";

export type RouteResult = {
	route: string;
	path: string;
	kind: RouteKind;
	run: CacheRun;
	load: LoadResult;
	sample: RouteSample;
	note?: string;
};

export type BaselineSummary = {
	start: LoadResult;
	end: LoadResult;
	requestsPerSecond: number;
	p99Ms: number;
	p50Ms: number;
	/** End against start, as a fraction: +0.05 means the baseline ran 5% faster at the end. */
	drift: number;
};

export type Goal = "hit" | "miss";

export type RouteRow = {
	route: string;
	kind: RouteKind;
	run: CacheRun;
	/** What the sampled responses showed: hit when every one was served by the cache. */
	mode: CacheStatus;
	requestsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	bytes: number | null;
	d1RoundTrips: string;
	rpsRatio: number;
	p99Ratio: number;
	goal: Goal | null;
	met: boolean | null;
	non2xx: number;
	note?: string;
};

/** The goals, as ratios to the baseline. */
export const GOALS = {
	hit: { minRps: 1.0 },
	miss: { minRps: 0.8, maxP99: 1.25 },
} as const;

/** Splits on commas that are not inside a quoted string (desc="a, b" is one parameter). */
function splitOutsideQuotes(text: string, separator: string): string[] {
	const parts: string[] = [];
	let current = "";
	let quoted = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		if (char === separator && !quoted) {
			parts.push(current);
			current = "";
		} else {
			current += char;
		}
	}
	parts.push(current);
	return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function unquote(value: string): string {
	return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/**
 * Reads the contract of issue #11 from a Server-Timing header:
 * `d1;dur=<ms>;desc="<n> round trips"` (C) and `cache;desc="hit"|"stale"|"miss"` (B).
 * Anything else in the header is ignored; malformed numbers read as null, never as 0.
 */
export function parseServerTiming(header: string | null | undefined): ServerTiming {
	const timing: ServerTiming = { d1RoundTrips: null, d1Ms: null, cache: "none" };
	if (!header) return timing;
	for (const metric of splitOutsideQuotes(header, ",")) {
		const [name = "", ...params] = splitOutsideQuotes(metric, ";");
		const values = new Map(
			params.map((p) => {
				const eq = p.indexOf("=");
				return eq < 0
					? ([p.toLowerCase(), ""] as const)
					: ([p.slice(0, eq).trim().toLowerCase(), unquote(p.slice(eq + 1).trim())] as const);
			}),
		);
		const metricName = name.toLowerCase();
		if (metricName === "d1") {
			const trips = /^(\d+) round trips?$/.exec(values.get("desc") ?? "");
			if (trips?.[1] !== undefined) timing.d1RoundTrips = Number(trips[1]);
			const dur = values.get("dur");
			if (dur !== undefined && /^\d+(\.\d+)?$/.test(dur)) timing.d1Ms = Number(dur);
		} else if (metricName === "cache") {
			const desc = values.get("desc");
			if (desc === "hit" || desc === "stale" || desc === "miss") timing.cache = desc;
		}
	}
	return timing;
}

function mean(a: number, b: number): number {
	return (a + b) / 2;
}

/** The baseline as the mean of its runs at the start and at the end of the benchmark. */
export function summarizeBaseline(start: LoadResult, end: LoadResult): BaselineSummary {
	return {
		start,
		end,
		requestsPerSecond: mean(start.requestsPerSecond, end.requestsPerSecond),
		p50Ms: mean(start.p50Ms, end.p50Ms),
		p99Ms: mean(start.p99Ms, end.p99Ms),
		drift: start.requestsPerSecond > 0 ? end.requestsPerSecond / start.requestsPerSecond - 1 : 0,
	};
}

export function ratiosTo(baseline: BaselineSummary, load: LoadResult): { rps: number; p99: number } {
	return {
		rps: baseline.requestsPerSecond > 0 ? load.requestsPerSecond / baseline.requestsPerSecond : 0,
		p99: baseline.p99Ms > 0 ? load.p99Ms / baseline.p99Ms : Number.POSITIVE_INFINITY,
	};
}

/** Whether ratios meet a goal: a hit at or above the baseline's rps; a miss ≥ 0.8× rps and ≤ 1.25× p99. */
export function meetsGoal(goal: Goal, ratios: { rps: number; p99: number }): boolean {
	if (goal === "hit") return ratios.rps >= GOALS.hit.minRps;
	return ratios.rps >= GOALS.miss.minRps && ratios.p99 <= GOALS.miss.maxP99;
}

/** One cache status for a route's samples: hit only when every sample was served from the cache. */
export function modeOf(statuses: readonly CacheStatus[]): CacheStatus {
	if (statuses.length === 0) return "none";
	if (statuses.every((s) => s === "hit")) return "hit";
	if (statuses.every((s) => s === "hit" || s === "stale")) return "stale";
	if (statuses.some((s) => s !== "none")) return "miss";
	return "none";
}

/**
 * D1 round trips of a route's samples: "2", or "2–3" when they differ, or "?" when no response
 * carried Server-Timing (nothing to read). A timed response without a d1 entry touched no D1.
 */
export function describeRoundTrips(sample: RouteSample): string {
	const counts = sample.d1RoundTrips
		.map((n, i) => n ?? (sample.timed[i] ? 0 : null))
		.filter((n): n is number => n !== null);
	if (counts.length === 0) return "?";
	const low = Math.min(...counts);
	const high = Math.max(...counts);
	return low === high ? String(low) : `${low}–${high}`;
}

function medianOf(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1
		? (sorted[mid] ?? null)
		: Math.round(mean(sorted[mid - 1] ?? 0, sorted[mid] ?? 0));
}

/**
 * A route's row. Goals apply to public reads only: the hit goal when its samples were all served
 * by the cache, otherwise the miss goal (a "hit" run without a cache in front is a run of misses).
 */
export function toRow(result: RouteResult, baseline: BaselineSummary): RouteRow {
	const ratios = ratiosTo(baseline, result.load);
	const mode = modeOf(result.sample.cache);
	const goal: Goal | null = result.kind !== "public" ? null : mode === "hit" ? "hit" : "miss";
	return {
		route: result.route,
		kind: result.kind,
		run: result.run,
		mode,
		requestsPerSecond: result.load.requestsPerSecond,
		p50Ms: result.load.p50Ms,
		p99Ms: result.load.p99Ms,
		bytes: medianOf(result.sample.bytes),
		d1RoundTrips: describeRoundTrips(result.sample),
		rpsRatio: ratios.rps,
		p99Ratio: ratios.p99,
		goal,
		met: goal === null ? null : meetsGoal(goal, ratios),
		non2xx: result.load.non2xx + result.load.errors,
		...(result.note === undefined ? {} : { note: result.note }),
	};
}

const HEADERS = [
	"route",
	"cache",
	"mode",
	"req/s",
	"p50 ms",
	"p99 ms",
	"bytes",
	"D1 trips",
	"× rps",
	"× p99",
	"goal",
] as const;

function goalText(row: RouteRow): string {
	if (row.goal === null || row.met === null) return "—";
	const what = row.goal === "hit" ? "hit ≥1.0× rps" : "miss ≥0.8× rps, ≤1.25× p99";
	return `${row.met ? "met" : "NOT met"} (${what})`;
}

function cells(row: RouteRow): string[] {
	return [
		row.route,
		row.kind === "public" ? row.run : "—",
		row.mode === "none" ? "—" : row.mode,
		row.requestsPerSecond.toFixed(0),
		row.p50Ms.toFixed(1),
		row.p99Ms.toFixed(1),
		row.bytes === null ? "?" : String(row.bytes),
		row.d1RoundTrips,
		`${row.rpsRatio.toFixed(2)}×`,
		`${row.p99Ratio.toFixed(2)}×`,
		goalText(row),
	];
}

function baselineCells(label: string, load: LoadResult): string[] {
	return [
		label,
		"—",
		"—",
		load.requestsPerSecond.toFixed(0),
		load.p50Ms.toFixed(1),
		load.p99Ms.toFixed(1),
		"",
		"1",
		"",
		"",
		"",
	];
}

function tableRows(rows: readonly RouteRow[], baseline: BaselineSummary): string[][] {
	return [
		baselineCells("baseline (start)", baseline.start),
		baselineCells("baseline (end)", baseline.end),
		...rows.map(cells),
	];
}

/** A fixed-width table for the terminal. */
export function renderTextTable(rows: readonly RouteRow[], baseline: BaselineSummary): string {
	const all = [[...HEADERS], ...tableRows(rows, baseline)];
	const widths = HEADERS.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
	const numeric = new Set([3, 4, 5, 6, 7, 8, 9]);
	const line = (r: string[]) =>
		r
			.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
			.join("  ")
			.trimEnd();
	return [line(all[0] ?? []), widths.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(line)].join(
		"\n",
	);
}

function escapeCell(cell: string): string {
	return cell.replaceAll("|", "\\|");
}

export function renderMarkdownTable(rows: readonly RouteRow[], baseline: BaselineSummary): string {
	const align = HEADERS.map((_, i) => (i >= 3 && i <= 9 ? "---:" : "---"));
	const line = (r: readonly string[]) => `| ${r.map(escapeCell).join(" | ")} |`;
	return [line(HEADERS), line(align), ...tableRows(rows, baseline).map(line)].join("\n");
}

export function formatDrift(drift: number): string {
	const percent = drift * 100;
	return `${percent >= 0 ? "+" : ""}${percent.toFixed(1)}%`;
}

/** Reads "Total Upload: 812.34 KiB / gzip: 176.02 KiB" from `wrangler deploy --dry-run`. */
export function parseBundleSize(output: string): { uploadKiB: number; gzipKiB: number } | null {
	const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
	if (size?.[1] === undefined || size[2] === undefined) return null;
	return { uploadKiB: Number(size[1]), gzipKiB: Number(size[2]) };
}

export type ConsumerResult = {
	name: string;
	eventsPerSecond: number;
	statementsPerBatch: number;
	roundTripsPerBatch: number;
};

export type Machine = {
	cpu: string;
	cores: number;
	memoryGiB: number;
	os: string;
	node: string;
	wrangler: string;
};

export type BenchReport = {
	date: string;
	command: string;
	machine: Machine;
	options: { durationSeconds: number; connections: number; routes: string[] };
	baseline: BaselineSummary;
	rows: RouteRow[];
	consumer: { batched: ConsumerResult; naive: ConsumerResult } | null;
	/** Every vitest bench's bench/results/<name>.json, as written. */
	benches: Record<string, unknown>;
	bundles: { worker: string; uploadKiB: number; gzipKiB: number }[];
	notes: string[];
};

/** The generated block of docs/benchmarks.md: machine, date, command, the tables. */
export function renderMarkdownReport(report: BenchReport): string {
	const { machine, baseline } = report;
	const lines = [
		`Run of ${report.date} on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB), ` +
			`${machine.os}, Node ${machine.node}, wrangler ${machine.wrangler}.`,
		"",
		"```sh",
		report.command,
		"```",
		"",
		`${report.options.connections} connections, ${report.options.durationSeconds} s per route. ` +
			`Baseline (bare Hono, one D1 row): ${baseline.requestsPerSecond.toFixed(0)} req/s, ` +
			`p99 ${baseline.p99Ms.toFixed(1)} ms (mean of start and end; drift ${formatDrift(baseline.drift)}).`,
		"",
		renderMarkdownTable(report.rows, baseline),
		"",
	];
	if (report.consumer) {
		const { batched, naive } = report.consumer;
		lines.push(
			`Analytics consumer: ${batched.eventsPerSecond} events/s batched against ${naive.eventsPerSecond} ` +
				`naive (${(batched.eventsPerSecond / Math.max(naive.eventsPerSecond, 1)).toFixed(1)}×), ` +
				`${batched.roundTripsPerBatch.toFixed(1)} against ${naive.roundTripsPerBatch.toFixed(1)} D1 round trips per 100-event batch.`,
			"",
		);
	}
	const middleware = middlewareCostOf(report.benches["middleware-cost"]);
	if (middleware) {
		lines.push(
			`Middleware cost (bench/middleware-cost.bench.ts, µs added per request to a bare Hono app; ` +
				`bare app ${middleware.bare.json} µs JSON, ${middleware.bare.page} µs for a ${(middleware.pageBytes / 1024).toFixed(0)} KiB page):`,
			"",
			"| middleware | JSON µs | page µs |",
			"| --- | ---: | ---: |",
			...Object.entries(middleware.middlewares).map(
				([name, cost]) => `| ${name} | ${cost.json} | ${cost.page} |`,
			),
			"",
		);
	}
	if (report.bundles.length > 0) {
		lines.push(
			"| worker | upload KiB | gzip KiB |",
			"| --- | ---: | ---: |",
			...report.bundles.map((b) => `| ${b.worker} | ${b.uploadKiB.toFixed(2)} | ${b.gzipKiB.toFixed(2)} |`),
			"",
		);
	}
	for (const note of report.notes) lines.push(`- ${note}`);
	return lines.join("\n").trimEnd();
}

type Cost = { json: number; page: number };
type MiddlewareCost = { pageBytes: number; bare: Cost; middlewares: Record<string, Cost> };

const isCost = (value: unknown): value is Cost =>
	typeof value === "object" &&
	value !== null &&
	typeof (value as Cost).json === "number" &&
	typeof (value as Cost).page === "number";

/** The middleware bench's result when it has the shape it writes; null otherwise (or when it did not run). */
export function middlewareCostOf(value: unknown): MiddlewareCost | null {
	if (typeof value !== "object" || value === null) return null;
	const { pageBytes, bare, middlewares } = value as Partial<MiddlewareCost>;
	if (
		typeof pageBytes !== "number" ||
		!isCost(bare) ||
		typeof middlewares !== "object" ||
		middlewares === null
	) {
		return null;
	}
	return Object.values(middlewares).every(isCost) ? { pageBytes, bare, middlewares } : null;
}

export const DOCS_BEGIN = "<!-- bench:begin -->";
export const DOCS_END = "<!-- bench:end -->";

/** Replaces what lies between the markers, keeping everything around them; throws without them. */
export function spliceGenerated(document: string, generated: string): string {
	const begin = document.indexOf(DOCS_BEGIN);
	const end = document.indexOf(DOCS_END);
	if (begin < 0 || end < 0 || end < begin) {
		throw new Error(
			`docs/benchmarks.md needs the markers ${DOCS_BEGIN} and ${DOCS_END}, in that order, around the generated block`,
		);
	}
	if (document.indexOf(DOCS_BEGIN, begin + 1) >= 0 || document.indexOf(DOCS_END, end + 1) >= 0) {
		throw new Error(`docs/benchmarks.md holds ${DOCS_BEGIN} or ${DOCS_END} more than once`);
	}
	return `${document.slice(0, begin + DOCS_BEGIN.length)}\n${generated}\n${document.slice(end)}`;
}
