// P9, orders: on a controllable clock, exactly the orders whose return window has closed (or that
// were cancelled long enough ago) with nothing open lose their personal data, audited by the vault
// first; a guest order's data key is destroyed, an account's is not; the archival fields stay.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CONSULTATION_IDLE_DAYS } from "../../../workers/storefront/privacy/order-holds";
import { orderPurgeFields } from "../../../workers/storefront/privacy/retention/orders";
import { deliveredBefore } from "../../../workers/storefront/privacy/retention/periods";
import { returnWindowClosesAt } from "../../../workers/storefront/returns/return-window";
import {
	customerWithDeliveredOrder,
	deliveredGuestOrder,
	startOfUtcDay,
} from "../after-sales/returns-fixtures";
import { placeOrder } from "../fixtures/checkout-flow";
import { orderByNumber } from "../fixtures/commerce";
import {
	addConsultation,
	addRefund,
	addReturn,
	auditOf,
	cancel,
	count,
	DAY,
	drainAt,
	HOUR,
	hasContact,
	hasSubjectKey,
	orderRow,
	runAt,
	stepOf,
	wasShredded,
} from "./retention-fixtures";

/** 00:00 UTC of a day well in the past, so that "day 61 after it" is still before today. */
const day0 = () => startOfUtcDay() - 120 * DAY;

describe("the order cutoff", () => {
	it("agrees with the return window to the millisecond", () => {
		for (const now of [day0(), day0() + 1, day0() + DAY - 1, day0() + 17 * HOUR + 123]) {
			const cutoff = deliveredBefore(now);
			expect(returnWindowClosesAt(cutoff - 1)).toBeLessThanOrEqual(now);
			expect(returnWindowClosesAt(cutoff)).toBeGreaterThan(now);
		}
	});

	it("purges the sealed order data the registry names, and nothing else", () => {
		expect(orderPurgeFields().sort()).toEqual(
			[
				"consultation_messages.body",
				"consultations.reply_email",
				"order_contacts.address",
				"order_contacts.email",
				"order_contacts.name",
				"order_contacts.phone",
				"returns.details",
			].sort(),
		);
	});
});

describe("retention of a guest's delivered order", () => {
	it("keeps it through day 60 23:59 and purges it on day 61: key, contact, texts; archival fields stay", async () => {
		const deliveredAt = day0() + 5 * HOUR;
		const order = await deliveredGuestOrder({ deliveredAt });
		const before = await orderRow(order.orderId);
		const returnId = await addReturn(order.orderId, "refunded");
		await addConsultation(order.orderId, before.subject_id);
		expect(await hasSubjectKey(before.subject_id)).toBe(true);

		await runAt(day0() + 60 * DAY + 23 * HOUR + 59 * 60_000);
		expect(await hasContact(order.orderId)).toBe(true);
		expect((await orderRow(order.orderId)).personal_data_purged_at).toBeNull();
		expect(await hasSubjectKey(before.subject_id)).toBe(true);
		expect(await auditOf(before.subject_id)).toEqual([]);

		const now = day0() + 61 * DAY;
		expect(stepOf(await runAt(now), "orders").done).toBeGreaterThanOrEqual(1);
		const after = await orderRow(order.orderId);
		expect(after.personal_data_purged_at).toBe(now);
		expect(after).toMatchObject({
			number: order.number,
			status: "delivered",
			total_minor: before.total_minor,
			subtotal_minor: before.subtotal_minor,
			ship_country: "US",
		});
		expect(await count("order_lines where order_id = ?", order.orderId)).toBe(1);
		expect(await hasContact(order.orderId)).toBe(false);
		expect(await count("returns where id = ? and details_ct is null", returnId)).toBe(1);
		expect(await count("consultations where order_id = ?", order.orderId)).toBe(0);
		// The vault audited the purge, then destroyed the order's own key.
		expect(await hasSubjectKey(before.subject_id)).toBe(false);
		expect(await wasShredded(before.subject_id)).toBe(true);
		const [entry, ...rest] = await auditOf(before.subject_id);
		expect(rest).toEqual([]);
		expect(entry).toMatchObject({ outcome: "allowed", actor_kind: "system" });
		expect(JSON.parse(entry?.fields ?? "[]")).toEqual(expect.arrayContaining(orderPurgeFields()));

		// Idempotent: a later run leaves the purged order alone.
		await runAt(now + DAY);
		expect((await orderRow(order.orderId)).personal_data_purged_at).toBe(now);
		expect(await auditOf(before.subject_id)).toHaveLength(1);
	});

	it("keeps an order while a return is open or a refund is pending", async () => {
		const deliveredAt = day0() + 2 * HOUR;
		const withReturn = await deliveredGuestOrder({ deliveredAt });
		const withRefund = await deliveredGuestOrder({ deliveredAt });
		await addRefund(withRefund.orderId, "pending");
		for (const status of ["requested", "approved", "received"] as const) {
			const returnId = await addReturn(withReturn.orderId, status);
			await runAt(day0() + 90 * DAY);
			expect(await hasContact(withReturn.orderId)).toBe(true);
			await env.DB.prepare("update returns set status = 'rejected' where id = ?").bind(returnId).run();
		}
		expect(await hasContact(withRefund.orderId)).toBe(true);
		expect((await orderRow(withRefund.orderId)).personal_data_purged_at).toBeNull();

		// Once closed, the next run purges them.
		await env.DB.prepare("update refunds set status = 'succeeded' where order_id = ?")
			.bind(withRefund.orderId)
			.run();
		await runAt(day0() + 90 * DAY);
		expect(await hasContact(withReturn.orderId)).toBe(false);
		expect(await hasContact(withRefund.orderId)).toBe(false);
	});
});

