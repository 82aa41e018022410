// The analytics database `loomwash_analytics`: aggregate counts only (DESIGN P4). No column can
// hold an identifier: products are catalog ids, time is an hour or day bucket, pages are route
// templates. processed_events holds random per-event ids (for idempotency), never linked to a
// shopper, and expires after the queue's retry window.
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

const productCounts = {
	productId: integer("product_id").notNull(),
	views: integer("views").notNull().default(0),
	cartAdds: integer("cart_adds").notNull().default(0),
	cartRemoves: integer("cart_removes").notNull().default(0),
	purchases: integer("purchases").notNull().default(0),
};

/** Per product per hour (epoch hours). */
export const productHourly = sqliteTable(
	"product_hourly",
	{ ...productCounts, hour: integer("hour").notNull() },
	(t) => [primaryKey({ columns: [t.productId, t.hour] }), index("product_hourly_hour_idx").on(t.hour)],
);

/** Per product per day (epoch days): hourly rows older than the rollup age fold in here. */
export const productDaily = sqliteTable(
	"product_daily",
	{ ...productCounts, day: integer("day").notNull() },
	(t) => [primaryKey({ columns: [t.productId, t.day] }), index("product_daily_day_idx").on(t.day)],
);

const pairColumns = {
	day: integer("day").notNull(),
	productA: integer("product_a").notNull(),
	productB: integer("product_b").notNull(),
	count: integer("count").notNull(),
};

/** Products viewed by one shopper close together, per day; product_a < product_b. */
export const coViewsDaily = sqliteTable("co_views_daily", pairColumns, (t) => [
	primaryKey({ columns: [t.productA, t.productB, t.day] }),
	index("co_views_b_idx").on(t.productB, t.day),
	index("co_views_day_idx").on(t.day),
	check("co_views_ordered", sql`${t.productA} < ${t.productB}`),
]);

/** Products bought in one order, per day; product_a < product_b. */
export const coPurchasesDaily = sqliteTable("co_purchases_daily", pairColumns, (t) => [
	primaryKey({ columns: [t.productA, t.productB, t.day] }),
	index("co_purchases_b_idx").on(t.productB, t.day),
	index("co_purchases_day_idx").on(t.day),
	check("co_purchases_ordered", sql`${t.productA} < ${t.productB}`),
]);

const pageViewColumns = {
	path: text("path_template").notNull(),
	device: text("device_class").notNull(),
	country: text("country").notNull(),
	count: integer("count").notNull(),
};

/** Page views per route template, device class, country and hour. */
export const pageViewsHourly = sqliteTable(
	"page_views_hourly",
	{ ...pageViewColumns, hour: integer("hour").notNull() },
	(t) => [
		primaryKey({ columns: [t.path, t.device, t.country, t.hour] }),
		index("page_views_hourly_hour_idx").on(t.hour),
	],
);

export const pageViewsDaily = sqliteTable(
	"page_views_daily",
	{ ...pageViewColumns, day: integer("day").notNull() },
	(t) => [
		primaryKey({ columns: [t.path, t.device, t.country, t.day] }),
		index("page_views_daily_day_idx").on(t.day),
	],
);

/**
 * Event ids already counted, so a redelivered message changes nothing. `hour` is when it was
 * recorded (set by SQLite, so the insert binds one parameter per id).
 */
export const processedEvents = sqliteTable(
	"processed_events",
	{
		id: text("id").primaryKey(),
		hour: integer("hour").notNull().default(sql`(unixepoch() / 3600)`),
	},
	(t) => [index("processed_events_hour_idx").on(t.hour)],
);

/** Malformed queue messages, counted by reason and day (they are acked, never retried). */
export const rejectedEvents = sqliteTable(
	"rejected_events",
	{ reason: text("reason").notNull(), day: integer("day").notNull(), count: integer("count").notNull() },
	(t) => [primaryKey({ columns: [t.reason, t.day] })],
);

/** The day's random salt that seeds published noise; replaced daily, old ones deleted. */
export const noiseSalts = sqliteTable("noise_salts", {
	day: integer("day").primaryKey(),
	salt: text("salt").notNull(),
});
