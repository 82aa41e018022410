// Guests find their order with its number and their email (DESIGN P12). The email is compared
// after decrypting, in constant time, and every miss (unknown number, wrong email, malformed
// number, shredded key) gets the same 404 so the answer reveals nothing.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { normalizeOrderNumber, ORDER_NUMBER_PATTERN } from "../checkout/order-number";
import { getOrderByNumber, getOrderContactWithKey, listOrderLines } from "../db/orders";
import type { AppEnv, Db } from "../env";
import { AppError } from "../errors";
import { pseudonym } from "../pseudonym";
import { utf8 } from "../vault/base64url";
import type { Vault } from "../vault/vault";
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
}

const notFound = () => new AppError("not_found", "No order matches that number and email");

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Equality without an early exit: both sides are hashed to equal length first. */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
	const [ha, hb] = await Promise.all([
		crypto.subtle.digest("SHA-256", utf8(a)),
		crypto.subtle.digest("SHA-256", utf8(b)),
	]);
	const x = new Uint8Array(ha);
	const y = new Uint8Array(hb);
	let diff = 0;
	for (let i = 0; i < x.length; i++) diff |= (x[i] as number) ^ (y[i] as number);
	return diff === 0;
}

export async function lookupGuestOrder(
	db: Db,
	vault: Vault,
	orderNumber: string,
	email: string,
): Promise<OrderSummary> {
	const number = normalizeOrderNumber(orderNumber);
	const order = ORDER_NUMBER_PATTERN.test(number) ? await getOrderByNumber(db, number) : null;
	const found = order ? await getOrderContactWithKey(db, order.id) : null;
	if (!order || !found) throw notFound();
	const subject = await vault.openSubject(found.subjectKey);
	const stored = await vault.openFields(subject, "order_contacts", order.id, {
		email: found.contact.emailCt,
	});
	if (!(await constantTimeEqual(normalizeEmail(stored.email), normalizeEmail(email)))) throw notFound();
	return buildOrderSummary(order, await listOrderLines(db, order.id));
}
