import { defineConfig } from "drizzle-kit";

// The analytics database has its own schema and migrations folder (DESIGN §3).
export default defineConfig({
	dialect: "sqlite",
	schema: "./workers/analytics/db/schema.ts",
	out: "./migrations/loomwash_analytics",
});
