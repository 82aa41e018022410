// Staff handling of returns (issue #8): approve, reject, receive (restock), refund, by status and
// by role, each move once, each status mailed once, the vault's case closed at the end.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { listPrice } from "../../../workers/storefront/markets/price-lists";
import { type ErrorBody, stockOf } from "../fixtures/commerce";
import {
	asStaff,
	caseState,
	customerWithDeliveredOrder,
	type DeliveredOrder,
	deliveredGuestOrder,
	guestRequest,
	guestReturnBody,
	type ReturnBody,
	refundedMinorOf,
	refundsOf,
	returnBody,
	returnMails,
	returnRow,
	staffPost,
} from "./returns-fixtures";

/** A guest's return of `quantity` of the order's item, requested. */
async function requested(order: DeliveredOrder, quantity = 1): Promise<string> {
	const res = await guestRequest(
		guestReturnBody(order, { lines: [{ variantId: order.variant.variantId, quantity }] }),
	);
	expect(res.status).toBe(201);
	return ((await res.json()) as ReturnBody).return.number;
}

async function expectCode(res: Response, status: number, code: string) {
	expect(res.status).toBe(status);
	expect(((await res.json()) as ErrorBody).error.code).toBe(code);
}

async function approved(order: DeliveredOrder, refundMinor: number, quantity = 1): Promise<string> {
	const number = await requested(order, quantity);
	expect((await staffPost("support", number, "approve", { refundMinor })).status).toBe(200);
	return number;
}

async function received(order: DeliveredOrder, refundMinor: number, quantity = 1): Promise<string> {
	const number = await approved(order, refundMinor, quantity);
	expect((await staffPost("fulfilment", number, "receive")).status).toBe(200);
	return number;
}

describe("the whole return, by the roles that handle it", () => {
	it("goes requested → approved → received → refunded, mailing each status once", async () => {
		const { shopper, order } = await customerWithDeliveredOrder({ quantity: 2 });
		const made = await shopper.json(
			`/api/v1/me/orders/${order.number}/returns`,
			"POST",
			returnBody(order, { lines: [{ variantId: order.variant.variantId, quantity: 2 }] }),
		);
		const { number } = ((await made.json()) as ReturnBody).return;
		const { id } = await returnRow(number);
		const stock = await stockOf(order.variant.variantId);
		// Sealed with the shopper's session, under the account's subject: support opens it all the same.
		const seen = await asStaff("support", `/api/v1/staff/returns/${number}`);
		expect(((await seen.json()) as ReturnBody).return.details).toBe(
			"The fringe came apart in the first wash.",
		);

		const approve = await staffPost("support", number, "approve", { refundMinor: 9_000 });
		expect(approve.status).toBe(200);
		expect(((await approve.json()) as ReturnBody).return).toMatchObject({
			status: "approved",
			refundMinor: 9_000,
		});

		const receive = await staffPost("fulfilment", number, "receive");
		expect(receive.status).toBe(200);
		expect(await stockOf(order.variant.variantId)).toBe(stock + 2);

		const refund = await staffPost("support", number, "refund");
		expect(refund.status).toBe(200);
		expect(((await refund.json()) as ReturnBody).return).toMatchObject({
			status: "refunded",
			refundMinor: 9_000,
			refundedMinor: 9_000,
		});
		expect(await refundsOf(order.orderId)).toEqual([
			{ amount_minor: 9_000, status: "succeeded", idempotency_key: `return:${id}` },
		]);
		expect(await refundedMinorOf(order.orderId)).toBe(9_000);
		expect(await returnMails(order.orderId)).toEqual(["approved", "received", "refunded", "requested"]);
		expect(await caseState(id)).toBe("closed");

		const mine = (await (await shopper.fetch(`/api/v1/me/returns/${number}`)).json()) as ReturnBody;
		expect(mine.return).toMatchObject({ status: "refunded", refundedMinor: 9_000 });
	});

	it("rejects with a reason code, closing the case and mailing once", async () => {
		const order = await deliveredGuestOrder();
		const number = await approved(order, 1_000);
		const reject = await staffPost("support", number, "reject", { rejection: "not_received" });
		expect(reject.status).toBe(200);
		expect(((await reject.json()) as ReturnBody).return).toMatchObject({
			status: "rejected",
			rejection: "not_received",
		});
		expect(await caseState((await returnRow(number)).id)).toBe("closed");
		await expectCode(
			await staffPost("support", number, "reject", { rejection: "other" }),
			409,
			"invalid_state",
		);
		await expectCode(await staffPost("fulfilment", number, "receive"), 409, "invalid_state");
		expect(await returnMails(order.orderId)).toEqual(["approved", "rejected", "requested"]);
		// A rejected return takes nothing back: the order may be returned again.
		expect(await requested(order, 2)).toMatch(/^RMA-/);
	});
});

