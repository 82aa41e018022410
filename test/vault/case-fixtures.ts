// Support cases for the vault's tests: opened the way the storefront opens them (the first text
// of a return or consultation, sealed under the order's subject with `openCase`), closed by staff.
import { rpc, vaultEnv } from "./helpers";

/** Opens a case on an order (its contact's row id) by sealing a first message under its subject. */
export async function openCaseOn(
	order: { subjectId: string; rowId: string },
	kind: "return" | "consultation" = "consultation",
): Promise<string> {
	const caseId = crypto.randomUUID();
	const sealed = await rpc().seal({
		subject: { subjectId: order.subjectId },
		table: kind === "return" ? "returns" : "consultation_messages",
		rowId: kind === "return" ? caseId : crypto.randomUUID(),
		fields: kind === "return" ? { details: "The fringe came loose." } : { body: "Where is my rug?" },
		openCase: { id: caseId, kind, orderId: order.rowId },
	});
	if (!sealed.ok) throw new Error(`case not opened: ${sealed.error.message}`);
	return caseId;
}

/** An open case written straight into the vault's table, for tests about something else (no audit entry). */
export async function recordCase(order: { rowId: string }, kind: "return" | "consultation" = "return") {
	const caseId = crypto.randomUUID();
	await vaultEnv.VAULT_DB.prepare(
		"insert into support_cases (id, kind, order_id, opened_at) values (?, ?, ?, ?)",
	)
		.bind(caseId, kind, order.rowId, Date.now())
		.run();
	return caseId;
}
