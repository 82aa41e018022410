// Reads of the RPC side. Each call is one D1 round trip: the day's noise salt and every count it
// needs travel in one batch. Rows returned here are raw: they go through publishCount before
// anything leaves the worker.
import { sql } from "drizzle-orm";
import type { AnalyticsDb } from "./client";

export type PairRow = { productA: number; productB: number; count: number };
export type ProductTotalsRow = {
	productId: number;
	views: number;
	cartAdds: number;
	cartRemoves: number;
	purchases: number;
};
export type DayTotalsRow = {
	day: number;
	views: number;
	cartAdds: number;
	purchases: number;
	pageViews: number;
};
export type DeviceRow = { device: string; count: number };

const MAX_PAIR_ROWS = 200;

function saltStatements(db: AnalyticsDb, day: number, freshSalt: string) {
	return [
		db.run(
			sql`INSERT INTO noise_salts (day, salt) VALUES (${day}, ${freshSalt}) ON CONFLICT (day) DO NOTHING`,
		),
		db.all<{ salt: string }>(sql`SELECT salt FROM noise_salts WHERE day = ${day}`),
	] as const;
}

function pairQuery(
	db: AnalyticsDb,
	table: "co_views_daily" | "co_purchases_daily",
	anchors: number[],
	sinceDay: number,
) {
	const ids = sql.join(
		anchors.map((id) => sql`${id}`),
		sql`, `,
	);
	return db.all<PairRow>(sql`
		SELECT product_a AS productA, product_b AS productB, SUM(count) AS count
		FROM ${sql.identifier(table)}
		WHERE day >= ${sinceDay} AND (product_a IN (${ids}) OR product_b IN (${ids}))
		GROUP BY product_a, product_b
		ORDER BY count DESC, product_a, product_b
		LIMIT ${MAX_PAIR_ROWS}`);
}

/** Per-product totals over the window, hourly and rolled-up daily rows together. */
function productTotalsQuery(db: AnalyticsDb, sinceHour: number, productIds: number[] | null, limit: number) {
	const sinceDay = Math.floor(sinceHour / 24);
	const filter = (column: string) =>
		productIds
			? sql`AND ${sql.identifier(column)} IN (${sql.join(
					productIds.map((id) => sql`${id}`),
					sql`, `,
				)})`
			: sql``;
	return db.all<ProductTotalsRow>(sql`
		SELECT product_id AS productId, SUM(views) AS views, SUM(cart_adds) AS cartAdds,
			SUM(cart_removes) AS cartRemoves, SUM(purchases) AS purchases
		FROM (
			SELECT product_id, views, cart_adds, cart_removes, purchases FROM product_hourly
			WHERE hour >= ${sinceHour} ${filter("product_id")}
			UNION ALL
			SELECT product_id, views, cart_adds, cart_removes, purchases FROM product_daily
			WHERE day >= ${sinceDay} ${filter("product_id")}
		)
		GROUP BY product_id
		ORDER BY views DESC, product_id
		LIMIT ${limit}`);
}

export type RecommendationData = {
	salt: string;
	coViews: PairRow[];
	coPurchases: PairRow[];
	popularity: ProductTotalsRow[];
};

export async function readRecommendationData(
	db: AnalyticsDb,
	query: { anchors: number[]; fallback: number[]; today: number; sinceHour: number; freshSalt: string },
): Promise<RecommendationData> {
	const sinceDay = Math.floor(query.sinceHour / 24);
	const [insertSalt, selectSalt] = saltStatements(db, query.today, query.freshSalt);
	const popularity =
		query.fallback.length > 0
			? productTotalsQuery(db, query.sinceHour, query.fallback, query.fallback.length)
			: db.all<ProductTotalsRow>(
					sql`SELECT 0 AS productId, 0 AS views, 0 AS cartAdds, 0 AS cartRemoves, 0 AS purchases WHERE 0`,
				);
	const [, salts, coViews, coPurchases, totals] = await db.batch([
		insertSalt,
		selectSalt,
		pairQuery(db, "co_views_daily", query.anchors, sinceDay),
		pairQuery(db, "co_purchases_daily", query.anchors, sinceDay),
		popularity,
	]);
	return { salt: salts[0]?.salt ?? query.freshSalt, coViews, coPurchases, popularity: totals };
}

export type SummaryData = {
	salt: string;
	topProducts: ProductTotalsRow[];
	days: DayTotalsRow[];
	devices: DeviceRow[];
};

export async function readSummaryData(
	db: AnalyticsDb,
	query: { today: number; sinceHour: number; top: number; freshSalt: string },
): Promise<SummaryData> {
	const sinceDay = Math.floor(query.sinceHour / 24);
	const [insertSalt, selectSalt] = saltStatements(db, query.today, query.freshSalt);
	const [, salts, topProducts, days, devices] = await db.batch([
		insertSalt,
		selectSalt,
		productTotalsQuery(db, query.sinceHour, null, query.top),
		db.all<DayTotalsRow>(sql`
			SELECT day, SUM(views) AS views, SUM(cart_adds) AS cartAdds, SUM(purchases) AS purchases,
				SUM(page_views) AS pageViews
			FROM (
				SELECT hour / 24 AS day, views, cart_adds, purchases, 0 AS page_views FROM product_hourly WHERE hour >= ${query.sinceHour}
				UNION ALL
				SELECT day, views, cart_adds, purchases, 0 FROM product_daily WHERE day >= ${sinceDay}
				UNION ALL
				SELECT hour / 24, 0, 0, 0, count FROM page_views_hourly WHERE hour >= ${query.sinceHour}
				UNION ALL
				SELECT day, 0, 0, 0, count FROM page_views_daily WHERE day >= ${sinceDay}
			)
			GROUP BY day ORDER BY day`),
		db.all<DeviceRow>(sql`
			SELECT device_class AS device, SUM(count) AS count
			FROM (
				SELECT device_class, count FROM page_views_hourly WHERE hour >= ${query.sinceHour}
				UNION ALL
				SELECT device_class, count FROM page_views_daily WHERE day >= ${sinceDay}
			)
			GROUP BY device_class ORDER BY count DESC`),
	]);
	return { salt: salts[0]?.salt ?? query.freshSalt, topProducts, days, devices };
}
