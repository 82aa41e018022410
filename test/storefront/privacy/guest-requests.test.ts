// Guests' privacy requests end to end (issue #9 item 5, P12): the pair is matched like the guest
// order lookup, for guest orders only, and the answer is byte for byte the same whether or not it
// matched; the mailed link completes export, deletion (refused while the order is in progress,
// the link kept) or correction once; used, expired and unknown links are refused alike.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { ACCEPTED, LINK_NOT_VALID } from "../../../workers/storefront/privacy/guest-requests";
import { dumpAllTables, encodingsOf } from "../../pii-scan";
import { customerWithDeliveredOrder, deliveredDaysAgo, payAndDeliver } from "../after-sales/returns-fixtures";
import { placeOrder } from "../fixtures/checkout-flow";
import { type ErrorBody, Shopper, startOfFreshRateWindow } from "../fixtures/commerce";
import { openWithAnyKey, type SealedValue } from "./account-rights-fixtures";
import {
	askForLink,
	confirm,
	GUEST_EMAIL,
	type GuestOrder,
	guestOrder,
	linkMailed,
	linkStatus,
	mailedLink,
	orderIds,
	requestRows,
	stableHeaders,
} from "./guest-request-fixtures";

type ExportBody = {
	order: {
		number: string;
		status: string;
		lines: { quantity: number; unitPriceMinor: number }[];
		totals: { currency: string; totalMinor: number; subtotalMinor: number };
		contact: { email: string; name: string; phone: string; address: Record<string, string> } | null;
		returns: { number: string; details: string | null }[];
		consultations: { id: string; messages: { author: string; body: string | null }[] }[];
	};
};

async function snapshot(res: Response) {
	return { status: res.status, headers: stableHeaders(res), body: await res.text() };
}

/** A guest return with details, then a guest question, on a delivered order. */
async function withReturnAndQuestion(order: GuestOrder, email: string, details: string, question: string) {
	const variant = await env.DB.prepare("select variant_id from order_lines where order_id = ?")
		.bind(order.orderId)
		.first<{ variant_id: number }>();
	const ret = await new Shopper().json("/api/v1/returns", "POST", {
		orderNumber: order.number,
		email,
		reason: "damaged",
		details,
		lines: [{ variantId: variant?.variant_id, quantity: 1 }],
	});
	expect(ret.status).toBe(201);
	const asked = await new Shopper().json("/api/v1/consultations", "POST", {
		kind: "after_sales",
		orderNumber: order.number,
		email,
		message: question,
	});
	expect(asked.status).toBe(201);
	return ((await ret.json()) as { return: { number: string } }).return.number;
}

describe("POST /api/v1/privacy-requests", () => {
	it("mails a link for the right pair only, answering every pair byte for byte the same", async () => {
		const order = await guestOrder({ delivered: true });
		const other = await guestOrder();
		const customer = await customerWithDeliveredOrder();
		const customerOrder = await orderIds(customer.order.number);

		const wrongEmail = await snapshot(
			await askForLink({ orderNumber: order.number, email: "someone.else@example.org", kind: "export" }),
		);
		const wrongNumber = await snapshot(
			await askForLink({ orderNumber: "LW-ZZZZ-ZZZZ-ZZZZ", email: GUEST_EMAIL, kind: "export" }),
		);
		const notANumber = await snapshot(
			await askForLink({ orderNumber: "nonsense", email: GUEST_EMAIL, kind: "deletion" }),
		);
		const accountsOrder = await snapshot(
			await askForLink({ orderNumber: customer.order.number, email: customer.email, kind: "export" }),
		);
		// Right pair, with the email as a person might type it.
		const right = await snapshot(
			await askForLink({
				orderNumber: order.number.toLowerCase(),
				email: ` ${GUEST_EMAIL.toUpperCase()} `,
				kind: "export",
			}),
		);

		expect(right.status).toBe(202);
		expect(JSON.parse(right.body)).toEqual(ACCEPTED);
		for (const answer of [wrongEmail, wrongNumber, accountsOrder]) expect(answer).toEqual(right);
		// A number that is not one reads nothing, so no D1 bookmark comes back: that tells the asker
		// only what they sent, never whether anything matched.
		const withoutBookmark = (headers: [string, string][]) =>
			headers.filter(([name]) => name !== "set-cookie");
		expect({ ...notANumber, headers: withoutBookmark(notANumber.headers) }).toEqual({
			...right,
			headers: withoutBookmark(right.headers),
		});

		const [row, ...more] = await linkMailed(order.orderId);
		expect(more).toHaveLength(0);
		expect(row).toMatchObject({ kind: "export", status: "pending", subject_id: order.subjectId });
		// The wrong pairs were decided before the answer: nothing of theirs was ever sent on.
		expect(await requestRows(other.orderId)).toHaveLength(0);
		expect(await requestRows(customerOrder.orderId)).toHaveLength(0);
	});

	it("limits tries per order number, whoever asks, as the guest lookup does", async () => {
		const order = await guestOrder();
		const statuses: number[] = [];
		await startOfFreshRateWindow();
		for (let i = 0; i < 6; i++) {
			statuses.push(
				(await askForLink({ orderNumber: order.number, email: `guess${i}@example.com`, kind: "export" }))
					.status,
			);
		}
		expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
		const limited = (await (
			await askForLink({ orderNumber: order.number, email: GUEST_EMAIL, kind: "export" })
		).json()) as ErrorBody;
		expect(limited.error.code).toBe("rate_limited");
		expect(await requestRows(order.orderId)).toHaveLength(0);
	});

	it("refuses malformed input with a 4xx and writes nothing", async () => {
		const order = await guestOrder();
		for (const body of [
			{ orderNumber: order.number, email: GUEST_EMAIL, kind: "everything" },
			{ orderNumber: order.number, email: GUEST_EMAIL },
			{ orderNumber: order.number, email: GUEST_EMAIL, kind: "export", extra: 1 },
		]) {
			expect((await askForLink(body)).status).toBe(400);
		}
		expect(await requestRows(order.orderId)).toHaveLength(0);
	});
});

