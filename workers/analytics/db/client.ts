import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type AnalyticsDb = DrizzleD1Database<typeof schema>;

export function analyticsDb(d1: D1Database): AnalyticsDb {
	return drizzle(d1, { schema });
}
