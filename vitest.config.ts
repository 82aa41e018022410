import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { analyticsAuxiliaryWorker, TEST_ANALYTICS_VARS } from "./test/config/analytics-worker.ts";
import { testStaffKeys } from "./test/config/staff-keys.ts";
import { testSecrets } from "./test/secrets.ts";

export default defineConfig(async () => {
	const commerceMigrations = await readD1Migrations("migrations/loomwash");
	const analyticsMigrations = await readD1Migrations("migrations/loomwash_analytics");
	const staffKeys = await testStaffKeys();
	return {
		test: {
			// Request logs only where a test failed: they are the first thing to read then.
			silent: "passed-only" as const,
			projects: [
				{
					plugins: [
						cloudflareTest({
							wrangler: { configPath: "./wrangler.toml" },
							miniflare: {
								bindings: {
									...testSecrets(),
									...staffKeys.bindings,
									TEST_MIGRATIONS: commerceMigrations,
									TEST_ANALYTICS_MIGRATIONS: analyticsMigrations,
								},
								// The analytics worker runs beside the storefront, as in `npm start`: the real
								// queue between them and the real service binding. The runner also binds the
								// analytics database (tests only) to migrate it and to inspect every byte of it.
								d1Databases: { ANALYTICS_DB: analyticsAuxiliaryWorker.d1Databases.ANALYTICS_DB },
								workers: [analyticsAuxiliaryWorker],
							},
						}),
					],
					test: {
						name: "storefront",
						include: ["test/storefront/**/*.test.ts"],
						setupFiles: ["test/storefront/apply-migrations.ts"],
						globalSetup: ["test/config/build-analytics-worker.ts"],
					},
				},
				{
					plugins: [
						cloudflareTest({
							wrangler: { configPath: "./workers/analytics/wrangler.toml" },
							miniflare: {
								bindings: { ...TEST_ANALYTICS_VARS, TEST_ANALYTICS_MIGRATIONS: analyticsMigrations },
							},
						}),
					],
					test: {
						name: "analytics",
						include: ["test/analytics/**/*.test.ts"],
						setupFiles: ["test/analytics/apply-migrations.ts"],
					},
				},
				{
					test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
				},
				{
					// Both workers in a real `wrangler dev` (isolated from a developer's `npm start`),
					// driven by Debian's chromium through playwright-core.
					test: {
						name: "e2e",
						include: ["test/e2e/**/*.test.ts"],
						environment: "node",
						globalSetup: ["test/e2e/global-setup.ts"],
						testTimeout: 60_000,
						hookTimeout: 60_000,
					},
				},
			],
		},
	};
});
