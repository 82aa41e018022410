// Lawful disclosure in the vault (issue #9, DESIGN P11): asked with one basis, decided by a
// compliance officer other than the asker, run once over exactly the subject and fields named,
// and every step, refusals included, in the audit log.
import { describe, expect, it } from "vitest";
import type { Disclosure, OpenItem } from "../../../workers/shared/vault-contract";
import { openCaseOn } from "../case-fixtures";
import { auditHeadSeq, CONTACT, rpc, sealedContact, staffAs, vaultEnv } from "../helpers";

type Staff = Awaited<ReturnType<typeof staffAs>>;

type Entry = {
	action: string;
	outcome: string;
	reason: string | null;
	purpose: string | null;
	actor_id: string;
	actor_role: string | null;
	subjects: string;
	fields: string;
	item_count: number;
};

async function entriesAfter(seq: number): Promise<Entry[]> {
	const { results } = await vaultEnv.VAULT_DB.prepare("select * from audit_log where seq > ? order by seq")
		.bind(seq)
		.all<Entry>();
	return results;
}

/** An order's contact plus one return text sealed under its subject (with its case, as the storefront does). */
async function orderWithReturn() {
	const contact = await sealedContact();
	const returnId = await openCaseOn(contact, "return");
	const row = await vaultEnv.VAULT_DB.prepare("select 1 from support_cases where id = ?")
		.bind(returnId)
		.first();
	expect(row).not.toBeNull();
	const details = "Wrapped around the dog twice; it shed.";
	const sealed = await rpc().seal({
		subject: { subjectId: contact.subjectId },
		table: "returns",
		rowId: `${returnId}`,
		fields: { details },
	});
	if (!sealed.ok) throw new Error(sealed.error.message);
	const returnItem: OpenItem = {
		subjectId: contact.subjectId,
		table: "returns",
		rowId: returnId,
		field: "details",
		ciphertext: sealed.sealed.details as string,
	};
	return { contact, orderId: contact.rowId, returnItem, details };
}

type Order = Awaited<ReturnType<typeof orderWithReturn>>;

async function ask(asker: Staff, order: Order, scope: string[], basis = "legal_order") {
	return rpc().requestDisclosure({
		actor: asker.actor,
		basis,
		reference: "Court order 2025/481-B",
		orderId: order.orderId,
		subjectId: order.contact.subjectId,
		scope,
	});
}

async function asked(asker: Staff, order: Order, scope: string[]): Promise<Disclosure> {
	const result = await ask(asker, order, scope);
	if (!result.ok) throw new Error(result.error.message);
	return result.disclosure;
}

async function approved(order: Order, scope: string[]): Promise<Disclosure> {
	const disclosure = await asked(await staffAs("support"), order, scope);
	const decided = await rpc().decideDisclosure({
		actor: (await staffAs("compliance")).actor,
		id: disclosure.id,
		approve: true,
		reason: "Valid order of the district court",
	});
	if (!decided.ok) throw new Error(decided.error.message);
	return decided.disclosure;
}

async function statusOf(id: string): Promise<string | undefined> {
	const row = await vaultEnv.VAULT_DB.prepare("select status from disclosures where id = ?")
		.bind(id)
		.first<{ status: string }>();
	return row?.status;
}

async function pseudonymOf(subjectId: string): Promise<string> {
	const { blindIndex } = await import("../../../workers/vault/crypto/blind-index");
	return blindIndex(vaultEnv.BLIND_INDEX_KEY, "audit_subject", subjectId);
}

