// Support cases (issue #8): texts sealed under an existing subject, the vault's record of open
// returns and consultations, and the role matrix's `open_case` condition: support opens an order's
// contact only while a case on that order is open, and every denial is audited.
import { describe, expect, it } from "vitest";
import { accounts, signedUp } from "./account-fixtures";
import { openCaseOn, recordCase } from "./case-fixtures";
import { auditHeadSeq, auditRows, CONTACT, rpc, sealedContact, staffAs, vaultEnv } from "./helpers";

type CaseRow = { id: string; kind: string; order_id: string; opened_at: number; closed_at: number | null };

async function caseRow(id: string): Promise<CaseRow | null> {
	return vaultEnv.VAULT_DB.prepare("select * from support_cases where id = ?").bind(id).first<CaseRow>();
}

async function lastEntry() {
	const [entry] = await auditRows((await auditHeadSeq()) - 1);
	return entry;
}

describe("VaultRpc.seal under an existing subject", () => {
	it("seals a case text under the order's subject, opens the case once, and audits the seal", async () => {
		const order = await sealedContact();
		const before = await auditHeadSeq();
		const caseId = crypto.randomUUID();
		const request = {
			subject: { subjectId: order.subjectId },
			table: "consultation_messages",
			rowId: "msg_case_1",
			fields: { body: "Does the blue one shed?" },
			openCase: { id: caseId, kind: "consultation", orderId: order.rowId },
		} as const;
		const sealed = await rpc().seal(request);
		if (!sealed.ok) throw new Error(sealed.error.message);
		expect(sealed).toMatchObject({ subjectId: order.subjectId, receipt: null });
		expect(sealed.sealed.body).not.toContain("shed");
		const opened = await caseRow(caseId);
		expect(opened).toMatchObject({ kind: "consultation", order_id: order.rowId, closed_at: null });
		const [entry, ...more] = await auditRows(before);
		expect(more).toHaveLength(0);
		expect(entry).toMatchObject({
			action: "seal",
			outcome: "allowed",
			actor_id: "storefront",
			reason: "case_opened:consultation",
		});

		// A retried seal leaves the case as it was.
		expect((await rpc().seal(request)).ok).toBe(true);
		expect(await caseRow(caseId)).toEqual(opened);

		// It opens with the order's key, for a role the matrix grants.
		const compliance = await staffAs("compliance");
		const read = await rpc().open({
			actor: compliance.actor,
			purpose: "compliance_review",
			items: [
				{
					subjectId: order.subjectId,
					table: "consultation_messages",
					rowId: "msg_case_1",
					field: "body",
					ciphertext: sealed.sealed.body as string,
				},
			],
		});
		expect(read.ok && read.values).toEqual(["Does the blue one shed?"]);
	});

	it("refuses a subject that does not exist, was shredded or is dormant, audited, and opens no case", async () => {
		const shredded = await sealedContact();
		expect(
			(
				await rpc().shred({
					subjects: [{ id: shredded.subjectId, receipt: shredded.receipt as string }],
					reason: "checkout_aborted",
				})
			).ok,
		).toBe(true);
		const dormant = await sealedContact();
		const admin = await staffAs("admin");
		expect(
			(await rpc().rewrap({ actor: admin.actor, subjectIds: [dormant.subjectId], to: "dormant" })).ok,
		).toBe(true);
		const cases: [string, string][] = [
			["AAAAAAAAAAAAAAAAAAAAAA", "subject_not_found"],
			[shredded.subjectId, "subject_not_found"],
			[dormant.subjectId, "subject_dormant"],
		];
		for (const [subjectId, reason] of cases) {
			const caseId = crypto.randomUUID();
			const result = await rpc().seal({
				subject: { subjectId },
				table: "returns",
				rowId: caseId,
				fields: { details: "Torn" },
				openCase: { id: caseId, kind: "return", orderId: "ord_gone" },
			});
			expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
			expect(await lastEntry()).toMatchObject({ action: "seal", outcome: "denied", reason });
			expect(await caseRow(caseId)).toBeNull();
		}
	});

	it("is for case tables only", async () => {
		const order = await sealedContact();
		for (const table of ["order_contacts", "customers", "reviews"]) {
			const result = await rpc().seal({
				subject: { subjectId: order.subjectId },
				table,
				rowId: order.rowId,
				fields: { email: "mallory@example.org" },
			});
			expect(result).toMatchObject({ ok: false, error: { code: "bad_request" } });
		}
	});

	it("opens a case from a shopper's own session, under the account's subject", async () => {
		const shop = accounts();
		const { token, account } = await signedUp(shop);
		const caseId = crypto.randomUUID();
		const sealed = await shop.vault.seal({
			subject: { session: token },
			table: "returns",
			rowId: caseId,
			fields: { details: "Wrong colour" },
			openCase: { id: caseId, kind: "return", orderId: "ord_shopper_case" },
		});
		expect(sealed.ok && sealed.subjectId).toBe(account.subjectId);
		expect(await caseRow(caseId)).toMatchObject({ kind: "return", order_id: "ord_shopper_case" });
		expect(await lastEntry()).toMatchObject({ action: "seal", reason: "case_opened:return" });
	});
});

