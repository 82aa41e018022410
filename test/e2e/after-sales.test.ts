// Issue #8 end to end, through the HTTP API of the real local workers: a guest buys a rug and pays
// on the local payment stand-in; the warehouse packs it, exports the logistics manifest, ships and
// delivers it; the guest returns it, customer service approves and refunds it (once), the
// warehouse takes it back into stock; the guest asks about the order and gets the answer by mail.
// Every mail is read as wrangler captures it, and the shopper's details stay out of the raw state.
import { DatabaseSync } from "node:sqlite";
import { beforeAll, describe, expect, test } from "vitest";
import { api, CookieJar } from "./http-client.ts";
import { mailedText, mailedTexts } from "./mailbox.ts";
import {
	BASE_URL,
	CLIENT_HEADER,
	categorySlugs,
	d1File,
	getJson,
	markersInRawState,
	productsIn,
} from "./shop.ts";
import { staffTeam } from "./staff.ts";

const RUN = Date.now().toString(36);
const SHOPPER = {
	email: `e2e.after.sales.${RUN}@example.org`,
	name: "Ottoline Brackwater-Vyse",
	phone: "+1 503 555 0179",
	address: { line1: "88 Marrowby Lane", city: "Portland", region: "OR", postalCode: "97201", country: "US" },
};
// What the shopper writes is sealed by the vault, so it must not be readable in the state either.
const RETURN_DETAILS = `The colour clashes with the sofa, ref ${RUN}`;
const QUESTION = `Does the refund include the shipping, ref ${RUN}?`;
const REPLY = "The refund covers the rug less a small restocking fee.\nShipping is not refunded.";
const CARRIER = "DHL Express";
const TRACKING = `JD0146-${RUN.slice(-6).toUpperCase()}`;

type ApiError = { error: { code: string; message: string } };
type OrderView = { number: string; status: string; totalMinor: number; currency: string };
type Variant = { id: number; sku: string; priceMinor: number; stock: number; size: string; color: string };
type ProductDetail = { id: number; slug: string; name: string; variants: Variant[] };
type FulfilmentOrder = {
	number: string;
	status: string;
	packedAt: number | null;
	shippedAt: number | null;
	deliveredAt: number | null;
	carrier: string | null;
	trackingNumber: string | null;
};
type ReturnView = {
	number: string;
	orderNumber: string;
	status: string;
	requestedBy: string;
	refundMinor: number | null;
	refundedMinor: number;
	lines: { variantId: number; quantity: number; unitPriceMinor: number }[];
	closedAt: string | null;
};

/** What the commerce database holds about an order's money: paid, refunded, and its refund rows. */
function orderMoney(orderNumber: string): { paid: number; refunded: number; refunds: number } {
	const db = new DatabaseSync(d1File("refunds"), { readOnly: true });
	try {
		const row = db
			.prepare(
				"SELECT paid_minor AS paid, refunded_minor AS refunded, (SELECT COUNT(*) FROM refunds WHERE refunds.order_id = orders.id) AS refunds FROM orders WHERE number = ?",
			)
			.get(orderNumber) as { paid: number; refunded: number; refunds: number } | undefined;
		if (!row) throw new Error(`no order ${orderNumber} in the local database`);
		return { paid: Number(row.paid), refunded: Number(row.refunded), refunds: Number(row.refunds) };
	} finally {
		db.close();
	}
}

