// P9, rows that expire (abandoned carts, payment events, local payment sessions) and the sweep of
// destroyed keys, on a controllable clock: exactly the expired rows go, nothing else.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { orderPurgeFields } from "../../../workers/storefront/privacy/retention/orders";
import { readShredCursor } from "../../../workers/storefront/privacy/retention/shred-sweep";
import { deliveredGuestOrder, startOfUtcDay } from "../after-sales/returns-fixtures";
import { placeOrder } from "../fixtures/checkout-flow";
import { createVariant, testDb } from "../fixtures/commerce";
import { count, DAY, HOUR, hasContact, orderRow, runAt, stepOf } from "./retention-fixtures";

const NOW = startOfUtcDay() + 12 * HOUR;

async function addCart(updatedAt: number, status: "open" | "merged" | "checked_out", variantId: number) {
	const id = crypto.randomUUID();
	await env.DB.batch([
		env.DB.prepare(
			"insert into carts (id, status, customer_id, created_at, updated_at) values (?, ?, null, ?, ?)",
		).bind(id, status, updatedAt, updatedAt),
		env.DB.prepare(
			"insert into cart_lines (cart_id, variant_id, quantity, added_at) values (?, ?, 1, ?)",
		).bind(id, variantId, updatedAt),
	]);
	return id;
}

async function addPaymentEvent(receivedAt: number) {
	const id = `evt_${crypto.randomUUID()}`;
	await env.DB.prepare(
		"insert into payment_events (provider, event_id, order_id, outcome, received_at) values ('local', ?, 'o', 'paid', ?)",
	)
		.bind(id, receivedAt)
		.run();
	return id;
}

async function addLocalSession(
	orderNumber: string,
	createdAt: number,
	status: "open" | "complete" | "expired",
) {
	const id = crypto.randomUUID();
	await env.DB.prepare(
		`insert into local_payment_sessions (id, order_number, amount_minor, currency, success_url, cancel_url, status, created_at)
			values (?, ?, 100, 'USD', '/ok', '/cancel', ?, ?)`,
	)
		.bind(id, orderNumber, status, createdAt)
		.run();
	return id;
}

describe("abandoned carts", () => {
	it("go 30 days after their last change, whatever their status, lines and all", async () => {
		const { variantId } = await createVariant({ stock: 50 });
		const fresh = await addCart(NOW - 29 * DAY, "open", variantId);
		const stale = [
			await addCart(NOW - 31 * DAY, "open", variantId),
			await addCart(NOW - 31 * DAY, "merged", variantId),
			await addCart(NOW - 45 * DAY, "checked_out", variantId),
		];
		const step = stepOf(await runAt(NOW), "carts");
		expect(step.done).toBeGreaterThanOrEqual(3);
		expect(step.more).toBe(false);
		expect(await count("carts where id = ?", fresh)).toBe(1);
		expect(await count("cart_lines where cart_id = ?", fresh)).toBe(1);
		for (const id of stale) {
			expect(await count("carts where id = ?", id)).toBe(0);
			expect(await count("cart_lines where cart_id = ?", id)).toBe(0);
		}
	});
});

describe("payment events", () => {
	it("go 90 days after they were received", async () => {
		const kept = await addPaymentEvent(NOW - 89 * DAY);
		const gone = await addPaymentEvent(NOW - 91 * DAY);
		await runAt(NOW);
		expect(await count("payment_events where event_id = ?", kept)).toBe(1);
		expect(await count("payment_events where event_id = ?", gone)).toBe(0);
	});
});

