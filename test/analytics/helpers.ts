// Builders shared by the analytics worker's tests.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { EventEnvelope } from "../../analytics/event-schema";
import { firstOpenDay } from "../../analytics/windows";
import worker from "../../workers/analytics/index";
import { AnalyticsRpc } from "../../workers/analytics/rpc";

export const analyticsEnv = env as unknown as AnalyticsEnv;

let nextProductId = 1000;
/** Product ids unique within a test file (storage is shared by the tests of one file). */
export function freshProductIds(count: number): number[] {
	return Array.from({ length: count }, () => nextProductId++);
}

type Context = "v" | "id" | "at" | "device" | "country";
type EnvelopeFields = (EventEnvelope extends infer E
	? E extends unknown
		? Omit<E, Context>
		: never
	: never) &
	Partial<Pick<EventEnvelope, Exclude<Context, "v">>>;

export function envelope(fields: EnvelopeFields): EventEnvelope {
	return {
		v: 1,
		id: crypto.randomUUID(),
		at: Date.now(),
		device: "desktop",
		country: "DE",
		...fields,
	} as EventEnvelope;
}

export function messagesOf(bodies: readonly unknown[], attempts = 1) {
	return bodies.map((body) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts, body }));
}

export async function deliver(
	messages: ReturnType<typeof messagesOf>,
	environment: AnalyticsEnv = analyticsEnv,
) {
	const batch = createMessageBatch("loomwash-events", messages);
	// getQueueResult does not report retry delays: record them on the way.
	const retryDelays: (number | undefined)[] = [];
	for (const message of batch.messages) {
		const retry = message.retry.bind(message);
		Object.defineProperty(message, "retry", {
			value: (options?: QueueRetryOptions) => {
				retryDelays.push(options?.delaySeconds);
				retry(options);
			},
		});
	}
	const ctx = createExecutionContext();
	await worker.queue(batch, environment, ctx);
	return { ...(await getQueueResult(batch, ctx)), retryDelays };
}

export function rpc(environment: AnalyticsEnv = analyticsEnv) {
	return new AnalyticsRpc(createExecutionContext(), environment);
}

export async function productRow(productId: number) {
	return analyticsEnv.ANALYTICS_DB.prepare(
		"SELECT views, cart_adds AS cartAdds, cart_removes AS cartRemoves, purchases FROM product_hourly WHERE product_id = ?",
	)
		.bind(productId)
		.first<{ views: number; cartAdds: number; cartRemoves: number; purchases: number }>();
}

export async function pairCount(table: "co_views_daily" | "co_purchases_daily", a: number, b: number) {
	const [productA, productB] = a < b ? [a, b] : [b, a];
	const row = await analyticsEnv.ANALYTICS_DB.prepare(
		`SELECT SUM(count) AS count FROM ${table} WHERE product_a = ? AND product_b = ?`,
	)
		.bind(productA, productB)
		.first<{ count: number | null }>();
	return row?.count ?? 0;
}

/** Every row of every aggregate table, as text: the state a redelivery must not change. */
export async function dumpAggregates(): Promise<string> {
	const tables = [
		"product_hourly",
		"product_daily",
		"co_views_daily",
		"co_purchases_daily",
		"page_views_hourly",
		"page_views_daily",
		"rejected_events",
	];
	const parts: string[] = [];
	for (const table of tables) {
		const { results } = await analyticsEnv.ANALYTICS_DB.prepare(
			`SELECT * FROM ${table} ORDER BY 1, 2, 3`,
		).all();
		parts.push(`${table}: ${JSON.stringify(results)}`);
	}
	return parts.join("\n");
}

/** A D1 database that fails its first `failures` batches, then behaves. */
export function flakyDatabase(real: D1Database, failures: number): D1Database {
	let left = failures;
	return new Proxy(real, {
		get(target, prop) {
			if (prop === "batch") {
				return (statements: D1PreparedStatement[]) => {
					if (left > 0) {
						left -= 1;
						return Promise.reject(new Error("D1_ERROR: injected failure"));
					}
					return target.batch(statements);
				};
			}
			const value = Reflect.get(target, prop);
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
}

/** Counts statements and round trips, and records the largest number of bound parameters. */
export function meteredDatabase(real: D1Database) {
	const meter = { statements: 0, roundTrips: 0, maxParameters: 0 };
	const wrapStatement = (statement: D1PreparedStatement): D1PreparedStatement =>
		new Proxy(statement, {
			get(target, prop) {
				if (prop === "bind") {
					return (...values: unknown[]) => {
						meter.maxParameters = Math.max(meter.maxParameters, values.length);
						return wrapStatement(target.bind(...values));
					};
				}
				const value = Reflect.get(target, prop);
				return typeof value === "function" ? value.bind(target) : value;
			},
		});
	const database = new Proxy(real, {
		get(target, prop) {
			if (prop === "prepare") return (query: string) => wrapStatement(target.prepare(query));
			if (prop === "batch") {
				return (statements: D1PreparedStatement[]) => {
					meter.roundTrips += 1;
					meter.statements += statements.length;
					return target.batch(statements);
				};
			}
			const value = Reflect.get(target, prop);
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
	return { database, meter };
}

/** The last closed day (its counts and noise are settled), or the day `offset` days before it. */
export function closedDay(offset = 0): number {
	return firstOpenDay(Date.now()) - 1 - offset;
}

/** Daily product counts written straight into a closed day, as the rollup leaves them. */
export async function insertProductDay(
	productId: number,
	day: number,
	counts: { views?: number; cartAdds?: number; purchases?: number },
) {
	await analyticsEnv.ANALYTICS_DB.prepare(
		`INSERT INTO product_daily (product_id, day, views, cart_adds, cart_removes, purchases) VALUES (?, ?, ?, ?, 0, ?)
		ON CONFLICT (product_id, day) DO UPDATE SET views = views + excluded.views,
			cart_adds = cart_adds + excluded.cart_adds, purchases = purchases + excluded.purchases`,
	)
		.bind(productId, day, counts.views ?? 0, counts.cartAdds ?? 0, counts.purchases ?? 0)
		.run();
}

export async function insertPageViewsDay(device: string, day: number, count: number) {
	await analyticsEnv.ANALYTICS_DB.prepare(
		`INSERT INTO page_views_daily (path_template, device_class, country, day, count) VALUES ('/', ?, 'DE', ?, ?)
		ON CONFLICT (path_template, device_class, country, day) DO UPDATE SET count = count + excluded.count`,
	)
		.bind(device, day, count)
		.run();
}
