// Vitest global setup of the e2e project: the shop exactly as `npm start` runs it (all three
// workers in one `wrangler dev`, the queue and service bindings between them), but isolated from a
// developer's own: its own ports, a fresh state folder (every database migrated, the catalog
// seeded), fresh secrets in per-worker env files (a developer's .dev.vars files are neither read
// nor touched) and its own dev registry. Teardown ends the whole process group, whether the tests
// passed or not.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { testStaffKeys } from "../config/staff-keys.ts";
import { sessionPublicKey, storefrontTestSecrets, vaultTestSecrets } from "../secrets.ts";
import { chromiumInstalled, MISSING_CHROMIUM } from "./chromium.ts";
import { runGroup, spawnGroup, stopAllGroupsSync, stopGroup } from "./process-group.ts";

declare module "vitest" {
	export interface ProvidedContext {
		/** The storefront of the shop under test, e.g. http://127.0.0.1:40123 */
		e2eBaseUrl: string;
		/** Its `--persist-to` folder, for reading the raw local databases. */
		e2eStateDir: string;
		/** wrangler dev's output: every worker's console lines (log level error and above). */
		e2eLogFile: string;
		/** Whether a chromium was found at CHROMIUM_PATH. */
		e2eChromium: boolean;
		/** The private half of the local Access key whose public half the vault trusts (staff tokens). */
		e2eStaffPrivateJwk: string;
	}
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const STEP_TIMEOUT_MS = 90_000;
const READY_TIMEOUT_MS = 60_000;

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			const port = typeof address === "object" && address ? address.port : 0;
			server.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
		});
	});
}

/**
 * Each worker's secrets, apart: the storefront's in an env file (`--env-file` reaches the first
 * worker only), the vault's in a .dev.vars beside a copy of its development config in this run's
 * folder (wrangler reads a secondary worker's .dev.vars from its config's folder), so neither a
 * developer's .dev.vars nor the storefront sees the vault's keys. The storefront gets the public
 * half of the vault's session key, and the vault's account mails link to this run's shop.
 */
