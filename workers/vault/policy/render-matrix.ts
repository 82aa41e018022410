// The role matrix as Markdown (docs/roles.md), rendered by `npm run docs:roles`.
// The matrix comes in as an argument so that plain Node (the docs script) can run this file.
import type { OpenGrant, RolePolicy } from "./role-matrix";

/** What each grant condition means, as the vault checks it (operations.ts, policy/decide.ts). */
const CONDITIONS: Readonly<Record<NonNullable<OpenGrant["condition"]>, string>> = {
	open_case:
		"only for an order with an open support case: a return or consultation on it, recorded by the vault when its first text is sealed and closed by the staff action that ends it (refund, rejection, closing the thread). Otherwise denied with reason `no_open_case`, audited.",
};

export function renderRoleMatrix(matrix: Readonly<Record<string, RolePolicy>>): string {
	const lines = [
		"# Staff roles and what they may open",
		"",
		"Generated from `workers/vault/policy/role-matrix.ts` by `npm run docs:roles`; do not edit by hand.",
		"The vault enforces it (DESIGN P7): anything not listed is denied, and every denial is audited.",
		"A staff member has exactly one role, kept in the vault's staff records; a role claimed by a",
		"token or a caller is ignored.",
		"",
		"## Personal data",
		"",
		"| role | purpose | table | fields | at most subjects per request | condition |",
		"|---|---|---|---|---|---|",
	];
	for (const [role, policy] of Object.entries(matrix)) {
		if (policy.open.length === 0) lines.push(`| ${role} | — | — | none | — | — |`);
		for (const grant of policy.open) {
			lines.push(
				`| ${role} | ${grant.purpose} | ${grant.table} | ${grant.fields.join(", ")} | ${grant.maxSubjects} | ${grant.condition ?? "—"} |`,
			);
		}
	}
	const used = new Set(
		Object.values(matrix).flatMap((policy) => policy.open.map((grant) => grant.condition)),
	);
	const explained = Object.entries(CONDITIONS).filter(([name]) => used.has(name as OpenGrant["condition"]));
	if (explained.length > 0) {
		lines.push("", "Conditions:", "");
		for (const [name, meaning] of explained) lines.push(`- \`${name}\`: ${meaning}`);
	}
	lines.push("", "## Other operations", "", "| role | summary | operations |", "|---|---|---|");
	for (const [role, policy] of Object.entries(matrix)) {
		lines.push(`| ${role} | ${policy.summary} | ${policy.operations.join(", ")} |`);
	}
	return `${lines.join("\n")}\n`;
}
