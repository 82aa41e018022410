import { defineConfig } from "drizzle-kit";

// The vault's database has its own schema and migrations folder (DESIGN §3).
export default defineConfig({
	dialect: "sqlite",
	schema: "./workers/vault/db/schema.ts",
	out: "./migrations/loomwash_vault",
});
