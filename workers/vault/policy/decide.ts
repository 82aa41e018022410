// Pure policy decisions over the role matrix: deny by default, and say why in a closed reason.
import type { Operation, Purpose, StaffRole } from "../../shared/vault-contract";
import { ROLE_MATRIX, type RolePolicy } from "./role-matrix";

export type OpenTarget = { subjectId: string; table: string; field: string };

export type Decision = { allowed: true } | { allowed: false; reason: string };

export function decideOpen(
	role: StaffRole,
	purpose: Purpose,
	items: readonly OpenTarget[],
	matrix: Readonly<Record<StaffRole, RolePolicy>> = ROLE_MATRIX,
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

export function decideOperation(
	role: StaffRole,
	operation: Operation,
	matrix: Readonly<Record<StaffRole, RolePolicy>> = ROLE_MATRIX,
): Decision {
	return matrix[role].operations.includes(operation)
		? { allowed: true }
		: { allowed: false, reason: "operation_not_granted" };
}
