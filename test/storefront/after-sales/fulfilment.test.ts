// Fulfilment (issue #8): staff with orders.fulfil move orders paid → packed → shipped → delivered;
// a step from any other status is a 409 that writes nothing, other roles get 403, and shipping
// mails the shopper (through the vault, once) the carrier and tracking number.
import { describe, expect, it } from "vitest";
import { FULFILMENT_STEPS } from "../../../workers/storefront/fulfilment/transitions";
import { canTransition } from "../../../workers/storefront/orders/status-machine";
import {
	asRole,
	auditHead,
	auditSince,
	orderAt,
	orderColumns,
	orderMailsOf,
	recordingVault,
	staffRequest,
} from "./fulfilment-fixtures";

const SHIPMENT = { carrier: "DHL Express", trackingNumber: "JD0146-0000-1234" };

function step(
	token: string | null,
	number: string,
	name: "pack" | "ship" | "deliver",
	body?: unknown,
	vault?: Env["VAULT"],
) {
	return staffRequest(token, `/api/v1/staff/orders/${number}/${name}`, { method: "POST", body, vault });
}

describe("the fulfilment steps", () => {
	it("are transitions of the order status machine", () => {
		for (const { from, to } of Object.values(FULFILMENT_STEPS)) expect(canTransition(from, to)).toBe(true);
	});
});

