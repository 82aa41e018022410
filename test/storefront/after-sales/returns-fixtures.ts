// Fixtures for the returns tests: delivered orders (placed through the API, then paid and
// delivered by writing the rows directly, as fulfilment and the payment lifecycle are other
// parts' APIs), staff requests, and probes of what the vault recorded.
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { StaffRole } from "../../../workers/shared/vault-contract";
import { staffToken } from "../analytics/helpers";
import { registeredCustomer } from "../fixtures/accounts";
import { placeOrder } from "../fixtures/checkout-flow";
import {
	BASE,
	type CheckoutBody,
	createVariant,
	type FixtureVariant,
	Shopper,
	testClientIp,
} from "../fixtures/commerce";

export const DAY = 24 * 60 * 60_000;
export const GUEST_EMAIL = "ada@example.com";
export const CONTACT = {
	name: "Ada Lovelace",
	phone: "+1 415 555 0100",
	address: { line1: "1 Market St", city: "San Francisco", region: "CA", postalCode: "94103", country: "US" },
};

/** 00:00 UTC of the day `now` falls on. */
export function startOfUtcDay(now = Date.now()): number {
	return Math.floor(now / DAY) * DAY;
}

/** A delivery time such that today is day `days` after it (delivered at 01:00 UTC of that day). */
export function deliveredDaysAgo(days: number): number {
	return startOfUtcDay() - days * DAY + 60 * 60_000;
}

export type DeliveredOrder = {
	number: string;
	orderId: string;
	totalMinor: number;
	subtotalMinor: number;
	variant: FixtureVariant;
	quantity: number;
	shopper: Shopper;
};

/**
 * Pays the order through the local stand-in's session (marked complete, so the local provider
 * can refund it) and delivers it `deliveredAt`.
 */
export async function payAndDeliver(checkout: CheckoutBody, deliveredAt: number): Promise<string> {
	const sessionId = checkout.paymentUrl.split("/").pop() ?? "";
	const order = await env.DB.prepare("select id, total_minor from orders where number = ?")
		.bind(checkout.order.number)
		.first<{ id: string; total_minor: number }>();
	if (!order) throw new Error("no such order");
	await env.DB.batch([
		env.DB.prepare("update local_payment_sessions set status = 'complete' where id = ?").bind(sessionId),
		env.DB.prepare(
			`update orders set status = 'delivered', paid_at = ?1, paid_minor = total_minor, payment_reference = ?2,
				packed_at = ?1, shipped_at = ?1, delivered_at = ?3, updated_at = ?3 where id = ?4`,
		).bind(deliveredAt - DAY, sessionId, deliveredAt, order.id),
	]);
	return order.id;
}

/** A guest's order of `quantity` of a new variant, paid and delivered `deliveredAt`. */
export async function deliveredGuestOrder(
	options: {
		quantity?: number;
		deliveredAt?: number;
		priceMinor?: number;
		/** Another destination than California: the order is in its market's currency (issue #13). */
		address?: Record<string, string>;
	} = {},
): Promise<DeliveredOrder> {
	const quantity = options.quantity ?? 2;
	const variant = await createVariant({ stock: 10, priceMinor: options.priceMinor ?? 5_000 });
	const body = options.address ? { address: options.address } : undefined;
	const placed = await placeOrder({ variant, quantity, ...(body ? { body } : {}) });
	const orderId = await payAndDeliver(placed.checkout, options.deliveredAt ?? deliveredDaysAgo(3));
	return {
		number: placed.checkout.order.number,
		orderId,
		totalMinor: placed.checkout.order.totalMinor,
		subtotalMinor: placed.checkout.order.subtotalMinor,
		variant,
		quantity,
		shopper: placed.shopper,
	};
}

