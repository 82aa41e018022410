// Generates the Env types of the three workers with `wrangler types`; with --check (`npm run
// types:check`, part of `npm test`), only checks that the committed files match the configs
// (`wrangler types --check`: it compares the hash in each file's header, so a config changed
// without `npm run cf-typegen` fails the tests).
// The storefront's Env (root worker-configuration.d.ts, with runtime types) is generated with all
// configs so the ANALYTICS and VAULT service bindings are typed by the workers' RPC classes.
// The analytics and vault workers' own Env interfaces are generated on their own, then trimmed to
// them: the runtime types and global declarations already come from the root file.
// Secrets are typed from each config's `secrets.required`, never from a local .dev.vars, so the
// result is the same on every machine and in CI.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const check = process.argv.includes("--check");

const wrangler = (args) =>
	execFileSync(
		"npx",
		["wrangler", "types", "--strict-vars", "false", ...args, ...(check ? ["--check"] : [])],
		{
			stdio: "inherit",
			env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
		},
	);

wrangler([
	"-c",
	"wrangler.toml",
	"-c",
	"workers/analytics/wrangler.toml",
	"-c",
	"workers/vault/wrangler.toml",
]);

/** A worker's own Env interface, generated on its own and trimmed to that interface. */
function workerEnv(folder, name) {
	const file = `workers/${folder}/worker-configuration.d.ts`;
	wrangler([
		file,
		"-c",
		`workers/${folder}/wrangler.toml`,
		"--env-interface",
		name,
		"--include-runtime",
		"false",
		"--include-main-module",
		"false",
	]);
	if (check) return;
	const generated = readFileSync(file, "utf8");
	const header = generated.split("\n").filter((line) => line.startsWith("//") || line.startsWith("/*"));
	const base = generated.match(new RegExp(`interface __BaseEnv_${name} \\{[^}]*\\}`))?.[0];
	if (!base) throw new Error(`wrangler types output changed: no __BaseEnv_${name} interface`);
	writeFileSync(file, [...header, base, `interface ${name} extends __BaseEnv_${name} {}`, ""].join("\n"));
}

workerEnv("analytics", "AnalyticsEnv");
workerEnv("vault", "VaultEnv");
