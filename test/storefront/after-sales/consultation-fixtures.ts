// Fixtures for the consultation tests: orders placed through the API (a guest's, a customer's),
// staff requests, and probes of what the vault recorded (support cases, order mails, audit).
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { StaffRole } from "../../../workers/shared/vault-contract";
import { staffToken } from "../analytics/helpers";
import { registeredCustomer } from "../fixtures/accounts";
import { placeOrder } from "../fixtures/checkout-flow";
import { BASE, type CheckoutBody, createVariant, type Shopper, testClientIp } from "../fixtures/commerce";

export const GUEST_EMAIL = "ada@example.com";

export type ThreadBody = {
	consultation: {
		id: string;
		kind: string;
		status: string;
		orderNumber: string | null;
		messageCount: number;
		closedAt: string | null;
		messages?: { id: string; author: string; body: string }[];
	};
};

/** A guest's order (email GUEST_EMAIL), as placed; consultations need no particular status. */
export async function guestOrder(): Promise<{ number: string; orderId: string; subjectId: string }> {
	const { checkout } = await placeOrder();
	return { number: checkout.order.number, ...(await orderIds(checkout.order.number)) };
}

/** A logged-in customer with an order of their own. */
export async function customerWithOrder() {
	const customer = await registeredCustomer();
	const variant = await createVariant({ stock: 10 });
	expect((await customer.shopper.createCart()).status).toBe(201);
	expect((await customer.shopper.addItem(variant.variantId, 1)).status).toBe(200);
	const res = await customer.shopper.json("/api/v1/me/checkout", "POST", {
		shippingMethod: "standard",
		contact: {
			name: "Grace Hopper",
			phone: "+1 415 555 0199",
			address: {
				line1: "2 Market St",
				city: "San Francisco",
				region: "CA",
				postalCode: "94103",
				country: "US",
			},
		},
	});
	expect(res.status).toBe(201);
	const { order } = (await res.json()) as CheckoutBody;
	return { ...customer, order: { number: order.number, ...(await orderIds(order.number)) } };
}

async function orderIds(number: string): Promise<{ orderId: string; subjectId: string }> {
	const row = await env.DB.prepare("select id, subject_id from orders where number = ?")
		.bind(number)
		.first<{ id: string; subject_id: string }>();
	if (!row) throw new Error(`no order ${number}`);
	return { orderId: row.id, subjectId: row.subject_id };
}

export const ask = (shopper: Shopper, body: unknown) =>
	shopper.json("/api/v1/me/consultations", "POST", body);

/** A guest's question, from a client address of its own unless one is given. */
export function guestAsk(body: unknown, ip = testClientIp()): Promise<Response> {
	return exports.default.fetch(`${BASE}/api/v1/consultations`, {
		method: "POST",
		headers: { "content-type": "application/json", origin: BASE, "CF-Connecting-IP": ip },
		body: JSON.stringify(body),
	});
}

const tokens = new Map<StaffRole, string>();

/** A staff request with the role's token (one staff member per role per file). */
export async function asStaff(role: StaffRole, path: string, body?: unknown): Promise<Response> {
	let token = tokens.get(role);
	if (!token) {
		token = await staffToken({ role });
		tokens.set(role, token);
	}
	const headers: Record<string, string> = {
		"Cf-Access-Jwt-Assertion": token,
		"CF-Connecting-IP": testClientIp(),
	};
	if (body !== undefined) headers["content-type"] = "application/json";
	return exports.default.fetch(`${BASE}${path}`, {
		method: body === undefined ? "GET" : "POST",
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

/** Support asking the vault for an order's contact email, through the staff API. */
export function supportOpensContact(orderNumber: string): Promise<Response> {
	return asStaff("support", `/api/v1/staff/orders/${orderNumber}/contact?purpose=support&fields=email`);
}

/** The vault's support case of a thread: open, closed, or none. */
export async function caseState(id: string): Promise<"open" | "closed" | "none"> {
	const row = await env.VAULT_DB.prepare("select closed_at from support_cases where id = ?")
		.bind(id)
		.first<{ closed_at: number | null }>();
	if (!row) return "none";
	return row.closed_at === null ? "open" : "closed";
}

export async function caseOrderOf(id: string): Promise<string | null> {
	const row = await env.VAULT_DB.prepare("select order_id from support_cases where id = ?")
		.bind(id)
		.first<{ order_id: string }>();
	return row?.order_id ?? null;
}

/** The consultation_reply mails the vault recorded for a thread: their event keys (message ids). */
export async function replyMails(threadId: string): Promise<string[]> {
	const rows = await env.VAULT_DB.prepare(
		"select event_key from order_mail where order_id = ? and kind = 'consultation_reply' order by event_key",
	)
		.bind(threadId)
		.all<{ event_key: string }>();
	return rows.results.map((row) => row.event_key);
}

export async function threadRow(id: string) {
	const row = await env.DB.prepare("select * from consultations where id = ?").bind(id).first<{
		id: string;
		status: string;
		customer_id: string | null;
		order_id: string | null;
		subject_id: string;
		reply_email_ct: string | null;
	}>();
	if (!row) throw new Error(`no consultation ${id}`);
	return row;
}

export async function messageRows(threadId: string) {
	return (
		await env.DB.prepare(
			"select * from consultation_messages where consultation_id = ? order by created_at, id",
		)
			.bind(threadId)
			.all<{ id: string; author: string; staff_id: string | null; body_ct: string }>()
	).results;
}

export async function lastAudit(): Promise<{
	action: string;
	outcome: string;
	reason: string | null;
	purpose: string | null;
	fields: string;
}> {
	const row = await env.VAULT_DB.prepare("select * from audit_log order by seq desc limit 1").first<{
		action: string;
		outcome: string;
		reason: string | null;
		purpose: string | null;
		fields: string;
	}>();
	if (!row) throw new Error("empty audit log");
	return row;
}

export async function consultationCount(): Promise<number> {
	return (await env.DB.prepare("select count(*) as n from consultations").first<{ n: number }>())?.n ?? 0;
}
