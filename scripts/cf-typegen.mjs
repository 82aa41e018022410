// Generates the Env types of both workers with `wrangler types`.
// The storefront's Env (root worker-configuration.d.ts, with runtime types) is generated with both
// configs so the ANALYTICS service binding is typed by the analytics worker's RPC class.
// The analytics worker's own AnalyticsEnv is generated on its own, then trimmed to its interfaces:
// the runtime types and global declarations already come from the root file.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const wrangler = (args) =>
	execFileSync("npx", ["wrangler", "types", "--strict-vars", "false", ...args], {
		stdio: "inherit",
		env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
	});

wrangler(["-c", "wrangler.toml", "-c", "workers/analytics/wrangler.toml"]);

const analyticsTypes = "workers/analytics/worker-configuration.d.ts";
wrangler([
	analyticsTypes,
	"-c",
	"workers/analytics/wrangler.toml",
	"--env-interface",
	"AnalyticsEnv",
	"--include-runtime",
	"false",
	"--include-main-module",
	"false",
]);
const generated = readFileSync(analyticsTypes, "utf8");
const header = generated.split("\n").filter((line) => line.startsWith("//") || line.startsWith("/*"));
const base = generated.match(/interface __BaseEnv_AnalyticsEnv \{[^}]*\}/)?.[0];
if (!base) throw new Error("wrangler types output changed: no __BaseEnv_AnalyticsEnv interface");
const trimmed = [...header, base, "interface AnalyticsEnv extends __BaseEnv_AnalyticsEnv {}", ""].join("\n");
writeFileSync(analyticsTypes, trimmed);
