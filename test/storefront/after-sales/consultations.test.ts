// Customer-service consultations (issue #8, item 4): a customer's threads, a guest's questions,
// customer service's answers, and the vault's support case that lets support open an order's
// contact only while a consultation on it is open.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dumpAllTables, encodingsOf } from "../../pii-scan";
import { changedTables, snapshotTables } from "../../property/db-snapshot";
import { registeredCustomer } from "../fixtures/accounts";
import type { ErrorBody } from "../fixtures/commerce";
import { startOfFreshRateWindow } from "../fixtures/commerce";
import {
	ask,
	asStaff,
	caseOrderOf,
	caseState,
	consultationCount,
	customerWithOrder,
	GUEST_EMAIL,
	guestAsk,
	guestOrder,
	lastAudit,
	messageRows,
	replyMails,
	supportOpensContact,
	type ThreadBody,
	threadRow,
} from "./consultation-fixtures";

const QUESTION = "Quizzical-Marker: does the teal Kilim shed in the first wash?";

describe("a customer's consultations (/api/v1/me/consultations)", () => {
	it("opens a pre-sales thread, lists it, reads it back and adds to it, sealed at rest", async () => {
		const { shopper } = await registeredCustomer();
		const res = await ask(shopper, { kind: "pre_sales", message: QUESTION });
		expect(res.status).toBe(201);
		const { consultation } = (await res.json()) as ThreadBody;
		expect(consultation).toMatchObject({
			kind: "pre_sales",
			status: "open",
			orderNumber: null,
			messageCount: 1,
			messages: [{ author: "shopper", body: QUESTION }],
		});
		// No order, no case: nothing for support to open.
		expect(await caseState(consultation.id)).toBe("none");

		const list = (await (await shopper.fetch("/api/v1/me/consultations")).json()) as {
			consultations: ThreadBody["consultation"][];
		};
		expect(list.consultations.map((c) => c.id)).toEqual([consultation.id]);
		expect(JSON.stringify(list)).not.toContain("Quizzical");

		const more = await shopper.json(`/api/v1/me/consultations/${consultation.id}/messages`, "POST", {
			message: "  And the ochre one?  ",
		});
		expect(more.status).toBe(201);
		const read = (await (
			await shopper.fetch(`/api/v1/me/consultations/${consultation.id}`)
		).json()) as ThreadBody;
		expect(read.consultation.messages?.map((m) => m.body)).toEqual([QUESTION, "And the ochre one?"]);

		// P2: the texts are ciphertext in the commerce database, under the account's subject.
		const rows = await messageRows(consultation.id);
		expect(rows).toHaveLength(2);
		for (const row of rows) expect(row.body_ct).toMatch(/^v1\./);
		const dump = await dumpAllTables(env.DB);
		for (const encoded of encodingsOf("Quizzical-Marker")) expect(dump).not.toContain(encoded);
	});

	it("opens an after-sales thread about an own order: support may open its contact until it closes", async () => {
		const { shopper, order } = await customerWithOrder();
		expect((await supportOpensContact(order.number)).status).toBe(403);
		expect(await lastAudit()).toMatchObject({ action: "open", outcome: "denied", reason: "no_open_case" });

		const res = await ask(shopper, {
			kind: "after_sales",
			orderNumber: order.number,
			message: "Where is it?",
		});
		expect(res.status).toBe(201);
		const { consultation } = (await res.json()) as ThreadBody;
		expect(consultation.orderNumber).toBe(order.number);
		expect(await caseState(consultation.id)).toBe("open");
		expect(await caseOrderOf(consultation.id)).toBe(order.orderId);

		const opened = await supportOpensContact(order.number);
		expect(opened.status).toBe(200);
		expect(await lastAudit()).toMatchObject({ action: "open", outcome: "allowed", purpose: "support" });

		const closed = await shopper.json(`/api/v1/me/consultations/${consultation.id}/close`, "POST");
		expect(closed.status).toBe(200);
		expect(((await closed.json()) as ThreadBody).consultation).toMatchObject({ status: "closed" });
		expect(await caseState(consultation.id)).toBe("closed");
		expect((await supportOpensContact(order.number)).status).toBe(403);
		expect(await lastAudit()).toMatchObject({ outcome: "denied", reason: "no_open_case" });

		// A closed thread takes no more messages.
		const late = await shopper.json(`/api/v1/me/consultations/${consultation.id}/messages`, "POST", {
			message: "Hello?",
		});
		expect(late.status).toBe(409);
	});

	it("answers 404 for another customer's thread or order, as for one that does not exist", async () => {
		const owner = await customerWithOrder();
		const intruder = await registeredCustomer();
		const { consultation } = (await (
			await ask(owner.shopper, { kind: "after_sales", orderNumber: owner.order.number, message: "Mine" })
		).json()) as ThreadBody;
		const before = await snapshotTables(env.DB);
		const unknown = crypto.randomUUID();
		for (const id of [consultation.id, unknown]) {
			expect((await intruder.shopper.fetch(`/api/v1/me/consultations/${id}`)).status).toBe(404);
			expect(
				(await intruder.shopper.json(`/api/v1/me/consultations/${id}/messages`, "POST", { message: "Hi" }))
					.status,
			).toBe(404);
			expect((await intruder.shopper.json(`/api/v1/me/consultations/${id}/close`, "POST")).status).toBe(404);
		}
		const theirs = await ask(intruder.shopper, {
			kind: "after_sales",
			orderNumber: owner.order.number,
			message: "Let me in",
		});
		const missing = await ask(intruder.shopper, {
			kind: "after_sales",
			orderNumber: "LW-AAAA-AAAA-AAAA",
			message: "Let me in",
		});
		expect(theirs.status).toBe(404);
		expect(missing.status).toBe(404);
		expect(((await theirs.json()) as ErrorBody).error.message).toBe(
			((await missing.json()) as ErrorBody).error.message,
		);
		expect(changedTables(before, await snapshotTables(env.DB))).toEqual([]);
		const list = (await (await intruder.shopper.fetch("/api/v1/me/consultations")).json()) as {
			consultations: unknown[];
		};
		expect(list.consultations).toEqual([]);
		expect(await caseState(consultation.id)).toBe("open");
	});

	it("needs a session and refuses hostile input with a 4xx, writing nothing", async () => {
		const { shopper, order } = await customerWithOrder();
		const before = await consultationCount();
		const bad: unknown[] = [
			{},
			{ kind: "pre_sales" },
			{ kind: "pre_sales", message: "" },
			{ kind: "pre_sales", message: "   " },
			{ kind: "pre_sales", message: "x".repeat(4001) },
			{ kind: "pre_sales", message: "bell\u0007" },
			{ kind: "pre_sales", message: "Hi", orderNumber: order.number },
			{ kind: "gossip", message: "Hi" },
			{ kind: "pre_sales", message: "Hi", customerId: "acc_x" },
			{ kind: "after_sales", orderNumber: "x".repeat(41), message: "Hi" },
			{ kind: "pre_sales", message: ["Hi"] },
		];
		for (const body of bad) expect((await ask(shopper, body)).status, JSON.stringify(body)).toBe(400);
		expect((await shopper.fetch("/api/v1/me/consultations/not-a-uuid")).status).toBe(400);
		expect(
			(await shopper.json(`/api/v1/me/consultations/${crypto.randomUUID()}/messages`, "POST", { message: 1 }))
				.status,
		).toBe(400);
		const { Shopper } = await import("../fixtures/commerce");
		expect((await ask(new Shopper(), { kind: "pre_sales", message: "Hi" })).status).toBe(401);
		expect(await consultationCount()).toBe(before);
	});

	it("bounds open threads per order", async () => {
		const { shopper, order } = await customerWithOrder();
		const body = { kind: "after_sales", orderNumber: order.number, message: "Again" };
		for (let i = 0; i < 3; i++) expect((await ask(shopper, body)).status).toBe(201);
		expect((await ask(shopper, body)).status).toBe(409);
	});
});

