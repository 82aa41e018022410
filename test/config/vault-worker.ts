// The vault worker as an auxiliary worker of the storefront test project, mirroring
// workers/vault/wrangler.toml (auxiliary workers take Miniflare options, not a wrangler config)
// and running the bundle build-workers.ts makes with `wrangler deploy --dry-run`.
export const VAULT_BUNDLE_DIR = ".wrangler/test-build/vault";
export const VAULT_DB_ID = "00000000-0000-4000-8000-000000000003";
export const AUDIT_BUCKET = "loomwash-audit-checkpoints";

export function vaultAuxiliaryWorker(secrets: Record<string, string>) {
	return {
		name: "loomwash-vault",
		modules: true,
		scriptPath: `${VAULT_BUNDLE_DIR}/index.js`,
		compatibilityDate: "2026-11-01",
		bindings: { ACCESS_AUD: "loomwash-staff-console", AUDIT_REVIEW_THRESHOLD: "50", ...secrets },
		d1Databases: { VAULT_DB: VAULT_DB_ID },
		r2Buckets: { AUDIT_CHECKPOINTS: AUDIT_BUCKET },
		ratelimits: {
			STAFF_OPEN_LIMITER: { namespace_id: "2001", simple: { limit: 120, period: 60 as const } },
			BLIND_INDEX_LIMITER: { namespace_id: "2002", simple: { limit: 1000, period: 60 as const } },
		},
	};
}