describe("moves refused by status", () => {
	it("never skips a step or repeats one", async () => {
		const order = await deliveredGuestOrder({ quantity: 3 });
		const number = await requested(order);
		await expectCode(await staffPost("fulfilment", number, "receive"), 409, "invalid_state");
		await expectCode(await staffPost("support", number, "refund"), 409, "invalid_state");
		expect((await staffPost("support", number, "approve", { refundMinor: 100 })).status).toBe(200);
		await expectCode(
			await staffPost("support", number, "approve", { refundMinor: 100 }),
			409,
			"invalid_state",
		);
		await expectCode(await staffPost("support", number, "refund"), 409, "invalid_state");
		expect((await staffPost("fulfilment", number, "receive")).status).toBe(200);
		await expectCode(
			await staffPost("support", number, "reject", { rejection: "other" }),
			409,
			"invalid_state",
		);
		expect((await returnRow(number)).status).toBe("received");
	});

	it("lets only one of two racing staff move a return", async () => {
		const order = await deliveredGuestOrder();
		const number = await requested(order);
		const answers = await Promise.all([
			staffPost("support", number, "approve", { refundMinor: 1_000 }),
			staffPost("support", number, "approve", { refundMinor: 2_000 }),
		]);
		expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
		const winner = answers.find((res) => res.status === 200) as Response;
		const { refundMinor } = ((await winner.json()) as ReturnBody).return;
		expect((await returnRow(number)).refund_minor).toBe(refundMinor);
		expect(await returnMails(order.orderId)).toEqual(["approved", "requested"]);
	});

	it("answers 404 for an unknown return", async () => {
		await expectCode(
			await staffPost("support", "RMA-0000-0000", "approve", { refundMinor: 1 }),
			404,
			"not_found",
		);
		await expectCode(await asStaff("support", "/api/v1/staff/returns/LW-AAAA-AAAA-AAAA"), 404, "not_found");
	});
});

describe("moves refused by role", () => {
	it("lets customer service approve, reject and refund, and the warehouse receive", async () => {
		const order = await deliveredGuestOrder();
		const number = await requested(order);
		for (const role of ["fulfilment", "compliance", "admin"] as const) {
			await expectCode(await staffPost(role, number, "approve", { refundMinor: 100 }), 403, "forbidden");
			await expectCode(await staffPost(role, number, "reject", { rejection: "other" }), 403, "forbidden");
			await expectCode(await staffPost(role, number, "refund"), 403, "forbidden");
			await expectCode(await asStaff(role, `/api/v1/staff/returns/${number}`), 403, "forbidden");
		}
		expect((await staffPost("support", number, "approve", { refundMinor: 100 })).status).toBe(200);
		for (const role of ["support", "compliance", "admin"] as const) {
			await expectCode(await staffPost(role, number, "receive"), 403, "forbidden");
		}
		expect((await staffPost("fulfilment", number, "receive")).status).toBe(200);
		expect((await returnRow(number)).status).toBe("received");
	});
});