/** RFC 4180: CRLF rows, quoted cells with doubled quotes. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = "";
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ",") {
			row.push(cell);
			cell = "";
		} else if (ch === "\r" && text[i + 1] === "\n") {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = "";
			i++;
		} else cell += ch;
	}
	if (cell !== "" || row.length > 0) rows.push([...row, cell]);
	return rows;
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function expectNoShopperDetails(text: string): void {
	for (const marker of [SHOPPER.name, SHOPPER.phone, SHOPPER.address.line1, SHOPPER.email]) {
		expect(text).not.toContain(marker);
	}
}

async function variantStock(slug: string, variantId: number): Promise<number> {
	const { status, body } = await getJson<ProductDetail>(`/api/v1/products/${slug}`);
	expect(status).toBe(200);
	const variant = body.variants.find((v) => v.id === variantId);
	if (!variant) throw new Error(`variant ${variantId} is gone from ${slug}`);
	return variant.stock;
}

describe("after the purchase (issue #8), through the API", () => {
	let staff: Record<"admin" | "support" | "fulfilment", string>;

	beforeAll(async () => {
		// The first admin as `npm run staff:add` makes one; the admin adds the others (audited).
		staff = await staffTeam(RUN, ["support", "fulfilment"]);
	});

	test("a guest's rug is paid, shipped, delivered, returned, refunded once, and asked about", async () => {
		const start = Date.now() - 1000;

		// A rug off the shelf, away from the one the browser test buys (first category, first product).
		const category = (await categorySlugs()).at(-1) ?? "";
		const listed = (await productsIn(category)).at(-1);
		if (!listed) throw new Error(`no product in stock in ${category}`);
		const product = (await getJson<ProductDetail>(`/api/v1/products/${listed.slug}`)).body;
		const variant = [...product.variants].sort((a, b) => b.stock - a.stock)[0];
		if (!variant || variant.stock < 1) throw new Error(`${product.slug} has no variant in stock`);
		expect(variant.priceMinor).toBeGreaterThan(1000);

		// Cart and checkout as a guest, the cart's id in its signed cookie.
		const jar = new CookieJar();
		expect((await api("POST", "/api/v1/cart", { jar })).status).toBe(201);
		const added = await api("POST", "/api/v1/cart/items", {
			jar,
			body: { variantId: variant.id, quantity: 1 },
		});
		expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
		const checkout = await api<{ order: OrderView; paymentUrl: string }>("POST", "/api/v1/checkout", {
			jar,
			body: { ...SHOPPER, shippingMethod: "standard" },
		});
		expect(checkout.status, JSON.stringify(checkout.body)).toBe(201);
		const order = checkout.body.order;
		expect(order.status).toBe("placed");
		expect(order.number).toMatch(/^LW-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
		const stockAfterSale = await variantStock(product.slug, variant.id);

		// Pay on the local stand-in, as its page's form does.
		const paymentUrl = new URL(checkout.body.paymentUrl);
		expect(paymentUrl.pathname).toMatch(/^\/pay\/local\//);
		const paid = await fetch(`${BASE_URL}${paymentUrl.pathname}`, {
			method: "POST",
			headers: { ...CLIENT_HEADER, origin: BASE_URL, "content-type": "application/x-www-form-urlencoded" },
			body: "decision=pay",
			redirect: "manual",
			signal: AbortSignal.timeout(15_000),
		});
		expect(paid.status).toBe(303);
		expect(new URL(paid.headers.get("location") ?? "", BASE_URL).pathname).toBe(
			`/orders/${order.number}/thanks`,
		);

		// The confirmation: the order and its lines, nothing about the person.
		const confirmed = await mailedText(
			new RegExp(`payment has arrived[\\s\\S]*Order ${escapeRe(order.number)}\\n`),
			start,
		);
		expect(confirmed).toContain(`1 × ${product.name}`);
		expect(confirmed).toContain("/orders/lookup");
		expectNoShopperDetails(confirmed);
		const lookup = await api<{ order: OrderView }>("POST", "/api/v1/orders/lookup", {
			body: { orderNumber: order.number, email: SHOPPER.email },
		});
		expect(lookup.status).toBe(200);
		expect(lookup.body.order.status).toBe("paid");

		// The warehouse packs it; customer service may not.
		const step = (action: string, token: string, body?: unknown) =>
			api<{ order: FulfilmentOrder } & ApiError>("POST", `/api/v1/staff/orders/${order.number}/${action}`, {
				staff: token,
				body,
			});
		expect((await step("pack", staff.support)).status).toBe(403);
		const packed = await step("pack", staff.fulfilment);
		expect(packed.status, JSON.stringify(packed.body)).toBe(200);
		expect(packed.body.order).toMatchObject({ number: order.number, status: "packed", shippedAt: null });
		expect(packed.body.order.packedAt).toEqual(expect.any(Number));
		expect((await step("pack", staff.fulfilment)).body.error?.code).toBe("invalid_state");

		// The manifest as CSV: the columns docs/api.md pins, the consignee, never the email.
		const manifest = await api<string>("GET", "/api/v1/staff/orders/manifest?format=csv", {
			staff: staff.fulfilment,
		});
		expect(manifest.status).toBe(200);
		expect(manifest.res.headers.get("content-type")).toMatch(/^text\/csv/);
		expect(manifest.res.headers.get("content-disposition")).toMatch(/^attachment/);
		expect(manifest.res.headers.get("cache-control")).toContain("no-store");
		const [header, ...rows] = parseCsv(manifest.body);
		expect(header).toEqual([
			"order_number",
			"consignee_name",
			"address_line1",
			"address_line2",
			"city",
			"region",
			"postal_code",
			"country",
			"phone",
			"contents",
			"address_label",
		]);
		const parcel = rows.find((row) => row[0] === order.number);
		expect(parcel).toEqual([
			order.number,
			SHOPPER.name,
			SHOPPER.address.line1,
			"",
			SHOPPER.address.city,
			SHOPPER.address.region,
			SHOPPER.address.postalCode,
			SHOPPER.address.country,
			// In E.164 for the carrier, and formula-safe: a cell starting with + is prefixed with '.
			`'${SHOPPER.phone.replace(/ /g, "")}`,
			`${variant.sku} × 1 ${product.name} (${variant.size}, ${variant.color})`,
			// The label as the US post writes it: city, state and ZIP on one line.
			`${SHOPPER.address.line1}\n${SHOPPER.address.city} ${SHOPPER.address.region} ${SHOPPER.address.postalCode}`,
		]);
		expect(manifest.body).not.toContain(SHOPPER.email);

		// Shipped with carrier and tracking, mailed; then delivered (day 0 of the return window).
		const shipped = await step("ship", staff.fulfilment, { carrier: CARRIER, trackingNumber: TRACKING });
		expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
		expect(shipped.body.order).toMatchObject({
			status: "shipped",
			carrier: CARRIER,
			trackingNumber: TRACKING,
		});
		const shippedMail = await mailedText(new RegExp(`Order ${escapeRe(order.number)} is on its way`), start);
		expect(shippedMail).toContain(`Tracking number: ${TRACKING}`);
		expect(shippedMail).toContain(`Carrier: ${CARRIER}`);
		expectNoShopperDetails(shippedMail);
		const afterShipping = await api<{ parcels: { orderNumber: string }[] }>(
			"GET",
			"/api/v1/staff/orders/manifest?format=json",
			{ staff: staff.fulfilment },
		);
		expect(afterShipping.status).toBe(200);
		expect(afterShipping.body.parcels.map((p) => p.orderNumber)).not.toContain(order.number);
		const delivered = await step("deliver", staff.fulfilment);
		expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
		expect(delivered.body.order.status).toBe("delivered");
		expect(delivered.body.order.deliveredAt).toEqual(expect.any(Number));

		// The guest asks for a return with the order number and email.
		const requested = await api<{ return: ReturnView }>("POST", "/api/v1/returns", {
			body: {
				orderNumber: order.number,
				email: SHOPPER.email,
				reason: "size_or_colour",
				details: RETURN_DETAILS,
				lines: [{ variantId: variant.id, quantity: 1 }],
			},
		});
		expect(requested.status, JSON.stringify(requested.body)).toBe(201);
		const rma = requested.body.return;
		expect(rma).toMatchObject({
			orderNumber: order.number,
			status: "requested",
			requestedBy: "guest",
			refundMinor: null,
			refundedMinor: 0,
		});
		expect(rma.lines).toEqual([expect.objectContaining({ variantId: variant.id, quantity: 1 })]);
		const returnMail = (status: string) =>
			mailedText(
				new RegExp(`Return ${escapeRe(rma.number)} \\(order ${escapeRe(order.number)}\\)\\n\\n${status}`),
				start,
			);
		expectNoShopperDetails(await returnMail("We have received your return request"));

		// Customer service reads the description and approves a refund less a restocking fee.
		const read = await api<{ return: ReturnView & { details: string | null } }>(
			"GET",
			`/api/v1/staff/returns/${rma.number}`,
			{ staff: staff.support },
		);
		expect(read.status).toBe(200);
		expect(read.body.return.details).toBe(RETURN_DETAILS);
		const approvedMinor = variant.priceMinor - 500;
		const move = (action: string, token: string, body?: unknown) =>
			api<{ return: ReturnView } & ApiError>("POST", `/api/v1/staff/returns/${rma.number}/${action}`, {
				staff: token,
				body,
			});
		const approved = await move("approve", staff.support, { refundMinor: approvedMinor });
		expect(approved.status, JSON.stringify(approved.body)).toBe(200);
		expect(approved.body.return).toMatchObject({
			status: "approved",
			refundMinor: approvedMinor,
			refundedMinor: 0,
		});
		expectNoShopperDetails(await returnMail("Your return is approved"));

		// The warehouse receives the parcel: the rug is back on sale.
		const stockBeforeReceipt = await variantStock(product.slug, variant.id);
		expect(stockBeforeReceipt).toBeLessThanOrEqual(stockAfterSale);
		const received = await move("receive", staff.fulfilment);
		expect(received.status, JSON.stringify(received.body)).toBe(200);
		expect(received.body.return.status).toBe("received");
		expect(await variantStock(product.slug, variant.id)).toBe(stockBeforeReceipt + 1);
		expectNoShopperDetails(await returnMail("The returned items have arrived"));

		// Customer service refunds: exactly the approved amount, and only once.
		expect(orderMoney(order.number)).toEqual({ paid: order.totalMinor, refunded: 0, refunds: 0 });
		const refunded = await move("refund", staff.support, {});
		expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
		expect(refunded.body.return).toMatchObject({ status: "refunded", refundedMinor: approvedMinor });
		expect(refunded.body.return.closedAt).not.toBeNull();
		expect(orderMoney(order.number)).toEqual({ paid: order.totalMinor, refunded: approvedMinor, refunds: 1 });
		const refundedMail = await returnMail("Your refund has been issued");
		const amount = new Intl.NumberFormat("en-US", { style: "currency", currency: order.currency }).format(
			approvedMinor / 100,
		);
		expect(refundedMail).toContain(`Amount: ${amount}`);
		expectNoShopperDetails(refundedMail);

		const again = await move("refund", staff.support, {});
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe("invalid_state");
		expect(orderMoney(order.number)).toEqual({ paid: order.totalMinor, refunded: approvedMinor, refunds: 1 });
		expect(await variantStock(product.slug, variant.id)).toBe(stockBeforeReceipt + 1);
		const status = await api<{ returns: ReturnView[] }>("POST", "/api/v1/returns/lookup", {
			body: { orderNumber: order.number, email: SHOPPER.email },
		});
		expect(status.status).toBe(200);
		expect(status.body.returns).toEqual([
			expect.objectContaining({ number: rma.number, status: "refunded", refundMinor: approvedMinor }),
		]);
		expect(status.body.returns[0]?.refundedMinor).toBe(approvedMinor);
		// One mail per status: the refused second refund sent nothing.
		expect(
			mailedTexts(new RegExp(`Return ${escapeRe(rma.number)} [\\s\\S]*Your refund has been issued`), start),
		).toHaveLength(1);

		// The guest asks about the order; customer service answers, and the answer is mailed.
		const asked = await api<{ consultation: { id: string; status: string; orderNumber: string | null } }>(
			"POST",
			"/api/v1/consultations",
			{ body: { kind: "after_sales", orderNumber: order.number, email: SHOPPER.email, message: QUESTION } },
		);
		expect(asked.status, JSON.stringify(asked.body)).toBe(201);
		expect(asked.body.consultation).toMatchObject({ status: "open", orderNumber: order.number });
		const threadId = asked.body.consultation.id;
		const queue = await api<{ consultations: { id: string; status: string }[] }>(
			"GET",
			"/api/v1/staff/consultations?status=open&limit=100",
			{ staff: staff.support },
		);
		expect(queue.status).toBe(200);
		expect(queue.body.consultations.map((c) => c.id)).toContain(threadId);
		const thread = await api<{ consultation: { messages: { author: string; body: string }[] } }>(
			"GET",
			`/api/v1/staff/consultations/${threadId}`,
			{ staff: staff.support },
		);
		expect(thread.status).toBe(200);
		expect(thread.body.consultation.messages).toEqual([
			{ ...thread.body.consultation.messages[0], author: "shopper", body: QUESTION },
		]);
		const replied = await api("POST", `/api/v1/staff/consultations/${threadId}/messages`, {
			staff: staff.support,
			body: { message: REPLY },
		});
		expect(replied.status, JSON.stringify(replied.body)).toBe(201);
		const answer = await mailedText(/Customer service has answered your question/, start);
		expect(answer).toContain(
			REPLY.split("\n")
				.map((line) => `> ${line}`)
				.join("\n"),
		);
		expect(answer).toContain("/orders/lookup");
		expectNoShopperDetails(answer);

		// Every raw byte of the local state and the workers' log: none of the shopper's details,
		// nor what they wrote (sealed by the vault), in any encoding...
		expect(
			markersInRawState([
				SHOPPER.name,
				SHOPPER.email,
				SHOPPER.phone,
				SHOPPER.address.line1,
				RETURN_DETAILS,
				QUESTION,
			]),
		).toEqual([]);
		// ...while the scan does see what is stored in the clear.
		expect(markersInRawState([order.number, rma.number])).toEqual([order.number, rma.number]);
	}, 180_000);
});
