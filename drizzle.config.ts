import { defineConfig } from "drizzle-kit";

// Migrations are generated here and applied by wrangler (`wrangler d1 migrations apply`)
// in dev and production, and by applyD1Migrations in tests: the same files everywhere.
export default defineConfig({
	dialect: "sqlite",
	schema: "./workers/storefront/db/schema.ts",
	out: "./migrations/loomwash",
});
