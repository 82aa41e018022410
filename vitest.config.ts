import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { analyticsAuxiliaryWorker, TEST_ANALYTICS_VARS } from "./test/config/analytics-worker.ts";
import { testStaffKeys } from "./test/config/staff-keys.ts";
import { AUDIT_BUCKET, VAULT_DB_ID, vaultAuxiliaryWorker } from "./test/config/vault-worker.ts";
import { sessionPublicKey, storefrontTestSecrets, vaultTestSecrets } from "./test/secrets.ts";

export default defineConfig(async () => {
	const commerceMigrations = await readD1Migrations("migrations/loomwash");
	const analyticsMigrations = await readD1Migrations("migrations/loomwash_analytics");
	const vaultMigrations = await readD1Migrations("migrations/loomwash_vault");
	const staffKeys = await testStaffKeys();
	const vaultSecrets = await vaultTestSecrets(staffKeys.publicJwks);
	// The storefront verifies session signatures with the public half of the vault's key.
	const sessionKey = await sessionPublicKey(vaultSecrets.SESSION_SIGNING_KEY);
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
								// The storefront's own secrets only: the vault's keys stay in the vault worker.
								bindings: {
									...storefrontTestSecrets(),
									SESSION_PUBLIC_KEY: sessionKey,
									// Tests read what the routes render; test/storefront/edge-cache.test.ts turns the cache on.
									EDGE_CACHE: "off",
									TEST_MIGRATIONS: commerceMigrations,
									TEST_ANALYTICS_MIGRATIONS: analyticsMigrations,
									TEST_VAULT_MIGRATIONS: vaultMigrations,
									TEST_ACCESS_PRIVATE_JWK: staffKeys.privateJwk,
									// For the tests themselves (registering staff, inspecting the vault), never the app.
									TEST_VAULT_SECRETS: JSON.stringify(vaultSecrets),
								},
								// The analytics and vault workers run beside the storefront, as in `npm start`: the
								// real queue and the real service bindings. The runner also binds their databases
								// (tests only) to migrate them and to inspect every byte of them.
								d1Databases: {
									ANALYTICS_DB: analyticsAuxiliaryWorker.d1Databases.ANALYTICS_DB,
									VAULT_DB: VAULT_DB_ID,
								},
								r2Buckets: { AUDIT_CHECKPOINTS: AUDIT_BUCKET },
								workers: [analyticsAuxiliaryWorker, vaultAuxiliaryWorker(vaultSecrets)],
							},
						}),
					],
					test: {
						name: "storefront",
						include: ["test/storefront/**/*.test.ts"],
						// Integration tests through three workers: a loaded CI machine needs more than 5 s at times.
						testTimeout: 30_000,
						setupFiles: ["test/storefront/apply-migrations.ts"],
						globalSetup: ["test/config/build-workers.ts"],
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
					plugins: [
						cloudflareTest({
							// The development config: the vault with local staff sign-in compiled in.
							wrangler: { configPath: "./workers/vault/wrangler.dev.toml" },
							miniflare: {
								bindings: {
									...vaultSecrets,
									TEST_VAULT_MIGRATIONS: vaultMigrations,
									TEST_ACCESS_PRIVATE_JWK: staffKeys.privateJwk,
								},
							},
						}),
					],
					define: { LOCAL_STAFF_KEYS: "true" },
					test: {
						name: "vault",
						testTimeout: 30_000,
						include: ["test/vault/**/*.test.ts"],
						setupFiles: ["test/vault/apply-migrations.ts"],
					},
				},
				{
					test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
				},
				{
					// All three workers in a real `wrangler dev` (isolated from a developer's `npm start`),
					// driven by Debian's chromium through playwright-core.
					test: {
						name: "e2e",
						// After every other project: the shop in wrangler dev and chromium get the machine
						// to themselves (alongside the workerd test pools, its local queue stalled at times).
						sequence: { groupOrder: 1 },
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
