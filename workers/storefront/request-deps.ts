// Per-request construction of the commerce services from the environment, so routes stay
// one-liners and domain functions take plain arguments that tests can pass directly.
import type { Context } from "hono";
import * as z from "zod";
import type { CheckoutDeps } from "./checkout/place-order";
import type { AppEnv } from "./env";
import { selectPaymentProvider } from "./payments/select-provider";

// At least 30: Stripe Checkout sessions live 30 minutes at the shortest, and a reservation that
// ran out first would let a payment arrive for stock already put back on sale.
const ReservationMinutesSchema = z.coerce
	.number()
	.int()
	.min(30)
	.max(24 * 60);

export function requestOrigin<E extends AppEnv>(c: Context<E>): string {
	return new URL(c.req.url).origin;
}

export function paymentProviderFor<E extends AppEnv>(c: Context<E>) {
	return selectPaymentProvider(c.env, { db: c.var.db, origin: requestOrigin(c) });
}

export function checkoutDepsFor(c: Context<AppEnv>): CheckoutDeps {
	return {
		db: c.var.db,
		vault: c.env.VAULT,
		requestId: c.var.requestId,
		provider: paymentProviderFor(c),
		logger: c.var.logger,
		origin: requestOrigin(c),
		language: c.var.locale.language,
		now: Date.now(),
		reservationMinutes: ReservationMinutesSchema.parse(c.env.RESERVATION_MINUTES),
	};
}