/** A customer with an order of their own, paid and delivered. */
export async function customerWithDeliveredOrder(options: { quantity?: number; deliveredAt?: number } = {}) {
	const customer = await registeredCustomer();
	const quantity = options.quantity ?? 2;
	const variant = await createVariant({ stock: 10, priceMinor: 5_000 });
	const browser = customer.shopper;
	expect((await browser.createCart()).status).toBe(201);
	expect((await browser.addItem(variant.variantId, quantity)).status).toBe(200);
	const res = await browser.json("/api/v1/me/checkout", "POST", {
		shippingMethod: "standard",
		contact: CONTACT,
	});
	expect(res.status).toBe(201);
	const checkout = (await res.json()) as CheckoutBody;
	const orderId = await payAndDeliver(checkout, options.deliveredAt ?? deliveredDaysAgo(3));
	const order: DeliveredOrder = {
		number: checkout.order.number,
		orderId,
		totalMinor: checkout.order.totalMinor,
		subtotalMinor: checkout.order.subtotalMinor,
		variant,
		quantity,
		shopper: browser,
	};
	return { ...customer, order };
}

export function returnBody(order: DeliveredOrder, overrides: Record<string, unknown> = {}) {
	return {
		reason: "damaged",
		details: "The fringe came apart in the first wash.",
		lines: [{ variantId: order.variant.variantId, quantity: 1 }],
		...overrides,
	};
}

export function guestReturnBody(order: DeliveredOrder, overrides: Record<string, unknown> = {}) {
	return { orderNumber: order.number, email: GUEST_EMAIL, ...returnBody(order), ...overrides };
}

export type ReturnBody = {
	return: {
		number: string;
		orderNumber: string;
		status: string;
		reason: string;
		rejection: string | null;
		refundMinor: number | null;
		refundedMinor: number;
		currency: string;
		lines: { variantId: number; quantity: number; unitPriceMinor: number }[];
		details?: string | null;
	};
};

/** A guest (a fresh browser) asking for a return. */
export async function guestRequest(body: unknown): Promise<Response> {
	return new Shopper().json("/api/v1/returns", "POST", body);
}

const tokens = new Map<StaffRole, Promise<string>>();

/** One staff member per role for the file (their tokens last 10 minutes). */
export function tokenFor(role: StaffRole): Promise<string> {
	let token = tokens.get(role);
	if (!token) {
		token = staffToken({ role });
		tokens.set(role, token);
	}
	return token;
}

/** A staff request, from its own client address, with the role's token. */
export async function asStaff(role: StaffRole, path: string, body?: unknown): Promise<Response> {
	const headers: Record<string, string> = {
		"Cf-Access-Jwt-Assertion": await tokenFor(role),
		"CF-Connecting-IP": testClientIp(),
	};
	if (body !== undefined) headers["content-type"] = "application/json";
	return exports.default.fetch(`${BASE}${path}`, {
		method: body === undefined ? "GET" : "POST",
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

export const staffPost = (role: StaffRole, number: string, action: string, body: unknown = {}) =>
	asStaff(role, `/api/v1/staff/returns/${number}/${action}`, body);

/** The return_update mails the vault recorded for an order, as `<status>` of each event key. */
export async function returnMails(orderId: string): Promise<string[]> {
	const rows = await env.VAULT_DB.prepare(
		"select event_key from order_mail where order_id = ? and kind = 'return_update' order by event_key",
	)
		.bind(orderId)
		.all<{ event_key: string }>();
	return rows.results.map((row) => row.event_key.split(":").pop() ?? "").sort();
}

/** The vault's support case of a return: open, closed, or none. */
export async function caseState(returnId: string): Promise<"open" | "closed" | "none"> {
	const row = await env.VAULT_DB.prepare("select closed_at from support_cases where id = ?")
		.bind(returnId)
		.first<{ closed_at: number | null }>();
	if (!row) return "none";
	return row.closed_at === null ? "open" : "closed";
}

export async function returnRow(number: string) {
	const row = await env.DB.prepare("select * from returns where number = ?").bind(number).first<{
		id: string;
		status: string;
		details_ct: string | null;
		order_id: string;
		refund_minor: number | null;
	}>();
	if (!row) throw new Error(`no return ${number}`);
	return row;
}

export async function refundsOf(orderId: string) {
	return (
		await env.DB.prepare("select amount_minor, status, idempotency_key from refunds where order_id = ?")
			.bind(orderId)
			.all<{ amount_minor: number; status: string; idempotency_key: string }>()
	).results;
}

export async function refundedMinorOf(orderId: string): Promise<number> {
	const row = await env.DB.prepare("select refunded_minor from orders where id = ?")
		.bind(orderId)
		.first<{ refunded_minor: number }>();
	return row?.refunded_minor ?? -1;
}
