// Issue #8: the refund service (payments/refunds.ts) that returns and late payments use. The
// same idempotency key refunds once, with one provider call; refunds never add up to more than
// was paid, even when they race; a provider failure releases the amount for a retry.
import { describe, expect, it } from "vitest";
import { runBatch } from "../../../workers/shared/d1-batch";
import { insertRefundIfRoomStatement, reserveRefundStatement } from "../../../workers/storefront/db/refunds";
import { AppError } from "../../../workers/storefront/errors";
import type { PaymentProvider } from "../../../workers/storefront/payments/provider";
import { issueRefund, type RefundInput } from "../../../workers/storefront/payments/refunds";
import {
	countingProvider,
	logger,
	orderById,
	orderOf,
	paidOrder,
	placeOrder,
	refundsOf,
	testDb,
} from "./payments-fixtures";

const deps = (provider: PaymentProvider) => ({ db: testDb(), provider, now: Date.now(), logger });

let keySeq = 0;
const newKey = () => `test:${Date.now()}:${++keySeq}`;

async function codeOf(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(AppError);
	return (error as AppError).code;
}

describe("issueRefund", () => {
	it("refunds once for the same idempotency key: one row, one provider call", async () => {
		const { order } = await paidOrder();
		const { provider, counter } = countingProvider();
		const input: RefundInput = {
			orderId: order.id,
			amountMinor: 1_000,
			reason: "goodwill",
			idempotencyKey: newKey(),
		};
		const first = await issueRefund(deps(provider), input);
		expect(first.created).toBe(true);
		expect(first.refund).toMatchObject({ status: "succeeded", amountMinor: 1_000, currency: order.currency });
		expect(first.refund.providerRefundId).toMatch(/^lre_/);
		const second = await issueRefund(deps(provider), input);
		expect(second).toEqual({ refund: first.refund, created: false });
		expect(counter.refunds).toBe(1);
		expect(await refundsOf(order.id)).toHaveLength(1);
		expect((await orderById(order.id)).refundedMinor).toBe(1_000);
	});

	it("refunds once when the same key is asked many times at once", async () => {
		const { order } = await paidOrder();
		const { provider, counter } = countingProvider();
		const input: RefundInput = {
			orderId: order.id,
			amountMinor: 500,
			reason: "return",
			idempotencyKey: newKey(),
		};
		const outcomes = await Promise.all(Array.from({ length: 8 }, () => issueRefund(deps(provider), input)));
		expect(outcomes.filter((o) => o.created)).toHaveLength(1);
		expect(new Set(outcomes.map((o) => o.refund.id)).size).toBe(1);
		expect(counter.refunds).toBe(1);
		expect(await refundsOf(order.id)).toHaveLength(1);
	});

	it("never refunds more than was paid, less earlier refunds", async () => {
		const { order } = await paidOrder();
		const { provider } = countingProvider();
		const refund = (amountMinor: number) =>
			issueRefund(deps(provider), {
				orderId: order.id,
				amountMinor,
				reason: "goodwill",
				idempotencyKey: newKey(),
			});
		expect(await codeOf(refund(order.paidMinor + 1))).toBe("conflict");
		await refund(order.paidMinor - 100);
		expect(await codeOf(refund(101))).toBe("conflict");
		await refund(100);
		expect(await codeOf(refund(1))).toBe("conflict");
		const after = await orderById(order.id);
		expect(after.refundedMinor).toBe(order.paidMinor);
		expect((await refundsOf(order.id)).reduce((sum, r) => sum + r.amountMinor, 0)).toBe(order.paidMinor);
	});

	it("lets only one of two concurrent refunds through when both would exceed what was paid", async () => {
		const { order } = await paidOrder();
		const { provider, counter } = countingProvider();
		const share = Math.ceil(order.paidMinor * 0.6);
		const results = await Promise.allSettled(
			[newKey(), newKey()].map((idempotencyKey) =>
				issueRefund(deps(provider), {
					orderId: order.id,
					amountMinor: share,
					reason: "return",
					idempotencyKey,
				}),
			),
		);
		expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
		const rejected = results.find((r) => r.status === "rejected");
		expect(rejected?.status === "rejected" && (rejected.reason as AppError).code).toBe("conflict");
		expect(counter.refunds).toBe(1);
		const after = await orderById(order.id);
		expect(after.refundedMinor).toBe(share);
		expect(await refundsOf(order.id)).toHaveLength(1);
	});

	it("the reservation batch itself refuses an over-refund, whatever the caller checked before", async () => {
		const { order } = await paidOrder();
		const row = {
			id: `rf_batch_${keySeq}`,
			orderId: order.id,
			returnId: null,
			amountMinor: order.paidMinor + 1,
			currency: order.currency,
			reason: "goodwill" as const,
			idempotencyKey: newKey(),
			status: "pending" as const,
			providerRefundId: null,
			createdAt: Date.now(),
			updatedAt: Date.now(),
		};
		const [, reserved] = await runBatch(testDb(), [
			insertRefundIfRoomStatement(testDb(), row),
			reserveRefundStatement(testDb(), row, Date.now()),
		]);
		expect(reserved).toEqual([]);
		expect(await refundsOf(order.id)).toEqual([]);
		expect((await orderById(order.id)).refundedMinor).toBe(0);
	});

	it("refuses an order that captured nothing, and amounts that are not a positive whole number", async () => {
		const placed = await placeOrder();
		const unpaid = await orderOf(placed);
		const { provider, counter } = countingProvider();
		const refund = (orderId: string, amountMinor: number) =>
			issueRefund(deps(provider), { orderId, amountMinor, reason: "goodwill", idempotencyKey: newKey() });
		expect(await codeOf(refund(unpaid.id, 100))).toBe("invalid_state");
		expect(await codeOf(refund("no-such-order", 100))).toBe("not_found");
		const { order } = await paidOrder();
		for (const amount of [0, -5, 1.5, Number.NaN])
			expect(await codeOf(refund(order.id, amount))).toBe("bad_request");
		expect(counter.refunds).toBe(0);
		expect(await refundsOf(unpaid.id)).toEqual([]);
		expect(await refundsOf(order.id)).toEqual([]);
	});

	it("refuses the same key for a different refund", async () => {
		const { order } = await paidOrder();
		const { provider } = countingProvider();
		const idempotencyKey = newKey();
		await issueRefund(deps(provider), {
			orderId: order.id,
			amountMinor: 300,
			reason: "goodwill",
			idempotencyKey,
		});
		expect(
			await codeOf(
				issueRefund(deps(provider), {
					orderId: order.id,
					amountMinor: 400,
					reason: "goodwill",
					idempotencyKey,
				}),
			),
		).toBe("conflict");
	});

	it("marks the refund failed and releases its amount when the provider fails; the same key retries", async () => {
		const { order } = await paidOrder();
		const { provider, counter } = countingProvider(1);
		const input: RefundInput = {
			orderId: order.id,
			amountMinor: order.paidMinor,
			reason: "return",
			idempotencyKey: newKey(),
		};
		expect(await codeOf(issueRefund(deps(provider), input))).toBe("payment_unavailable");
		const failed = await refundsOf(order.id);
		expect(failed.map((r) => r.status)).toEqual(["failed"]);
		expect((await orderById(order.id)).refundedMinor).toBe(0);

		const retried = await issueRefund(deps(provider), input);
		expect(retried.created).toBe(true);
		expect(retried.refund.status).toBe("succeeded");
		expect(retried.refund.idempotencyKey).toBe(input.idempotencyKey);
		expect(await issueRefund(deps(provider), input)).toMatchObject({
			created: false,
			refund: { id: retried.refund.id },
		});
		expect(counter.refunds).toBe(2);
		expect((await orderById(order.id)).refundedMinor).toBe(order.paidMinor);
	});

	it("refuses to refund through a provider the order was not paid with", async () => {
		const { order } = await paidOrder();
		const { provider, counter } = countingProvider();
		const stripeNamed: PaymentProvider = { ...provider, name: "stripe" };
		expect(
			await codeOf(
				issueRefund(deps(stripeNamed), {
					orderId: order.id,
					amountMinor: 100,
					reason: "goodwill",
					idempotencyKey: newKey(),
				}),
			),
		).toBe("invalid_state");
		expect(counter.refunds).toBe(0);
	});
});
