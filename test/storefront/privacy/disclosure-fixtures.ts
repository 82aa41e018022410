// Fixtures for the lawful-disclosure tests: a delivered guest order with a return and a question
// about it (through the API), staff members of their own, and probes of the vault's records.
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { StaffRole } from "../../../workers/shared/vault-contract";
import {
	deliveredGuestOrder,
	GUEST_EMAIL,
	guestRequest,
	guestReturnBody,
} from "../after-sales/returns-fixtures";
import { staffMember, staffToken } from "../analytics/helpers";
import { BASE, testClientIp } from "../fixtures/commerce";

export const RETURN_TEXT = "The fringe unravelled after one wash; photos on request.";
export const QUESTION = "Can the replacement go to my sister instead?";

/** A guest's delivered order with one return and one after-sales question, both sealed under its subject. */
export async function orderWithCases() {
	const order = await deliveredGuestOrder();
	const returned = await guestRequest(guestReturnBody(order, { details: RETURN_TEXT }));
	expect(returned.status).toBe(201);
	const asked = await exports.default.fetch(`${BASE}/api/v1/consultations`, {
		method: "POST",
		headers: { "content-type": "application/json", origin: BASE, "CF-Connecting-IP": testClientIp() },
		body: JSON.stringify({
			kind: "after_sales",
			orderNumber: order.number,
			email: GUEST_EMAIL,
			message: QUESTION,
		}),
	});
	expect(asked.status).toBe(201);
	return order;
}

export type StaffClient = {
	id: string;
	role: StaffRole;
	call(method: "GET" | "POST", path: string, body?: unknown): Promise<Response>;
};

/** A new staff member of `role`, calling the staff API with their own Access token. */
export async function staff(role: StaffRole): Promise<StaffClient> {
	const member = await staffMember(role);
	const token = await staffToken({ email: member.email });
	return {
		id: member.id,
		role,
		call: (method, path, body) => {
			const headers: Record<string, string> = {
				"Cf-Access-Jwt-Assertion": token,
				"CF-Connecting-IP": testClientIp(),
			};
			if (body !== undefined) headers["content-type"] = "application/json";
			return exports.default.fetch(`${BASE}${path}`, {
				method,
				headers,
				body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
			});
		},
	};
}

export type AuditEntry = {
	action: string;
	outcome: string;
	reason: string | null;
	actor_id: string;
	purpose: string | null;
};

export async function auditHead(): Promise<number> {
	const row = await env.VAULT_DB.prepare("select coalesce(max(seq), 0) as n from audit_log").first<{
		n: number;
	}>();
	return row?.n ?? 0;
}

export async function auditAfter(seq: number): Promise<AuditEntry[]> {
	const { results } = await env.VAULT_DB.prepare(
		"select action, outcome, reason, actor_id, purpose from audit_log where seq > ? order by seq",
	)
		.bind(seq)
		.all<AuditEntry>();
	return results;
}

export async function disclosureCount(): Promise<number> {
	const row = await env.VAULT_DB.prepare("select count(*) as n from disclosures").first<{ n: number }>();
	return row?.n ?? 0;
}

export async function disclosureStatus(id: string): Promise<string | undefined> {
	const row = await env.VAULT_DB.prepare("select status from disclosures where id = ?")
		.bind(id)
		.first<{ status: string }>();
	return row?.status;
}
