// A payment outcome and what follows from it: the order's change (apply-payment-event.ts), then
// the shopper's mail and, for money that arrived for an order that stays cancelled, its refund.
// The follow-ups never undo the change: a mail that fails is logged, a refund that fails is
// retried by the cron (retryLateRefunds) with the same idempotency key.
import type { Context } from "hono";
import type { Logger } from "../../shared/logger";
import type { OrderMail } from "../../shared/vault-contract";
import { getOrderContact, listOrderLines, type OrderRow } from "../db/orders";
import { getOrderById } from "../db/payments";
import { getOrderPayment, getRefundByKey, listUnrefundedLatePayments } from "../db/refunds";
import type { Refund } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { AppError } from "../errors";
import { mailLocaleOf, mailOrderContact, type OrderMailDeps } from "../orders/order-mail";
import { paymentProviderFor } from "../request-deps";
import { type AppliedPayment, applyPaymentEvent } from "./apply-payment-event";
import { orderConfirmedMail, paymentFailedMail, paymentLateMail } from "./payment-mails";
import type { PaymentEvent, PaymentProvider } from "./provider";
import { issueRefund } from "./refunds";

export type PaymentDeps = {
	db: Db;
	provider: PaymentProvider;
	now: number;
	logger: Logger;
	/** Null: send no mail (a job without the vault binding). */
	mail: OrderMailDeps | null;
};

/** One refund per late payment of an order, whoever asks (webhook, replay, cron). */
export const latePaymentRefundKey = (orderId: string) => `late_payment:${orderId}`;

/** Mails the order's contact; `event` names what happened, so each mail goes once. */
async function mail(
	deps: PaymentDeps,
	orderId: string,
	event: string,
	build: (order: OrderRow) => OrderMail | Promise<OrderMail>,
): Promise<void> {
	if (!deps.mail) return;
	const [order, contact] = await Promise.all([
		getOrderById(deps.db, orderId),
		getOrderContact(deps.db, orderId),
	]);
	if (!order || !contact) {
		deps.logger.warn("no contact to mail for the order", { orderId });
		return;
	}
	await mailOrderContact(deps.mail, contact, await build(order), event, mailLocaleOf(order));
}

function mailConfirmed(deps: PaymentDeps, orderId: string) {
	return mail(deps, orderId, "paid", async (order) =>
		orderConfirmedMail(order, await listOrderLines(deps.db, orderId)),
	);
}

function mailRefunded(deps: PaymentDeps, refund: Refund) {
	return mail(deps, refund.orderId, "refunded", (order) =>
		paymentLateMail(order, "refunded", refund.amountMinor),
	);
}

/**
 * Refunds what a cancelled order captured, once (same key whoever asks); the shopper is told
 * when the provider accepted it. False when the provider could not refund now.
 */
export async function refundLatePayment(deps: PaymentDeps, orderId: string): Promise<boolean> {
	const key = latePaymentRefundKey(orderId);
	let refund = await getRefundByKey(deps.db, key);
	if (!refund) {
		const order = await getOrderPayment(deps.db, orderId);
		// Only a capture on an order that stays cancelled (never paid in the shop's sense).
		if (order?.status !== "cancelled" || order.paidAt !== null) return true;
		const owed = order.paidMinor - order.refundedMinor;
		if (owed <= 0) return true;
		try {
			refund = (
				await issueRefund(deps, { orderId, amountMinor: owed, reason: "late_payment", idempotencyKey: key })
			).refund;
		} catch (err) {
			if (!(err instanceof AppError)) throw err;
			deps.logger.warn("late payment not refunded yet", { orderId, code: err.code });
			return false;
		}
	}
	await mailRefunded(deps, refund);
	return true;
}

/** Applies a verified payment outcome once, then its follow-ups. */
export async function settlePaymentEvent(deps: PaymentDeps, event: PaymentEvent): Promise<AppliedPayment> {
	const result = await applyPaymentEvent(deps.db, deps.provider.name, event, deps.now, deps.logger);
	switch (result.effect) {
		case "paid":
			await mailConfirmed(deps, result.orderId);
			break;
		case "reinstated":
			await mail(deps, result.orderId, "reinstated", (order) =>
				paymentLateMail(order, "reinstated", order.paidMinor),
			);
			await mailConfirmed(deps, result.orderId);
			break;
		case "captured_on_cancelled":
			await refundLatePayment(deps, result.orderId);
			break;
		case "failed":
			await mail(deps, result.orderId, "session", paymentFailedMail);
			break;
		default:
			break;
	}
	return result;
}

/**
 * The cron's retry of late-payment refunds the provider could not make at the time. Each order
 * is refunded through the provider it paid with; one without its provider here waits.
 */
export async function retryLateRefunds(
	deps: Omit<PaymentDeps, "provider">,
	providers: Partial<Record<PaymentProvider["name"], PaymentProvider>>,
	limit: number,
): Promise<{ refunded: number; waiting: number }> {
	let refunded = 0;
	let waiting = 0;
	for (const order of await listUnrefundedLatePayments(deps.db, limit)) {
		const provider = providers[order.paymentProvider as PaymentProvider["name"]];
		if (provider && (await refundLatePayment({ ...deps, provider }, order.id))) refunded++;
		else waiting++;
	}
	return { refunded, waiting };
}

export function paymentDepsFor(c: Context<AppEnv>): PaymentDeps {
	return {
		db: c.var.db,
		provider: paymentProviderFor(c),
		now: Date.now(),
		logger: c.var.logger,
		mail: { vault: c.env.VAULT, logger: c.var.logger, requestId: c.var.requestId },
	};
}
