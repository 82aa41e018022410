// Abandoned payments: a `placed` order whose reservation has run out is cancelled and its stock
// put back on sale, but only once its provider confirms that no payment can arrive (the session
// is expired). A session the provider reports paid settles the order as paid; one processing a
// delayed payment keeps it (asked again a day later); a provider out of reach leaves it for the
// next run. Each cancellation is its own batch, conditional on the order still being `placed`,
// so a payment webhook racing the cron wins or loses cleanly.
import { runBatch } from "../../shared/d1-batch";
import { createLogger, type Logger } from "../../shared/logger";
import { cancelPlacedOrderStatements, type OrderRow } from "../db/orders";
import { listLapsedUnpaidOrders, markPaymentPendingStatement } from "../db/payments";
import type { Db } from "../env";
import { AppError } from "../errors";
import { createLocalProvider } from "../payments/local";
import type { PaymentProvider, PaymentProviderName, SessionSettlement } from "../payments/provider";
import { type PaymentDeps, settlePaymentEvent } from "../payments/settle-payment";
import type { OrderMailDeps } from "./order-mail";

const ORDERS_PER_RUN = 200;
/** Time after a reservation ends for a payment completed at the last moment to reach our webhook. */
export const PAYMENT_GRACE_MS = 10 * 60_000;

export type PaymentProviders = Partial<Record<PaymentProviderName, PaymentProvider>>;

export type ReleaseOptions = {
	/**
	 * The provider of each order's session, by name. Without it, only the local stand-in's
	 * sessions are settled (they live in this database); others wait, logged.
	 */
	providers?: PaymentProviders;
	logger?: Logger;
	/** Mails for orders found paid; null or absent: none. */
	mail?: OrderMailDeps | null;
	limit?: number;
};

export type ReleaseReport = {
	/** Cancelled, stock back on sale. */
	released: number;
	/** Found paid at the provider and settled as paid (or refunded, when their stock was gone). */
	paid: number;
	/** A delayed payment is processing: kept. */
	pending: number;
	/** Not decided this run (provider out of reach, session still open): asked again next run. */
	deferred: number;
};

type Decision = keyof ReleaseReport;

async function cancel(db: Db, order: OrderRow, now: number): Promise<Decision> {
	const results = await runBatch(db, [
		...cancelPlacedOrderStatements(db, order.id, "reservation_expired", now),
	]);
	return ((results.at(-1) as { id: string }[] | undefined) ?? []).length > 0 ? "released" : "deferred";
}

async function settle(
	deps: PaymentDeps,
	order: OrderRow,
	sessionId: string,
	settlement: SessionSettlement,
): Promise<Decision> {
	switch (settlement.state) {
		case "expired":
			return cancel(deps.db, order, deps.now);
		case "paid": {
			// The payment's webhook has not arrived (or not yet): apply what the provider says, as
			// its own event, once; the webhook that follows finds the order paid.
			await settlePaymentEvent(deps, {
				eventId: `settled:${sessionId}`,
				sessionId,
				orderNumber: order.number,
				outcome: "paid",
				amountMinor: settlement.amountMinor,
				currency: settlement.currency,
				paymentReference: settlement.paymentReference,
			});
			return "paid";
		}
		case "processing":
			await markPaymentPendingStatement(deps.db, order.id, deps.now);
			return "pending";
		case "open":
			return "deferred";
	}
}

export async function releaseExpiredReservations(
	db: Db,
	now: number,
	options: ReleaseOptions = {},
): Promise<ReleaseReport> {
	const logger = options.logger ?? createLogger({ job: "release-expired" });
	// Settling a local session reads and writes only this database.
	const providers = options.providers ?? {
		local: createLocalProvider({ db, webhookSecret: "", origin: "" }),
	};
	const report: ReleaseReport = { released: 0, paid: 0, pending: 0, deferred: 0 };
	const lapsed = await listLapsedUnpaidOrders(
		db,
		now - PAYMENT_GRACE_MS,
		now,
		options.limit ?? ORDERS_PER_RUN,
	);
	for (const order of lapsed) {
		const provider = providers[order.paymentProvider as PaymentProviderName];
		if (!order.paymentSessionId) {
			// No session was ever opened (checkout stopped before it): nothing can be paid.
			report[await cancel(db, order, now)]++;
			continue;
		}
		if (!provider) {
			logger.warn("no provider to settle the order's session", { orderId: order.id });
			report.deferred++;
			continue;
		}
		const deps: PaymentDeps = { db, provider, now, logger, mail: options.mail ?? null };
		try {
			const settlement = await provider.expireSession(order.paymentSessionId);
			report[await settle(deps, order, order.paymentSessionId, settlement)]++;
		} catch (err) {
			// Not the database: the provider out of reach, or its answer not matching the order.
			if (!(err instanceof AppError)) throw err;
			logger.warn("order left for the next run", { orderId: order.id, code: err.code });
			report.deferred++;
		}
	}
	return report;
}
