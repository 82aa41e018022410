import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.VAULT_DB, env.TEST_VAULT_MIGRATIONS);