describe("lawful disclosure in the vault", () => {
	it("runs a request support asked and a compliance officer approved, over exactly its scope", async () => {
		const order = await orderWithReturn();
		const support = await staffAs("support");
		const officer = await staffAs("compliance");
		const runner = await staffAs("compliance");
		const start = await auditHeadSeq();

		const requested = await ask(support, order, ["order_contacts.email", "returns.details"]);
		expect(requested).toMatchObject({
			ok: true,
			disclosure: {
				status: "requested",
				basis: "legal_order",
				orderId: order.orderId,
				requestedBy: support.id,
				scope: ["order_contacts.email", "returns.details"],
			},
		});
		if (!requested.ok) return;
		const id = requested.disclosure.id;
		expect(id).toMatch(/^dsc_[A-Za-z0-9_-]{16}$/);

		const decided = await rpc().decideDisclosure({
			actor: officer.actor,
			id,
			approve: true,
			reason: "Valid order of the district court",
		});
		expect(decided).toMatchObject({
			ok: true,
			disclosure: {
				status: "approved",
				decidedBy: officer.id,
				decisionReason: "Valid order of the district court",
			},
		});

		const run = await rpc().runDisclosure({
			actor: runner.actor,
			id,
			items: [order.contact.item("email"), order.returnItem],
		});
		expect(run).toMatchObject({
			ok: true,
			values: [CONTACT.email, order.details],
			disclosure: { status: "executed" },
		});
		expect(await statusOf(id)).toBe("executed");

		const pseudonym = await pseudonymOf(order.contact.subjectId);
		const entries = await entriesAfter(start);
		expect(entries.map((e) => [e.action, e.outcome, e.actor_id, e.reason, e.purpose])).toEqual([
			["disclosure.request", "allowed", support.id, "legal_order", null],
			["disclosure.approve", "allowed", officer.id, "legal_order", null],
			["disclosure.run", "allowed", runner.id, "legal_order", "lawful_disclosure"],
		]);
		for (const entry of entries) expect(JSON.parse(entry.subjects)).toEqual([pseudonym]);
		expect(JSON.parse(entries[2]?.fields ?? "[]")).toEqual(["order_contacts.email", "returns.details"]);
		// The log names pseudonyms and field names: no subject id, no value, no free-text reason.
		const raw = JSON.stringify(entries);
		for (const secret of [order.contact.subjectId, CONTACT.email, order.details, "district court"])
			expect(raw).not.toContain(secret);

		// Once only.
		const mark = await auditHeadSeq();
		const again = await rpc().runDisclosure({
			actor: runner.actor,
			id,
			items: [order.contact.item("email")],
		});
		expect(again).toMatchObject({ ok: false, error: { code: "conflict" } });
		expect((await entriesAfter(mark)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
			["disclosure.run", "denied", "already_executed"],
		]);
	});

	it("does not let the officer who asked approve their own request", async () => {
		const order = await orderWithReturn();
		const officer = await staffAs("compliance");
		const disclosure = await asked(officer, order, ["order_contacts.name"]);
		const mark = await auditHeadSeq();
		const self = await rpc().decideDisclosure({
			actor: officer.actor,
			id: disclosure.id,
			approve: true,
			reason: "I checked it myself",
		});
		expect(self).toMatchObject({ ok: false, error: { code: "forbidden" } });
		expect((await entriesAfter(mark)).map((e) => [e.action, e.outcome, e.reason, e.actor_id])).toEqual([
			["disclosure.approve", "denied", "self_approval", officer.id],
		]);
		expect(await statusOf(disclosure.id)).toBe("requested");
		// Nor run it unapproved.
		const run = await rpc().runDisclosure({
			actor: officer.actor,
			id: disclosure.id,
			items: [order.contact.item("name")],
		});
		expect(run).toMatchObject({ ok: false, error: { code: "conflict" } });
		const other = await staffAs("compliance");
		const decided = await rpc().decideDisclosure({
			actor: other.actor,
			id: disclosure.id,
			approve: true,
			reason: "Four eyes",
		});
		expect(decided.ok).toBe(true);
	});

	it("refuses to run an unapproved or a rejected request, and decides a request once", async () => {
		const order = await orderWithReturn();
		const support = await staffAs("support");
		const officer = await staffAs("compliance");
		const disclosure = await asked(support, order, ["order_contacts.phone"]);
		const items = [order.contact.item("phone")];
		let mark = await auditHeadSeq();
		expect(await rpc().runDisclosure({ actor: officer.actor, id: disclosure.id, items })).toMatchObject({
			ok: false,
			error: { code: "conflict" },
		});
		expect((await entriesAfter(mark)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
			["disclosure.run", "denied", "not_approved"],
		]);

		const rejected = await rpc().decideDisclosure({
			actor: officer.actor,
			id: disclosure.id,
			approve: false,
			reason: "No legal basis shown",
		});
		expect(rejected).toMatchObject({
			ok: true,
			disclosure: { status: "rejected", decisionReason: "No legal basis shown" },
		});
		const another = await staffAs("compliance");
		mark = await auditHeadSeq();
		expect(await rpc().runDisclosure({ actor: officer.actor, id: disclosure.id, items })).toMatchObject({
			ok: false,
			error: { code: "conflict" },
		});
		const second = await rpc().decideDisclosure({
			actor: another.actor,
			id: disclosure.id,
			approve: true,
			reason: "Changed my mind",
		});
		expect(second).toMatchObject({ ok: false, error: { code: "conflict" } });
		expect((await entriesAfter(mark)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
			["disclosure.run", "denied", "rejected"],
			["disclosure.approve", "denied", "already_rejected"],
		]);
		expect(await statusOf(disclosure.id)).toBe("rejected");
	});

	it("refuses items outside the scope, of another subject or of another order, revealing nothing", async () => {
		const order = await orderWithReturn();
		const stranger = await orderWithReturn();
		const disclosure = await approved(order, ["order_contacts.email", "returns.details"]);
		const officer = await staffAs("compliance");
		// A return of another order under the same subject (an account's orders share its subject).
		const otherCase = await openCaseOn(
			{ subjectId: order.contact.subjectId, rowId: stranger.orderId },
			"return",
		);
		const otherReturn = await rpc().seal({
			subject: { subjectId: order.contact.subjectId },
			table: "returns",
			rowId: otherCase,
			fields: { details: "Another order's return" },
		});
		if (!otherReturn.ok) throw new Error(otherReturn.error.message);
		const cases: [string, OpenItem[]][] = [
			["field_out_of_scope", [order.contact.item("email"), order.contact.item("address")]],
			["subject_mismatch", [order.contact.item("email"), stranger.contact.item("email")]],
			["row_mismatch", [{ ...order.contact.item("email"), rowId: stranger.orderId }]],
			[
				"row_mismatch",
				[
					{
						subjectId: order.contact.subjectId,
						table: "returns",
						rowId: otherCase,
						field: "details",
						ciphertext: otherReturn.sealed.details as string,
					},
				],
			],
		];
		for (const [reason, items] of cases) {
			const mark = await auditHeadSeq();
			const result = await rpc().runDisclosure({ actor: officer.actor, id: disclosure.id, items });
			expect(result, reason).toMatchObject({ ok: false, error: { code: "forbidden" } });
			expect(JSON.stringify(result)).not.toContain(CONTACT.email);
			expect((await entriesAfter(mark)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
				["disclosure.run", "denied", reason],
			]);
		}
		// A ciphertext relabelled as another field of the scope does not open; the approval stands.
		const relabelled = { ...order.contact.item("email"), ciphertext: order.returnItem.ciphertext };
		const mark = await auditHeadSeq();
		const failed = await rpc().runDisclosure({
			actor: officer.actor,
			id: disclosure.id,
			items: [relabelled],
		});
		expect(failed).toMatchObject({ ok: false, error: { code: "bad_request" } });
		expect((await entriesAfter(mark)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
			["disclosure.run", "allowed", "legal_order"],
			["disclosure.run", "failed", "does_not_open"],
		]);
		expect(await statusOf(disclosure.id)).toBe("approved");
		const run = await rpc().runDisclosure({
			actor: officer.actor,
			id: disclosure.id,
			items: [order.returnItem],
		});
		expect(run).toMatchObject({ ok: true, values: [order.details] });
	});

	it("grants each step only to the roles holding its operation, auditing every refusal", async () => {
		const order = await orderWithReturn();
		const pending = await asked(await staffAs("support"), order, ["order_contacts.email"]);
		const ready = await approved(order, ["order_contacts.email"]);
		const items = [order.contact.item("email")];
		const attempts: [string, Staff, () => Promise<{ ok: boolean }>][] = [];
		for (const role of ["fulfilment", "admin"] as const) {
			const member = await staffAs(role);
			attempts.push(["disclosure.request", member, () => ask(member, order, ["order_contacts.email"])]);
			attempts.push(["disclosure.list", member, () => rpc().listDisclosures({ actor: member.actor })]);
		}
		for (const role of ["support", "fulfilment", "admin"] as const) {
			const member = await staffAs(role);
			attempts.push([
				"disclosure.approve",
				member,
				() =>
					rpc().decideDisclosure({
						actor: member.actor,
						id: pending.id,
						approve: true,
						reason: "Looks fine",
					}),
			]);
			attempts.push([
				"disclosure.run",
				member,
				() => rpc().runDisclosure({ actor: member.actor, id: ready.id, items }),
			]);
		}
		for (const [action, member, attempt] of attempts) {
			const mark = await auditHeadSeq();
			const result = await attempt();
			expect(result, `${member.id} ${action}`).toMatchObject({ ok: false, error: { code: "forbidden" } });
			expect((await entriesAfter(mark)).map((e) => [e.action, e.outcome, e.reason, e.actor_id])).toEqual([
				[action, "denied", "operation_not_granted", member.id],
			]);
		}
		expect(await statusOf(pending.id)).toBe("requested");
		expect(await statusOf(ready.id)).toBe("approved");

		const mark = await auditHeadSeq();
		const shopper = await rpc().runDisclosure({
			actor: { kind: "shopper", token: "a.b.c" },
			id: ready.id,
			items,
		});
		expect(shopper).toMatchObject({ ok: false, error: { code: "unauthorized" } });
		const forged = await rpc().requestDisclosure({
			actor: { kind: "staff", token: "not.a.token" },
			basis: "fraud",
			reference: "INC-1",
			orderId: order.orderId,
			subjectId: order.contact.subjectId,
			scope: ["order_contacts.email"],
		});
		expect(forged).toMatchObject({ ok: false, error: { code: "unauthorized" } });
		expect((await entriesAfter(mark)).map((e) => [e.action, e.outcome])).toEqual([
			["disclosure.run", "denied"],
			["disclosure.request", "denied"],
		]);
	});

	it("answers not_found for an unknown request or a subject no longer held, audited", async () => {
		const officer = await staffAs("compliance");
		const mark = await auditHeadSeq();
		const unknown = "dsc_AAAAAAAAAAAAAAAA";
		expect(
			await rpc().decideDisclosure({
				actor: officer.actor,
				id: unknown,
				approve: true,
				reason: "Fine by me",
			}),
		).toMatchObject({ ok: false, error: { code: "not_found" } });
		const contact = await sealedContact();
		expect(
			await rpc().runDisclosure({ actor: officer.actor, id: unknown, items: [contact.item("email")] }),
		).toMatchObject({ ok: false, error: { code: "not_found" } });
		const gone = await rpc().requestDisclosure({
			actor: officer.actor,
			basis: "emergency_safety",
			reference: "INC-2025-07",
			orderId: "ord-unknown",
			subjectId: "A".repeat(22),
			scope: ["order_contacts.phone"],
		});
		expect(gone).toMatchObject({ ok: false, error: { code: "not_found" } });
		expect((await entriesAfter(mark)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
			["disclosure.approve", "denied", "disclosure_not_found"],
			["disclosure.run", "denied", "disclosure_not_found"],
			["disclosure.request", "denied", "subject_not_found"],
		]);
	});

	it("lists requests newest first, filtered by status, to askers and officers", async () => {
		const order = await orderWithReturn();
		const support = await staffAs("support");
		const first = await asked(support, order, ["order_contacts.email"]);
		const second = await approved(order, ["order_contacts.name"]);
		const list = await rpc().listDisclosures({ actor: support.actor });
		expect(list.ok).toBe(true);
		if (!list.ok) return;
		const ids = list.disclosures.map((d) => d.id);
		expect(ids).toContain(first.id);
		expect(ids).toContain(second.id);
		const times = list.disclosures.map((d) => d.requestedAt);
		expect(times).toEqual([...times].sort((a, b) => b - a));
		const onlyApproved = await rpc().listDisclosures({
			actor: (await staffAs("compliance")).actor,
			status: "approved",
		});
		expect(onlyApproved.ok && onlyApproved.disclosures.every((d) => d.status === "approved")).toBe(true);
		expect(onlyApproved.ok && onlyApproved.disclosures.map((d) => d.id)).toContain(second.id);
		expect(onlyApproved.ok && onlyApproved.disclosures.map((d) => d.id)).not.toContain(first.id);
	});

	it("refuses malformed requests as bad_request, writing nothing", async () => {
		const order = await orderWithReturn();
		const support = await staffAs("support");
		const count = async () =>
			(await vaultEnv.VAULT_DB.prepare("select count(*) as n from disclosures").first<{ n: number }>())?.n;
		const before = await count();
		const mark = await auditHeadSeq();
		const good = {
			actor: support.actor,
			basis: "fraud",
			reference: "INC-2025-0042",
			orderId: order.orderId,
			subjectId: order.contact.subjectId,
			scope: ["order_contacts.email"],
		};
		for (const request of [
			null,
			{},
			{ ...good, basis: "curiosity" },
			{ ...good, basis: ["fraud", "legal_order"] },
			{ ...good, reference: "<script>alert(1)</script>" },
			{ ...good, reference: "x" },
			{ ...good, scope: [] },
			{ ...good, scope: ["credentials.email"] },
			{ ...good, scope: "order_contacts.email" },
			{ ...good, subjectId: "not-a-subject" },
			{ ...good, extra: true },
		]) {
			expect(await rpc().requestDisclosure(request)).toMatchObject({
				ok: false,
				error: { code: "bad_request" },
			});
		}
		for (const request of [
			{ actor: support.actor, id: "dsc_short", approve: true, reason: "Fine by me" },
			{ actor: support.actor, id: "dsc_AAAAAAAAAAAAAAAA", approve: "yes", reason: "Fine by me" },
			{ actor: support.actor, id: "dsc_AAAAAAAAAAAAAAAA", approve: true, reason: "" },
		]) {
			expect(await rpc().decideDisclosure(request)).toMatchObject({
				ok: false,
				error: { code: "bad_request" },
			});
		}
		expect(
			await rpc().runDisclosure({ actor: support.actor, id: "dsc_AAAAAAAAAAAAAAAA", items: [] }),
		).toMatchObject({ ok: false, error: { code: "bad_request" } });
		expect(await rpc().listDisclosures({ actor: support.actor, status: "pending" })).toMatchObject({
			ok: false,
			error: { code: "bad_request" },
		});
		expect(await count()).toBe(before);
		expect(await entriesAfter(mark)).toEqual([]);
	});
});