describe("restock on receipt", () => {
	it("puts the returned lines back exactly once, even when two receipts race", async () => {
		const order = await deliveredGuestOrder({ quantity: 3 });
		const number = await approved(order, 1_000, 2);
		const stock = await stockOf(order.variant.variantId);
		const answers = await Promise.all([
			staffPost("fulfilment", number, "receive"),
			staffPost("fulfilment", number, "receive"),
		]);
		expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
		expect(await stockOf(order.variant.variantId)).toBe(stock + 2);
		await expectCode(await staffPost("fulfilment", number, "receive"), 409, "invalid_state");
		expect(await stockOf(order.variant.variantId)).toBe(stock + 2);
		expect((await returnMails(order.orderId)).filter((status) => status === "received")).toHaveLength(1);
	});
});

describe("refunds", () => {
	it("refunds once when asked twice at once: one refund row, counted once", async () => {
		const order = await deliveredGuestOrder();
		const number = await received(order, 4_000);
		const answers = await Promise.all([
			staffPost("support", number, "refund"),
			staffPost("support", number, "refund"),
		]);
		expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
		await expectCode(await staffPost("support", number, "refund"), 409, "invalid_state");
		expect(await refundsOf(order.orderId)).toHaveLength(1);
		expect(await refundedMinorOf(order.orderId)).toBe(4_000);
		expect((await returnMails(order.orderId)).filter((status) => status === "refunded")).toHaveLength(1);
	});

	it("refunds part of the approved amount, never more", async () => {
		const order = await deliveredGuestOrder();
		const number = await received(order, 4_000);
		await expectCode(await staffPost("support", number, "refund", { amountMinor: 4_001 }), 409, "conflict");
		expect(await refundsOf(order.orderId)).toEqual([]);
		const partial = await staffPost("support", number, "refund", { amountMinor: 2_500 });
		expect(partial.status).toBe(200);
		expect(((await partial.json()) as ReturnBody).return).toMatchObject({
			refundMinor: 4_000,
			refundedMinor: 2_500,
		});
		expect(await refundedMinorOf(order.orderId)).toBe(2_500);
	});

	it("approves no more than the returned lines' value or what is left paid", async () => {
		const order = await deliveredGuestOrder({ quantity: 2, priceMinor: 5_000 });
		const number = await requested(order, 1);
		// One line of 50.00 and the California sales tax added on it (7.25 %: 3.625 → 3.63) go back.
		await expectCode(await staffPost("support", number, "approve", { refundMinor: 5_364 }), 409, "conflict");
		// Most of the payment went back already (a goodwill refund, say).
		await env.DB.prepare("update orders set refunded_minor = paid_minor - 3000 where id = ?")
			.bind(order.orderId)
			.run();
		await expectCode(await staffPost("support", number, "approve", { refundMinor: 3_001 }), 409, "conflict");
		expect((await staffPost("support", number, "approve", { refundMinor: 3_000 })).status).toBe(200);
	});

	it("refunds in the order's currency: whole yen for a Japanese order, its tax inside the price", async () => {
		const tokyo = {
			line1: "1-1 Chiyoda",
			city: "Chiyoda-ku",
			region: "東京都",
			postalCode: "100-0001",
			country: "JP",
		};
		const order = await deliveredGuestOrder({ quantity: 2, priceMinor: 5_000, address: tokyo });
		const unitYen = listPrice(5_000, "JPY");
		const number = await requested(order, 1);
		// One line's value in yen, nothing added on top: consumption tax was inside the price.
		await expectCode(
			await staffPost("support", number, "approve", { refundMinor: unitYen + 1 }),
			409,
			"conflict",
		);
		expect((await staffPost("support", number, "approve", { refundMinor: unitYen })).status).toBe(200);
		expect((await staffPost("fulfilment", number, "receive")).status).toBe(200);
		const refund = await staffPost("support", number, "refund");
		expect(refund.status).toBe(200);
		expect(((await refund.json()) as ReturnBody).return).toMatchObject({
			currency: "JPY",
			refundedMinor: unitYen,
		});
		const row = await env.DB.prepare("select amount_minor, currency from refunds where order_id = ?")
			.bind(order.orderId)
			.first<{ amount_minor: number; currency: string }>();
		expect(row).toEqual({ amount_minor: unitYen, currency: "JPY" });
		expect(Number.isInteger(row?.amount_minor)).toBe(true);
	});

	it("never refunds above what was paid, even when the room went after approval", async () => {
		const order = await deliveredGuestOrder();
		const number = await received(order, 5_000);
		await env.DB.prepare("update orders set refunded_minor = paid_minor - 1000 where id = ?")
			.bind(order.orderId)
			.run();
		await expectCode(await staffPost("support", number, "refund"), 409, "conflict");
		expect(await refundsOf(order.orderId)).toEqual([]);
		expect((await returnRow(number)).status).toBe("received");
		expect(await caseState((await returnRow(number)).id)).toBe("open");
	});
});