describe("POST /api/v1/staff/orders/{number}/pack|ship|deliver", () => {
	it("moves a paid order to packed, shipped and delivered, stamping each step", async () => {
		const order = await orderAt("paid");
		const token = await asRole("fulfilment");
		const before = Date.now();

		const packed = await step(token, order.number, "pack");
		expect(packed.status).toBe(200);
		expect(packed.headers.get("cache-control")).toContain("no-store");
		expect(await packed.json()).toMatchObject({ order: { number: order.number, status: "packed" } });
		expect((await orderColumns(order.number)).packed_at).toBeGreaterThanOrEqual(before);

		const shipped = await step(token, order.number.toLowerCase(), "ship", SHIPMENT);
		expect(shipped.status).toBe(200);
		expect(await shipped.json()).toMatchObject({
			order: { status: "shipped", carrier: "DHL Express", trackingNumber: "JD0146-0000-1234" },
		});
		const afterShip = await orderColumns(order.number);
		expect(afterShip).toMatchObject({
			status: "shipped",
			carrier: "DHL Express",
			tracking_number: "JD0146-0000-1234",
		});
		expect(afterShip.shipped_at).toBeGreaterThanOrEqual(afterShip.packed_at ?? Number.POSITIVE_INFINITY);

		const delivered = await step(token, order.number, "deliver");
		expect(delivered.status).toBe(200);
		const done = await orderColumns(order.number);
		expect(done.status).toBe("delivered");
		// Day 0 of the return window.
		expect(done.delivered_at).toBeGreaterThanOrEqual(done.shipped_at ?? Number.POSITIVE_INFINITY);
	});

	it("refuses a step from any other status with 409 invalid_state, writing nothing", async () => {
		const token = await asRole("fulfilment");
		const refused: [Parameters<typeof orderAt>[0], "pack" | "ship" | "deliver"][] = [
			["placed", "pack"],
			["cancelled", "pack"],
			["packed", "pack"],
			["shipped", "pack"],
			["paid", "ship"],
			["shipped", "ship"],
			["delivered", "ship"],
			["paid", "deliver"],
			["packed", "deliver"],
			["delivered", "deliver"],
		];
		for (const [status, name] of refused) {
			const order = await orderAt(status);
			const before = await orderColumns(order.number);
			const res = await step(token, order.number, name, name === "ship" ? SHIPMENT : undefined);
			expect(res.status, `${name} from ${status}`).toBe(409);
			expect(await res.json()).toMatchObject({ error: { code: "invalid_state" } });
			expect(await orderColumns(order.number)).toEqual(before);
			expect(await orderMailsOf(order.id)).toEqual([]);
		}
	});

	it("lets only the fulfilment role move orders: others get 403, no token 401, and the refusal is audited", async () => {
		const order = await orderAt("paid");
		const before = await orderColumns(order.number);
		for (const role of ["support", "compliance", "admin"] as const) {
			const seq = await auditHead();
			const res = await step(await asRole(role), order.number, "pack");
			expect(res.status, role).toBe(403);
			expect(await auditSince(seq)).toContainEqual(
				expect.objectContaining({ action: "orders.fulfil", outcome: "denied", actor_role: role }),
			);
		}
		expect((await step(null, order.number, "pack")).status).toBe(401);
		expect(await orderColumns(order.number)).toEqual(before);
	});

	it("validates the shipment and the order number, writing nothing on bad input", async () => {
		const token = await asRole("fulfilment");
		const order = await orderAt("packed");
		const before = await orderColumns(order.number);
		const bad = [
			undefined,
			{},
			{ carrier: "DHL" },
			{ ...SHIPMENT, trackingNumber: "ab" },
			{ ...SHIPMENT, trackingNumber: "JD0146\nBcc: x@example.org" },
			{ ...SHIPMENT, carrier: "DHL\r\nVisit evil.example" },
			{ ...SHIPMENT, carrier: "=HYPERLINK(1)" },
			{ ...SHIPMENT, carrier: "x".repeat(61) },
			{ ...SHIPMENT, extra: "field" },
		];
		for (const body of bad) {
			const res = await step(token, order.number, "ship", body);
			expect(res.status, JSON.stringify(body)).toBe(400);
		}
		expect(await orderColumns(order.number)).toEqual(before);
		expect(await orderMailsOf(order.id)).toEqual([]);
		expect((await step(token, "LW-AAAA-AAAA-AAAA", "pack")).status).toBe(404);
		expect((await step(token, "not-an-order", "pack")).status).toBe(404);
	});

	it("mails the shopper once on shipping, through the vault, with the carrier and tracking number", async () => {
		const token = await asRole("fulfilment");
		const order = await orderAt("packed");
		const { vault, calls } = recordingVault();
		const seq = await auditHead();
		expect((await step(token, order.number, "ship", SHIPMENT, vault)).status).toBe(200);

		const mails = calls.filter((call) => call.method === "sendMail");
		expect(mails).toEqual([
			{
				method: "sendMail",
				request: expect.objectContaining({
					to: {
						sealed: expect.objectContaining({ table: "order_contacts", rowId: order.id, field: "email" }),
					},
					mail: { kind: "shipped", orderNumber: order.number, ...SHIPMENT },
					dedupe: { scope: order.id, event: "shipped:ship" },
				}),
			},
		]);
		expect(await orderMailsOf(order.id)).toEqual([{ kind: "shipped", event_key: "shipped:ship" }]);
		expect(await auditSince(seq)).toContainEqual(
			expect.objectContaining({
				action: "mail.order",
				outcome: "allowed",
				reason: "shipped",
				fields: JSON.stringify(["order_contacts.email"]),
			}),
		);
		// The request carries no personal data: the vault opens the address itself.
		expect(JSON.stringify(mails)).not.toMatch(/ada@example\.com|Lovelace|Market St/);

		// A second ship is refused by the status machine, and sends nothing more.
		expect((await step(token, order.number, "ship", SHIPMENT)).status).toBe(409);
		expect(await orderMailsOf(order.id)).toHaveLength(1);
	});

	it("ships even when the mail cannot be sent", async () => {
		const token = await asRole("fulfilment");
		const order = await orderAt("packed");
		const { vault } = recordingVault();
		const failing = new Proxy(vault, {
			get(target, method) {
				if (method === "sendMail")
					return async () => ({ ok: false, error: { code: "unavailable", message: "down" } });
				return Reflect.get(target, method);
			},
		});
		expect((await step(token, order.number, "ship", SHIPMENT, failing)).status).toBe(200);
		expect((await orderColumns(order.number)).status).toBe("shipped");
	});
});
