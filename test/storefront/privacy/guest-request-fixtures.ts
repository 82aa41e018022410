// Fixtures for the guest privacy-request tests. In workerd the vault's mail goes to wrangler's
// local capture, which a test cannot read, so the "mailbox" is the vault's privacy_requests table:
// a request that mailed a link leaves its row there, and a test that needs to follow a link plants
// a fresh token's row, exactly as the mailed link would let the guest act (the vault's own tests
// read the real mail).
import { env } from "cloudflare:workers";
import { randomBytes, toBase64Url } from "../../../workers/shared/base64url";
import type { PrivacyRequestKind } from "../../../workers/shared/vault-contract";
import { deliveredDaysAgo, payAndDeliver } from "../after-sales/returns-fixtures";
import { eventually } from "../analytics/helpers";
import { placeOrder } from "../fixtures/checkout-flow";
import { createVariant, Shopper } from "../fixtures/commerce";

export const GUEST_EMAIL = "ada@example.com";

export type GuestOrder = { number: string; orderId: string; subjectId: string; shopper: Shopper };

export async function orderIds(number: string): Promise<{ orderId: string; subjectId: string }> {
	const row = await env.DB.prepare("select id, subject_id from orders where number = ?")
		.bind(number)
		.first<{ id: string; subject_id: string }>();
	if (!row) throw new Error(`no order ${number}`);
	return { orderId: row.id, subjectId: row.subject_id };
}

/** A guest's order, placed (not paid) or, with `delivered`, paid and delivered three days ago. */
export async function guestOrder(
	options: { delivered?: boolean; body?: Record<string, unknown> } = {},
): Promise<GuestOrder> {
	const variant = await createVariant({ stock: 10, priceMinor: 5_000 });
	const placed = await placeOrder({ variant, quantity: 2, ...(options.body ? { body: options.body } : {}) });
	if (options.delivered) await payAndDeliver(placed.checkout, deliveredDaysAgo(3));
	return {
		number: placed.checkout.order.number,
		...(await orderIds(placed.checkout.order.number)),
		shopper: placed.shopper,
	};
}

export function askForLink(body: unknown, shopper = new Shopper()): Promise<Response> {
	return shopper.json("/api/v1/privacy-requests", "POST", body);
}

export function confirm(body: unknown): Promise<Response> {
	return new Shopper().json("/api/v1/privacy-requests/confirm", "POST", body);
}

export type RequestRow = { kind: string; status: string; subject_id: string; expires_at: number };

export async function requestRows(orderId: string): Promise<RequestRow[]> {
	const { results } = await env.VAULT_DB.prepare(
		"select kind, status, subject_id, expires_at from privacy_requests where order_id = ? order by created_at",
	)
		.bind(orderId)
		.all<RequestRow>();
	return results;
}

/** Waits for the link the storefront asked for after its answer (the vault's work is deferred). */
export async function linkMailed(orderId: string, count = 1): Promise<RequestRow[]> {
	await eventually(async () => (await requestRows(orderId)).length >= count, "the privacy link");
	return requestRows(orderId);
}

async function hashToken(token: string): Promise<string> {
	return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token))));
}

/** "Reads the mail": a working link of `kind` for the order, as the vault would have sent it. */
export async function mailedLink(
	order: Pick<GuestOrder, "orderId" | "subjectId">,
	kind: PrivacyRequestKind,
	expiresAt = Date.now() + 24 * 60 * 60_000,
): Promise<string> {
	const token = toBase64Url(randomBytes(32));
	await env.VAULT_DB.prepare(
		`insert into privacy_requests (token_hash, kind, order_id, subject_id, status, created_at, expires_at)
			values (?, ?, ?, ?, 'pending', ?, ?)`,
	)
		.bind(await hashToken(token), kind, order.orderId, order.subjectId, Date.now(), expiresAt)
		.run();
	return token;
}

export async function linkStatus(token: string): Promise<string | undefined> {
	const row = await env.VAULT_DB.prepare("select status from privacy_requests where token_hash = ?")
		.bind(await hashToken(token))
		.first<{ status: string }>();
	return row?.status;
}

/**
 * The answer's headers less what differs for every answer whatever was asked: the request id
 * (random) and the value of the D1 session bookmark cookie (the database's position).
 */
export function stableHeaders(res: Response): [string, string][] {
	return [...res.headers]
		.filter(([name]) => name.toLowerCase() !== "x-request-id")
		.map(([name, value]) => [name, value.replace(/(__Host-lw_bm=)[^;]*/, "$1<bookmark>")]);
}
