// Fixtures for the fulfilment and manifest tests: orders placed through the API and then moved to
// the status a test starts from by writing the row (payment is another part's API), staff
// requests, a VAULT binding that records what the storefront asks of it, and probes of what the
// vault recorded (its order_mail and audit_log tables).
import { env } from "cloudflare:workers";
import type { StaffRole } from "../../../workers/shared/vault-contract";
import { fetchWith, staffToken } from "../analytics/helpers";
import { placeOrder } from "../fixtures/checkout-flow";
import { BASE, type CheckoutBody } from "../fixtures/commerce";

export type OrderAt = { number: string; id: string; checkout: CheckoutBody };

/** An order placed with `body` (contact overrides), then put in `status` as the steps before it would. */
export async function orderAt(
	status: "placed" | "paid" | "packed" | "shipped" | "delivered" | "cancelled",
	options: { body?: Record<string, unknown>; packedAt?: number } = {},
): Promise<OrderAt> {
	const { checkout } = await placeOrder({ body: options.body });
	const now = Date.now();
	const stamps = {
		paid_at: status === "placed" ? null : now,
		packed_at: ["packed", "shipped", "delivered"].includes(status) ? (options.packedAt ?? now) : null,
		shipped_at: ["shipped", "delivered"].includes(status) ? now : null,
	};
	const row = await env.DB.prepare(
		`update orders set status = ?1, paid_at = ?2, paid_minor = case when ?2 is null then 0 else total_minor end,
		 packed_at = ?3, shipped_at = ?4 where number = ?5 returning id`,
	)
		.bind(status, stamps.paid_at, stamps.packed_at, stamps.shipped_at, checkout.order.number)
		.first<{ id: string }>();
	if (!row) throw new Error("no such order");
	return { number: checkout.order.number, id: row.id, checkout };
}

export type OrderColumns = {
	status: string;
	packed_at: number | null;
	shipped_at: number | null;
	delivered_at: number | null;
	carrier: string | null;
	tracking_number: string | null;
	updated_at: number;
};

export async function orderColumns(number: string): Promise<OrderColumns> {
	const row = await env.DB.prepare(
		"select status, packed_at, shipped_at, delivered_at, carrier, tracking_number, updated_at from orders where number = ?",
	)
		.bind(number)
		.first<OrderColumns>();
	if (!row) throw new Error("no such order");
	return row;
}

export type VaultCall = { method: string; request: unknown };

/** The real vault binding, with every call the storefront makes recorded in `calls`. */
export function recordingVault(): { vault: Env["VAULT"]; calls: VaultCall[] } {
	const calls: VaultCall[] = [];
	const real = env.VAULT as unknown as Record<string, (request: unknown) => Promise<unknown>>;
	const vault = new Proxy(
		{},
		{
			get(_target, method) {
				if (typeof method !== "string") return undefined;
				return (request: unknown) => {
					calls.push({ method, request });
					return real[method]?.(request);
				};
			},
		},
	) as Env["VAULT"];
	return { vault, calls };
}

export async function asRole(role: StaffRole): Promise<string> {
	return staffToken({ role });
}

/** A staff request through the whole app; `vault` replaces the binding (to record its calls). */
export function staffRequest(
	token: string | null,
	path: string,
	init: { method?: string; body?: unknown; vault?: Env["VAULT"] } = {},
): Promise<Response> {
	// The staff console's own origin, as a browser sends it (a bodiless POST is a form post to csrf()).
	const headers: Record<string, string> = {
		Origin: BASE,
		...(token ? { "Cf-Access-Jwt-Assertion": token } : {}),
	};
	if (init.body !== undefined) headers["Content-Type"] = "application/json";
	return fetchWith(init.vault ? { VAULT: init.vault } : {}, path, {
		method: init.method ?? "GET",
		headers,
		...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
	});
}

export type AuditEntry = {
	seq: number;
	actor_kind: string;
	actor_role: string | null;
	action: string;
	purpose: string | null;
	outcome: string;
	reason: string | null;
	subjects: string;
	fields: string;
	item_count: number;
};

export async function auditHead(): Promise<number> {
	return (
		(await env.VAULT_DB.prepare("select coalesce(max(seq), 0) as n from audit_log").first<{ n: number }>())
			?.n ?? 0
	);
}

export async function auditSince(seq: number): Promise<AuditEntry[]> {
	const { results } = await env.VAULT_DB.prepare("select * from audit_log where seq > ? order by seq")
		.bind(seq)
		.all<AuditEntry>();
	return results;
}

/** The order mails the vault recorded for an order id. */
export async function orderMailsOf(orderId: string): Promise<{ kind: string; event_key: string }[]> {
	const { results } = await env.VAULT_DB.prepare("select kind, event_key from order_mail where order_id = ?")
		.bind(orderId)
		.all<{ kind: string; event_key: string }>();
	return results;
}
