// `npm run staff:token -- --role support`: prints a local staff token (Cf-Access-Jwt-Assertion)
// for that role, after making sure the role's local staff member exists in the local vault.
//   curl -H "Cf-Access-Jwt-Assertion: $(npm run -s staff:token -- --role support)" localhost:8787/api/v1/staff/orders
import { localStaffEmail, mintLocalToken, parseArgs, ROLES, upsertStaff } from "./local-staff.mjs";

try {
	const args = parseArgs(process.argv.slice(2), ["role", "persist-to"]);
	const role = typeof args.role === "string" ? args.role : "admin";
	if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(", ")}`);
	const email = localStaffEmail(role);
	await upsertStaff({
		email,
		role,
		persistTo: typeof args["persist-to"] === "string" ? args["persist-to"] : undefined,
	});
	process.stdout.write(`${await mintLocalToken(email)}\n`);
} catch (err) {
	console.error(`staff:token: ${err instanceof Error ? err.message : err}`);
	process.exit(2);
}
