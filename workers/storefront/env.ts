import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { Logger } from "../shared/logger";
import type { AccountRef } from "../shared/vault-contract";
import type * as schema from "./db/schema";
import type { ShopLocale } from "./markets/shop-locale";

export type Db = DrizzleD1Database<typeof schema>;

export type AppEnv = {
	Bindings: Env;
	Variables: {
		requestId: string;
		logger: Logger;
		db: Db;
		/** Set by requireAccount on the account routes: the live session's account and token. */
		account?: AccountRef;
		sessionToken?: string;
		/** Set by the edge cache when it answered from a stored copy (middleware/edge-cache.ts). */
		servedFromCache?: boolean;
		/** The market, country and language this request renders in (middleware/shop-locale.ts). */
		locale: ShopLocale;
		/** Set on public catalog pages: their locale came from the URL alone. */
		publicLocale?: boolean;
		/** request.cf.country when the shop sells nothing there and the shopper chose no market. */
		unsupportedCountry?: string;
	};
};
