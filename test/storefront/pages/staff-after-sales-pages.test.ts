// The staff console's after-sales pages through the real worker and vault: returns and refunds,
// consultations and review moderation. Lists and a record's page hold no personal data; a text
// opens only by the POST after the notice, logged; each step's form succeeds (303) or shows the
// page again with a 4xx and changes nothing; the vault refuses a role that may not.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { guestAsk, guestOrder, messageRows, threadRow } from "../after-sales/consultation-fixtures";
import { auditHead, auditSince } from "../after-sales/fulfilment-fixtures";
import {
	deliveredGuestOrder,
	guestRequest,
	guestReturnBody,
	type ReturnBody,
	returnRow,
} from "../after-sales/returns-fixtures";
import { verifiedBuyer, writtenReview } from "../after-sales/review-fixtures";
import { stockOf } from "../fixtures/commerce";
import {
	expectHostileBodiesRefused,
	expectLabelledControls,
	signedIn,
	staffPage,
} from "./staff-console-fixtures";

const DETAILS = "The fringe came apart in the first wash.";

async function requestedReturn() {
	const order = await deliveredGuestOrder({ quantity: 2 });
	const res = await guestRequest(guestReturnBody(order, { details: DETAILS }));
	expect(res.status).toBe(201);
	return { order, number: ((await res.json()) as ReturnBody).return.number };
}

const returnStatus = async (number: string) =>
	(await env.DB.prepare("select status, refund_minor from returns where number = ?")
		.bind(number)
		.first<{ status: string; refund_minor: number | null }>()) ?? { status: "none", refund_minor: null };

