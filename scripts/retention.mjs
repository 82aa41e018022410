// `npm run retention [-- --dry-run] [--batch-size N] [--url … --token …]`: runs every retention
// job (P9) on a running shop through the staff API (role admin), one batch per job and round,
// until no job has more, printing each round's progress. Resumable: stop it at any point and run
// it again. `--dry-run` prints what a run would do and changes nothing.
import { parseArgs } from "./local-staff.mjs";
import { staffApi } from "./staff-api.mjs";

try {
	const args = parseArgs(process.argv.slice(2), ["url", "token", "batch-size", "dry-run"]);
	const options = { url: args.url === true ? undefined : args.url, token: args.token, role: "admin" };
	const batchSize = args["batch-size"] ? Number(args["batch-size"]) : 100;
	if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 500) {
		throw new Error("--batch-size must be a whole number from 1 to 500");
	}
	const dryRun = args["dry-run"] === true;
	const totals = new Map();
	for (let round = 1; ; round++) {
		const { steps } = await staffApi(options, "POST", "/api/v1/staff/retention/run", { dryRun, batchSize });
		for (const step of steps) totals.set(step.job, (totals.get(step.job) ?? 0) + step.done);
		const line = steps
			.map((s) =>
				dryRun
					? `${s.job}: ${s.due}${s.more ? "+" : ""} due`
					: `${s.job}: ${s.done}/${s.due}${s.more ? " (more)" : ""}, ${totals.get(s.job)} in all`,
			)
			.join("; ");
		console.log(`${dryRun ? "dry run" : `round ${round}`}: ${line}`);
		if (dryRun || !steps.some((s) => s.more)) break;
		if (steps.every((s) => s.done === 0))
			throw new Error("no progress: another run may be under way; run again");
	}
	console.log(dryRun ? "dry run: nothing changed" : "done: nothing more is due");
} catch (err) {
	console.error(`retention: ${err instanceof Error ? err.message : err}`);
	process.exit(2);
}
