// P7: each role opens exactly what the role matrix grants, for the purposes it grants, and the
// vault decides from its own staff records, not from anything the caller or the token claims.
import { describe, expect, it } from "vitest";
import { OPERATIONS, PURPOSES, STAFF_ROLES } from "../../workers/shared/vault-contract";
import { ROLE_MATRIX } from "../../workers/vault/policy/role-matrix";
import { openCaseOn } from "./case-fixtures";
import {
	auditHeadSeq,
	auditRows,
	CONTACT,
	CONTACT_FIELDS,
	rpc,
	sealedContact,
	staffAs,
	vaultEnv,
} from "./helpers";

function granted(role: (typeof STAFF_ROLES)[number], purpose: string, field: string): boolean {
	return ROLE_MATRIX[role].open.some(
		(g) => g.purpose === purpose && g.table === "order_contacts" && g.fields.includes(field),
	);
}

describe("VaultRpc.open and the role matrix", () => {
	it("lets each role open exactly the fields and purposes the matrix grants, auditing every answer", async () => {
		const contact = await sealedContact();
		// Support's grant holds only while a case on the order is open (test/vault/cases.test.ts).
		await openCaseOn(contact);
		for (const role of STAFF_ROLES) {
			const staff = await staffAs(role);
			for (const purpose of PURPOSES) {
				for (const field of CONTACT_FIELDS) {
					const before = await auditHeadSeq();
					const result = await rpc().open({ actor: staff.actor, purpose, items: [contact.item(field)] });
					const allowed = granted(role, purpose, field);
					expect(result.ok, `${role} ${purpose} ${field}`).toBe(allowed);
					if (result.ok) expect(result.values).toEqual([CONTACT[field]]);
					else expect(result.error.code).toBe("forbidden");
					const [entry, ...more] = await auditRows(before);
					expect(more).toHaveLength(0);
					expect(entry).toMatchObject({
						action: "open",
						outcome: allowed ? "allowed" : "denied",
						actor_id: staff.id,
						actor_role: role,
					});
				}
			}
		}
	});

	it("ignores a role claimed in the token: the staff record decides", async () => {
		const contact = await sealedContact();
		await openCaseOn(contact);
		const support = await staffAs("support", { roles: ["admin", "compliance"], role: "compliance" });
		const denied = await rpc().open({
			actor: support.actor,
			purpose: "compliance_review",
			items: [contact.item("address")],
		});
		expect(denied.ok).toBe(false);
		const allowed = await rpc().open({
			actor: support.actor,
			purpose: "support",
			items: [contact.item("email")],
		});
		expect(allowed.ok && allowed.values).toEqual([CONTACT.email]);
	});

	it("ignores a caller's subject label: another subject's ciphertext does not open under it", async () => {
		const mine = await sealedContact();
		const theirs = await sealedContact({ email: "someone.else@example.org" });
		await openCaseOn(mine);
		const support = await staffAs("support");
		const relabelled = { ...theirs.item("email"), subjectId: mine.subjectId, rowId: mine.rowId };
		const result = await rpc().open({ actor: support.actor, purpose: "support", items: [relabelled] });
		expect(result).toMatchObject({ ok: false, error: { code: "bad_request" } });
		const [entry] = await auditRows((await auditHeadSeq()) - 1);
		expect(entry).toMatchObject({ outcome: "failed", reason: "does_not_open" });
	});

	it("enforces the per-request subject condition and refuses disabled staff", async () => {
		const a = await sealedContact();
		const b = await sealedContact();
		const support = await staffAs("support");
		const both = await rpc().open({
			actor: support.actor,
			purpose: "support",
			items: [a.item("name"), b.item("name")],
		});
		expect(both).toMatchObject({ ok: false, error: { code: "forbidden" } });
		const fulfilment = await staffAs("fulfilment");
		const manifest = await rpc().open({
			actor: fulfilment.actor,
			purpose: "fulfilment",
			items: [a.item("name"), b.item("address")],
		});
		expect(manifest.ok).toBe(true);

		const disabled = await staffAs("compliance");
		await rpc().open({ actor: disabled.actor, purpose: "compliance_review", items: [a.item("email")] });
		const admin = await staffAs("admin");
		expect(
			(await rpc().updateStaff({ actor: admin.actor, staffId: disabled.id, status: "disabled" })).ok,
		).toBe(true);
		const refused = await rpc().open({
			actor: disabled.actor,
			purpose: "compliance_review",
			items: [a.item("email")],
		});
		expect(refused).toMatchObject({ ok: false, error: { code: "unauthorized" } });
	});

	it("refuses a staff record whose role or status was written around the audited API", async () => {
		const support = await staffAs("support");
		const contact = await sealedContact();
		// Someone with write access to the database promotes their account.
		await vaultEnv.VAULT_DB.prepare("update staff set role = 'compliance' where id = ?")
			.bind(support.id)
			.run();
		const result = await rpc().open({
			actor: support.actor,
			purpose: "compliance_review",
			items: [contact.item("address")],
		});
		expect(result).toMatchObject({ ok: false, error: { code: "unauthorized" } });
		const [entry] = await auditRows((await auditHeadSeq()) - 1);
		expect(entry).toMatchObject({ outcome: "denied", reason: "staff_record_tampered", actor_id: support.id });
	});

	it("does not re-sign a tampered record through the API, and refuses an older record restored", async () => {
		const admin = await staffAs("admin");
		const db = vaultEnv.VAULT_DB;
		// Tampered, then an admin makes an unrelated change: still refused, and flagged in the list.
		const tampered = await staffAs("support");
		await db.prepare("update staff set role = 'admin' where id = ?").bind(tampered.id).run();
		const change = await rpc().updateStaff({ actor: admin.actor, staffId: tampered.id, status: "active" });
		expect(change).toMatchObject({ ok: false, error: { code: "conflict" } });
		expect((await rpc().authorize({ token: tampered.token, operation: "staff.manage" })).ok).toBe(false);
		const list = await rpc().listStaff({ actor: admin.actor });
		expect(list.ok && list.staff.find((m) => m.id === tampered.id)?.intact).toBe(false);

		// Disabled through the API, then the record from before put back: refused.
		const fired = await staffAs("compliance");
		const before = await db
			.prepare("select role, status, audit_seq, mac from staff where id = ?")
			.bind(fired.id)
			.first<{
				role: string;
				status: string;
				audit_seq: number;
				mac: string;
			}>();
		expect((await rpc().updateStaff({ actor: admin.actor, staffId: fired.id, status: "disabled" })).ok).toBe(
			true,
		);
		await db
			.prepare("update staff set role = ?, status = ?, audit_seq = ?, mac = ? where id = ?")
			.bind(before?.role, before?.status, before?.audit_seq, before?.mac, fired.id)
			.run();
		const result = await rpc().authorize({ token: fired.token, operation: "audit.review" });
		expect(result).toMatchObject({ ok: false, error: { code: "unauthorized" } });
	});

	it("writes the staff change's audit entry first: with the log failing, nobody is added", async () => {
		const admin = await staffAs("admin");
		const db = vaultEnv.VAULT_DB;
		const count = async () => (await db.prepare("select count(*) as n from staff").first<{ n: number }>())?.n;
		const before = await count();
		await db
			.prepare("create trigger fail_audit before insert on audit_log begin select raise(abort, 'x'); end")
			.run();
		try {
			const result = await rpc().addStaff({ actor: admin.actor, email: "ghost@example.org", role: "admin" });
			expect(result).toMatchObject({ ok: false, error: { code: "unavailable" } });
		} finally {
			await db.prepare("drop trigger fail_audit").run();
		}
		expect(await count()).toBe(before);
		const added = await rpc().addStaff({ actor: admin.actor, email: "ghost@example.org", role: "support" });
		expect(added).toMatchObject({ ok: true, staff: { role: "support", status: "active" } });
		const again = await rpc().addStaff({ actor: admin.actor, email: "GHOST@example.org", role: "admin" });
		expect(again).toMatchObject({ ok: false, error: { code: "conflict" } });
	});

	it("authorizes each operation exactly for the roles the matrix names, and audits refusals", async () => {
		for (const role of STAFF_ROLES) {
			const staff = await staffAs(role);
			for (const operation of OPERATIONS) {
				const before = await auditHeadSeq();
				const result = await rpc().authorize({ token: staff.token, operation });
				const allowed = ROLE_MATRIX[role].operations.includes(operation);
				expect(result.ok, `${role} ${operation}`).toBe(allowed);
				if (result.ok) expect(result.staff).toEqual({ id: staff.id, role });
				const entries = await auditRows(before);
				expect(entries.map((e) => e.outcome)).toEqual(allowed ? [] : ["denied"]);
			}
		}
	});

	it("bounds a staff member's pace of opening: 429, audited, nothing revealed", async () => {
		const contact = await sealedContact();
		const support = await staffAs("support");
		const exhausted = { limit: async () => ({ success: false }) } as unknown as RateLimit;
		const before = await auditHeadSeq();
		const result = await rpc({ STAFF_OPEN_LIMITER: exhausted }).open({
			actor: support.actor,
			purpose: "support",
			items: [contact.item("email")],
		});
		expect(result).toMatchObject({ ok: false, error: { code: "rate_limited" } });
		expect(JSON.stringify(result)).not.toContain(CONTACT.email);
		expect(await auditRows(before)).toMatchObject([{ outcome: "denied", reason: "rate_limited" }]);
	});

	it("refuses malformed requests as bad_request without touching anything", async () => {
		const support = await staffAs("support");
		const contact = await sealedContact();
		for (const request of [
			null,
			{},
			{ actor: support.actor, purpose: "curiosity", items: [contact.item("email")] },
			{ actor: support.actor, purpose: "support", items: [] },
			{ actor: support.actor, purpose: "support", items: [{ ...contact.item("email"), table: "a|b" }] },
			{
				actor: { kind: "staff", token: support.token, role: "admin" },
				purpose: "support",
				items: [contact.item("email")],
			},
			{ actor: support.actor, purpose: "support", items: [contact.item("email")], extra: 1 },
		]) {
			const result = await rpc().open(request);
			expect(result).toMatchObject({ ok: false, error: { code: "bad_request" } });
		}
	});
});
