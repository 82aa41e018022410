// The staff API end to end: storefront → vault (real service binding) → audit log.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fetchWith, staffToken } from "./analytics/helpers";
import { placeOrder } from "./fixtures/checkout-flow";
import { orderByNumber } from "./fixtures/commerce";

const ADDRESS = { line1: "5 Staffroom Lane", city: "Leeds", postalCode: "LS1 1AA", country: "GB" };

function asStaff(token: string, path: string, init: RequestInit = {}) {
	const headers = { "Cf-Access-Jwt-Assertion": token, ...(init.headers as Record<string, string>) };
	return fetchWith({}, path, { ...init, headers });
}

/** An open support case on the order, as a return or consultation would open it in the vault. */
async function openCaseOn(orderNumber: string): Promise<void> {
	const order = await orderByNumber(orderNumber);
	if (!order) throw new Error(`no order ${orderNumber}`);
	await env.VAULT_DB.prepare("insert into support_cases (id, kind, order_id, opened_at) values (?, ?, ?, ?)")
		.bind(crypto.randomUUID(), "consultation", order.id, Date.now())
		.run();
}

async function auditCount(where = "1 = 1"): Promise<number> {
	return (
		(await env.VAULT_DB.prepare(`select count(*) as n from audit_log where ${where}`).first<{ n: number }>())
			?.n ?? 0
	);
}

describe("GET /api/v1/staff/orders", () => {
	it("lists orders newest first with no personal data, page by page", async () => {
		const placed = [await placeOrder(), await placeOrder(), await placeOrder()];
		const token = await staffToken({ role: "fulfilment" });
		const first = await asStaff(token, "/api/v1/staff/orders?limit=2");
		expect(first.status).toBe(200);
		expect(first.headers.get("cache-control")).toContain("no-store");
		const page = (await first.json()) as { orders: { number: string }[]; nextCursor: string | null };
		expect(page.orders).toHaveLength(2);
		expect(page.orders[0]?.number).toBe(placed[2]?.checkout.order.number);
		expect(JSON.stringify(page)).not.toMatch(/@|Leeds|email|phone/);
		const next = await asStaff(token, `/api/v1/staff/orders?limit=2&cursor=${page.nextCursor}`);
		const second = (await next.json()) as { orders: { number: string }[] };
		expect(second.orders[0]?.number).toBe(placed[0]?.checkout.order.number);
		expect((await asStaff(token, "/api/v1/staff/orders?cursor=bad")).status).toBe(400);
	});
});

describe("GET /api/v1/staff/orders/{number}/contact", () => {
	it("opens what the role may, for its purpose, and audits every answer", async () => {
		const { checkout } = await placeOrder({ body: { address: ADDRESS } });
		const path = `/api/v1/staff/orders/${checkout.order.number}/contact`;
		const support = await staffToken({ role: "support" });
		const fulfilment = await staffToken({ role: "fulfilment" });

		const before = await auditCount();
		// Support reaches a contact only while a return or consultation on the order is open.
		expect((await asStaff(support, `${path}?purpose=support&fields=email`)).status).toBe(403);
		expect(await auditCount(`seq > ${before} and outcome = 'denied' and reason = 'no_open_case'`)).toBe(1);
		await openCaseOn(checkout.order.number);
		const ok = await asStaff(support, `${path}?purpose=support&fields=email,name,phone`);
		expect(ok.status).toBe(200);
		const body = (await ok.json()) as { contact: Record<string, unknown> };
		expect(Object.keys(body.contact).sort()).toEqual(["email", "name", "phone"]);
		expect(await auditCount(`seq > ${before} and action = 'open' and outcome = 'allowed'`)).toBe(1);

		expect((await asStaff(support, `${path}?purpose=support`)).status).toBe(403);
		expect((await asStaff(fulfilment, `${path}?purpose=fulfilment&fields=email`)).status).toBe(403);
		const manifest = await asStaff(fulfilment, `${path}?purpose=fulfilment&fields=name,address`);
		expect(await manifest.json()).toMatchObject({ contact: { address: ADDRESS } });
		expect(await auditCount(`seq > ${before} and outcome = 'denied'`)).toBe(3);

		expect((await asStaff(support, `${path}?purpose=gossip`)).status).toBe(400);
		expect(
			(await asStaff(support, "/api/v1/staff/orders/LW-AAAA-AAAA-AAAA/contact?purpose=support")).status,
		).toBe(404);
	});
});

describe("staff administration and the audit endpoints", () => {
	it("lets admins add, change and disable staff, audited; others get 403", async () => {
		const admin = await staffToken({ role: "admin" });
		const before = await auditCount();
		const added = await asStaff(admin, "/api/v1/staff/members", {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ email: "new.colleague@example.org", role: "support" }),
		});
		expect(added.status).toBe(201);
		const { staff } = (await added.json()) as { staff: { id: string; role: string } };
		expect(staff.role).toBe("support");
		const again = await asStaff(admin, "/api/v1/staff/members", {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ email: "NEW.colleague@example.org", role: "admin" }),
		});
		expect(again.status).toBe(409);
		const changed = await asStaff(admin, `/api/v1/staff/members/${staff.id}`, {
			method: "PATCH",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ role: "fulfilment", status: "disabled" }),
		});
		expect(await changed.json()).toMatchObject({ staff: { role: "fulfilment", status: "disabled" } });
		expect(await auditCount(`seq > ${before} and action in ('staff.add', 'staff.change')`)).toBe(2);
		const list = (await (await asStaff(admin, "/api/v1/staff/members")).json()) as { staff: unknown[] };
		expect(JSON.stringify(list)).not.toContain("colleague");

		const support = await staffToken({ role: "support" });
		expect((await asStaff(support, "/api/v1/staff/members")).status).toBe(403);
	});

	it("verifies the chain, reviews accesses with flags, and rotates keys for the right roles", async () => {
		const compliance = await staffToken({ role: "compliance" });
		const verify = await asStaff(compliance, "/api/v1/staff/audit/verify");
		expect(await verify.json()).toMatchObject({ valid: true, firstBad: null });

		const { checkout } = await placeOrder();
		await openCaseOn(checkout.order.number);
		const support = await staffToken({ role: "support" });
		await asStaff(
			support,
			`/api/v1/staff/orders/${checkout.order.number}/contact?purpose=support&fields=name`,
		);
		const today = new Date().toISOString().slice(0, 10);
		const review = await asStaff(
			compliance,
			`/api/v1/staff/audit/review?from=${today}&to=${today}&threshold=0`,
		);
		expect(review.status).toBe(400);
		const flagged = (await (
			await asStaff(compliance, `/api/v1/staff/audit/review?from=${today}&to=${today}&threshold=1`)
		).json()) as { rows: { purpose: string; distinctSubjects: number; flagged: boolean }[] };
		expect(flagged.rows.some((r) => r.purpose === "support" && r.distinctSubjects >= 1)).toBe(true);
		expect(flagged.rows.every((r) => r.flagged === r.distinctSubjects > 1)).toBe(true);
		expect((await asStaff(support, `/api/v1/staff/audit/review?from=${today}&to=${today}`)).status).toBe(403);

		const admin = await staffToken({ role: "admin" });
		const rotation = await asStaff(admin, "/api/v1/staff/keys/rotate", {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ dryRun: true }),
		});
		expect(await rotation.json()).toMatchObject({
			currentKeyId: "k1",
			rewrapped: 0,
			remaining: 0,
			done: true,
		});
		expect((await asStaff(compliance, "/api/v1/staff/keys/rotate", { method: "POST" })).status).toBe(403);
	});
});
