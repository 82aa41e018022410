// Vitest global setup: bundles the analytics and vault workers for the storefront project's
// auxiliary workers, with `wrangler deploy --dry-run` (the same bundling as production).
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { ANALYTICS_BUNDLE_DIR } from "./analytics-worker.ts";
import { VAULT_BUNDLE_DIR } from "./vault-worker.ts";

function bundle(config: string, outdir: string) {
	execFileSync(
		"npx",
		// Absolute: wrangler resolves a relative outdir against the config file's folder.
		["wrangler", "deploy", "--dry-run", "--outdir", resolve(outdir), "-c", config],
		{ stdio: "pipe", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
	);
}

export default function buildWorkers() {
	bundle("workers/analytics/wrangler.toml", ANALYTICS_BUNDLE_DIR);
	// The development config, as `npm start` runs it: local staff sign-in compiled in.
	bundle("workers/vault/wrangler.dev.toml", VAULT_BUNDLE_DIR);
}
