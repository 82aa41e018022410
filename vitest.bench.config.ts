import { mkdirSync, writeFileSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import type { Reporter, TestCase } from "vitest/node";
import * as z from "zod";

// A bench puts its numbers in its test's meta (`task.meta.benchResult = { name, data }`): the test
// runs in workerd, which cannot write files, and this reporter (in Node) writes each to
// bench/results/<name>.json, where `npm run bench` merges them (gitignored).
const BenchResultSchema = z.object({
	name: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
	data: z.unknown(),
});

const benchResultsReporter: Reporter = {
	onTestCaseResult(testCase: TestCase) {
		const meta: Record<string, unknown> = { ...testCase.meta() };
		if (meta.benchResult === undefined) return;
		const { name, data } = BenchResultSchema.parse(meta.benchResult);
		mkdirSync("bench/results", { recursive: true });
		writeFileSync(`bench/results/${name}.json`, `${JSON.stringify(data, null, "\t")}\n`);
	},
};

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
		test: {
			name: "bench",
			include: ["bench/**/*.bench.ts"],
			reporters: ["default", benchResultsReporter],
		},
	};
});