describe("the open_case condition", () => {
	it("keeps support out of an order's contact without an open case, audited as no_open_case", async () => {
		const order = await sealedContact();
		const support = await staffAs("support");
		for (const field of ["email", "name", "phone"] as const) {
			const result = await rpc().open({
				actor: support.actor,
				purpose: "support",
				items: [order.item(field)],
			});
			expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
			expect(JSON.stringify(result)).not.toContain(CONTACT[field]);
			expect(await lastEntry()).toMatchObject({
				action: "open",
				outcome: "denied",
				reason: "no_open_case",
				actor_id: support.id,
			});
		}
		// Grants without the condition are unaffected: compliance examines one record, the
		// warehouse reads its consignees.
		const compliance = await staffAs("compliance");
		const examined = await rpc().open({
			actor: compliance.actor,
			purpose: "compliance_review",
			items: [order.item("email")],
		});
		expect(examined.ok && examined.values).toEqual([CONTACT.email]);
		const fulfilment = await staffAs("fulfilment");
		const shipped = await rpc().open({
			actor: fulfilment.actor,
			purpose: "fulfilment",
			items: [order.item("name")],
		});
		expect(shipped.ok).toBe(true);
	});

	it("lets support in while a consultation is open and not after it closes", async () => {
		const order = await sealedContact();
		const support = await staffAs("support");
		const caseId = await openCaseOn(order, "consultation");
		const open = await rpc().open({ actor: support.actor, purpose: "support", items: [order.item("email")] });
		expect(open.ok && open.values).toEqual([CONTACT.email]);

		// Another order's case opens nothing of this one: the case is about a row, not a subject.
		const other = await sealedContact();
		const elsewhere = await rpc().open({
			actor: support.actor,
			purpose: "support",
			items: [other.item("email")],
		});
		expect(elsewhere).toMatchObject({ ok: false, error: { code: "forbidden" } });

		expect(await rpc().closeCase({ actor: support.actor, caseId })).toEqual({ ok: true, closed: true });
		const after = await rpc().open({
			actor: support.actor,
			purpose: "support",
			items: [order.item("email")],
		});
		expect(after).toMatchObject({ ok: false, error: { code: "forbidden" } });
		expect(await lastEntry()).toMatchObject({ outcome: "denied", reason: "no_open_case" });
	});

	it("lets support in while a return is open, and while any one of the order's cases is", async () => {
		const order = await sealedContact();
		const support = await staffAs("support");
		const returnCase = await openCaseOn(order, "return");
		const consultation = await recordCase(order, "consultation");
		const opens = () =>
			rpc().open({ actor: support.actor, purpose: "support", items: [order.item("phone")] });
		expect((await opens()).ok).toBe(true);
		expect((await rpc().closeCase({ actor: support.actor, caseId: returnCase })).ok).toBe(true);
		expect((await opens()).ok).toBe(true);
		expect((await rpc().closeCase({ actor: support.actor, caseId: consultation })).ok).toBe(true);
		expect((await opens()).ok).toBe(false);
	});
});

