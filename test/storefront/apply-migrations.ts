import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Setup files run outside per-file isolated storage and may run more than once;
// applyD1Migrations skips what is already applied. The analytics database belongs to the
// auxiliary analytics worker; the runner binds the same database to migrate it.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.ANALYTICS_DB, env.TEST_ANALYTICS_MIGRATIONS);
