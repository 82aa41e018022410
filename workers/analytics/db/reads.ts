// Reads of the RPC side, in plain SQL over the D1 binding (aggregate queries read better as SQL).
// Each call is one D1 round trip: the window's noise salts and every count it needs travel in one
// batch. Counts come back per (cell, UTC day), raw: they go through publishWindowCount before
// anything leaves the worker. Id lists are bound once, as JSON (`json_each`), so no statement
// comes near D1's 100 bound parameters however many ids there are.
import type { DayWindow } from "../../../analytics/windows";

export type PairDayRow = { productA: number; productB: number; day: number; count: number };
export type ProductDayRow = {
	productId: number;
	day: number;
	views: number;
	cartAdds: number;
	purchases: number;
};
export type DayTotalsRow = {
	day: number;
	views: number;
	cartAdds: number;
	purchases: number;
	pageViews: number;
};
export type DeviceDayRow = { device: string; day: number; count: number };

const MAX_PAIRS = 200;

/** Hour bounds of a day window, for the hourly tables. */
const hoursOf = (w: DayWindow) => [w.sinceDay * 24, w.untilDay * 24 + 23] as const;

/**
 * The window's salts: one random salt per day, created the first time a read needs that day and
 * kept until the day leaves every window (retention), so a day's noise never changes while it
 * can be read. `freshSalts` are inserted only where a day has none yet.
 */
function saltStatements(d1: D1Database, window: DayWindow, freshSalts: ReadonlyMap<number, string>) {
	return [
		d1
			.prepare(
				`INSERT OR IGNORE INTO noise_salts (day, salt)
				SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)`,
			)
			.bind(JSON.stringify([...freshSalts])),
		d1
			.prepare("SELECT day, salt FROM noise_salts WHERE day BETWEEN ? AND ?")
			.bind(window.sinceDay, window.untilDay),
	];
}

function saltsOf(result: D1Result | undefined): Map<number, string> {
	const rows = (result?.results ?? []) as { day: number; salt: string }[];
	return new Map(rows.map((r) => [Number(r.day), r.salt]));
}

/** Per-day counts of the (at most MAX_PAIRS) pairs touching any anchor with the most counts. */
function pairDaysStatement(
	d1: D1Database,
	table: "co_views_daily" | "co_purchases_daily",
	anchors: readonly number[],
	window: DayWindow,
) {
	const ids = JSON.stringify(anchors);
	return d1
		.prepare(
			`WITH top AS (
				SELECT product_a, product_b FROM ${table}
				WHERE day BETWEEN ? AND ?
					AND (product_a IN (SELECT value FROM json_each(?)) OR product_b IN (SELECT value FROM json_each(?)))
				GROUP BY product_a, product_b
				ORDER BY SUM(count) DESC, product_a, product_b
				LIMIT ${MAX_PAIRS}
			)
			SELECT c.product_a AS productA, c.product_b AS productB, c.day AS day, c.count AS count
			FROM ${table} c JOIN top ON c.product_a = top.product_a AND c.product_b = top.product_b
			WHERE c.day BETWEEN ? AND ?`,
		)
		.bind(window.sinceDay, window.untilDay, ids, ids, window.sinceDay, window.untilDay);
}

const PRODUCT_DAYS = `SELECT product_id, hour / 24 AS day, views, cart_adds, purchases FROM product_hourly
		WHERE hour BETWEEN ? AND ?
		UNION ALL
		SELECT product_id, day, views, cart_adds, purchases FROM product_daily WHERE day BETWEEN ? AND ?`;

const productDaysSelect = (filter: string) =>
	`SELECT product_id AS productId, day, SUM(views) AS views, SUM(cart_adds) AS cartAdds,
		SUM(purchases) AS purchases
	FROM product_days WHERE ${filter}
	GROUP BY product_id, day`;

/** Per-day counts of the given products (hourly and rolled-up daily rows together). */
function productDaysStatement(d1: D1Database, productIds: readonly number[], window: DayWindow) {
	return d1
		.prepare(
			`WITH product_days AS (${PRODUCT_DAYS})
			${productDaysSelect("product_id IN (SELECT value FROM json_each(?))")}`,
		)
		.bind(...hoursOf(window), window.sinceDay, window.untilDay, JSON.stringify(productIds));
}

