import type { D1Migration } from "@cloudflare/vitest-plugin";

declare global {
	namespace Cloudflare {
		interface Env {
			TEST_MIGRATIONS: D1Migration[];
			TEST_ANALYTICS_MIGRATIONS: D1Migration[];
			/** Storefront tests bind the analytics database too, to migrate and inspect it. */
			ANALYTICS_DB: D1Database;
			/** The private half of the local Access key, to sign staff tokens in tests. */
			TEST_ACCESS_PRIVATE_JWK: string;
		}
	}
}
