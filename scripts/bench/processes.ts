// The servers npm run bench starts: the shop (three workers in one wrangler dev) and the baseline,
// each in its own process group so that stopping one also stops the workerd it spawned. Every
// started server is stopped when the run ends, fails, or is interrupted (Ctrl-C).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { resolve } from "node:path";

const WRANGLER = resolve("node_modules/.bin/wrangler");
const READY_TIMEOUT_MS = 180_000;

export type Server = { name: string; origin: string; stop(): Promise<void> };

const running = new Set<Server>();

/** Runs wrangler to completion (migrations, seeding, dry runs); throws with its output on failure. */
export function wrangler(args: string[]): string {
	return execFileSync(WRANGLER, args, {
		encoding: "utf8",
		env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
		stdio: ["ignore", "pipe", "pipe"],
		maxBuffer: 64 * 1024 * 1024,
	});
}

function stopGroup(child: ChildProcess): Promise<void> {
	return new Promise((done) => {
		if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return done();
		const pid = child.pid;
		const force = setTimeout(() => {
			try {
				process.kill(-pid, "SIGKILL");
			} catch {
				// Already gone.
			}
		}, 5_000);
		child.once("exit", () => {
			clearTimeout(force);
			done();
		});
		try {
			process.kill(-pid, "SIGTERM");
		} catch {
			clearTimeout(force);
			done();
		}
	});
}

async function waitUntilReady(child: ChildProcess, url: string, log: () => string): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log()}`);
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
			await response.arrayBuffer();
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`${url} not ready after ${READY_TIMEOUT_MS / 1000} s:\n${log()}`);
}

/**
 * Starts `wrangler dev` with the given configs on `port` (its inspector on `inspectorPort`, so two
 * instances do not clash) and resolves once `readyPath` answers 200.
 */
export async function startWranglerDev(options: {
	name: string;
	configs: string[];
	port: number;
	inspectorPort: number;
	persistTo: string;
	readyPath: string;
	vars?: Record<string, string>;
}): Promise<Server> {
	const args = [
		"dev",
		...options.configs.flatMap((c) => ["-c", c]),
		"--ip",
		"127.0.0.1",
		"--port",
		String(options.port),
		"--inspector-port",
		String(options.inspectorPort),
		"--persist-to",
		options.persistTo,
		"--log-level",
		"error",
		"--show-interactive-dev-session=false",
		...Object.entries(options.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
	];
	const child = spawn(WRANGLER, args, {
		detached: true,
		stdio: ["ignore", "pipe", "pipe"],
		env: { ...process.env, WRANGLER_SEND_METRICS: "false", X_LOCAL_OBSERVABILITY: "false" },
	});
	let output = "";
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-20_000);
	};
	child.stdout?.on("data", keep);
	child.stderr?.on("data", keep);
	const origin = `http://127.0.0.1:${options.port}`;
	const server: Server = {
		name: options.name,
		origin,
		stop: async () => {
			running.delete(server);
			await stopGroup(child);
		},
	};
	running.add(server);
	try {
		await waitUntilReady(child, `${origin}${options.readyPath}`, () => output);
	} catch (error) {
		await server.stop();
		throw error;
	}
	return server;
}

export async function stopAll(): Promise<void> {
	await Promise.all([...running].map((s) => s.stop()));
}

/** Stops every server on Ctrl-C or termination, then exits with the signal's conventional code. */
export function stopServersOnSignals(): void {
	for (const [signal, code] of [
		["SIGINT", 130],
		["SIGTERM", 143],
	] as const) {
		process.once(signal, () => {
			console.error(`\n${signal}: stopping the servers`);
			void stopAll().finally(() => process.exit(code));
		});
	}
}