describe("returns and refunds", () => {
	it("lists returns by status without personal data, for every role, and refuses a bad filter", async () => {
		const { number } = await requestedReturn();
		const { browser } = await signedIn("fulfilment");
		const list = await staffPage(await browser.fetch("/staff/returns?status=requested"));
		expect(list).toContain(`href="/staff/returns/${number}"`);
		expect(list).toContain("Returns: Requested");
		expect(list).not.toContain(DETAILS);
		expectLabelledControls(list);
		await staffPage(await browser.fetch("/staff/returns?status=lost"), 400);
		await staffPage(await browser.fetch("/staff/returns?cursor=bad"), 400);
		// The warehouse sees the return, but is offered neither the description nor a decision.
		const page = await staffPage(await browser.fetch(`/staff/returns/${number}`));
		expect(page).toContain(`Return ${number}`);
		expect(page).not.toContain("/details");
		expect(page).not.toContain("/approve");
		expect((await browser.fetch("/staff/returns/RMA-AAAA-AAAA")).status).toBe(404);
	});

	it("opens the description only after the notice, logged for support", async () => {
		const { number } = await requestedReturn();
		const { browser } = await signedIn("support");
		const before = await auditHead();
		const page = await staffPage(await browser.fetch(`/staff/returns/${number}`));
		expect(page).toContain("personal data");
		expect(page).toContain(`action="/staff/returns/${number}/details"`);
		expect(page).not.toContain(DETAILS);
		expectLabelledControls(page);
		expect(await auditSince(before)).toEqual([]);

		const res = await browser.post(`/staff/returns/${number}/details`);
		const opened = await staffPage(res);
		expect(opened).toContain(DETAILS);
		expect(opened).toContain("This access was logged");
		expect(opened).toContain(res.headers.get("x-request-id") ?? "-");
		expect((await auditSince(before)).map((e) => [e.action, e.purpose, e.outcome])).toEqual([
			["open", "support", "allowed"],
		]);
	});

	it("approves with an amount, receives and refunds; bad amounts and other roles change nothing", async () => {
		const { order, number } = await requestedReturn();
		const support = (await signedIn("support")).browser;
		const path = `/staff/returns/${number}`;

		const bad = await staffPage(await support.post(`${path}/approve`, { amount: "ninety" }), 400);
		expect(bad).toContain('role="alert"');
		expect(bad).toContain('href="#approve-amount"');
		expect(bad).toMatch(/id="approve-amount"[^>]*value="ninety"/);
		expect(bad).toMatch(/id="approve-amount"[^>]*aria-invalid="true"/);
		const tooMuch = await staffPage(await support.post(`${path}/approve`, { amount: "100000" }), 409);
		expect(tooMuch).toContain("At most");
		await staffPage(await support.post(`${path}/approve`, { amount: "10", extra: "1" }), 400);
		await staffPage(await support.post(`${path}/reject`, { rejection: "bored" }), 400);
		await expectHostileBodiesRefused(support, [`${path}/approve`, `${path}/reject`, `${path}/refund`]);
		// Admin may list returns but not decide them: the vault refuses, and says so.
		const admin = (await signedIn("admin")).browser;
		expect(await staffPage(await admin.post(`${path}/approve`, { amount: "10" }), 403)).toContain(
			"Not for your role",
		);
		expect(await returnStatus(number)).toEqual({ status: "requested", refund_minor: null });

		const approved = await support.post(`${path}/approve`, { amount: "45.50" });
		expect(approved.status).toBe(303);
		expect(approved.headers.get("location")).toBe(path);
		expect(await returnStatus(number)).toEqual({ status: "approved", refund_minor: 4_550 });
		// Approving twice is refused by the status machine: the page again, with the reason.
		expect(await staffPage(await support.post(`${path}/approve`, { amount: "10" }), 409)).toContain(
			"cannot be approved",
		);

		const stock = await stockOf(order.variant.variantId);
		const fulfilment = (await signedIn("fulfilment")).browser;
		const page = await staffPage(await fulfilment.fetch(path));
		expect(page).toContain(`action="${path}/receive"`);
		expect((await fulfilment.post(`${path}/receive`)).status).toBe(303);
		expect((await returnStatus(number)).status).toBe("received");
		expect(await stockOf(order.variant.variantId)).toBe(stock + 1);

		const refundPage = await staffPage(await support.fetch(path));
		expect(refundPage).toMatch(/id="refund-amount"[^>]*value="45.50"/);
		await staffPage(await support.post(`${path}/refund`, { amount: "50" }), 409);
		expect((await returnStatus(number)).status).toBe("received");
		expect((await support.post(`${path}/refund`, { amount: "" })).status).toBe(303);
		expect((await returnStatus(number)).status).toBe("refunded");
		const { id } = await returnRow(number);
		const refunded = await env.DB.prepare("select sum(amount_minor) as n from refunds where return_id = ?")
			.bind(id)
			.first<{ n: number }>();
		expect(refunded?.n).toBe(4_550);
	});

	it("rejects with a reason", async () => {
		const { number } = await requestedReturn();
		const { browser } = await signedIn("support");
		const missing = await staffPage(await browser.post(`/staff/returns/${number}/reject`, {}), 400);
		expect(missing).toContain('href="#reject-rejection"');
		expect((await returnStatus(number)).status).toBe("requested");
		const res = await browser.post(`/staff/returns/${number}/reject`, { rejection: "outside_window" });
		expect(res.status).toBe(303);
		expect((await returnStatus(number)).status).toBe("rejected");
		expect(await staffPage(await browser.fetch(`/staff/returns/${number}`))).toContain(
			"Outside the 60-day window",
		);
	});
});

const QUESTION = "Does the sand colour fade in a hot wash?";

