// Vitest global setup: bundles the analytics worker for the storefront project's auxiliary worker.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { ANALYTICS_BUNDLE_DIR } from "./analytics-worker.ts";

export default function buildAnalyticsWorker() {
	execFileSync(
		"npx",
		[
			"wrangler",
			"deploy",
			"--dry-run",
			// Absolute: wrangler resolves a relative outdir against the config file's folder.
			"--outdir",
			resolve(ANALYTICS_BUNDLE_DIR),
			"-c",
			"workers/analytics/wrangler.toml",
		],
		{ stdio: "pipe", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
	);
}
