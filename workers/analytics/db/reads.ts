// Reads of the RPC side, in plain SQL over the D1 binding (aggregate queries read better as SQL).
// Each call is one D1 round trip: the day's noise salt and every count it needs travel in one
// batch. Rows returned here are raw: they go through publishCount before anything leaves the worker.

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

const placeholders = (count: number) => Array.from({ length: count }, () => "?").join(", ");

function saltStatements(d1: D1Database, day: number, freshSalt: string) {
	return [
		d1
			.prepare("INSERT INTO noise_salts (day, salt) VALUES (?, ?) ON CONFLICT (day) DO NOTHING")
			.bind(day, freshSalt),
		d1.prepare("SELECT salt FROM noise_salts WHERE day = ?").bind(day),
	];
}

function pairStatement(
	d1: D1Database,
	table: "co_views_daily" | "co_purchases_daily",
	anchors: number[],
	sinceDay: number,
) {
	const ids = placeholders(anchors.length);
	return d1
		.prepare(
			`SELECT product_a AS productA, product_b AS productB, SUM(count) AS count
			FROM ${table}
			WHERE day >= ? AND (product_a IN (${ids}) OR product_b IN (${ids}))
			GROUP BY product_a, product_b
			ORDER BY count DESC, product_a, product_b
			LIMIT ${MAX_PAIR_ROWS}`,
		)
		.bind(sinceDay, ...anchors, ...anchors);
}

/** Per-product totals over the window, hourly and rolled-up daily rows together. */
function productTotalsStatement(
	d1: D1Database,
	sinceHour: number,
	productIds: number[] | null,
	limit: number,
) {
	const sinceDay = Math.floor(sinceHour / 24);
	const filter = productIds ? `AND product_id IN (${placeholders(productIds.length)})` : "";
	const ids = productIds ?? [];
	return d1
		.prepare(
			`SELECT product_id AS productId, SUM(views) AS views, SUM(cart_adds) AS cartAdds,
				SUM(cart_removes) AS cartRemoves, SUM(purchases) AS purchases
			FROM (
				SELECT product_id, views, cart_adds, cart_removes, purchases FROM product_hourly
				WHERE hour >= ? ${filter}
				UNION ALL
				SELECT product_id, views, cart_adds, cart_removes, purchases FROM product_daily
				WHERE day >= ? ${filter}
			)
			GROUP BY product_id
			ORDER BY views DESC, product_id
			LIMIT ?`,
		)
		.bind(sinceHour, ...ids, sinceDay, ...ids, limit);
}

export type RecommendationData = {
	salt: string;
	coViews: PairRow[];
	coPurchases: PairRow[];
	popularity: ProductTotalsRow[];
};

export async function readRecommendationData(
	d1: D1Database,
	query: { anchors: number[]; fallback: number[]; today: number; sinceHour: number; freshSalt: string },
): Promise<RecommendationData> {
	const sinceDay = Math.floor(query.sinceHour / 24);
	const statements = [
		...saltStatements(d1, query.today, query.freshSalt),
		pairStatement(d1, "co_views_daily", query.anchors, sinceDay),
		pairStatement(d1, "co_purchases_daily", query.anchors, sinceDay),
	];
	if (query.fallback.length > 0) {
		statements.push(productTotalsStatement(d1, query.sinceHour, query.fallback, query.fallback.length));
	}
	const [, salts, coViews, coPurchases, popularity] = await d1.batch(statements);
	return {
		salt: (salts?.results[0] as { salt: string } | undefined)?.salt ?? query.freshSalt,
		coViews: (coViews?.results ?? []) as PairRow[],
		coPurchases: (coPurchases?.results ?? []) as PairRow[],
		popularity: (popularity?.results ?? []) as ProductTotalsRow[],
	};
}

export type SummaryData = {
	salt: string;
	topProducts: ProductTotalsRow[];
	days: DayTotalsRow[];
	devices: DeviceRow[];
};

export async function readSummaryData(
	d1: D1Database,
	query: { today: number; sinceHour: number; top: number; freshSalt: string },
): Promise<SummaryData> {
	const sinceHour = query.sinceHour;
	const sinceDay = Math.floor(sinceHour / 24);
	const [, salts, topProducts, days, devices] = await d1.batch([
		...saltStatements(d1, query.today, query.freshSalt),
		productTotalsStatement(d1, sinceHour, null, query.top),
		d1
			.prepare(
				`SELECT day, SUM(views) AS views, SUM(cart_adds) AS cartAdds, SUM(purchases) AS purchases,
					SUM(page_views) AS pageViews
				FROM (
					SELECT hour / 24 AS day, views, cart_adds, purchases, 0 AS page_views FROM product_hourly WHERE hour >= ?
					UNION ALL
					SELECT day, views, cart_adds, purchases, 0 FROM product_daily WHERE day >= ?
					UNION ALL
					SELECT hour / 24, 0, 0, 0, count FROM page_views_hourly WHERE hour >= ?
					UNION ALL
					SELECT day, 0, 0, 0, count FROM page_views_daily WHERE day >= ?
				)
				GROUP BY day ORDER BY day`,
			)
			.bind(sinceHour, sinceDay, sinceHour, sinceDay),
		d1
			.prepare(
				`SELECT device_class AS device, SUM(count) AS count
				FROM (
					SELECT device_class, count FROM page_views_hourly WHERE hour >= ?
					UNION ALL
					SELECT device_class, count FROM page_views_daily WHERE day >= ?
				)
				GROUP BY device_class ORDER BY count DESC`,
			)
			.bind(sinceHour, sinceDay),
	]);
	return {
		salt: (salts?.results[0] as { salt: string } | undefined)?.salt ?? query.freshSalt,
		topProducts: (topProducts?.results ?? []) as ProductTotalsRow[],
		days: (days?.results ?? []) as DayTotalsRow[],
		devices: (devices?.results ?? []) as DeviceRow[],
	};
}
