// `npm run audit:verify [-- --url https://shop --token …]`: recomputes the vault's audit chain,
// checks every signed checkpoint, and names the first bad entry. Exits 1 when the chain is bad.
import { parseArgs } from "./local-staff.mjs";
import { staffApi } from "./staff-api.mjs";

try {
	const args = parseArgs(process.argv.slice(2), ["url", "token"]);
	const report = await staffApi(
		{ url: args.url === true ? undefined : args.url, token: args.token, role: "compliance" },
		"GET",
		"/api/v1/staff/audit/verify",
	);
	console.log(
		`entries: ${report.entries}, checkpoints: ${report.checkpoints}, head: ${report.head?.seq ?? "none"}`,
	);
	if (report.valid) {
		console.log("audit chain: valid");
	} else {
		console.error(
			`audit chain: INVALID at entry ${report.firstBad.seq} (${report.firstBad.problem}): ${report.firstBad.message}`,
		);
		process.exit(1);
	}
} catch (err) {
	console.error(`audit:verify: ${err instanceof Error ? err.message : err}`);
	process.exit(2);
}