/** Per-day counts of the `top` products with the most views over the window. */
function topProductDaysStatement(d1: D1Database, top: number, window: DayWindow) {
	return d1
		.prepare(
			`WITH product_days AS (${PRODUCT_DAYS}),
			top AS (
				SELECT product_id FROM product_days GROUP BY product_id
				ORDER BY SUM(views) DESC, product_id LIMIT ?
			)
			${productDaysSelect("product_id IN (SELECT product_id FROM top)")}`,
		)
		.bind(...hoursOf(window), window.sinceDay, window.untilDay, top);
}

export type RecommendationData = {
	salts: Map<number, string>;
	coViews: PairDayRow[];
	coPurchases: PairDayRow[];
	popularity: ProductDayRow[];
};

export async function readRecommendationData(
	d1: D1Database,
	query: {
		anchors: readonly number[];
		fallback: readonly number[];
		window: DayWindow;
		freshSalts: ReadonlyMap<number, string>;
	},
): Promise<RecommendationData> {
	const statements = [
		...saltStatements(d1, query.window, query.freshSalts),
		pairDaysStatement(d1, "co_views_daily", query.anchors, query.window),
		pairDaysStatement(d1, "co_purchases_daily", query.anchors, query.window),
	];
	if (query.fallback.length > 0) statements.push(productDaysStatement(d1, query.fallback, query.window));
	const [, salts, coViews, coPurchases, popularity] = await d1.batch(statements);
	return {
		salts: saltsOf(salts),
		coViews: (coViews?.results ?? []) as PairDayRow[],
		coPurchases: (coPurchases?.results ?? []) as PairDayRow[],
		popularity: (popularity?.results ?? []) as ProductDayRow[],
	};
}

export type SummaryData = {
	salts: Map<number, string>;
	topProducts: ProductDayRow[];
	days: DayTotalsRow[];
	devices: DeviceDayRow[];
};

/**
 * How many products the summary considers, by raw views, whatever `top` asks: the published top
 * list is then chosen among them by noisy counts (publishSummary), so the raw order never shows.
 */
export const SUMMARY_CANDIDATES = 100;

export async function readSummaryData(
	d1: D1Database,
	query: { window: DayWindow; freshSalts: ReadonlyMap<number, string> },
): Promise<SummaryData> {
	const w = query.window;
	const [sinceHour, untilHour] = hoursOf(w);
	const [, salts, topProducts, days, devices] = await d1.batch([
		...saltStatements(d1, w, query.freshSalts),
		topProductDaysStatement(d1, SUMMARY_CANDIDATES, w),
		d1
			.prepare(
				`SELECT day, SUM(views) AS views, SUM(cart_adds) AS cartAdds, SUM(purchases) AS purchases,
					SUM(page_views) AS pageViews
				FROM (
					SELECT hour / 24 AS day, views, cart_adds, purchases, 0 AS page_views FROM product_hourly
					WHERE hour BETWEEN ? AND ?
					UNION ALL
					SELECT day, views, cart_adds, purchases, 0 FROM product_daily WHERE day BETWEEN ? AND ?
					UNION ALL
					SELECT hour / 24, 0, 0, 0, count FROM page_views_hourly WHERE hour BETWEEN ? AND ?
					UNION ALL
					SELECT day, 0, 0, 0, count FROM page_views_daily WHERE day BETWEEN ? AND ?
				)
				GROUP BY day ORDER BY day`,
			)
			.bind(sinceHour, untilHour, w.sinceDay, w.untilDay, sinceHour, untilHour, w.sinceDay, w.untilDay),
		d1
			.prepare(
				`SELECT device_class AS device, day, SUM(count) AS count
				FROM (
					SELECT device_class, hour / 24 AS day, count FROM page_views_hourly WHERE hour BETWEEN ? AND ?
					UNION ALL
					SELECT device_class, day, count FROM page_views_daily WHERE day BETWEEN ? AND ?
				)
				GROUP BY device_class, day`,
			)
			.bind(sinceHour, untilHour, w.sinceDay, w.untilDay),
	]);
	return {
		salts: saltsOf(salts),
		topProducts: (topProducts?.results ?? []) as ProductDayRow[],
		days: (days?.results ?? []) as DayTotalsRow[],
		devices: (devices?.results ?? []) as DeviceDayRow[],
	};
}
