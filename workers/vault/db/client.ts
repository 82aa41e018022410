import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type VaultDb = DrizzleD1Database<typeof schema>;

export function vaultDb(d1: D1Database): VaultDb {
	return drizzle(d1, { schema });
}
