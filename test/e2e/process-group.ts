// Child processes for the end-to-end harness. Each one leads its own process group, so killing the
// group also ends what it started (wrangler → workerd), and every wait is bounded.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";

/** Signals the whole group, even after its leader has exited; a group that is gone is not an error. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// ESRCH: the group has exited meanwhile.
	}
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), timeoutMs);
		child.once("exit", () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

/** SIGTERM, then SIGKILL if the group has not exited within graceMs. */
export async function stopGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
	signalGroup(child, "SIGTERM");
	if (!(await exited(child, graceMs))) {
		signalGroup(child, "SIGKILL");
		await exited(child, graceMs);
	}
	// Whatever the leader left behind in its group (a workerd that ignored SIGTERM) goes too.
	signalGroup(child, "SIGKILL");
}

/** Every group started here and not yet seen to exit, for killAllGroups. */
const live = new Set<ChildProcess>();

function groupAlive(child: ChildProcess): boolean {
	if (child.pid === undefined) return false;
	try {
		process.kill(-child.pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Stops every group still running, synchronously, so it can run in a process "exit" handler:
 * SIGTERM (wrangler then removes its temporary bundles), a short blocking wait, then SIGKILL.
 */
export function stopAllGroupsSync(graceMs = 3_000): void {
	for (const child of live) signalGroup(child, "SIGTERM");
	const tick = new Int32Array(new SharedArrayBuffer(4));
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline && [...live].some(groupAlive)) Atomics.wait(tick, 0, 0, 100);
	for (const child of live) signalGroup(child, "SIGKILL");
}

export type SpawnOptions = { cwd: string; env: NodeJS.ProcessEnv; logFile: string };

/** Starts a command in its own process group, its output appended to logFile. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
	const log = openSync(options.logFile, "a");
	const child = spawn(command, args, {
		cwd: options.cwd,
		detached: true,
		env: options.env,
		stdio: ["ignore", log, log],
	});
	closeSync(log); // the child holds its own copy
	live.add(child);
	child.once("exit", () => live.delete(child));
	return child;
}

/** Runs a command to completion within timeoutMs; kills its group and throws on timeout or failure. */
export async function runGroup(
	command: string,
	args: readonly string[],
	options: SpawnOptions & { timeoutMs: number },
): Promise<void> {
	const child = spawnGroup(command, args, options);
	const done = new Promise<number | null>((resolve, reject) => {
		child.once("error", reject);
		child.once("exit", (code) => resolve(code));
	});
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void stopGroup(child, 1_000);
	}, options.timeoutMs);
	try {
		const code = await done;
		const what = [command, ...args].join(" ");
		if (timedOut) throw new Error(`${what} took over ${options.timeoutMs} ms; see ${options.logFile}`);
		if (code !== 0) throw new Error(`${what} failed (exit ${code}); see ${options.logFile}`);
	} finally {
		clearTimeout(timer);
		// A step that succeeded may still have left a helper behind in its group.
		signalGroup(child, "SIGKILL");
	}
}
