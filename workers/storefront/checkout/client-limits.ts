// What one client may hold (issue #12, "stock held hostage"): a client that creates carts and
// checks them out without paying could otherwise reserve every rug. Carts and checkouts are
// rate limited per client, and a client holds at most MAX_UNPAID_ORDERS unpaid orders at once.
// The client is a daily pseudonym of its address (never the address); for the holds it is stored,
// under its own purpose, only while the order is unpaid.
import { and, count, eq, notInArray } from "drizzle-orm";
import type { Context } from "hono";
import type { Statement } from "../../shared/d1-batch";
import { clientAddress, dailyPseudonym, withinClientLimit } from "../analytics/rate-limit";
import { checkoutHolds, orders } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { AppError } from "../errors";

export const MAX_UNPAID_ORDERS = 3;

export async function limitCartCreation(c: Context<AppEnv>): Promise<void> {
	if (!(await withinClientLimit(c.env.CART_CREATE_LIMITER, c))) {
		throw new AppError("rate_limited", "Too many new carts; try again in a minute");
	}
}

/** The client's pseudonym for its holds: rate limited, and refused at MAX_UNPAID_ORDERS. */
export async function admitCheckout(c: Context<AppEnv>): Promise<string> {
	if (!(await withinClientLimit(c.env.CHECKOUT_LIMITER, c))) {
		throw new AppError("rate_limited", "Too many checkouts; try again in a minute");
	}
	const clientKey = await dailyPseudonym(c.env.SESSION_KEY, "checkout-holds", clientAddress(c), Date.now());
	if ((await countUnpaidHolds(c.var.db, clientKey)) >= MAX_UNPAID_ORDERS) {
		throw new AppError(
			"rate_limited",
			`You have ${MAX_UNPAID_ORDERS} unpaid orders; pay for one or let it lapse before placing another`,
		);
	}
	return clientKey;
}

export async function countUnpaidHolds(db: Db, clientKey: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(checkoutHolds)
		.innerJoin(orders, eq(orders.id, checkoutHolds.orderId))
		.where(and(eq(checkoutHolds.clientKey, clientKey), eq(orders.status, "placed")));
	return row?.n ?? 0;
}

export function insertHoldStatement(db: Db, orderId: string, clientKey: string, now: number): Statement {
	return db.insert(checkoutHolds).values({ orderId, clientKey, createdAt: now });
}

/** Holds whose order is paid, cancelled or gone: they have no reason to exist (cron). */
export async function deleteSettledHolds(db: Db): Promise<number> {
	const deleted = await db
		.delete(checkoutHolds)
		.where(
			notInArray(
				checkoutHolds.orderId,
				db.select({ id: orders.id }).from(orders).where(eq(orders.status, "placed")),
			),
		)
		.returning({ id: checkoutHolds.orderId });
	return deleted.length;
}
