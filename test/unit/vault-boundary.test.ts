// DESIGN §1: least privilege is physical. The storefront's configuration, its generated Env type
// and its example variables name no personal-data key and no binding to the vault's database;
// the vault has no public route; the role matrix document is the matrix.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { renderRoleMatrix } from "../../workers/vault/policy/render-matrix";
import { ROLE_MATRIX } from "../../workers/vault/policy/role-matrix";

const read = (path: string) => readFileSync(join(process.cwd(), path), "utf8");
const PII_KEYS =
	/PII_KEYRING|PII_DORMANT_KEY|BLIND_INDEX_KEY|AUDIT_SIGNING_KEY|SESSION_SIGNING_KEY|PASSWORD_PEPPER|ACCESS_LOCAL_JWKS/;
const VAULT_STORAGE = /loomwash_vault|VAULT_DB|AUDIT_CHECKPOINTS|loomwash-audit-checkpoints/;

describe("the storefront holds no personal-data key", () => {
	const storefrontEnv =
		read("worker-configuration.d.ts").match(/interface __BaseEnv_Env \{[^}]*\}/)?.[0] ?? "";

	// Comments may name the vault's keys (the storefront's SESSION_PUBLIC_KEY is the public half of
	// one); settings, bindings and types may not.
	const withoutComments = (text: string) => text.replace(/^\s*#.*$/gm, "");

	it.each([
		["wrangler.toml", withoutComments(read("wrangler.toml"))],
		[".dev.vars.example", withoutComments(read(".dev.vars.example"))],
		["the generated Env type", storefrontEnv],
	])("%s names no PII key and no vault storage", (_name, text) => {
		expect(text.length).toBeGreaterThan(0);
		expect(text).not.toMatch(PII_KEYS);
		expect(text).not.toMatch(VAULT_STORAGE);
	});

	it("reaches the vault only through its RPC entrypoint", () => {
		expect(storefrontEnv).toMatch(/VAULT: Service<typeof import\("\.\/workers\/vault\/index"\)\.VaultRpc>/);
		expect(read("wrangler.toml")).toMatch(
			/binding = "VAULT"\nservice = "loomwash-vault"\nentrypoint = "VaultRpc"/,
		);
	});

	it("keeps the keys in the vault, which has no public route", () => {
		const vault = read("workers/vault/wrangler.toml");
		expect(vault).toMatch(/workers_dev = false/);
		expect(vault).toMatch(/preview_urls = false/);
		expect(vault).not.toMatch(/^routes|^\[\[routes\]\]|^route =/m);
		const vaultEnv = read("workers/vault/worker-configuration.d.ts");
		for (const key of [
			"PII_KEYRING",
			"PII_DORMANT_KEY",
			"BLIND_INDEX_KEY",
			"AUDIT_SIGNING_KEY",
			"SESSION_SIGNING_KEY",
			"PASSWORD_PEPPER",
		]) {
			expect(vaultEnv).toContain(`${key}: string`);
		}
		expect(read("workers/vault/wrangler.toml")).toMatch(
			/ACCESS_TEAM_DOMAIN = "https:\/\/[a-z0-9-]+\.cloudflareaccess\.com"/,
		);
	});
});

describe("local staff sign-in is compiled out of the production vault", () => {
	function bundleOf(config: string): string {
		const outdir = mkdtempSync(join(tmpdir(), "loomwash-vault-"));
		try {
			const run = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "-c", config, "--outdir", outdir], {
				encoding: "utf8",
				env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
			});
			expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
			return readFileSync(join(outdir, "index.js"), "utf8");
		} finally {
			rmSync(outdir, { recursive: true, force: true });
		}
	}

	it("leaves the local issuer and key set out of what `npm run deploy` uploads; only the dev config has them", () => {
		const production = bundleOf("workers/vault/wrangler.toml");
		expect(production).toContain("cdn-cgi/access/certs");
		expect(production).not.toContain("access.loomwash.localhost");
		expect(production).not.toContain("ACCESS_LOCAL_JWKS");
		expect(bundleOf("workers/vault/wrangler.dev.toml")).toContain("access.loomwash.localhost");
	}, 60_000);

	it("keeps the dev config equal to production but for that flag and the shop's origin, and deploys production", () => {
		const production = unstable_readConfig({ config: "workers/vault/wrangler.toml" });
		const dev = unstable_readConfig({ config: "workers/vault/wrangler.dev.toml" });
		// The links in account mails point at the shop the config serves: production's, or localhost.
		// Named environments (staging) are deployed from wrangler.toml only; the dev config has none.
		const strip = ({
			define: _define,
			configPath: _path,
			userConfigPath: _user,
			definedEnvironments: _environments,
			vars,
			...rest
		}: typeof dev) => {
			const { SHOP_ORIGIN: _origin, ...otherVars } = vars;
			return { ...rest, vars: otherVars };
		};
		expect(strip(dev)).toEqual(strip(production));
		expect(dev.definedEnvironments).toEqual([]);
		expect(production.define).toEqual({ LOCAL_STAFF_KEYS: "false" });
		expect(dev.define).toEqual({ LOCAL_STAFF_KEYS: "true" });
		expect(production.vars.SHOP_ORIGIN).toBe("https://shop.loomwash.example");
		expect(dev.vars.SHOP_ORIGIN).toBe("http://localhost:8787");
		const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
		expect(scripts.deploy).toContain("wrangler deploy -c workers/vault/wrangler.toml");
		expect(scripts.deploy).not.toContain("wrangler.dev.toml");
	});
});

describe("docs/roles.md", () => {
	it("is the role matrix as rendered from its one source", () => {
		expect(read("docs/roles.md")).toBe(renderRoleMatrix(ROLE_MATRIX));
	});
});