describe("VaultRpc.closeCase", () => {
	it("lets a shopper's session end a consultation, never a return, audited by pseudonym", async () => {
		const order = await sealedContact();
		const consultation = await recordCase(order, "consultation");
		const returnCase = await recordCase(order, "return");
		const shop = accounts();
		const { token, account } = await signedUp(shop);
		const shopper = { kind: "shopper", token } as const;
		expect(await rpc().closeCase({ actor: shopper, caseId: returnCase })).toMatchObject({
			ok: false,
			error: { code: "forbidden" },
		});
		expect(await lastEntry()).toMatchObject({
			outcome: "denied",
			reason: "return:shopper_closes_consultations_only",
		});
		expect(await rpc().closeCase({ actor: shopper, caseId: consultation })).toEqual({
			ok: true,
			closed: true,
		});
		const entry = await lastEntry();
		expect(entry).toMatchObject({ action: "case.close", outcome: "allowed", reason: "consultation" });
		expect(entry?.actor_id).not.toBe(account.id);
		expect((await caseRow(returnCase))?.closed_at).toBeNull();
	});

	it("closes once, audited; a second call changes nothing", async () => {
		const order = await sealedContact();
		const caseId = await openCaseOn(order, "return");
		const support = await staffAs("support");
		const before = await auditHeadSeq();
		expect(await rpc().closeCase({ actor: support.actor, caseId })).toEqual({ ok: true, closed: true });
		const [entry] = await auditRows(before);
		expect(entry).toMatchObject({
			action: "case.close",
			outcome: "allowed",
			reason: "return",
			actor_id: support.id,
			actor_role: "support",
		});
		const closedAt = (await caseRow(caseId))?.closed_at;
		expect(closedAt).toEqual(expect.any(Number));
		expect(await rpc().closeCase({ actor: support.actor, caseId })).toEqual({ ok: true, closed: false });
		expect((await caseRow(caseId))?.closed_at).toBe(closedAt);
	});

	it("closes a case only for a role holding an operation that ends its kind", async () => {
		const order = await sealedContact();
		const fulfilment = await staffAs("fulfilment");
		const admin = await staffAs("admin");
		const compliance = await staffAs("compliance");
		const returnCase = await recordCase(order, "return");
		const consultation = await recordCase(order, "consultation");
		for (const [staff, caseId] of [
			[fulfilment, consultation],
			[admin, returnCase],
			[compliance, consultation],
		] as const) {
			const result = await rpc().closeCase({ actor: staff.actor, caseId });
			expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
			expect(await lastEntry()).toMatchObject({
				action: "case.close",
				outcome: "denied",
				actor_id: staff.id,
			});
		}
		expect((await caseRow(consultation))?.closed_at).toBeNull();
		// The warehouse ends a return at receipt (returns.receive).
		expect(await rpc().closeCase({ actor: fulfilment.actor, caseId: returnCase })).toEqual({
			ok: true,
			closed: true,
		});
	});

	it("answers not_found for an unknown case and refuses forged credentials, audited", async () => {
		const support = await staffAs("support");
		expect(await rpc().closeCase({ actor: support.actor, caseId: "no-such-case" })).toMatchObject({
			ok: false,
			error: { code: "not_found" },
		});
		expect(await lastEntry()).toMatchObject({ outcome: "denied", reason: "case_not_found" });

		const order = await sealedContact();
		const caseId = await recordCase(order, "consultation");
		for (const actor of [
			{ kind: "shopper", token: support.token },
			{ kind: "staff", token: `${support.token}x` },
		] as const) {
			expect(await rpc().closeCase({ actor, caseId })).toMatchObject({
				ok: false,
				error: { code: "unauthorized" },
			});
			expect(await lastEntry()).toMatchObject({ action: "case.close", outcome: "denied" });
		}
		expect((await caseRow(caseId))?.closed_at).toBeNull();
		// Malformed requests never reach the table.
		for (const bad of [{}, { actor: support.actor }, { actor: support.actor, caseId: "a b" }]) {
			expect(await rpc().closeCase(bad)).toMatchObject({ ok: false, error: { code: "bad_request" } });
		}
	});
});
