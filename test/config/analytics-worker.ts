// The analytics worker as an auxiliary worker of the storefront test project. Auxiliary workers
// take Miniflare options rather than a wrangler config, so this mirrors
// workers/analytics/wrangler.toml, and runs the bundle build-workers.ts makes with
// `wrangler deploy --dry-run` (the same bundling as production).
export const ANALYTICS_BUNDLE_DIR = ".wrangler/test-build/analytics";

/** Noise off in tests that assert exact counts; noise has its own seeded tests. */
export const TEST_ANALYTICS_VARS = {
	K_THRESHOLD: "5",
	NOISE_SCALE: "0",
	NOISE_BOUND: "10",
	MAX_PAIRS_PER_EVENT: "3",
	ROLLUP_AFTER_HOURS: "48",
	PROCESSED_ID_TTL_HOURS: "72",
	WINDOW_DAYS: "30",
};

export const analyticsAuxiliaryWorker = {
	name: "loomwash-analytics",
	modules: true,
	scriptPath: `${ANALYTICS_BUNDLE_DIR}/index.js`,
	compatibilityDate: "2026-11-01",
	bindings: TEST_ANALYTICS_VARS,
	d1Databases: { ANALYTICS_DB: "00000000-0000-4000-8000-000000000002" },
	queueConsumers: {
		"loomwash-events": {
			maxBatchSize: 100,
			// Deliver quickly in tests; production waits up to 5 s to fill a batch.
			maxBatchTimeout: 0.05,
			maxRetries: 5,
			deadLetterQueue: "loomwash-events-dlq",
		},
	},
};