async function guestThread(): Promise<string> {
	const order = await guestOrder();
	const res = await guestAsk({
		kind: "after_sales",
		orderNumber: order.number,
		email: "ada@example.com",
		message: QUESTION,
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { consultation: { id: string } }).consultation.id;
}

describe("consultations", () => {
	it("lists threads and opens the messages only after the notice, logged", async () => {
		const id = await guestThread();
		const { browser } = await signedIn("support");
		const list = await staffPage(await browser.fetch("/staff/consultations?status=open"));
		expect(list).toContain(`href="/staff/consultations/${id}"`);
		expect(list).not.toContain(QUESTION);
		expectLabelledControls(list);
		await staffPage(await browser.fetch("/staff/consultations?status=maybe"), 400);

		const before = await auditHead();
		const page = await staffPage(await browser.fetch(`/staff/consultations/${id}`));
		expect(page).toContain("personal data");
		expect(page).not.toContain(QUESTION);
		expectLabelledControls(page);
		expect(await auditSince(before)).toEqual([]);

		const opened = await staffPage(await browser.post(`/staff/consultations/${id}/open`));
		expect(opened).toContain(QUESTION);
		expect(opened).toContain("This access was logged");
		expect((await auditSince(before)).map((e) => [e.action, e.purpose, e.outcome])).toEqual([
			["open", "support", "allowed"],
		]);
		expect((await browser.fetch("/staff/consultations/not-a-thread")).status).toBe(400);
	});

	it("answers and closes; an empty answer is the page again, sending nothing", async () => {
		const id = await guestThread();
		const { browser } = await signedIn("support");
		const path = `/staff/consultations/${id}`;
		const empty = await staffPage(await browser.post(`${path}/messages`, { message: "   " }), 400);
		expect(empty).toContain('href="#reply-message"');
		expect(empty).toMatch(/id="reply-message"[^>]*aria-invalid="true"/);
		await expectHostileBodiesRefused(browser, [`${path}/messages`]);
		expect(await messageRows(id)).toHaveLength(1);

		const sent = await browser.post(`${path}/messages`, { message: "It does not: wash it at 30°C." });
		expect(sent.status).toBe(303);
		expect(sent.headers.get("location")).toBe(path);
		const rows = await messageRows(id);
		expect(rows.map((r) => r.author)).toEqual(["shopper", "staff"]);

		expect((await browser.post(`${path}/close`)).status).toBe(303);
		expect((await threadRow(id)).status).toBe("closed");
		expect(await staffPage(await browser.fetch(path))).toContain("This conversation is closed.");
		// A closed thread takes no answer: the page again with the reason.
		await staffPage(await browser.post(`${path}/messages`, { message: "One more thing." }), 409);
		expect(await messageRows(id)).toHaveLength(2);
	});

	it("is customer service's: other roles get the vault's refusal", async () => {
		const id = await guestThread();
		for (const role of ["admin", "fulfilment"] as const) {
			const { browser } = await signedIn(role);
			await staffPage(await browser.fetch("/staff/consultations"), 403);
			await staffPage(await browser.post(`/staff/consultations/${id}/open`), 403);
		}
	});
});

describe("review moderation", () => {
	it("shows the pending queue without texts, opens one logged, publishes and rejects", async () => {
		const { product, customer } = await verifiedBuyer();
		const text = `Soft and it washes well ${crypto.randomUUID().slice(0, 6)}`;
		const review = await writtenReview(customer.shopper, product, 5, text);
		const { browser } = await signedIn("support");

		const queue = await staffPage(await browser.fetch("/staff/reviews"));
		expect(queue).toContain(`action="/staff/reviews/${review.id}/open"`);
		expect(queue).toContain("Reviews: Pending moderation");
		expect(queue).not.toContain(text);
		expectLabelledControls(queue);
		await staffPage(await browser.fetch("/staff/reviews?status=hidden"), 400);

		const before = await auditHead();
		const opened = await staffPage(await browser.post(`/staff/reviews/${review.id}/open`));
		expect(opened).toContain(text);
		expect(opened).toContain(customer.nickname);
		expect(opened).toContain("This access was logged");
		expect((await auditSince(before)).map((e) => [e.action, e.purpose])).toEqual([["open", "support"]]);

		const status = async () =>
			(
				await env.DB.prepare("select status from reviews where id = ?")
					.bind(review.id)
					.first<{ status: string }>()
			)?.status;
		expect((await browser.post(`/staff/reviews/${review.id}/publish`)).status).toBe(303);
		expect(await status()).toBe("published");
		const all = await staffPage(await browser.fetch("/staff/reviews?status="));
		expect(all).toContain(`action="/staff/reviews/${review.id}/reject"`);
		expect((await browser.post(`/staff/reviews/${review.id}/reject`)).status).toBe(303);
		expect(await status()).toBe("rejected");
		expect((await browser.post("/staff/reviews/rev_AAAAAAAAAAAAAAAAAAAAAA/publish")).status).toBe(404);

		const fulfilment = (await signedIn("fulfilment")).browser;
		await staffPage(await fulfilment.fetch("/staff/reviews"), 403);
		await staffPage(await fulfilment.post(`/staff/reviews/${review.id}/publish`), 403);
		expect(await status()).toBe("rejected");
	});
});
