import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
// Every storefront test file also has its log lines scanned for personal data.
import "./log-scan";

// Setup files run outside per-file isolated storage and may run more than once;
// applyD1Migrations skips what is already applied. The analytics and vault databases belong to
// the auxiliary workers; the runner binds the same databases to migrate them.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.ANALYTICS_DB, env.TEST_ANALYTICS_MIGRATIONS);
await applyD1Migrations(env.VAULT_DB, env.TEST_VAULT_MIGRATIONS);
