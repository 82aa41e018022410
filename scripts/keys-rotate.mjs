// `npm run keys:rotate [-- --batch-size 100 --dry-run --url … --token …]`: after a new key is made
// current in the vault's PII_KEYRING, re-wraps every data key under it in batches, printing
// progress. Resumable: stop it at any point and run it again. When it reports done, the old key
// can leave the keyring (see docs/privacy.md for when it must: the Time Travel bound).
import { parseArgs } from "./local-staff.mjs";
import { staffApi } from "./staff-api.mjs";

try {
	const args = parseArgs(process.argv.slice(2), ["url", "token", "batch-size", "dry-run"]);
	const options = { url: args.url === true ? undefined : args.url, token: args.token, role: "admin" };
	const batchSize = args["batch-size"] ? Number(args["batch-size"]) : 100;
	const dryRun = args["dry-run"] === true;
	let total = 0;
	for (;;) {
		const progress = await staffApi(options, "POST", "/api/v1/staff/keys/rotate", { batchSize, dryRun });
		total += progress.rewrapped;
		const keys = Object.entries(progress.byKey)
			.map(([kek, n]) => `${kek}: ${n}`)
			.join(", ");
		console.log(
			`re-wrapped ${total}, remaining ${progress.remaining} under older keys (current ${progress.currentKeyId}; ${keys || "no keys"})`,
		);
		if (progress.done || dryRun) break;
		if (progress.rewrapped === 0) throw new Error("no progress: another rotation may be running; run again");
	}
	console.log(dryRun ? "dry run: nothing changed" : "done: every data key is wrapped by the current key");
} catch (err) {
	console.error(`keys:rotate: ${err instanceof Error ? err.message : err}`);
	process.exit(2);
}