async function writeSecrets(
	dir: string,
	shopOrigin: string,
): Promise<{ storefrontEnv: string; vaultConfig: string; staffPrivateJwk: string }> {
	const staffKeys = await testStaffKeys();
	const asLines = (vars: Record<string, string>) =>
		`${Object.entries(vars)
			.map(([k, v]) => `${k}=${v}`)
			.join("\n")}\n`;
	const vaultSecrets = await vaultTestSecrets(staffKeys.publicJwks);
	const storefrontEnv = join(dir, "storefront.env");
	const storefront = {
		...storefrontTestSecrets(),
		SESSION_PUBLIC_KEY: await sessionPublicKey(vaultSecrets.SESSION_SIGNING_KEY),
	};
	writeFileSync(storefrontEnv, asLines(storefront), { mode: 0o600 });
	const vaultDir = join(dir, "vault");
	mkdirSync(vaultDir, { recursive: true });
	writeFileSync(join(vaultDir, ".dev.vars"), asLines({ ...vaultSecrets, SHOP_ORIGIN: shopOrigin }), {
		mode: 0o600,
	});
	const config = readFileSync(join(ROOT, "workers/vault/wrangler.dev.toml"), "utf8")
		.replace(/^main = ".*"$/m, `main = ${JSON.stringify(join(ROOT, "workers/vault/index.ts"))}`)
		.replace(
			/^migrations_dir = ".*"$/m,
			`migrations_dir = ${JSON.stringify(join(ROOT, "migrations/loomwash_vault"))}`,
		)
		.replace(/^#:schema.*$/m, "");
	const vaultConfig = join(vaultDir, "wrangler.toml");
	writeFileSync(vaultConfig, config);
	return { storefrontEnv, vaultConfig, staffPrivateJwk: staffKeys.privateJwk };
}

function tail(file: string, lines = 40): string {
	try {
		return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
	} catch {
		return "(no log)";
	}
}

async function waitUntilServing(baseUrl: string, server: ChildProcess, logFile: string): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (server.exitCode !== null || server.signalCode !== null) {
			throw new Error(`wrangler dev exited before serving:\n${tail(logFile)}`);
		}
		try {
			const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
			if (res.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(
		`wrangler dev did not answer ${baseUrl}/healthz within ${READY_TIMEOUT_MS} ms:\n${tail(logFile)}`,
	);
}

export default async function startShop(project: TestProject) {
	if (!chromiumInstalled() && !process.env.CI) {
		console.warn(
			`\n⚠ ${MISSING_CHROMIUM}\n  The browser tests are skipped; the rest of the e2e project runs.\n`,
		);
	}
	const dir = mkdtempSync(join(tmpdir(), "loomwash-e2e-"));
	const state = join(dir, "state");
	const logFile = join(dir, "wrangler.log");
	const [port, inspectorPort] = [await freePort(), await freePort()];
	const baseUrl = `http://127.0.0.1:${port}`;
	const { storefrontEnv, vaultConfig, staffPrivateJwk } = await writeSecrets(dir, baseUrl);
	const env = {
		...process.env,
		WRANGLER_SEND_METRICS: "false",
		// A developer's `npm start` registers the same worker names: keep ours out of their registry.
		WRANGLER_REGISTRY_PATH: join(dir, "registry"),
		WRANGLER_LOG_PATH: join(dir, "logs"),
		WRANGLER_CI_DISABLE_CONFIG_WATCHING: "true",
		// As `npm start`: no local trace store keeping full request URLs.
		X_LOCAL_OBSERVABILITY: "false",
	};
	const step = (args: string[]) =>
		runGroup(process.execPath, args, { cwd: ROOT, env, logFile, timeoutMs: STEP_TIMEOUT_MS });

	let server: ChildProcess | undefined;
	// However vitest ends (done, crashed, Ctrl-C), no wrangler or workerd outlives it.
	// E2E_KEEP=1 leaves the run's folder (state, wrangler.log) for a post-mortem.
	const removeFiles = () =>
		process.env.E2E_KEEP
			? console.warn(`e2e files kept in ${dir}`)
			: rmSync(dir, { recursive: true, force: true });
	const killOnExit = () => {
		stopAllGroupsSync();
		removeFiles();
	};
	process.once("exit", killOnExit);
	const teardown = async () => {
		process.off("exit", killOnExit);
		if (server) await stopGroup(server);
		stopAllGroupsSync();
		removeFiles();
	};
	try {
		// What `npm run setup:local` does, into this run's own state folder.
		await step([WRANGLER, "d1", "migrations", "apply", "loomwash", "--local", "--persist-to", state]);
		await step([
			WRANGLER,
			"d1",
			"migrations",
			"apply",
			"loomwash_analytics",
			"--local",
			"-c",
			"workers/analytics/wrangler.toml",
			"--persist-to",
			state,
		]);
		await step([
			WRANGLER,
			"d1",
			"migrations",
			"apply",
			"loomwash_vault",
			"--local",
			"-c",
			"workers/vault/wrangler.toml",
			"--persist-to",
			state,
		]);
		await step([join(ROOT, "scripts/seed-local.ts"), "--persist-to", state]);

		server = spawnGroup(
			process.execPath,
			[
				WRANGLER,
				"dev",
				"-c",
				"wrangler.toml",
				"-c",
				"workers/analytics/wrangler.toml",
				"-c",
				// As `npm start`: the vault's development config, local staff sign-in compiled in.
				vaultConfig,
				"--ip",
				"127.0.0.1",
				"--port",
				String(port),
				"--inspector-port",
				String(inspectorPort),
				"--persist-to",
				state,
				"--env-file",
				storefrontEnv,
				// The journeys read stock and pages right after changing them: no edge cache between
				// (test/storefront/edge-cache.test.ts tests the cache).
				"--var",
				"EDGE_CACHE:off",
				"--log-level",
				// E2E_LOG_LEVEL=info keeps every worker's log lines (the queue's batches among them).
				process.env.E2E_LOG_LEVEL ?? "error",
				"--show-interactive-dev-session=false",
			],
			{ cwd: ROOT, env, logFile },
		);
		await waitUntilServing(baseUrl, server, logFile);

		project.provide("e2eBaseUrl", baseUrl);
		project.provide("e2eStateDir", state);
		project.provide("e2eLogFile", logFile);
		project.provide("e2eStaffPrivateJwk", staffPrivateJwk);
		project.provide("e2eChromium", chromiumInstalled());
	} catch (err) {
		await teardown();
		throw err;
	}
	return teardown;
}
