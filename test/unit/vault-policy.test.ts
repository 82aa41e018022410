import { describe, expect, it } from "vitest";
import { OPERATIONS, PURPOSES, STAFF_ROLES } from "../../workers/shared/vault-contract";
import { blindIndex } from "../../workers/vault/crypto/blind-index";
import {
	CASE_CLOSERS,
	decideCloseCase,
	decideConditions,
	decideOpen,
	decideOperation,
	rowsNeedingOpenCase,
} from "../../workers/vault/policy/decide";
import type { RolePolicy } from "../../workers/vault/policy/role-matrix";
import { ROLE_MATRIX } from "../../workers/vault/policy/role-matrix";

const key = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

describe("decideOpen", () => {
	const matrix = {
		support: {
			summary: "",
			operations: ["orders.list"],
			open: [{ purpose: "support", table: "t", fields: ["a"], maxSubjects: 1 }],
		},
		fulfilment: { summary: "", operations: [], open: [] },
		compliance: { summary: "", operations: [], open: [] },
		admin: { summary: "", operations: ["staff.manage"], open: [] },
	} satisfies Record<string, RolePolicy>;

	it("denies by default and grants only the listed purpose, table and field", () => {
		const item = (field: string, subjectId = "s1", table = "t") => ({ subjectId, table, field });
		expect(decideOpen("support", "support", [item("a")], matrix)).toEqual({ allowed: true });
		expect(decideOpen("support", "fulfilment", [item("a")], matrix)).toEqual({
			allowed: false,
			reason: "purpose_not_granted",
		});
		expect(decideOpen("support", "support", [item("b")], matrix)).toEqual({
			allowed: false,
			reason: "field_not_granted",
		});
		expect(decideOpen("support", "support", [item("a", "s1", "u")], matrix)).toMatchObject({
			allowed: false,
		});
		expect(decideOpen("support", "support", [item("a", "s1"), item("a", "s2")], matrix)).toEqual({
			allowed: false,
			reason: "too_many_subjects",
		});
		for (const purpose of PURPOSES)
			expect(decideOpen("admin", purpose, [item("a")], matrix).allowed).toBe(false);
	});

	it("decides operations from the matrix alone", () => {
		for (const role of STAFF_ROLES) {
			for (const operation of OPERATIONS) {
				const expected = (matrix[role].operations as readonly string[]).includes(operation);
				expect(decideOperation(role, operation, matrix).allowed).toBe(expected);
			}
		}
	});
});

describe("decideConditions (open_case)", () => {
	const matrix = {
		support: {
			summary: "",
			operations: ["consultations.answer"],
			open: [
				{ purpose: "support", table: "c", fields: ["email"], maxSubjects: 1, condition: "open_case" },
				{ purpose: "support", table: "m", fields: ["body"], maxSubjects: 1 },
				// The same field granted twice: the unconditional grant is enough.
				{ purpose: "support", table: "d", fields: ["x"], maxSubjects: 1, condition: "open_case" },
				{ purpose: "support", table: "d", fields: ["x"], maxSubjects: 1 },
			],
		},
		fulfilment: { summary: "", operations: ["returns.receive"], open: [] },
		compliance: { summary: "", operations: [], open: [] },
		admin: { summary: "", operations: [], open: [] },
	} satisfies Record<string, RolePolicy>;
	const item = (table: string, field: string, rowId = "ord_1") => ({ table, field, rowId });
	const none = { openCaseRows: new Set<string>() };
	const open = { openCaseRows: new Set(["ord_1"]) };

	it("asks for the facts of conditional rows only", () => {
		expect(
			rowsNeedingOpenCase(
				"support",
				"support",
				[
					item("c", "email"),
					item("c", "email", "ord_2"),
					item("c", "email"),
					item("m", "body", "ord_3"),
					item("d", "x", "ord_4"),
				],
				matrix,
			),
		).toEqual(["ord_1", "ord_2"]);
	});

	it("allows a conditional item only with an open case on its row", () => {
		expect(decideConditions("support", "support", [item("c", "email")], none, matrix)).toEqual({
			allowed: false,
			reason: "no_open_case",
		});
		expect(decideConditions("support", "support", [item("c", "email")], open, matrix)).toEqual({
			allowed: true,
		});
		expect(
			decideConditions("support", "support", [item("c", "email"), item("c", "email", "ord_2")], open, matrix),
		).toMatchObject({ allowed: false });
		expect(decideConditions("support", "support", [item("m", "body"), item("d", "x")], none, matrix)).toEqual(
			{
				allowed: true,
			},
		);
	});

	it("holds support's order contacts to an open case in the real matrix, and nobody else's", () => {
		const contact = item("order_contacts", "email");
		expect(decideConditions("support", "support", [contact], none).allowed).toBe(false);
		expect(decideConditions("compliance", "compliance_review", [contact], none).allowed).toBe(true);
		expect(
			decideConditions("fulfilment", "fulfilment", [item("order_contacts", "address")], none).allowed,
		).toBe(true);
		expect(ROLE_MATRIX.support.open.find((g) => g.table === "order_contacts")?.condition).toBe("open_case");
	});

	it("lets a role close a case when it holds an operation ending that kind", () => {
		expect(decideCloseCase("support", "consultation", matrix).allowed).toBe(true);
		expect(decideCloseCase("support", "return", matrix).allowed).toBe(false);
		expect(decideCloseCase("fulfilment", "return", matrix).allowed).toBe(true);
		expect(decideCloseCase("admin", "return", matrix)).toEqual({
			allowed: false,
			reason: "operation_not_granted",
		});
		for (const role of STAFF_ROLES) {
			for (const kind of ["return", "consultation"] as const) {
				const expected = CASE_CLOSERS[kind].some((op) => ROLE_MATRIX[role].operations.includes(op));
				expect(decideCloseCase(role, kind).allowed).toBe(expected);
			}
		}
	});
});

describe("the privacy operations of issue #9", () => {
	it("grants retention to admins and lawful disclosure to support (ask) and compliance (ask, decide, run)", () => {
		const holders = (operation: (typeof OPERATIONS)[number]) =>
			STAFF_ROLES.filter((role) => decideOperation(role, operation).allowed);
		expect(holders("retention.run")).toEqual(["admin"]);
		expect(holders("disclosures.request")).toEqual(["support", "compliance"]);
		expect(holders("disclosures.decide")).toEqual(["compliance"]);
		expect(holders("disclosures.run")).toEqual(["compliance"]);
		// Whoever decides also asks, so four eyes is the vault's check of the asker, not the matrix.
		for (const role of STAFF_ROLES)
			if (decideOperation(role, "disclosures.decide").allowed)
				expect(decideOperation(role, "disclosures.request").allowed).toBe(true);
	});
});

describe("blindIndex", () => {
	it("matches an email however it is typed, and is keyed and domain-separated", async () => {
		const k = key();
		const a = await blindIndex(k, "email", "Ada@Example.org ");
		expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(await blindIndex(k, "email", "ada@example.org")).toBe(a);
		expect(await blindIndex(key(), "email", "ada@example.org")).not.toBe(a);
		expect(await blindIndex(k, "staff_email", "ada@example.org")).not.toBe(a);
		expect(a).not.toContain("ada");
	});
});