describe("GET /api/v1/staff/returns", () => {
	it("lists returns by status for any role, with no personal data", async () => {
		const order = await deliveredGuestOrder();
		const number = await requested(order);
		const list = await asStaff("fulfilment", "/api/v1/staff/returns?status=requested&limit=100");
		expect(list.status).toBe(200);
		const body = (await list.json()) as { returns: { number: string; status: string }[] };
		expect(body.returns.map((r) => r.number)).toContain(number);
		expect(body.returns.every((r) => r.status === "requested")).toBe(true);
		expect(JSON.stringify(body)).not.toMatch(/fringe|@|Lovelace|details/);
		const page = await asStaff("admin", "/api/v1/staff/returns?limit=1");
		const first = (await page.json()) as { returns: unknown[]; nextCursor: string | null };
		expect(first.returns).toHaveLength(1);
		const next = await asStaff("admin", `/api/v1/staff/returns?limit=1&cursor=${first.nextCursor}`);
		expect(next.status).toBe(200);
		await expectCode(await asStaff("support", "/api/v1/staff/returns?status=lost"), 400, "validation_failed");
		await expectCode(await asStaff("support", "/api/v1/staff/returns?cursor=x"), 400, "validation_failed");
	});

	it("opens the description for support only through the vault, audited", async () => {
		const order = await deliveredGuestOrder();
		const number = await requested(order);
		const count = async () =>
			(
				await env.VAULT_DB.prepare(
					"select count(*) as n from audit_log where action = 'open' and outcome = 'allowed' and fields like '%returns.details%'",
				).first<{ n: number }>()
			)?.n ?? 0;
		const before = await count();
		const res = await asStaff("support", `/api/v1/staff/returns/${number}`);
		expect(res.status).toBe(200);
		expect(((await res.json()) as ReturnBody).return.details).toBe(
			"The fringe came apart in the first wash.",
		);
		expect(await count()).toBe(before + 1);
	});
});

describe("hostile staff input", () => {
	it("answers 4xx and changes nothing", async () => {
		const order = await deliveredGuestOrder();
		const number = await requested(order);
		const bad: [string, unknown][] = [
			["approve", {}],
			["approve", { refundMinor: 0 }],
			["approve", { refundMinor: -5 }],
			["approve", { refundMinor: 1.5 }],
			["approve", { refundMinor: "100" }],
			["approve", { refundMinor: 100, note: "x" }],
			["reject", { rejection: "because" }],
			["reject", {}],
			["refund", { amountMinor: 0 }],
			["refund", { amountMinor: 1e300 }],
		];
		for (const [action, body] of bad) {
			const res = await staffPost("support", number, action, body);
			expect(res.status, `${action} ${JSON.stringify(body)}`).toBe(400);
		}
		expect((await returnRow(number)).status).toBe("requested");
		expect(await returnMails(order.orderId)).toEqual(["requested"]);
	});
});