describe("an open conversation on a settled order", () => {
	it("holds the order while support and the shopper are still writing, not once it has gone quiet", async () => {
		const deliveredAt = day0() + 2 * HOUR;
		const talking = await deliveredGuestOrder({ deliveredAt });
		const quiet = await deliveredGuestOrder({ deliveredAt });
		const now = day0() + 90 * DAY;
		const talkingSubject = (await orderRow(talking.orderId)).subject_id;
		const threadId = await addConsultation(talking.orderId, talkingSubject, {
			status: "open",
			updatedAt: now - DAY,
		});
		await addConsultation(quiet.orderId, (await orderRow(quiet.orderId)).subject_id, {
			status: "open",
			updatedAt: now - (CONSULTATION_IDLE_DAYS + 1) * DAY,
		});

		await runAt(now);
		expect(await hasContact(talking.orderId)).toBe(true);
		expect(await hasSubjectKey(talkingSubject)).toBe(true);
		expect(await hasContact(quiet.orderId)).toBe(false);

		// Closing the conversation releases it on the next run.
		await env.DB.prepare("update consultations set status = 'closed' where id = ?").bind(threadId).run();
		await runAt(now);
		expect(await hasContact(talking.orderId)).toBe(false);
		expect(await wasShredded(talkingSubject)).toBe(true);
	});
});

describe("retention of an account's order", () => {
	it("purges the order's contact but leaves the account, its key and its link to the order", async () => {
		const customer = await customerWithDeliveredOrder({ deliveredAt: day0() + HOUR });
		const before = await orderRow(customer.order.orderId);
		expect(before.customer_id).toBe(customer.accountId);

		await runAt(day0() + 61 * DAY);
		const after = await orderRow(customer.order.orderId);
		expect(after.personal_data_purged_at).toBe(day0() + 61 * DAY);
		expect(after.customer_id).toBe(customer.accountId);
		expect(await hasContact(customer.order.orderId)).toBe(false);
		// The account's subject is shared: audited, never shredded by a purge.
		expect(await hasSubjectKey(before.subject_id)).toBe(true);
		expect(await wasShredded(before.subject_id)).toBe(false);
		expect((await auditOf(before.subject_id)).map((e) => e.outcome)).toEqual(["allowed"]);
		expect(await count("customers where id = ?", customer.accountId)).toBe(1);
		expect((await customer.shopper.fetch("/api/v1/me")).status).toBe(200);
	});
});

