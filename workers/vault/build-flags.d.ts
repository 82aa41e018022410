/**
 * Build-time flags (`define` in workers/vault/wrangler.toml and wrangler.dev.toml). LOCAL_STAFF_KEYS
 * compiles the local staff sign-in path in: true only in wrangler.dev.toml (npm start, tests),
 * false in the deployed wrangler.toml.
 */
declare const LOCAL_STAFF_KEYS: boolean;
