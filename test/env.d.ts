import type { D1Migration } from "@cloudflare/vitest-plugin";

declare global {
	namespace Cloudflare {
		interface Env {
			TEST_MIGRATIONS: D1Migration[];
			TEST_ANALYTICS_MIGRATIONS: D1Migration[];
			TEST_VAULT_MIGRATIONS: D1Migration[];
			/** Storefront tests bind the analytics database too, to migrate and inspect it. */
			ANALYTICS_DB: D1Database;
			/** ...and the vault's database and checkpoint bucket, to migrate, inspect and attack them. */
			VAULT_DB: D1Database;
			AUDIT_CHECKPOINTS: R2Bucket;
			/** The vault's secrets as JSON, for the tests (registering staff); the app never sees them. */
			TEST_VAULT_SECRETS: string;
			/** The private half of the local Access key, to sign staff tokens in tests. */
			TEST_ACCESS_PRIVATE_JWK: string;
		}
	}
}
