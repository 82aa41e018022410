// POST /api/v1/staff/retention/run: the runner by hand, for admins only (operation retention.run),
// with the vault's own steps under the admin's name; refused or invalid requests change nothing.
import { describe, expect, it } from "vitest";
import type { RetentionStep } from "../../../workers/shared/vault-contract";
import { asStaff, deliveredGuestOrder, startOfUtcDay } from "../after-sales/returns-fixtures";
import { DAY, hasContact, orderRow } from "./retention-fixtures";

const PATH = "/api/v1/staff/retention/run";

describe("POST /api/v1/staff/retention/run", () => {
	it("runs every job for an admin, the vault's steps included; a dry run changes nothing", async () => {
		const order = await deliveredGuestOrder({ deliveredAt: startOfUtcDay() - 70 * DAY });

		const dry = await asStaff("admin", PATH, { dryRun: true, batchSize: 50 });
		expect(dry.status).toBe(200);
		const dryBody = (await dry.json()) as { steps: RetentionStep[] };
		const jobs = dryBody.steps.map((s) => s.job);
		expect(jobs).toEqual(
			expect.arrayContaining(["orders", "carts", "payment_events", "local_payment_sessions", "shred_sweep"]),
		);
		// The vault's part ran too (its steps have names of their own).
		expect(jobs.length).toBeGreaterThan(5);
		expect(dryBody.steps.find((s) => s.job === "orders")?.due).toBeGreaterThanOrEqual(1);
		expect(dryBody.steps.every((s) => s.done === 0)).toBe(true);
		expect(await hasContact(order.orderId)).toBe(true);

		const run = await asStaff("admin", PATH, { dryRun: false });
		expect(run.status).toBe(200);
		const { steps } = (await run.json()) as { steps: RetentionStep[] };
		expect(steps.find((s) => s.job === "orders")?.done).toBeGreaterThanOrEqual(1);
		expect(await hasContact(order.orderId)).toBe(false);
		expect((await orderRow(order.orderId)).personal_data_purged_at).not.toBeNull();
	});

	it("refuses every other role and writes nothing", async () => {
		const order = await deliveredGuestOrder({ deliveredAt: startOfUtcDay() - 70 * DAY });
		for (const role of ["support", "fulfilment", "compliance"] as const) {
			const res = await asStaff(role, PATH, { dryRun: false });
			expect(res.status).toBe(403);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
		}
		expect(await hasContact(order.orderId)).toBe(true);
	});

	it("answers invalid input with a 400 in the shared shape and writes nothing", async () => {
		const order = await deliveredGuestOrder({ deliveredAt: startOfUtcDay() - 70 * DAY });
		for (const body of [
			{},
			{ dryRun: "no" },
			{ dryRun: false, batchSize: 0 },
			{ dryRun: false, batchSize: 501 },
			{ dryRun: false, extra: 1 },
		]) {
			const res = await asStaff("admin", PATH, body);
			expect(res.status).toBe(400);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
		}
		expect(await hasContact(order.orderId)).toBe(true);
	});
});
