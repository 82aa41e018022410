// Folds old hourly rows into daily rows and drops what has outlived its purpose, in one
// transaction so a crash never leaves a row counted in both or neither.
import type { RetentionPlan } from "../../../analytics/rollup";

export async function applyRetention(d1: D1Database, plan: RetentionPlan): Promise<void> {
	const before = plan.rollupBeforeHour;
	await d1.batch([
		d1
			.prepare(
				`INSERT INTO product_daily (product_id, day, views, cart_adds, cart_removes, purchases)
				SELECT product_id, hour / 24, SUM(views), SUM(cart_adds), SUM(cart_removes), SUM(purchases)
				FROM product_hourly WHERE hour < ? GROUP BY product_id, hour / 24
				ON CONFLICT (product_id, day) DO UPDATE SET
					views = views + excluded.views, cart_adds = cart_adds + excluded.cart_adds,
					cart_removes = cart_removes + excluded.cart_removes, purchases = purchases + excluded.purchases`,
			)
			.bind(before),
		d1.prepare("DELETE FROM product_hourly WHERE hour < ?").bind(before),
		d1
			.prepare(
				`INSERT INTO page_views_daily (path_template, device_class, country, day, count)
				SELECT path_template, device_class, country, hour / 24, SUM(count)
				FROM page_views_hourly WHERE hour < ? GROUP BY path_template, device_class, country, hour / 24
				ON CONFLICT (path_template, device_class, country, day) DO UPDATE SET count = count + excluded.count`,
			)
			.bind(before),
		d1.prepare("DELETE FROM page_views_hourly WHERE hour < ?").bind(before),
		d1.prepare("DELETE FROM processed_events WHERE hour < ?").bind(plan.expireIdsBeforeHour),
		d1.prepare("DELETE FROM noise_salts WHERE day < ?").bind(plan.expireSaltsBeforeDay),
	]);
}
