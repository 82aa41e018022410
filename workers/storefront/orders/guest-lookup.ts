// Guests find their order with its number and their email (DESIGN P3, P12). Nothing is decrypted:
// the vault computes the email's blind index and it is compared with the order's, in constant
// time. Every miss (unknown number, wrong email, malformed number) gets the same 404, after the
// same work, so the answer reveals nothing.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { constantTimeEqual } from "../../shared/constant-time";
import { withinClientLimit } from "../analytics/rate-limit";
import { normalizeOrderNumber, ORDER_NUMBER_PATTERN } from "../checkout/order-number";
import { getOrderByNumber, getOrderContact, listOrderLines, type OrderRow } from "../db/orders";
import type { AppEnv, Db } from "../env";
import { AppError } from "../errors";
import { pseudonym } from "../pseudonym";
import { fromVault, type VaultClient } from "../vault-client";
import { buildOrderSummary, type OrderSummary } from "./order-view";

export const OrderLookupSchema = z
	.object({
		orderNumber: z.string().min(1).max(40).openapi({ example: "LW-7K2M-9QXA-4TPB" }),
		email: z.string().min(1).max(254).openapi({ description: "Email address for the order confirmation" }),
	})
	.strict()
	.openapi("OrderLookupRequest");

/**
 * At most a few lookups a minute for one order number, whoever asks: an order number alone must
 * not let anyone try emails until one fits. The limiter sees a pseudonym, not the number.
 */
export async function limitLookupsOfOrder(c: Context<AppEnv>, orderNumber: string): Promise<void> {
	const key = await pseudonym(c.env.SESSION_KEY, "order-lookup", normalizeOrderNumber(orderNumber));
	const { success } = await c.env.ORDER_LOOKUP_LIMITER.limit({ key });
	if (!success) throw new AppError("rate_limited", "Too many lookups for this order; try again in a minute");
	// ...and a few a minute per client, so random order numbers cannot spend everyone's lookups.
	// Cloudflare always sets the client's address; without it (local tools) there is no client to
	// tell apart, and one shared bucket would only turn this into a global limit.
	if (!c.req.header("CF-Connecting-IP")) return;
	if (!(await withinClientLimit(c.env.ORDER_LOOKUP_CLIENT_LIMITER, c))) {
		throw new AppError("rate_limited", "Too many lookups; try again in a minute");
	}
}

const notFound = () => new AppError("not_found", "No order matches that number and email");

// Compared against when the order does not exist, so a miss costs what a near-hit costs.
const NO_ORDER_BIDX = "-".repeat(43);

/**
 * The order a guest proved with its number and email: the email's blind index against the
 * order's, in constant time. Every miss is the same 404. Guest lookups, returns and questions
 * about an order all prove it this one way.
 */
export async function findGuestOrder(
	db: Db,
	vault: Pick<VaultClient, "blindIndex">,
	orderNumber: string,
	email: string,
): Promise<OrderRow> {
	const number = normalizeOrderNumber(orderNumber);
	const [order, { value: emailBidx }] = await Promise.all([
		ORDER_NUMBER_PATTERN.test(number) ? getOrderByNumber(db, number) : null,
		fromVault(vault.blindIndex({ kind: "email", value: email })),
	]);
	const contact = order ? await getOrderContact(db, order.id) : null;
	const matches = await constantTimeEqual(contact?.emailBidx ?? NO_ORDER_BIDX, emailBidx);
	if (!order || !contact || !matches) throw notFound();
	return order;
}

/** The account's own order by number; another's answers 404, as one that does not exist. */
export async function findAccountOrder(db: Db, accountId: string, orderNumber: string): Promise<OrderRow> {
	const number = normalizeOrderNumber(orderNumber);
	const order = ORDER_NUMBER_PATTERN.test(number) ? await getOrderByNumber(db, number) : null;
	if (!order || order.customerId !== accountId) throw new AppError("not_found", "Order not found");
	return order;
}

export async function lookupGuestOrder(
	db: Db,
	vault: Pick<VaultClient, "blindIndex">,
	orderNumber: string,
	email: string,
): Promise<OrderSummary> {
	const order = await findGuestOrder(db, vault, orderNumber, email);
	return buildOrderSummary(order, await listOrderLines(db, order.id));
}
