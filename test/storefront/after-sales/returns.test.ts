// Requesting and reading returns, by the account owner and by a guest (issue #8).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dumpAllTables, encodingsOf } from "../../pii-scan";
import { changedTables, snapshotTables } from "../../property/db-snapshot";
import { type ErrorBody, Shopper, startOfFreshRateWindow } from "../fixtures/commerce";
import {
	asStaff,
	caseState,
	customerWithDeliveredOrder,
	DAY,
	deliveredDaysAgo,
	deliveredGuestOrder,
	GUEST_EMAIL,
	guestRequest,
	guestReturnBody,
	type ReturnBody,
	returnBody,
	returnMails,
	returnRow,
	startOfUtcDay,
} from "./returns-fixtures";

const myReturn = (shopper: Shopper, orderNumber: string, body: unknown) =>
	shopper.json(`/api/v1/me/orders/${orderNumber}/returns`, "POST", body);

async function returnCount(): Promise<number> {
	return (await env.DB.prepare("select count(*) as n from returns").first<{ n: number }>())?.n ?? 0;
}

describe("POST /api/v1/me/orders/{number}/returns", () => {
	it("requests a return of the customer's delivered order, seals the description and mails once", async () => {
		const { shopper, order } = await customerWithDeliveredOrder();
		const res = await myReturn(shopper, order.number, returnBody(order));
		expect(res.status).toBe(201);
		const body = (await res.json()) as ReturnBody;
		expect(body.return).toMatchObject({
			orderNumber: order.number,
			status: "requested",
			reason: "damaged",
			refundMinor: null,
			refundedMinor: 0,
			lines: [{ variantId: order.variant.variantId, quantity: 1, unitPriceMinor: 5_000 }],
		});
		expect(body.return.number).toMatch(/^RMA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
		expect(JSON.stringify(body)).not.toContain("fringe");

		const row = await returnRow(body.return.number);
		expect(row.details_ct).toMatch(/^v1\./);
		expect(await returnMails(order.orderId)).toEqual(["requested"]);
		expect(await caseState(row.id)).toBe("open");

		// The owner reads it back, description opened with their own session.
		const mine = await shopper.fetch(`/api/v1/me/returns/${body.return.number.toLowerCase()}`);
		expect(mine.status).toBe(200);
		expect(((await mine.json()) as ReturnBody).return.details).toBe(
			"The fringe came apart in the first wash.",
		);
		const list = (await (await shopper.fetch("/api/v1/me/returns")).json()) as {
			returns: { number: string; details?: unknown }[];
		};
		expect(list.returns.map((r) => r.number)).toEqual([body.return.number]);
		expect(list.returns[0]).not.toHaveProperty("details");
	});

	it("allows one return in progress per order, and later ones only for what is left", async () => {
		const { shopper, order } = await customerWithDeliveredOrder({ quantity: 2 });
		const first = await myReturn(shopper, order.number, returnBody(order));
		expect(first.status).toBe(201);
		const second = await myReturn(shopper, order.number, returnBody(order));
		expect(second.status).toBe(409);
		expect(((await second.json()) as ErrorBody).error.code).toBe("conflict");

		// Once the first is closed (refunded here), the rest of the order may still come back...
		const { number } = ((await first.json()) as ReturnBody).return;
		await env.DB.prepare("update returns set status = 'refunded', closed_at = ? where number = ?")
			.bind(Date.now(), number)
			.run();
		const tooMany = await myReturn(
			shopper,
			order.number,
			returnBody(order, { lines: [{ variantId: order.variant.variantId, quantity: 2 }] }),
		);
		expect(tooMany.status).toBe(409);
		const issues = ((await tooMany.json()) as ErrorBody).error.issues ?? [];
		expect(issues[0]?.path).toEqual(["lines", 0, "quantity"]);
		expect((await myReturn(shopper, order.number, returnBody(order))).status).toBe(201);
	});

	it("takes a return without a description, still opening the vault's case", async () => {
		const { shopper, order } = await customerWithDeliveredOrder();
		const res = await myReturn(shopper, order.number, returnBody(order, { details: undefined }));
		expect(res.status).toBe(201);
		const { number } = ((await res.json()) as ReturnBody).return;
		expect(await caseState((await returnRow(number)).id)).toBe("open");
		const read = (await (await shopper.fetch(`/api/v1/me/returns/${number}`)).json()) as ReturnBody;
		expect(read.return.details).toBeNull();
	});

	it("answers 404 for another customer's order and return, as for one that does not exist", async () => {
		const owner = await customerWithDeliveredOrder();
		const other = await customerWithDeliveredOrder();
		const guest = await deliveredGuestOrder();
		const before = await returnCount();
		for (const number of [owner.order.number, guest.number, "LW-ZZZZ-ZZZZ-ZZZZ", "nonsense"]) {
			const res = await myReturn(other.shopper, number, returnBody(owner.order));
			expect(res.status, number).toBe(404);
		}
		expect(await returnCount()).toBe(before);

		const made = await myReturn(owner.shopper, owner.order.number, returnBody(owner.order));
		const { number } = ((await made.json()) as ReturnBody).return;
		expect((await other.shopper.fetch(`/api/v1/me/returns/${number}`)).status).toBe(404);
		expect((await other.shopper.fetch("/api/v1/me/returns/RMA-0000-0000")).status).toBe(404);
		const theirs = (await (await other.shopper.fetch("/api/v1/me/returns")).json()) as { returns: unknown[] };
		expect(theirs.returns).toEqual([]);
	});

	it("needs a session", async () => {
		const order = await deliveredGuestOrder();
		const res = await new Shopper().json(
			`/api/v1/me/orders/${order.number}/returns`,
			"POST",
			returnBody(order),
		);
		expect(res.status).toBe(401);
	});
});

describe("the 60-day window, through the API", () => {
	it("accepts day 59 and day 60 after delivery and refuses day 61, writing nothing", async () => {
		const day59 = await customerWithDeliveredOrder({ deliveredAt: deliveredDaysAgo(59) });
		const day60 = await customerWithDeliveredOrder({ deliveredAt: startOfUtcDay() - 60 * DAY });
		const day61 = await customerWithDeliveredOrder({ deliveredAt: startOfUtcDay() - 60 * DAY - 1 });
		expect((await myReturn(day59.shopper, day59.order.number, returnBody(day59.order))).status).toBe(201);
		expect((await myReturn(day60.shopper, day60.order.number, returnBody(day60.order))).status).toBe(201);
		const before = await snapshotTables(env.DB);
		const late = await myReturn(day61.shopper, day61.order.number, returnBody(day61.order));
		expect(late.status).toBe(409);
		expect(((await late.json()) as ErrorBody).error.code).toBe("invalid_state");
		expect(changedTables(before, await snapshotTables(env.DB))).toEqual([]);
	});

	it("refuses an order that is not delivered yet", async () => {
		const { shopper, order } = await customerWithDeliveredOrder();
		await env.DB.prepare("update orders set status = 'shipped', delivered_at = null where id = ?")
			.bind(order.orderId)
			.run();
		const res = await myReturn(shopper, order.number, returnBody(order));
		expect(res.status).toBe(409);
		expect(((await res.json()) as ErrorBody).error.code).toBe("invalid_state");
	});
});

describe("POST /api/v1/returns (guest)", () => {
	it("requests a return with order number + email, sealed under the order's subject", async () => {
		const order = await deliveredGuestOrder();
		const res = await guestRequest(guestReturnBody(order, { orderNumber: order.number.toLowerCase() }));
		expect(res.status).toBe(201);
		const { number } = ((await res.json()) as ReturnBody).return;
		const row = await returnRow(number);
		expect(row.details_ct).toMatch(/^v1\./);
		expect(await caseState(row.id)).toBe("open");
		expect(await returnMails(order.orderId)).toEqual(["requested"]);

		// Support reads the description: it opens under the order's subject.
		const staff = await asStaff("support", `/api/v1/staff/returns/${number}`);
		expect(staff.status).toBe(200);
		expect(((await staff.json()) as ReturnBody).return.details).toBe(
			"The fringe came apart in the first wash.",
		);

		// The guest learns the status, never the description.
		const lookup = await new Shopper().json("/api/v1/returns/lookup", "POST", {
			orderNumber: order.number,
			email: GUEST_EMAIL,
		});
		expect(lookup.status).toBe(200);
		const found = (await lookup.json()) as { returns: { number: string; status: string }[] };
		expect(found.returns).toEqual([expect.objectContaining({ number, status: "requested" })]);
		expect(JSON.stringify(found)).not.toContain("fringe");
	});

	it("answers every miss with the same 404, writing nothing", async () => {
		const order = await deliveredGuestOrder();
		const customer = await customerWithDeliveredOrder();
		const misses = [
			guestReturnBody(order, { email: "someone.else@example.com" }),
			guestReturnBody(order, { orderNumber: "LW-ZZZZ-ZZZZ-ZZZZ" }),
			guestReturnBody(order, { orderNumber: "not an order" }),
			guestReturnBody(customer.order, { email: "guess@example.com" }),
		];
		const before = await snapshotTables(env.DB);
		const answers = [];
		for (const body of misses) {
			const res = await guestRequest(body);
			const { error } = (await res.json()) as ErrorBody;
			answers.push({ status: res.status, code: error.code, message: error.message, issues: error.issues });
		}
		expect(answers[0]).toEqual({
			status: 404,
			code: "not_found",
			message: "No order matches that number and email",
			issues: undefined,
		});
		for (const answer of answers) expect(answer).toEqual(answers[0]);
		expect(changedTables(before, await snapshotTables(env.DB))).toEqual([]);

		const lookup = await new Shopper().json("/api/v1/returns/lookup", "POST", {
			orderNumber: order.number,
			email: "someone.else@example.com",
		});
		expect(lookup.status).toBe(404);
		expect(((await lookup.json()) as ErrorBody).error.message).toBe("No order matches that number and email");
	});

	it("shares the guest lookup's limit of a few tries per order number", async () => {
		const order = await deliveredGuestOrder();
		const statuses: number[] = [];
		await startOfFreshRateWindow();
		for (let i = 0; i < 6; i++) {
			statuses.push((await guestRequest(guestReturnBody(order, { email: `guess${i}@example.com` }))).status);
		}
		expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
		expect(statuses[5]).toBe(429);
	});
});

describe("personal data at rest", () => {
	it("stores the description only as ciphertext", async () => {
		const marker = `Marker${crypto.randomUUID().replace(/-/g, "")}`;
		const { shopper, order } = await customerWithDeliveredOrder();
		const guest = await deliveredGuestOrder();
		const details = `My neighbour ${marker} saw the stain.`;
		expect((await myReturn(shopper, order.number, returnBody(order, { details }))).status).toBe(201);
		expect((await guestRequest(guestReturnBody(guest, { details }))).status).toBe(201);
		// Neither the shop's database nor the vault's (its audit log, its cases) holds the words.
		const dump = (await dumpAllTables(env.DB)) + (await dumpAllTables(env.VAULT_DB));
		for (const form of encodingsOf(marker)) expect(dump).not.toContain(form);
	});
});

describe("hostile input", () => {
	it("answers 4xx in the shared shape and writes nothing", async () => {
		const { shopper, order } = await customerWithDeliveredOrder({ quantity: 2 });
		const line = { variantId: order.variant.variantId, quantity: 1 };
		const bodies: unknown[] = [
			{},
			[],
			"text",
			returnBody(order, { extra: "field" }),
			returnBody(order, { reason: "because" }),
			returnBody(order, { reason: "" }),
			returnBody(order, { lines: [] }),
			returnBody(order, { lines: [line, line] }),
			returnBody(order, { lines: [{ ...line, quantity: 0 }] }),
			returnBody(order, { lines: [{ ...line, quantity: -1 }] }),
			returnBody(order, { lines: [{ ...line, quantity: 1.5 }] }),
			returnBody(order, { lines: [{ ...line, quantity: "1" }] }),
			returnBody(order, { lines: [{ ...line, note: "x" }] }),
			returnBody(order, { lines: Array.from({ length: 51 }, (_, i) => ({ variantId: i + 1, quantity: 1 })) }),
			returnBody(order, { details: "a".repeat(2001) }),
			returnBody(order, { details: "bell\u0007" }),
			returnBody(order, { details: "\ud800" }),
			returnBody(order, { details: 42 }),
			// Refused by the order's state, not the schema.
			returnBody(order, { lines: [{ ...line, quantity: 3 }] }),
			returnBody(order, { lines: [{ variantId: 1, quantity: 1 }] }),
		];
		const before = await snapshotTables(env.DB);
		for (const body of bodies) {
			const res = await myReturn(shopper, order.number, body);
			expect(res.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
			expect(res.status).toBeLessThan(500);
			expect(((await res.json()) as ErrorBody).error.requestId).toBe(res.headers.get("X-Request-Id"));
		}
		const raw = [
			{ body: "{not json", type: "application/json" },
			{ body: "reason=damaged", type: "application/x-www-form-urlencoded" },
			{ body: JSON.stringify(returnBody(order, { details: "x".repeat(40_000) })), type: "application/json" },
		];
		for (const { body, type } of raw) {
			const res = await shopper.fetch(`/api/v1/me/orders/${order.number}/returns`, {
				method: "POST",
				headers: { "content-type": type },
				body,
			});
			expect(res.status, type).toBeGreaterThanOrEqual(400);
			expect(res.status).toBeLessThan(500);
		}
		// Another site's page cannot make the shopper ask for a return.
		const crossSite = await shopper.fetch(`/api/v1/me/orders/${order.number}/returns`, {
			method: "POST",
			headers: { "content-type": "application/json", origin: "https://evil.example" },
			body: JSON.stringify(returnBody(order)),
		});
		expect(crossSite.status).toBe(403);
		expect(changedTables(before, await snapshotTables(env.DB))).toEqual([]);
		expect(await returnMails(order.orderId)).toEqual([]);
	});
});
