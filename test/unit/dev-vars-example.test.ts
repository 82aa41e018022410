// Each worker's .dev.vars.example is true to what the code reads. With `secrets.required` in a
// config, wrangler dev loads from .dev.vars only the required secrets and overrides of declared
// [vars], and silently drops anything else; so an example (and what setup:local and the tests
// write from the same names) must list exactly: every required secret, and local overrides of
// vars. Each of those names must be read by the worker's code, and each secret put in production.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { storefrontTestSecrets, vaultTestSecrets } from "../secrets";

const read = (path: string) => readFileSync(join(process.cwd(), path), "utf8");

/** The names an example sets (KEY=value lines; comments aside). */
function exampleNames(path: string): string[] {
	return read(path)
		.split("\n")
		.filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
		.map((line) => line.slice(0, line.indexOf("=")));
}

/** The worker's source, comments stripped (a name only mentioned in a comment is not read). */
function sourceOf(folder: string): string {
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts")) files.push(path);
		}
	};
	walk(join(process.cwd(), folder));
	return files
		.map((file) =>
			readFileSync(file, "utf8")
				.replace(/\/\*[\s\S]*?\*\//g, "")
				.replace(/^\s*\/\/.*$/gm, ""),
		)
		.join("\n");
}

const WORKERS = [
	{
		worker: "storefront",
		config: "wrangler.toml",
		example: ".dev.vars.example",
		source: "workers/storefront",
		secrets: ["SESSION_KEY", "PAYMENT_WEBHOOK_SECRET", "STRIPE_SECRET_KEY"],
		localOverrides: ["PAYMENT_PROVIDER", "SESSION_PUBLIC_KEY"],
	},
	{
		worker: "vault",
		// What `npm start` runs the vault with, and so what loads workers/vault/.dev.vars.
		config: "workers/vault/wrangler.dev.toml",
		example: "workers/vault/.dev.vars.example",
		source: "workers/vault",
		secrets: [
			"PII_KEYRING",
			"PII_DORMANT_KEY",
			"BLIND_INDEX_KEY",
			"AUDIT_SIGNING_KEY",
			"SESSION_SIGNING_KEY",
			"PASSWORD_PEPPER",
		],
		// Local staff sign-in: the reserved issuer and the local key set (public keys, not secrets).
		localOverrides: ["ACCESS_TEAM_DOMAIN", "ACCESS_LOCAL_JWKS"],
	},
] as const;

describe.each(WORKERS)("the $worker worker's .dev.vars.example", (w) => {
	const config = unstable_readConfig({ config: w.config });

	it("lists exactly its required secrets and its local overrides of declared vars", () => {
		expect(config.secrets?.required).toEqual(w.secrets);
		for (const name of w.localOverrides) expect(Object.keys(config.vars)).toContain(name);
		expect(exampleNames(w.example).sort()).toEqual([...w.secrets, ...w.localOverrides].sort());
	});

	it("names only what the worker's code reads", () => {
		const source = sourceOf(w.source);
		for (const name of [...w.secrets, ...w.localOverrides])
			expect(source).toMatch(new RegExp(`\\b${name}\\b`));
	});

	it("matches what setup:local generates", () => {
		const script = read("scripts/gen-dev-vars.mjs");
		for (const name of exampleNames(w.example)) expect(script).toMatch(new RegExp(`\\b${name}: `));
	});
});

describe("the test secrets", () => {
	it("are the required secrets and declared vars only, so wrangler dev (e2e) loads every one", async () => {
		const storefront = unstable_readConfig({ config: "wrangler.toml" });
		const vault = unstable_readConfig({ config: "workers/vault/wrangler.dev.toml" });
		const loadable = (c: typeof vault) => [...(c.secrets?.required ?? []), ...Object.keys(c.vars)];
		const vaultSecrets = await vaultTestSecrets('{"keys":[]}');
		for (const [config, secrets] of [
			[storefront, storefrontTestSecrets()],
			[vault, vaultSecrets],
		] as const) {
			for (const name of Object.keys(secrets)) expect(loadable(config)).toContain(name);
			for (const name of config.secrets?.required ?? []) expect(Object.keys(secrets)).toContain(name);
		}
	});
});

describe("the analytics worker", () => {
	it("requires no secret, in any environment", () => {
		for (const env of [undefined, "staging"]) {
			const config = unstable_readConfig({ config: "workers/analytics/wrangler.toml", env });
			expect(config.secrets?.required).toEqual([]);
		}
	});
});
