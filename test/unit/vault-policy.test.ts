import { describe, expect, it } from "vitest";
import { OPERATIONS, PURPOSES, STAFF_ROLES } from "../../workers/shared/vault-contract";
import { blindIndex } from "../../workers/vault/crypto/blind-index";
import { decideOpen, decideOperation } from "../../workers/vault/policy/decide";
import type { RolePolicy } from "../../workers/vault/policy/role-matrix";

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