describe("a guest's questions (POST /api/v1/consultations)", () => {
	it("asks about an order with its number and email, sealed under the order's subject, opening a case", async () => {
		const order = await guestOrder();
		const res = await guestAsk({
			kind: "after_sales",
			orderNumber: order.number.toLowerCase(),
			email: ` ${GUEST_EMAIL.toUpperCase()}`,
			message: QUESTION,
		});
		expect(res.status).toBe(201);
		const { consultation } = (await res.json()) as ThreadBody;
		expect(consultation).toMatchObject({ kind: "after_sales", status: "open", orderNumber: order.number });
		expect(JSON.stringify(consultation)).not.toContain("Quizzical");
		const row = await threadRow(consultation.id);
		expect(row).toMatchObject({ customer_id: null, order_id: order.orderId, subject_id: order.subjectId });
		expect(row.reply_email_ct).toBeNull();
		expect(await caseState(consultation.id)).toBe("open");
		expect((await supportOpensContact(order.number)).status).toBe(200);
	});

	it("answers every miss the same 404: wrong email, unknown or malformed number", async () => {
		const order = await guestOrder();
		const before = await snapshotTables(env.DB);
		const misses = [
			{ orderNumber: order.number, email: "someone.else@example.com" },
			{ orderNumber: "LW-AAAA-AAAA-AAAA", email: GUEST_EMAIL },
			{ orderNumber: "not-an-order", email: GUEST_EMAIL },
		];
		const bodies: unknown[] = [];
		for (const miss of misses) {
			const res = await guestAsk({ kind: "after_sales", ...miss, message: "Hello" });
			expect(res.status).toBe(404);
			const { error } = (await res.json()) as ErrorBody;
			bodies.push({ ...error, requestId: undefined });
		}
		expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
		expect(changedTables(before, await snapshotTables(env.DB))).toEqual([]);
		expect(await caseState(order.orderId)).toBe("none");
	});

	it("limits guesses per order number, as the guest order lookup does", async () => {
		const order = await guestOrder();
		const statuses: number[] = [];
		await startOfFreshRateWindow();
		for (let i = 0; i < 7; i++) {
			const res = await guestAsk({
				kind: "after_sales",
				orderNumber: order.number,
				email: `guess${i}@example.com`,
				message: "Hello",
			});
			statuses.push(res.status);
		}
		expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
		expect(statuses.at(-1)).toBe(429);
	});

	it("asks before buying with an email to answer at, sealed under a subject of its own", async () => {
		const res = await guestAsk({ kind: "pre_sales", email: "curious.guest@example.org", message: QUESTION });
		expect(res.status).toBe(201);
		const { consultation } = (await res.json()) as ThreadBody;
		const row = await threadRow(consultation.id);
		expect(row.reply_email_ct).toMatch(/^v1\./);
		expect(row.order_id).toBeNull();
		expect(await caseState(consultation.id)).toBe("none");
		const dump = await dumpAllTables(env.DB);
		for (const encoded of encodingsOf("curious.guest@example.org")) expect(dump).not.toContain(encoded);

		for (const body of [
			{ kind: "pre_sales", email: "not an email", message: "Hi" },
			{ kind: "pre_sales", message: "Hi" },
			{ kind: "pre_sales", email: "a@example.org", message: "Hi", orderNumber: "LW-AAAA-AAAA-AAAA" },
			{ kind: "after_sales", email: "a@example.org", message: "Hi" },
		]) {
			expect((await guestAsk(body)).status, JSON.stringify(body)).toBe(400);
		}
	});
});

