import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { testSecrets } from "./test/secrets.ts";

export default defineConfig(async () => {
	const commerceMigrations = await readD1Migrations("migrations/loomwash");
	return {
		test: {
			projects: [
				{
					plugins: [
						cloudflareTest({
							wrangler: { configPath: "./wrangler.toml" },
							miniflare: { bindings: { ...testSecrets(), TEST_MIGRATIONS: commerceMigrations } },
						}),
					],
					test: {
						name: "storefront",
						include: ["test/storefront/**/*.test.ts"],
						setupFiles: ["test/storefront/apply-migrations.ts"],
					},
				},
				{
					test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
				},
			],
		},
	};
});
