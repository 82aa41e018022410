// `npm run staff:add -- --email ada@example.com --role admin [--remote]`: bootstraps staff in the
// vault's database (the first admin; after that, admins add staff through the staff API, which
// the vault audits). Locally it uses workers/vault/.dev.vars; with --remote, the vault's
// BLIND_INDEX_KEY must be in the environment, since Cloudflare never hands a secret back.
import { parseArgs, ROLES, upsertStaff } from "./local-staff.mjs";

try {
	const args = parseArgs(process.argv.slice(2), ["email", "role", "remote", "persist-to"]);
	if (typeof args.email !== "string" || !/^[^\s@]+@[^\s@]+$/.test(args.email))
		throw new Error("--email is required");
	if (typeof args.role !== "string" || !ROLES.includes(args.role)) {
		throw new Error(`--role must be one of ${ROLES.join(", ")}`);
	}
	const outcome = await upsertStaff({
		email: args.email,
		role: args.role,
		remote: args.remote === true,
		persistTo: typeof args["persist-to"] === "string" ? args["persist-to"] : undefined,
	});
	const where = args.remote ? "remote" : "local";
	if (outcome === "added")
		console.log(`staff:add: ${args.role} added to the ${where} vault (audited as staff.bootstrap)`);
	else if (outcome === "exists")
		console.log("staff:add: that identity is staff already; nothing changed (use the staff API)");
	else {
		console.error("staff:add: an active admin exists; add staff through the staff API instead");
		process.exit(1);
	}
} catch (err) {
	console.error(`staff:add: ${err instanceof Error ? err.message : err}`);
	process.exit(2);
}