describe("retention of cancelled orders", () => {
	it("purges an unpaid one after 30 days, a paid and refunded one after 60, an unrefunded one never", async () => {
		const now = startOfUtcDay() + 12 * HOUR;
		const unpaidKept = await placeOrder();
		const unpaidGone = await placeOrder();
		const paidKept = await placeOrder();
		const paidGone = await placeOrder();
		const unrefunded = await placeOrder();
		const id = async (placed: { checkout: { order: { number: string } } }) =>
			(await orderByNumber(placed.checkout.order.number))?.id ?? "";
		await cancel(await id(unpaidKept), now - 29 * DAY);
		await cancel(await id(unpaidGone), now - 31 * DAY);
		await cancel(await id(paidKept), now - 59 * DAY, { paidMinor: 500, refundedMinor: 500 });
		await cancel(await id(paidGone), now - 61 * DAY, { paidMinor: 500, refundedMinor: 500 });
		await cancel(await id(unrefunded), now - 200 * DAY, { paidMinor: 500, refundedMinor: 0 });

		await drainAt(now);
		expect(await hasContact(await id(unpaidKept))).toBe(true);
		expect(await hasContact(await id(unpaidGone))).toBe(false);
		expect(await hasContact(await id(paidKept))).toBe(true);
		expect(await hasContact(await id(paidGone))).toBe(false);
		expect(await hasContact(await id(unrefunded))).toBe(true);
	});

	it("leaves orders still in progress alone, however old", async () => {
		const placed = await placeOrder();
		const orderId = (await orderByNumber(placed.checkout.order.number))?.id ?? "";
		await env.DB.prepare("update orders set status = 'shipped', updated_at = ? where id = ?")
			.bind(day0(), orderId)
			.run();
		await drainAt(startOfUtcDay() + 12 * HOUR);
		expect(await hasContact(orderId)).toBe(true);
	});
});

describe("an interrupted run", () => {
	it("resumes: batch size 1 over 3 due orders takes 3 runs, each purging one", async () => {
		const now = startOfUtcDay() + 12 * HOUR;
		await drainAt(now);
		const orders = [
			await deliveredGuestOrder({ deliveredAt: now - 70 * DAY }),
			await deliveredGuestOrder({ deliveredAt: now - 80 * DAY }),
			await deliveredGuestOrder({ deliveredAt: now - 90 * DAY }),
		];
		const progress = [];
		for (let run = 0; run < 3; run++) {
			const { due, done, more } = stepOf(await runAt(now, { batchSize: 1 }), "orders");
			const left = [];
			for (const order of orders) if (await hasContact(order.orderId)) left.push(order.number);
			progress.push({ due, done, more, left: left.length });
		}
		expect(progress).toEqual([
			{ due: 3, done: 1, more: true, left: 2 },
			{ due: 2, done: 1, more: true, left: 1 },
			{ due: 1, done: 1, more: false, left: 0 },
		]);
		expect(stepOf(await runAt(now, { batchSize: 1 }), "orders")).toMatchObject({
			due: 0,
			done: 0,
			more: false,
		});
	});

	it("redoes an order whose purge reached the vault but whose rows were never removed", async () => {
		const now = startOfUtcDay() + 12 * HOUR;
		const order = await deliveredGuestOrder({ deliveredAt: now - 75 * DAY });
		const { subject_id: subjectId } = await orderRow(order.orderId);
		// As if the run was cut off right after the vault's answer.
		const purged = await env.VAULT.purge({
			reason: "order_retention",
			subjects: [{ id: subjectId, shred: true }],
			fields: orderPurgeFields(),
			itemCount: 1,
		});
		expect(purged.ok).toBe(true);
		expect(await hasSubjectKey(subjectId)).toBe(false);
		expect(await hasContact(order.orderId)).toBe(true);

		await runAt(now);
		expect(await hasContact(order.orderId)).toBe(false);
		expect((await orderRow(order.orderId)).personal_data_purged_at).toBe(now);
		// Both purges were audited.
		expect((await auditOf(subjectId)).map((e) => e.outcome)).toEqual(["allowed", "allowed"]);
	});
});

describe("a dry run", () => {
	it("counts what is due and changes nothing, calling no purge", async () => {
		const now = startOfUtcDay() + 12 * HOUR;
		await drainAt(now);
		const order = await deliveredGuestOrder({ deliveredAt: now - 65 * DAY });
		const { subject_id: subjectId } = await orderRow(order.orderId);

		const steps = await runAt(now, { dryRun: true, batchSize: 10 });
		expect(stepOf(steps, "orders")).toEqual({ job: "orders", due: 1, done: 0, more: false });
		expect(steps.every((s) => s.done === 0)).toBe(true);
		expect(await hasContact(order.orderId)).toBe(true);
		expect((await orderRow(order.orderId)).personal_data_purged_at).toBeNull();
		expect(await hasSubjectKey(subjectId)).toBe(true);
		expect(await auditOf(subjectId)).toEqual([]);
	});
});
