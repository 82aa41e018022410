// npm run bench:analytics — events per second through the consumer on full 100-message batches,
// and D1 statements / round trips per batch, against the naive one-write-per-event consumer, in
// the same run on the same local D1. Prints a table and the ratios, and leaves the numbers in
// bench/results/analytics-consumer.json (through the reporter in vitest.bench.config.ts).
import { applyD1Migrations, createMessageBatch } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { seededRng } from "../analytics/noise";
import { meteredDatabase } from "../test/analytics/helpers";
import { consumeBatch } from "../workers/analytics/consumer";
import { analyticsDb } from "../workers/analytics/db/client";
import { createLogger } from "../workers/shared/logger";
import { naiveConsume } from "./naive-consumer";

const BATCHES = 20;
const BATCH_SIZE = 100;
const PRODUCTS = 300;
const MAX_PAIRS = 3;
const PATHS = ["/", "/products/:slug", "/categories/:slug", "/cart", "/checkout"] as const;
const DEVICES = ["mobile", "mobile", "desktop", "tablet"] as const;

const aenv = env as unknown as AnalyticsEnv & {
	TEST_ANALYTICS_MIGRATIONS: Parameters<typeof applyD1Migrations>[1];
};

/** A realistic mix: views with recent context, page views, cart adds and removes, purchases. */
function workload(seed: number) {
	const random = seededRng(seed);
	const product = () => 1 + Math.floor(random() ** 2 * PRODUCTS); // a few popular products
	const now = Date.now();
	return Array.from({ length: BATCHES }, (_, b) =>
		Array.from({ length: BATCH_SIZE }, (_, i) => {
			const r = random();
			const base = {
				v: 1,
				id: crypto.randomUUID(),
				at: now - Math.floor(random() * 3 * 3_600_000),
				device: DEVICES[Math.floor(random() * DEVICES.length)],
				country: random() < 0.7 ? "DE" : "FR",
			};
			const body =
				r < 0.55
					? {
							...base,
							type: "view",
							productId: product(),
							recent: Array.from({ length: Math.floor(random() * 6) }, product),
						}
					: r < 0.8
						? { ...base, type: "page", path: PATHS[Math.floor(random() * PATHS.length)] }
						: r < 0.92
							? { ...base, type: "cart_add", productId: product() }
							: r < 0.95
								? { ...base, type: "cart_remove", productId: product() }
								: {
										...base,
										type: "purchase",
										productIds: Array.from({ length: 1 + Math.floor(random() * 3) }, product),
									};
			return { id: `m-${b}-${i}`, timestamp: new Date(), attempts: 1, body };
		}),
	);
}

async function reset() {
	const tables = [
		"product_hourly",
		"co_views_daily",
		"co_purchases_daily",
		"page_views_hourly",
		"processed_events",
	];
	await aenv.ANALYTICS_DB.batch(tables.map((t) => aenv.ANALYTICS_DB.prepare(`DELETE FROM ${t}`)));
}

async function snapshot() {
	const parts: unknown[] = [];
	for (const t of ["product_hourly", "co_views_daily", "co_purchases_daily", "page_views_hourly"]) {
		parts.push((await aenv.ANALYTICS_DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4`).all()).results);
	}
	return JSON.stringify(parts);
}

type Run = { name: string; eventsPerSecond: number; statementsPerBatch: number; roundTripsPerBatch: number };

async function measure(
	name: string,
	batches: ReturnType<typeof workload>,
	consume: (batch: MessageBatch<unknown>, d1: D1Database) => Promise<void>,
): Promise<Run> {
	await reset();
	// Count every statement: batched ones and those run one at a time.
	const { database, meter } = meteredDatabase(aenv.ANALYTICS_DB);
	const counted = new Proxy(database, {
		get(target, prop) {
			if (prop !== "prepare") return Reflect.get(target, prop);
			return (query: string) => {
				const statement = target.prepare(query);
				const single =
					(run: (...a: unknown[]) => Promise<unknown>) =>
					(...a: unknown[]) => {
						meter.statements += 1;
						meter.roundTrips += 1;
						return run(...a);
					};
				return new Proxy(statement, {
					get(s, p) {
						if (p === "bind") {
							return (...values: unknown[]) => {
								const bound = s.bind(...values);
								return new Proxy(bound, {
									get(b, q) {
										const value = Reflect.get(b, q);
										if (q === "run" || q === "first" || q === "all" || q === "raw")
											return single(value.bind(b));
										return typeof value === "function" ? value.bind(b) : value;
									},
								});
							};
						}
						const value = Reflect.get(s, p);
						return typeof value === "function" ? value.bind(s) : value;
					},
				});
			};
		},
	});
	const started = performance.now();
	for (const messages of batches) await consume(createMessageBatch("loomwash-events", messages), counted);
	const seconds = (performance.now() - started) / 1000;
	const events = batches.length * BATCH_SIZE;
	return {
		name,
		eventsPerSecond: Math.round(events / Math.max(seconds, 1e-6)),
		statementsPerBatch: meter.statements / batches.length,
		roundTripsPerBatch: meter.roundTrips / batches.length,
	};
}

it("benchmarks the batched consumer against a naive one", { timeout: 300_000 }, async ({ task }) => {
	await applyD1Migrations(aenv.ANALYTICS_DB, aenv.TEST_ANALYTICS_MIGRATIONS);
	const logger = createLogger({ bench: true });
	const quiet = { ...logger, info: () => {} };
	const batches = workload(42);

	const batched = await measure("batched (this consumer)", batches, (batch, d1) =>
		consumeBatch(batch, analyticsDb(d1), { maxPairsPerEvent: MAX_PAIRS, nowMs: Date.now(), logger: quiet }),
	);
	const batchedState = await snapshot();
	const naive = await measure("naive (one upsert per event)", batches, (batch, d1) =>
		naiveConsume(batch, d1, MAX_PAIRS),
	);
	const naiveState = await snapshot();

	const rows = [batched, naive].map((r) =>
		[
			r.name.padEnd(30),
			String(r.eventsPerSecond).padStart(10),
			r.statementsPerBatch.toFixed(1).padStart(12),
			r.roundTripsPerBatch.toFixed(1).padStart(12),
		].join(" "),
	);
	console.log(
		[
			"",
			`${BATCHES} batches x ${BATCH_SIZE} messages, local D1 (workerd)`,
			`${"consumer".padEnd(30)} ${"events/s".padStart(10)} ${"stmts/batch".padStart(12)} ${"trips/batch".padStart(12)}`,
			...rows,
			`ratio: ${(batched.eventsPerSecond / naive.eventsPerSecond).toFixed(1)}x events/s, ` +
				`${(naive.statementsPerBatch / batched.statementsPerBatch).toFixed(1)}x fewer statements, ` +
				`${(naive.roundTripsPerBatch / batched.roundTripsPerBatch).toFixed(1)}x fewer round trips per batch`,
			"(Production D1 adds network latency to every round trip, so the gap there is wider.)",
			"",
		].join("\n"),
	);
	// Both consumers must agree on every count, or the comparison means nothing.
	expect(batchedState).toBe(naiveState);
	task.meta.benchResult = {
		name: "analytics-consumer",
		data: { batches: BATCHES, batchSize: BATCH_SIZE, batched, naive },
	};
});

declare module "vitest" {
	interface TaskMeta {
		/** Written to bench/results/<name>.json by the reporter in vitest.bench.config.ts. */
		benchResult?: { name: string; data: unknown };
	}
}