describe("the mailed link", () => {
	it("export: the page names the request; confirming downloads the order's data once", async () => {
		const order = await guestOrder({ delivered: true });
		const returnNumber = await withReturnAndQuestion(
			order,
			GUEST_EMAIL,
			"The fringe came apart in the first wash.",
			"Can I wash it at sixty degrees?",
		);
		const token = await mailedLink(order, "export");

		const pageRes = await new Shopper().fetch(`/privacy/requests/${token}`);
		expect(pageRes.status).toBe(200);
		expect(pageRes.headers.get("cache-control")).toBe("no-store");
		const html = await pageRes.text();
		expect(html).toContain("Download your order&#39;s personal data");
		expect(html).toContain(order.number);
		expect(html).toContain(`action="/privacy/requests/${token}"`);
		expect(html).not.toContain(GUEST_EMAIL);
		// Looking changes nothing.
		expect(await linkStatus(token)).toBe("pending");

		const res = await confirm({ token });
		expect(res.status).toBe(200);
		expect(res.headers.get("cache-control")).toBe("no-store");
		expect(res.headers.get("content-disposition")).toBe(
			`attachment; filename="loomwash-${order.number}.json"`,
		);
		const body = (await res.json()) as ExportBody;
		expect(body.order).toMatchObject({
			number: order.number,
			status: "delivered",
			totals: { currency: "USD", subtotalMinor: 10_000 },
			contact: {
				email: GUEST_EMAIL,
				name: "Ada Lovelace",
				phone: "+1 415 555 0100",
				address: { line1: "1 Market St", city: "San Francisco", country: "US" },
			},
			returns: [{ number: returnNumber, details: "The fringe came apart in the first wash." }],
			consultations: [{ messages: [{ author: "shopper", body: "Can I wash it at sixty degrees?" }] }],
		});
		expect(body.order.lines).toMatchObject([{ quantity: 2, unitPriceMinor: 5_000 }]);
		expect(await linkStatus(token)).toBe("completed");

		const again = await confirm({ token });
		expect(again.status).toBe(404);
		expect(((await again.json()) as ErrorBody).error.message).toBe(LINK_NOT_VALID);
		expect((await new Shopper().fetch(`/privacy/requests/${token}`)).status).toBe(404);
	});

	it("deletion: the key is destroyed, nothing opens and no marker remains; the order keeps its archival fields", async () => {
		const markers = {
			email: "zinnia.guestdel.marker@example.org",
			name: "Zinnia Guestdelmark-Qx",
			phone: "+44 20 7946 0777",
			line1: "77 Delmark Wynd",
			city: "Kidderminster-Qx",
			details: "Delmarkdetails: the backing peeled",
			question: "Delmarkquestion: where is my refund",
		};
		const order = await guestOrder({
			delivered: true,
			body: {
				email: markers.email,
				name: markers.name,
				phone: markers.phone,
				address: { line1: markers.line1, city: markers.city, postalCode: "DY10 1AA", country: "GB" },
			},
		});
		await withReturnAndQuestion(order, markers.email, markers.details, markers.question);
		const token = await mailedLink(order, "deletion");

		// The return is still open: refused, and the link still works.
		const refused = await confirm({ token });
		expect(refused.status).toBe(409);
		expect(await linkStatus(token)).toBe("pending");
		await env.DB.prepare(
			"update returns set status = 'rejected', rejection = 'outside_window' where order_id = ?",
		)
			.bind(order.orderId)
			.run();

		const sealed = await sealedValuesOf(order);
		const total = await env.DB.prepare("select total_minor as n from orders where id = ?")
			.bind(order.orderId)
			.first<{ n: number }>();
		expect(sealed.length).toBeGreaterThanOrEqual(6);
		const logged: string[] = [];
		const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				logged.push(args.map(String).join(" "));
			}),
		);
		const res = await confirm({ token });
		for (const spy of spies) spy.mockRestore();
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ deleted: true });

		// Nothing decryptable: the subject's key is gone, and no key the vault holds opens any of it.
		const key = await env.VAULT_DB.prepare("select count(*) as n from subject_keys where id = ?")
			.bind(order.subjectId)
			.first<{ n: number }>();
		expect(key?.n).toBe(0);
		const shredded = await env.VAULT_DB.prepare("select reason from shredded_subjects where subject_id = ?")
			.bind(order.subjectId)
			.first<{ reason: string }>();
		expect(shredded?.reason).toBe("guest_deletion");
		for (const value of sealed) expect(await openWithAnyKey(value), value.table).toBeNull();

		// Nothing in the raw state of any database, nor in the logs.
		const dump = [
			await dumpAllTables(env.DB),
			await dumpAllTables(env.VAULT_DB),
			await dumpAllTables(env.ANALYTICS_DB),
			logged.join("\n"),
		].join("\n");
		for (const [field, marker] of Object.entries(markers)) {
			for (const encoded of encodingsOf(marker))
				expect(dump.includes(encoded), `${field} as ${encoded}`).toBe(false);
		}
		for (const value of sealed) expect(dump.includes(value.ciphertext), value.table).toBe(false);

		// The order's archival fields stay; the rows of personal data go.
		const row = await env.DB.prepare(
			"select number, status, total_minor, ship_country, customer_id, personal_data_purged_at from orders where id = ?",
		)
			.bind(order.orderId)
			.first<Record<string, unknown>>();
		expect(row).toMatchObject({
			number: order.number,
			status: "delivered",
			total_minor: total?.n,
			ship_country: "GB",
			customer_id: null,
		});
		expect(row?.personal_data_purged_at).toEqual(expect.any(Number));
		const count = async (sql: string) =>
			(await env.DB.prepare(sql).bind(order.orderId).first<{ n: number }>())?.n;
		expect(await count("select count(*) as n from order_lines where order_id = ?")).toBe(1);
		expect(await count("select count(*) as n from order_contacts where order_id = ?")).toBe(0);
		expect(await count("select count(*) as n from consultations where order_id = ?")).toBe(0);
		expect(await count("select count(*) as n from returns where order_id = ? and details_ct is null")).toBe(
			1,
		);

		// The link is used up.
		expect((await confirm({ token })).status).toBe(404);
	});

	it("deletion of an order in progress is refused and the link keeps working until it is delivered", async () => {
		const { checkout } = await placeOrder();
		const order = { number: checkout.order.number, ...(await orderIds(checkout.order.number)) };
		const token = await mailedLink(order, "deletion");
		const refused = await confirm({ token });
		expect(refused.status).toBe(409);
		expect(((await refused.json()) as ErrorBody).error.code).toBe("conflict");
		expect(await linkStatus(token)).toBe("pending");
		expect((await new Shopper().fetch(`/privacy/requests/${token}`)).status).toBe(200);
		const contact = await env.DB.prepare("select count(*) as n from order_contacts where order_id = ?")
			.bind(order.orderId)
			.first<{ n: number }>();
		expect(contact?.n).toBe(1);

		await payAndDeliver(checkout, deliveredDaysAgo(1));
		const done = await confirm({ token });
		expect(done.status).toBe(200);
		expect(await done.json()).toEqual({ deleted: true });
	});

	it("correction: needs the text, then opens a support conversation on the order, sealed", async () => {
		const order = await guestOrder({ delivered: true });
		const token = await mailedLink(order, "correction");
		expect((await confirm({ token })).status).toBe(400);
		expect((await confirm({ token, correction: "   " })).status).toBe(400);
		expect(await linkStatus(token)).toBe("pending");

		const text = "Correctmark: my surname is King, not Lovelace";
		const res = await confirm({ token, correction: text });
		expect(res.status).toBe(200);
		const { consultation } = (await res.json()) as { consultation: string };
		const thread = await env.DB.prepare("select * from consultations where id = ?")
			.bind(consultation)
			.first<Record<string, unknown>>();
		expect(thread).toMatchObject({
			kind: "after_sales",
			status: "open",
			order_id: order.orderId,
			subject_id: order.subjectId,
			customer_id: null,
		});
		const message = await env.DB.prepare(
			"select body_ct from consultation_messages where consultation_id = ?",
		)
			.bind(consultation)
			.first<{ body_ct: string }>();
		expect(message?.body_ct).toBeTruthy();
		expect(message?.body_ct).not.toContain("Correctmark");
		expect(await linkStatus(token)).toBe("completed");
		expect((await confirm({ token, correction: text })).status).toBe(404);
	});

	it("the page's form completes a correction without JavaScript", async () => {
		const order = await guestOrder({ delivered: true });
		const token = await mailedLink(order, "correction");
		const html = await (await new Shopper().fetch(`/privacy/requests/${token}`)).text();
		expect(html).toContain('name="correction"');
		const res = await new Shopper().fetch(`/privacy/requests/${token}`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ correction: "Please fix the postcode" }).toString(),
		});
		expect(res.status).toBe(200);
		expect(await res.text()).toContain("Request completed");
		expect(await linkStatus(token)).toBe("completed");
	});

	it("an expired link, a used one and an unknown one get one identical answer, and change nothing", async () => {
		const order = await guestOrder({ delivered: true });
		const expired = await mailedLink(order, "deletion", Date.now() - 1);
		const used = await mailedLink(order, "correction");
		expect((await confirm({ token: used, correction: "x" })).status).toBe(200);
		const unknown = "A".repeat(43);

		const pages = await Promise.all(
			[expired, used, unknown, "not-a-token"].map(async (t) => {
				const res = await new Shopper().fetch(`/privacy/requests/${t}`);
				return { status: res.status, body: await res.text() };
			}),
		);
		for (const p of pages) expect(p).toEqual(pages[0]);
		expect(pages[0]?.status).toBe(404);
		expect(pages[0]?.body).toContain(LINK_NOT_VALID);

		const answers = await Promise.all(
			[expired, used, unknown, "not-a-token"].map(async (t) => {
				const res = await confirm({ token: t, correction: "x" });
				const body = (await res.json()) as ErrorBody;
				return { status: res.status, code: body.error.code, message: body.error.message };
			}),
		);
		for (const a of answers) expect(a).toEqual({ status: 404, code: "not_found", message: LINK_NOT_VALID });
		expect(await linkStatus(expired)).toBe("pending");
		const key = await env.VAULT_DB.prepare("select count(*) as n from subject_keys where id = ?")
			.bind(order.subjectId)
			.first<{ n: number }>();
		expect(key?.n).toBe(1);
	});
});

/** Every ciphertext stored for the order: its contact, return details and messages. */
async function sealedValuesOf(order: GuestOrder): Promise<SealedValue[]> {
	const values: SealedValue[] = [];
	const contact = await env.DB.prepare("select * from order_contacts where order_id = ?")
		.bind(order.orderId)
		.first<Record<string, string>>();
	for (const field of ["email", "name", "phone", "address"]) {
		values.push({
			table: "order_contacts",
			rowId: order.orderId,
			field,
			ciphertext: contact?.[`${field}_ct`] ?? "",
		});
	}
	const { results: rets } = await env.DB.prepare("select id, details_ct from returns where order_id = ?")
		.bind(order.orderId)
		.all<{ id: string; details_ct: string }>();
	for (const r of rets)
		values.push({ table: "returns", rowId: r.id, field: "details", ciphertext: r.details_ct });
	const { results: messages } = await env.DB.prepare(
		"select m.id, m.body_ct from consultation_messages m join consultations c on c.id = m.consultation_id where c.order_id = ?",
	)
		.bind(order.orderId)
		.all<{ id: string; body_ct: string }>();
	for (const m of messages) {
		values.push({ table: "consultation_messages", rowId: m.id, field: "body", ciphertext: m.body_ct });
	}
	return values;
}
