// Lawful disclosure through the staff API (issue #9, DESIGN P11): support or compliance asks about
// an order, another compliance officer decides, and only then does the export run, once, with the
// scoped fields only; roles without the operation get 403, hostile bodies 400, and every step,
// refusals included, is in the vault's audit log.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../fixtures/commerce";
import {
	auditAfter,
	auditHead,
	disclosureCount,
	disclosureStatus,
	orderWithCases,
	QUESTION,
	RETURN_TEXT,
	type StaffClient,
	staff,
} from "./disclosure-fixtures";

type DisclosureBody = {
	disclosure: { id: string; status: string; orderNumber: string | null; scope: string[] };
};
type ExportBody = DisclosureBody & {
	order: string;
	data: Record<string, unknown> & {
		"returns.details"?: { returnNumber: string; details: string }[];
		"consultation_messages.body"?: { author: string; body: string }[];
	};
};

const PATH = "/api/v1/staff/disclosures";

async function ask(asker: StaffClient, orderNumber: string, scope: string[]): Promise<string> {
	const res = await asker.call("POST", PATH, {
		basis: "legal_order",
		reference: "Court order 2025/481-B",
		orderNumber,
		scope,
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as DisclosureBody).disclosure.id;
}

const decide = (
	officer: StaffClient,
	id: string,
	approve: boolean,
	reason = "Valid order of the district court",
) => officer.call("POST", `${PATH}/${id}/decision`, { approve, reason });

const exportOf = (officer: StaffClient, id: string) => officer.call("POST", `${PATH}/${id}/export`, {});

describe("lawful disclosure through the staff API", () => {
	it("exports exactly the scoped fields once support asked and another officer approved", async () => {
		const order = await orderWithCases();
		const support = await staff("support");
		const approver = await staff("compliance");
		const runner = await staff("compliance");
		const start = await auditHead();
		const scope = [
			"order_contacts.email",
			"order_contacts.name",
			"returns.details",
			"consultation_messages.body",
		];

		const asked = await support.call("POST", PATH, {
			basis: "fraud",
			reference: "INC-2025-0042",
			orderNumber: order.number.toLowerCase(),
			scope,
		});
		expect(asked.status).toBe(201);
		const { disclosure } = (await asked.json()) as DisclosureBody;
		expect(disclosure).toMatchObject({ status: "requested", orderNumber: order.number, scope });

		const approved = await decide(approver, disclosure.id, true);
		expect(approved.status).toBe(200);
		expect(((await approved.json()) as DisclosureBody).disclosure.status).toBe("approved");

		const res = await exportOf(runner, disclosure.id);
		expect(res.status).toBe(200);
		expect(res.headers.get("Cache-Control")).toBe("no-store");
		const text = await res.text();
		const body = JSON.parse(text) as ExportBody;
		expect(body.order).toBe(order.number);
		expect(body.disclosure.status).toBe("executed");
		expect(Object.keys(body.data).sort()).toEqual([...scope].sort());
		expect(body.data["order_contacts.email"]).toBe("ada@example.com");
		expect(body.data["order_contacts.name"]).toBe("Ada Lovelace");
		expect(body.data["returns.details"]?.map((r) => r.details)).toEqual([RETURN_TEXT]);
		expect(body.data["consultation_messages.body"]?.map((m) => [m.author, m.body])).toEqual([
			["shopper", QUESTION],
		]);
		// Not in scope: not opened, not answered.
		expect(text).not.toContain("+1 415 555 0100");
		expect(text).not.toContain("Market St");

		const entries = (await auditAfter(start)).filter((e) => e.action.startsWith("disclosure."));
		expect(entries.map((e) => [e.action, e.outcome, e.actor_id, e.reason, e.purpose])).toEqual([
			["disclosure.request", "allowed", support.id, "fraud", null],
			["disclosure.approve", "allowed", approver.id, "fraud", null],
			["disclosure.run", "allowed", runner.id, "fraud", "lawful_disclosure"],
		]);

		// Once: a second export is a conflict, audited, and nothing is answered.
		const mark = await auditHead();
		const again = await exportOf(runner, disclosure.id);
		expect(again.status).toBe(409);
		expect(await again.text()).not.toContain("ada@example.com");
		expect((await auditAfter(mark)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
			["disclosure.run", "denied", "already_executed"],
		]);

		const listed = await support.call("GET", `${PATH}?status=executed`);
		expect(listed.status).toBe(200);
		const { disclosures } = (await listed.json()) as { disclosures: { id: string; orderNumber: string }[] };
		expect(disclosures.find((d) => d.id === disclosure.id)?.orderNumber).toBe(order.number);
	});

	it("refuses self-approval, and an unapproved or rejected export", async () => {
		const order = await orderWithCases();
		const officer = await staff("compliance");
		const other = await staff("compliance");
		const id = await ask(officer, order.number, ["order_contacts.phone"]);

		let mark = await auditHead();
		const self = await decide(officer, id, true);
		expect(self.status).toBe(403);
		expect((await auditAfter(mark)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
			["disclosure.approve", "denied", "self_approval"],
		]);

		mark = await auditHead();
		const unapproved = await exportOf(other, id);
		expect(unapproved.status).toBe(409);
		expect(await unapproved.text()).not.toContain("+1 415 555 0100");
		expect((await auditAfter(mark)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
			["disclosure.run", "denied", "not_approved"],
		]);

		expect((await decide(other, id, false, "No legal basis shown")).status).toBe(200);
		mark = await auditHead();
		const rejected = await exportOf(other, id);
		expect(rejected.status).toBe(409);
		expect((await decide(other, id, true)).status).toBe(409);
		expect((await auditAfter(mark)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
			["disclosure.run", "denied", "rejected"],
			["disclosure.approve", "denied", "already_rejected"],
		]);
		expect(await disclosureStatus(id)).toBe("rejected");
	});

	it("gives 403 to roles without the step's operation, audited, changing nothing", async () => {
		const order = await orderWithCases();
		const pending = await ask(await staff("support"), order.number, ["order_contacts.email"]);
		const ready = await ask(await staff("support"), order.number, ["order_contacts.email"]);
		expect((await decide(await staff("compliance"), ready, true)).status).toBe(200);
		const fulfilment = await staff("fulfilment");
		const admin = await staff("admin");
		const support = await staff("support");
		const body = {
			basis: "fraud",
			reference: "INC-9",
			orderNumber: order.number,
			scope: ["order_contacts.email"],
		};
		const attempts: [StaffClient, string, () => Promise<Response>][] = [
			[fulfilment, "disclosures.request", () => fulfilment.call("POST", PATH, body)],
			[admin, "disclosures.request", () => admin.call("GET", PATH)],
			[support, "disclosures.decide", () => decide(support, pending, true)],
			[admin, "disclosures.decide", () => decide(admin, pending, true)],
			[support, "disclosures.run", () => exportOf(support, ready)],
			[fulfilment, "disclosures.run", () => exportOf(fulfilment, ready)],
		];
		const before = await disclosureCount();
		for (const [member, operation, attempt] of attempts) {
			const mark = await auditHead();
			const res = await attempt();
			expect(res.status, `${member.role} ${operation}`).toBe(403);
			expect((await auditAfter(mark)).map((e) => [e.action, e.outcome, e.reason, e.actor_id])).toEqual([
				[operation, "denied", "operation_not_granted", member.id],
			]);
		}
		expect(await disclosureCount()).toBe(before);
		expect(await disclosureStatus(pending)).toBe("requested");
		expect(await disclosureStatus(ready)).toBe("approved");
		expect((await exportOf(await staff("fulfilment"), ready)).status).toBe(403);
	});

	it("answers 404 for an unknown order or request, and 409 once the order's data is purged", async () => {
		const order = await orderWithCases();
		const support = await staff("support");
		const officer = await staff("compliance");
		const unknownOrder = await support.call("POST", PATH, {
			basis: "legal_order",
			reference: "Court order 77",
			orderNumber: "LW-0000-0000-0000",
			scope: ["order_contacts.email"],
		});
		expect(unknownOrder.status).toBe(404);
		expect((await decide(officer, "dsc_AAAAAAAAAAAAAAAA", true)).status).toBe(404);
		expect((await exportOf(officer, "dsc_AAAAAAAAAAAAAAAA")).status).toBe(404);

		const id = await ask(support, order.number, ["order_contacts.email", "returns.details"]);
		expect((await decide(officer, id, true)).status).toBe(200);
		// Retention got there first: the contact and the texts are gone, the order is marked.
		await env.DB.batch([
			env.DB.prepare("delete from order_contacts where order_id = ?").bind(order.orderId),
			env.DB.prepare("update returns set details_ct = null where order_id = ?").bind(order.orderId),
			env.DB.prepare("update orders set personal_data_purged_at = ? where id = ?").bind(
				Date.now(),
				order.orderId,
			),
		]);
		const mark = await auditHead();
		const res = await exportOf(await staff("compliance"), id);
		expect(res.status).toBe(409);
		expect(((await res.json()) as ErrorBody).error.message).toMatch(/nothing left to disclose/i);
		// Not run: no run entry, and the approval is still unused.
		expect((await auditAfter(mark)).filter((e) => e.action === "disclosure.run")).toEqual([]);
		expect(await disclosureStatus(id)).toBe("approved");
		// Nor can a new request be made about it.
		const late = await support.call("POST", PATH, {
			basis: "legal_order",
			reference: "Court order 78",
			orderNumber: order.number,
			scope: ["order_contacts.email"],
		});
		expect(late.status).toBe(409);
	});

	it("answers hostile bodies and parameters with 400, writing nothing", async () => {
		const order = await orderWithCases();
		const support = await staff("support");
		const officer = await staff("compliance");
		const id = await ask(support, order.number, ["order_contacts.email"]);
		const good = {
			basis: "fraud",
			reference: "INC-2025-0042",
			orderNumber: order.number,
			scope: ["order_contacts.email"],
		};
		const before = await disclosureCount();
		const mark = await auditHead();
		for (const body of [
			"{",
			"null",
			"[]",
			{},
			{ ...good, basis: "curiosity" },
			{ ...good, basis: ["fraud"] },
			{ ...good, reference: "<img src=x onerror=alert(1)>" },
			{ ...good, reference: "a".repeat(500) },
			{ ...good, scope: [] },
			{ ...good, scope: ["credentials.email"] },
			{
				...good,
				scope: [
					"order_contacts.email",
					"order_contacts.email",
					"order_contacts.name",
					"order_contacts.phone",
					"order_contacts.address",
					"returns.details",
					"consultation_messages.body",
				],
			},
			{ ...good, orderNumber: { $gt: "" } },
			{ ...good, subjectId: "A".repeat(22) },
			{ ...good, orderId: "someone-elses" },
		]) {
			const res = await support.call("POST", PATH, body);
			expect(res.status, JSON.stringify(body)).toBe(400);
		}
		for (const body of [
			{},
			{ approve: "yes", reason: "Fine" },
			{ approve: true, reason: "" },
			{ approve: true, reason: "x".repeat(501) },
			{ approve: true, reason: "Fine", by: "someone" },
		]) {
			expect((await officer.call("POST", `${PATH}/${id}/decision`, body)).status, JSON.stringify(body)).toBe(
				400,
			);
		}
		expect((await decide(officer, "dsc_short", true)).status).toBe(400);
		expect((await decide(officer, "../../orders", true)).status).toBeGreaterThanOrEqual(400);
		expect((await exportOf(officer, "dsc_%27%20or%201%3D1")).status).toBe(400);
		expect((await support.call("GET", `${PATH}?status=pending`)).status).toBe(400);
		expect((await support.call("GET", `${PATH}?status=requested&extra=1`)).status).toBe(400);
		expect(await disclosureCount()).toBe(before);
		expect(await disclosureStatus(id)).toBe("requested");
		expect((await auditAfter(mark)).filter((e) => e.action.startsWith("disclosure."))).toEqual([]);
	});
});
