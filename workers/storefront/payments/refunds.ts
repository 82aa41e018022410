// Money going back through the provider, used by returns (helper E's RMA flow) and by late
// payments. The row comes first (its amount reserved against what the order paid), the provider
// call second, so a crash in between leaves a pending refund, never an unrecorded one.
import type { Context } from "hono";
import { randomBytes, toBase64Url } from "../../shared/base64url";
import { runBatch, violatedConstraint } from "../../shared/d1-batch";
import type { Logger } from "../../shared/logger";
import {
	failRefundStatements,
	getOrderPayment,
	getRefund,
	getRefundByKey,
	insertRefundIfRoomStatement,
	reserveRefundStatement,
	settleRefundStatement,
} from "../db/refunds";
import type { Refund } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { AppError } from "../errors";
import { paymentProviderFor } from "../request-deps";
import type { PaymentProvider } from "./provider";

export type RefundDeps = { db: Db; provider: PaymentProvider; now: number; logger: Logger };
export type RefundInput = {
	orderId: string;
	amountMinor: number;
	reason: "return" | "late_payment" | "goodwill";
	returnId?: string | null;
	idempotencyKey: string;
};
export type RefundOutcome = { refund: Refund; created: boolean };

/** Printable ASCII: the key travels to Stripe as a header, prefixed. */
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The provider's idempotency key: the caller's, so every retry of one refund is one at Stripe. */
export function providerRefundKey(idempotencyKey: string): string {
	return `loomwash-refund:${idempotencyKey}`;
}

function checkInput(input: RefundInput): void {
	if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) {
		throw new AppError("bad_request", "A refund amount is a positive whole number of minor units");
	}
	if (!IDEMPOTENCY_KEY_PATTERN.test(input.idempotencyKey)) {
		throw new AppError("bad_request", "A refund needs an idempotency key of 1 to 200 printable characters");
	}
}

/** The same key asked again: the refund it made, provided it is the same refund. */
function existingOutcome(refund: Refund, input: RefundInput): RefundOutcome {
	if (refund.orderId !== input.orderId || refund.amountMinor !== input.amountMinor) {
		throw new AppError("conflict", "This idempotency key was used for a different refund");
	}
	return { refund, created: false };
}

/**
 * Same idempotencyKey → the existing refund, created false, no second provider call.
 * AppError("conflict") when amount > paid_minor − refunded_minor (never more than was paid);
 * AppError("invalid_state") when the order has captured nothing;
 * AppError("payment_unavailable") when the provider fails (the refund row marked failed and its
 * amount released, so a retry with the same key can try again).
 */
export async function issueRefund(deps: RefundDeps, input: RefundInput): Promise<RefundOutcome> {
	checkInput(input);
	const { db, now } = deps;
	const existing = await getRefundByKey(db, input.idempotencyKey);
	if (existing) return existingOutcome(existing, input);

	const order = await getOrderPayment(db, input.orderId);
	if (!order) throw new AppError("not_found", "No such order");
	if (order.paidMinor <= 0 || !order.paymentReference) {
		throw new AppError("invalid_state", "This order has captured no payment to refund");
	}
	if (order.paymentProvider !== deps.provider.name) {
		throw new AppError("invalid_state", "This order was paid through another payment provider");
	}
	if (input.amountMinor > order.paidMinor - order.refundedMinor) {
		throw new AppError("conflict", "A refund cannot exceed what the order paid, less its refunds");
	}

	const row: Refund = {
		id: `rf_${toBase64Url(randomBytes(16))}`,
		orderId: order.id,
		returnId: input.returnId ?? null,
		amountMinor: input.amountMinor,
		currency: order.currency,
		reason: input.reason,
		idempotencyKey: input.idempotencyKey,
		status: "pending",
		providerRefundId: null,
		createdAt: now,
		updatedAt: now,
	};
	let reserved: boolean;
	try {
		const results = await runBatch(db, [
			insertRefundIfRoomStatement(db, row),
			reserveRefundStatement(db, row, now),
		]);
		reserved = ((results.at(-1) as { id: string }[] | undefined) ?? []).length > 0;
	} catch (err) {
		// The same key asked twice at once: the other request made the refund.
		if (violatedConstraint(err) !== "unique") throw err;
		const raced = await getRefundByKey(db, input.idempotencyKey);
		if (!raced) throw err;
		return existingOutcome(raced, input);
	}
	// Another refund of the order took the room between the check above and this batch.
	if (!reserved)
		throw new AppError("conflict", "A refund cannot exceed what the order paid, less its refunds");

	let accepted: Awaited<ReturnType<PaymentProvider["refund"]>>;
	try {
		accepted = await deps.provider.refund({
			paymentReference: order.paymentReference,
			amountMinor: row.amountMinor,
			currency: row.currency,
			idempotencyKey: providerRefundKey(row.idempotencyKey),
		});
	} catch (err) {
		await runBatch(db, failRefundStatements(db, row, deps.now));
		deps.logger.warn("refund failed at the provider", {
			refundId: row.id,
			orderId: row.orderId,
			code: err instanceof AppError ? err.code : "error",
		});
		throw new AppError("payment_unavailable", "The payment provider could not refund; try again");
	}
	const [settled] = await settleRefundStatement(db, row.id, accepted.status, accepted.providerRefundId, now);
	deps.logger.info("refund issued", { refundId: row.id, orderId: row.orderId, reason: row.reason });
	return { refund: settled ?? (await getRefund(db, row.id)) ?? row, created: true };
}

export function refundDepsFor<E extends AppEnv>(c: Context<E>): RefundDeps {
	return { db: c.var.db, provider: paymentProviderFor(c), now: Date.now(), logger: c.var.logger };
}
