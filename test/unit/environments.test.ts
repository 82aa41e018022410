// Staging is a separate stack (`npm run deploy:staging`). Wrangler does not inherit vars, define,
// secrets or bindings into a named environment, so each config repeats them under [env.staging];
// this keeps the copy in step with the top level (production): the same names and settings, its
// own resources, its service bindings and queue pointing at the staging workers, and a vault
// built without local staff sign-in.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";

const CONFIGS = {
	storefront: "wrangler.toml",
	analytics: "workers/analytics/wrangler.toml",
	vault: "workers/vault/wrangler.toml",
} as const;
type Worker = keyof typeof CONFIGS;
const WORKERS = Object.keys(CONFIGS) as Worker[];

/** The parts of wrangler's resolved config these tests look at. */
type Config = {
	name?: string;
	main?: string;
	compatibility_date?: string;
	workers_dev?: boolean;
	preview_urls?: boolean;
	routes?: unknown[];
	triggers: unknown;
	define: Record<string, string>;
	vars: Record<string, unknown>;
	secrets?: { required?: string[] };
	d1_databases: { binding: string; database_name?: string; database_id?: string; migrations_dir?: string }[];
	queues: {
		producers?: { binding: string; queue: string }[];
		consumers?: ({ queue: string; dead_letter_queue?: string } & Record<string, unknown>)[];
	};
	services?: { binding: string; service: string; entrypoint?: string }[];
	r2_buckets: { binding: string; bucket_name?: string }[];
	ratelimits?: { name: string; namespace_id: string; simple: unknown }[];
	send_email?: unknown;
};

const read = (worker: Worker, env?: string) =>
	unstable_readConfig({ config: CONFIGS[worker], env }) as unknown as Config;
const production = Object.fromEntries(WORKERS.map((w) => [w, read(w)])) as Record<Worker, Config>;
const staging = Object.fromEntries(WORKERS.map((w) => [w, read(w, "staging")])) as Record<Worker, Config>;

/** What must be the same in both: names of things and settings, not the resources behind them. */
function shape(c: Config) {
	return {
		main: c.main,
		compatibility_date: c.compatibility_date,
		workers_dev: c.workers_dev,
		preview_urls: c.preview_urls,
		triggers: c.triggers,
		define: c.define,
		varNames: Object.keys(c.vars).sort(),
		secrets: c.secrets,
		d1: c.d1_databases.map((d) => ({ binding: d.binding, migrations_dir: d.migrations_dir })),
		producers: (c.queues.producers ?? []).map((p) => p.binding),
		consumers: (c.queues.consumers ?? []).map(
			({ queue: _q, dead_letter_queue: _d, ...settings }) => settings,
		),
		services: c.services?.map((s) => ({ binding: s.binding, entrypoint: s.entrypoint })),
		r2: c.r2_buckets.map((b) => b.binding),
		ratelimits: c.ratelimits?.map((r) => ({ name: r.name, simple: r.simple })),
		send_email: c.send_email,
	};
}

describe.each(WORKERS)("the %s worker's staging environment", (worker) => {
	const prod = production[worker];
	const stage = staging[worker];

	it("has everything production has, under the same names and settings", () => {
		expect(shape(stage)).toEqual(shape(prod));
	});

	it("is its own worker, with its own databases, queues, buckets and limiter counters", () => {
		expect(stage.name).toBe(`${prod.name}-staging`);
		for (const [i, db] of stage.d1_databases.entries()) {
			expect(db.database_name).toBe(`${prod.d1_databases[i]?.database_name}_staging`);
			expect(db.database_id).not.toBe(prod.d1_databases[i]?.database_id);
		}
		const queues = (c: typeof prod) => [
			...(c.queues.producers ?? []).map((p) => p.queue),
			...(c.queues.consumers ?? []).flatMap((q) => [q.queue, q.dead_letter_queue]),
		];
		expect(queues(stage)).toEqual(queues(prod).map((q) => `${q}-staging`));
		expect(stage.r2_buckets.map((b) => b.bucket_name)).toEqual(
			prod.r2_buckets.map((b) => `${b.bucket_name}-staging`),
		);
		const namespaces = (c: typeof prod) => (c.ratelimits ?? []).map((r) => r.namespace_id);
		for (const id of namespaces(stage)) expect(namespaces(prod)).not.toContain(id);
	});
});

describe("the stacks", () => {
	it.each([
		["production", production],
		["staging", staging],
	] as const)(
		"%s: the storefront binds that stack's vault and analytics workers and feeds its queue",
		(_n, stack) => {
			const services = Object.fromEntries(
				(stack.storefront.services ?? []).map((s) => [s.binding, s.service]),
			);
			expect(services).toEqual({ VAULT: stack.vault.name, ANALYTICS: stack.analytics.name });
			expect(stack.storefront.queues.producers?.map((p) => p.queue)).toEqual(
				stack.analytics.queues.consumers?.map((c) => c.queue),
			);
		},
	);

	it("give each limiter namespace to one limiter only", () => {
		const ids = [...Object.values(production), ...Object.values(staging)].flatMap((c) =>
			(c.ratelimits ?? []).map((r) => r.namespace_id),
		);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it("keep the workers without a public route off workers.dev and preview URLs", () => {
		for (const stack of [production, staging]) {
			for (const worker of ["vault", "analytics"] as const) {
				expect(stack[worker].workers_dev).toBe(false);
				expect(stack[worker].preview_urls).toBe(false);
				expect(stack[worker].routes ?? []).toEqual([]);
			}
		}
	});

	it("build the staging vault without local staff sign-in", () => {
		const outdir = mkdtempSync(join(tmpdir(), "loomwash-vault-staging-"));
		try {
			const run = spawnSync(
				"npx",
				["wrangler", "deploy", "--dry-run", "-c", CONFIGS.vault, "--env", "staging", "--outdir", outdir],
				{ encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
			);
			expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
			const bundle = readFileSync(join(outdir, "index.js"), "utf8");
			expect(bundle).toContain("cdn-cgi/access/certs");
			expect(bundle).not.toContain("access.loomwash.localhost");
		} finally {
			rmSync(outdir, { recursive: true, force: true });
		}
	}, 60_000);
});
