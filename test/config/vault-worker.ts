// The vault worker as an auxiliary worker of the storefront test project, mirroring
// workers/vault/wrangler.toml (auxiliary workers take Miniflare options, not a wrangler config)
// and running the bundle build-workers.ts makes with `wrangler deploy --dry-run`.
export const VAULT_BUNDLE_DIR = ".wrangler/test-build/vault";
export const VAULT_DB_ID = "00000000-0000-4000-8000-000000000003";
export const AUDIT_BUCKET = "loomwash-audit-checkpoints";

/** The vault's [vars] as wrangler.dev.toml sets them (the links in account mails point at localhost). */
export const TEST_VAULT_VARS = {
	ACCESS_AUD: "loomwash-staff-console",
	AUDIT_REVIEW_THRESHOLD: "50",
	SHOP_ORIGIN: "http://localhost:8787",
	MAIL_FROM: "no-reply@loomwash.example",
	SESSION_IDLE_MINUTES: "60",
	SESSION_ABSOLUTE_HOURS: "12",
};

export function vaultAuxiliaryWorker(secrets: Record<string, string>) {
	return {
		name: "loomwash-vault",
		modules: true,
		scriptPath: `${VAULT_BUNDLE_DIR}/index.js`,
		compatibilityDate: "2026-11-01",
		bindings: { ...TEST_VAULT_VARS, ...secrets },
		d1Databases: { VAULT_DB: VAULT_DB_ID },
		r2Buckets: { AUDIT_CHECKPOINTS: AUDIT_BUCKET },
		ratelimits: {
			STAFF_OPEN_LIMITER: { namespace_id: "2001", simple: { limit: 120, period: 60 as const } },
			BLIND_INDEX_LIMITER: { namespace_id: "2002", simple: { limit: 1000, period: 60 as const } },
			LOGIN_ACCOUNT_LIMITER: { namespace_id: "2003", simple: { limit: 30, period: 60 as const } },
			AUTH_MAIL_LIMITER: { namespace_id: "2004", simple: { limit: 3, period: 60 as const } },
			SHOPPER_OPEN_LIMITER: { namespace_id: "2005", simple: { limit: 300, period: 60 as const } },
		},
		// Miniflare's simulated send_email: messages are kept locally, never delivered.
		email: {
			send_email: [{ name: "MAIL", allowed_sender_addresses: ["no-reply@loomwash.example"] }],
		},
	};
}
