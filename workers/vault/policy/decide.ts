// Pure policy decisions over the role matrix: deny by default, and say why in a closed reason.
import type { CASE_KINDS, Operation, Purpose, StaffRole } from "../../shared/vault-contract";
import { type OpenGrant, ROLE_MATRIX, type RolePolicy } from "./role-matrix";

export type OpenTarget = { subjectId: string; table: string; field: string };
/** An item with the row it belongs to: conditions are about rows (an order with an open case). */
export type RowTarget = { table: string; rowId: string; field: string };

export type Decision = { allowed: true } | { allowed: false; reason: string };

export type CaseKind = (typeof CASE_KINDS)[number];

/** What the vault knows of the items' rows when it decides conditions: order ids with an open case. */
export type ConditionFacts = { openCaseRows: ReadonlySet<string> };

type Matrix = Readonly<Record<StaffRole, RolePolicy>>;

export function decideOpen(
	role: StaffRole,
	purpose: Purpose,
	items: readonly OpenTarget[],
	matrix: Matrix = ROLE_MATRIX,
): Decision {
	const grants = matrix[role].open.filter((grant) => grant.purpose === purpose);
	if (grants.length === 0) return { allowed: false, reason: "purpose_not_granted" };
	for (const item of items) {
		if (!grants.some((grant) => grant.table === item.table && grant.fields.includes(item.field))) {
			return { allowed: false, reason: "field_not_granted" };
		}
	}
	const subjects = new Set(items.map((item) => item.subjectId)).size;
	const tables = new Set(items.map((item) => item.table));
	for (const table of tables) {
		const limit = Math.max(...grants.filter((g) => g.table === table).map((g) => g.maxSubjects));
		if (subjects > limit) return { allowed: false, reason: "too_many_subjects" };
	}
	return { allowed: true };
}

function grantsCovering(role: StaffRole, purpose: Purpose, item: RowTarget, matrix: Matrix): OpenGrant[] {
	return matrix[role].open.filter(
		(grant) => grant.purpose === purpose && grant.table === item.table && grant.fields.includes(item.field),
	);
}

/** Rows whose opening hangs on an open case: the only facts the vault must look up for conditions. */
export function rowsNeedingOpenCase(
	role: StaffRole,
	purpose: Purpose,
	items: readonly RowTarget[],
	matrix: Matrix = ROLE_MATRIX,
): string[] {
	const rows = items
		.filter((item) => {
			const grants = grantsCovering(role, purpose, item, matrix);
			return grants.length > 0 && grants.every((grant) => grant.condition === "open_case");
		})
		.map((item) => item.rowId);
	return [...new Set(rows)];
}

/**
 * The grants' conditions, after decideOpen has allowed the request: each item needs a covering
 * grant whose condition holds for its row. `open_case`: the row (an order's contact, row id = the
 * order id) has a support case the vault recorded as open.
 */
export function decideConditions(
	role: StaffRole,
	purpose: Purpose,
	items: readonly RowTarget[],
	facts: ConditionFacts,
	matrix: Matrix = ROLE_MATRIX,
): Decision {
	for (const item of items) {
		const grants = grantsCovering(role, purpose, item, matrix);
		const holds = grants.some((grant) => grant.condition === undefined || facts.openCaseRows.has(item.rowId));
		if (!holds) return { allowed: false, reason: "no_open_case" };
	}
	return { allowed: true };
}

export function decideOperation(
	role: StaffRole,
	operation: Operation,
	matrix: Matrix = ROLE_MATRIX,
): Decision {
	return matrix[role].operations.includes(operation)
		? { allowed: true }
		: { allowed: false, reason: "operation_not_granted" };
}

/**
 * Which operations end which case: the staff actions that settle it. A return ends when it is
 * refunded or rejected (returns.manage, refunds.issue) or, for the warehouse, handled at receipt
 * (returns.receive); a consultation when whoever answers it closes it (consultations.answer).
 */
export const CASE_CLOSERS: Readonly<Record<CaseKind, readonly Operation[]>> = {
	return: ["returns.manage", "returns.receive", "refunds.issue"],
	consultation: ["consultations.answer"],
};

/** A role may close a case when it holds an operation that ends a case of that kind. */
export function decideCloseCase(role: StaffRole, kind: CaseKind, matrix: Matrix = ROLE_MATRIX): Decision {
	return CASE_CLOSERS[kind].some((operation) => matrix[role].operations.includes(operation))
		? { allowed: true }
		: { allowed: false, reason: "operation_not_granted" };
}
