import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// `npm run bench:analytics`: the consumer benchmark, in workerd with a local D1.
export default defineConfig(async () => {
	const analyticsMigrations = await readD1Migrations("migrations/loomwash_analytics");
	return {
		plugins: [
			cloudflareTest({
				wrangler: { configPath: "./workers/analytics/wrangler.toml" },
				miniflare: { bindings: { TEST_ANALYTICS_MIGRATIONS: analyticsMigrations } },
			}),
		],
		test: { name: "bench", include: ["bench/**/*.bench.ts"] },
	};
});