describe("customer service (/api/v1/staff/consultations)", () => {
	it("lists open threads first without personal data, reads them through the vault, answers by mail", async () => {
		const { shopper, order } = await customerWithOrder();
		const { consultation: early } = (await (
			await ask(shopper, { kind: "pre_sales", message: "Quizzical early question" })
		).json()) as ThreadBody;
		expect((await shopper.json(`/api/v1/me/consultations/${early.id}/close`, "POST")).status).toBe(200);
		const { consultation } = (await (
			await ask(shopper, { kind: "after_sales", orderNumber: order.number, message: QUESTION })
		).json()) as ThreadBody;

		const listed = await asStaff("support", "/api/v1/staff/consultations?limit=100");
		expect(listed.status).toBe(200);
		const page = (await listed.json()) as { consultations: { id: string; status: string }[] };
		expect(JSON.stringify(page)).not.toContain("Quizzical");
		const ids = page.consultations.map((c) => c.id);
		expect(ids.indexOf(consultation.id)).toBeLessThan(ids.indexOf(early.id));
		const statuses = page.consultations.map((c) => c.status);
		expect(statuses).toEqual([...statuses].sort().reverse());

		const read = await asStaff("support", `/api/v1/staff/consultations/${consultation.id}`);
		expect(read.status).toBe(200);
		expect(((await read.json()) as ThreadBody).consultation.messages?.map((m) => m.body)).toEqual([QUESTION]);
		expect(await lastAudit()).toMatchObject({
			action: "open",
			outcome: "allowed",
			purpose: "support",
			fields: JSON.stringify(["consultation_messages.body"]),
		});

		const replied = await asStaff("support", `/api/v1/staff/consultations/${consultation.id}/messages`, {
			message: "It ships on Monday.",
		});
		expect(replied.status).toBe(201);
		const rows = await messageRows(consultation.id);
		const reply = rows.find((row) => row.author === "staff");
		expect(reply?.staff_id).toMatch(/^stf_/);
		expect(reply?.body_ct).toMatch(/^v1\./);
		// The vault mailed the account once for this reply (scope: the thread, event: the message).
		expect(await replyMails(consultation.id)).toEqual([reply?.id]);

		// The shopper reads the answer with their own session.
		const mine = (await (
			await shopper.fetch(`/api/v1/me/consultations/${consultation.id}`)
		).json()) as ThreadBody;
		expect(mine.consultation.messages?.map((m) => [m.author, m.body])).toEqual([
			["shopper", QUESTION],
			["staff", "It ships on Monday."],
		]);

		// Closing the thread closes the vault's case, and support's access to the contact with it.
		expect((await supportOpensContact(order.number)).status).toBe(200);
		const closed = await asStaff("support", `/api/v1/staff/consultations/${consultation.id}/close`, {});
		expect(closed.status).toBe(200);
		expect(await caseState(consultation.id)).toBe("closed");
		expect((await supportOpensContact(order.number)).status).toBe(403);
		expect(
			(
				await asStaff("support", `/api/v1/staff/consultations/${consultation.id}/messages`, {
					message: "More",
				})
			).status,
		).toBe(409);
	});

	it("mails a guest's answer to the order's contact or to the reply address given", async () => {
		const order = await guestOrder();
		const about = (await (
			await guestAsk({ kind: "after_sales", orderNumber: order.number, email: GUEST_EMAIL, message: "When?" })
		).json()) as ThreadBody;
		const before = (await (
			await guestAsk({ kind: "pre_sales", email: "pre.sales@example.org", message: "Do you ship to Oslo?" })
		).json()) as ThreadBody;
		for (const thread of [about.consultation, before.consultation]) {
			const res = await asStaff("support", `/api/v1/staff/consultations/${thread.id}/messages`, {
				message: "Yes, soon.",
			});
			expect(res.status).toBe(201);
			const reply = (await messageRows(thread.id)).find((row) => row.author === "staff");
			expect(await replyMails(thread.id)).toEqual([reply?.id]);
		}
	});

	it("is customer service's: other roles get 403, bad ids and queries a 4xx", async () => {
		const order = await guestOrder();
		const { consultation } = (await (
			await guestAsk({ kind: "after_sales", orderNumber: order.number, email: GUEST_EMAIL, message: "Hi" })
		).json()) as ThreadBody;
		for (const role of ["fulfilment", "admin", "compliance"] as const) {
			expect((await asStaff(role, "/api/v1/staff/consultations")).status).toBe(403);
			expect((await asStaff(role, `/api/v1/staff/consultations/${consultation.id}`)).status).toBe(403);
			expect((await asStaff(role, `/api/v1/staff/consultations/${consultation.id}/close`, {})).status).toBe(
				403,
			);
		}
		expect(await caseState(consultation.id)).toBe("open");
		expect((await asStaff("support", "/api/v1/staff/consultations/nope")).status).toBe(400);
		expect((await asStaff("support", `/api/v1/staff/consultations/${crypto.randomUUID()}`)).status).toBe(404);
		expect((await asStaff("support", "/api/v1/staff/consultations?cursor=bad")).status).toBe(400);
		expect((await asStaff("support", "/api/v1/staff/consultations?status=pending")).status).toBe(400);
		expect(
			(await asStaff("support", `/api/v1/staff/consultations/${consultation.id}/messages`, { message: "" }))
				.status,
		).toBe(400);
	});
});