describe("local payment sessions", () => {
	it("go after 7 days unless their order is still placed or may still be refunded", async () => {
		const refundable = await deliveredGuestOrder({ deliveredAt: NOW - 10 * DAY });
		const ended = await deliveredGuestOrder({ deliveredAt: NOW - 100 * DAY });
		await runAt(NOW); // purges `ended`: its payment can no longer be refunded
		expect((await orderRow(ended.orderId)).personal_data_purged_at).toBe(NOW);
		const placedNumber = (await placeOrder()).checkout.order.number;

		const young = await addLocalSession("LW-NOBODY", NOW - 6 * DAY, "expired");
		const orphan = await addLocalSession("LW-NOBODY", NOW - 8 * DAY, "expired");
		const ofEnded = await addLocalSession(ended.number, NOW - 100 * DAY, "complete");
		const ofRefundable = await addLocalSession(refundable.number, NOW - 11 * DAY, "complete");
		const ofPlaced = await addLocalSession(placedNumber, NOW - 8 * DAY, "open");
		await runAt(NOW);
		const left = async (id: string) => count("local_payment_sessions where id = ?", id);
		expect(await left(young)).toBe(1);
		expect(await left(orphan)).toBe(0);
		expect(await left(ofEnded)).toBe(0);
		expect(await left(ofRefundable)).toBe(1);
		expect(await left(ofPlaced)).toBe(1);
	});
});

describe("the sweep of destroyed keys", () => {
	it("removes the rows of subjects the vault destroyed elsewhere, then moves its cursor past them", async () => {
		const order = await deliveredGuestOrder({ deliveredAt: NOW - 5 * DAY });
		const { subject_id: subjectId } = await orderRow(order.orderId);
		// A key destroyed outside retention (a guest's deletion): the rows are still here.
		const purged = await env.VAULT.purge({
			reason: "guest_deletion",
			subjects: [{ id: subjectId, shred: true }],
			fields: orderPurgeFields(),
			itemCount: 1,
		});
		expect(purged.ok).toBe(true);
		expect(await hasContact(order.orderId)).toBe(true);

		// A dry run reports it and touches nothing.
		const dry = stepOf(await runAt(NOW, { dryRun: true }), "shred_sweep");
		expect(dry.due).toBeGreaterThanOrEqual(1);
		expect(dry.done).toBe(0);
		expect(await hasContact(order.orderId)).toBe(true);

		for (let round = 0; round < 20 && stepOf(await runAt(NOW), "shred_sweep").more; round++);
		expect(await hasContact(order.orderId)).toBe(false);
		const after = await orderRow(order.orderId);
		expect(after.personal_data_purged_at).toBe(NOW);
		expect(after).toMatchObject({ number: order.number, total_minor: order.totalMinor, ship_country: "US" });
		const cursor = await readShredCursor(testDb());
		const shredded = await env.VAULT_DB.prepare(
			"select shredded_at from shredded_subjects where subject_id = ?",
		)
			.bind(subjectId)
			.first<{ shredded_at: number }>();
		expect(cursor?.at).toBeGreaterThanOrEqual(shredded?.shredded_at ?? Number.POSITIVE_INFINITY);
	});

	it("sweeps a chunk again harmlessly when its cursor was lost", async () => {
		const order = await deliveredGuestOrder({ deliveredAt: NOW - 5 * DAY });
		const { subject_id: subjectId } = await orderRow(order.orderId);
		await env.VAULT.purge({
			reason: "guest_deletion",
			subjects: [{ id: subjectId, shred: true }],
			fields: orderPurgeFields(),
			itemCount: 1,
		});
		for (let round = 0; round < 20 && stepOf(await runAt(NOW), "shred_sweep").more; round++);
		expect(await hasContact(order.orderId)).toBe(false);
		await env.DB.prepare("update job_cursors set cursor = 'not json' where job = 'shred_sweep'").run();
		expect(await readShredCursor(testDb())).toBeNull();
		const later = NOW + HOUR;
		for (let round = 0; round < 20 && stepOf(await runAt(later), "shred_sweep").more; round++);
		expect(await readShredCursor(testDb())).not.toBeNull();
		expect(await count("orders where id = ?", order.orderId)).toBe(1);
		expect(await hasContact(order.orderId)).toBe(false);
	});
});
