// The signed-in shopper's after-sales pages through the real worker (issue #10): the return form
// of a delivered order, the returns list and a return's page; conversations with customer service
// (start, read, reply, close); writing a review and the list of one's reviews. Each page is
// personal (no-store, noindex); each form's success answers 303 and each refusal a 4xx page with
// what was wrong and what was typed, changing nothing; a signed-out visitor is sent to log in.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { UNKNOWN_FIELDS } from "../../../workers/storefront/pages/after-sales/forms";
import { asStaff as asStaffMember } from "../after-sales/consultation-fixtures";
import {
	customerWithDeliveredOrder,
	DAY,
	type DeliveredOrder,
	deliveredDaysAgo,
} from "../after-sales/returns-fixtures";
import { orderOf } from "../after-sales/review-fixtures";
import { registeredCustomer } from "../fixtures/accounts";
import { createVariant, Shopper } from "../fixtures/commerce";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const MAX_PAGE_BYTES = 50 * 1024;
const UUID = /^\/account\/consultations\/([0-9a-f-]{36})$/;

function postForm(shopper: Shopper, path: string, fields: Record<string, string> | string = {}) {
	const body = typeof fields === "string" ? fields : new URLSearchParams(fields).toString();
	return shopper.fetch(path, { method: "POST", headers: FORM, body });
}

/** A personal page: HTML, never cached, out of search engines, one h1, no inline script, < 50 KB. */
async function privatePage(res: Response, status = 200): Promise<string> {
	const text = await res.text();
	expect(res.status, text.slice(0, 800)).toBe(status);
	expect(res.headers.get("content-type")).toContain("text/html");
	expect(res.headers.get("cache-control")).toBe("no-store");
	expect(text).toContain('<meta name="robots" content="noindex"/>');
	expect(text).toContain('<html lang="en-US">');
	expect(text.match(/<h1[ >]/g)).toHaveLength(1);
	expect(new TextEncoder().encode(text).length).toBeLessThan(MAX_PAGE_BYTES);
	for (const script of text.match(/<script[^>]*>/g) ?? []) expect(script).toMatch(/ src="\//);
	return text;
}

/** Every input, select and textarea has a label pointing at it (hidden inputs need none). */
function expectLabelledControls(html: string) {
	const controls = [...html.matchAll(/<(?:select|input|textarea) ([^>]*)>/g)].map((m) => m[1] ?? "");
	for (const attributes of controls.filter((a) => !a.includes('type="hidden"'))) {
		const id = /^id="([^"]+)"/.exec(attributes)?.[1];
		expect(id, `control without id: ${attributes}`).toBeDefined();
		expect(html, `label for ${id}`).toMatch(new RegExp(`<label (?:class="[^"]*" )?for="${id}"[ >]`));
	}
}

/** The error summary's links, as [href, text]. */
function summaryLinks(html: string): [string, string][] {
	const summary = /<div class="notice" role="alert"[^>]*>(.*?)<\/div>/s.exec(html)?.[1] ?? "";
	return [...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1] ?? "", m[2] ?? ""]);
}

const invalid = (html: string, id: string) =>
	new RegExp(`<(?:input|select|textarea) id="${id}"[^>]*aria-invalid="true"`).test(html);

async function count(table: string): Promise<number> {
	return (await env.DB.prepare(`select count(*) as n from ${table}`).first<{ n: number }>())?.n ?? 0;
}

const returnForm = (order: DeliveredOrder) => `/account/orders/${order.number}/return`;
const qty = (order: DeliveredOrder) => `qty-${order.variant.variantId}`;

describe("signed out", () => {
	it("sends every after-sales page and form to the login page with the way back, changing nothing", async () => {
		const guest = new Shopper();
		const pages = [
			"/account/returns",
			"/account/returns/RMA-AAAA-BBBB",
			"/account/orders/LW-AAAA-BBBB-CCCC/return",
			"/account/consultations",
			"/account/consultations/new?order=LW-AAAA-BBBB-CCCC",
			"/account/reviews",
			"/account/reviews/new?product=some-rug",
		];
		for (const path of pages) {
			const res = await guest.fetch(path);
			expect(res.status, path).toBe(303);
			expect(res.headers.get("location")).toBe(`/account/login?next=${encodeURIComponent(path)}`);
			expect(res.headers.get("cache-control")).toBe("no-store");
		}
		const before = await Promise.all([count("returns"), count("consultations"), count("reviews")]);
		const id = crypto.randomUUID();
		const posts: [string, string][] = [
			["/account/orders/LW-AAAA-BBBB-CCCC/return", "/account/orders/LW-AAAA-BBBB-CCCC/return"],
			["/account/consultations", "/account/consultations"],
			[`/account/consultations/${id}/messages`, `/account/consultations/${id}`],
			[`/account/consultations/${id}/close`, `/account/consultations/${id}`],
			["/account/reviews", "/account/reviews"],
		];
		for (const [path, back] of posts) {
			const res = await postForm(guest, path, { message: "hello", reason: "damaged" });
			expect(res.status, path).toBe(303);
			expect(res.headers.get("location")).toBe(`/account/login?next=${encodeURIComponent(back)}`);
		}
		expect(await Promise.all([count("returns"), count("consultations"), count("reviews")])).toEqual(before);
	});

	it("treats a forged session cookie as signed out", async () => {
		const forged = new Shopper();
		forged.cookies.set("__Host-lw_session", "v1.forged.token");
		const res = await forged.fetch("/account/returns");
		expect(res.status).toBe(303);
		expect(res.headers.get("location")).toBe("/account/login?next=%2Faccount%2Freturns");
	});
});

describe("the return form: GET /account/orders/{number}/return", () => {
	it("shows the order's items with what is left, the open 60-day window and a labelled form", async () => {
		const { shopper, order } = await customerWithDeliveredOrder({
			quantity: 2,
			deliveredAt: deliveredDaysAgo(3),
		});
		const html = await privatePage(await shopper.fetch(returnForm(order)));
		expectLabelledControls(html);
		expect(html).toContain(`<a href="/account/orders/${order.number}">${order.number}</a>`);
		expect(html).toMatch(/return window is <strong>open<\/strong> until the end of/);
		expect(html).toContain(`<form method="post" action="/account/orders/${order.number}/return"`);
		expect(html).toMatch(
			new RegExp(`<input id="f-${qty(order)}" name="${qty(order)}" type="number"[^>]*max="2"`),
		);
		expect(html).toContain("Up to 2");
		expect(html).toContain('<option value="damaged">It arrived damaged</option>');
		expect(html).toContain('<textarea id="f-details" name="details"');
		expect(html).toContain("<caption>Items in order");
	});

	it("says when the window has closed or the order is not delivered yet, and offers no form then", async () => {
		const late = await customerWithDeliveredOrder({ deliveredAt: deliveredDaysAgo(61) });
		const closed = await privatePage(await late.shopper.fetch(returnForm(late.order)));
		expect(closed).toMatch(/return window <strong>closed<\/strong> at the end of/);
		expect(closed).not.toContain('<form method="post" action="/account/orders/');

		const early = await customerWithDeliveredOrder();
		await env.DB.prepare("update orders set status = 'shipped', delivered_at = null where id = ?")
			.bind(early.order.orderId)
			.run();
		const shipped = await privatePage(await early.shopper.fetch(returnForm(early.order)));
		expect(shipped).toContain("This order has not been delivered yet.");
		expect(shipped).not.toContain(`action="/account/orders/${early.order.number}/return"`);
	});

	it("answers 404 for another customer's order and for a number that is no order", async () => {
		const { order } = await customerWithDeliveredOrder();
		const other = await registeredCustomer();
		const html = await privatePage(await other.shopper.fetch(returnForm(order)), 404);
		expect(html).toContain("Order not found");
		expect(html).not.toContain(order.variant.sku);
		await privatePage(await other.shopper.fetch("/account/orders/not-an-order/return"), 404);
	});
});

describe("requesting a return: POST /account/orders/{number}/return", () => {
	it("requests it (303 to its page), which shows it requested with the description; listed; the form then says one is in progress", async () => {
		const { shopper, order } = await customerWithDeliveredOrder({ quantity: 2 });
		const res = await postForm(shopper, returnForm(order), {
			[qty(order)]: "1",
			reason: "damaged",
			details: "The fringe came apart <b>in the first wash</b>.",
		});
		expect(res.status, await res.clone().text()).toBe(303);
		const location = res.headers.get("location") ?? "";
		const number = /^\/account\/returns\/(RMA-[0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(location)?.[1];
		expect(number).toBeDefined();
		const row = await env.DB.prepare("select status, details_ct from returns where number = ?")
			.bind(number)
			.first<{ status: string; details_ct: string }>();
		expect(row?.status).toBe("requested");
		expect(row?.details_ct).toMatch(/^v1\./);

		const page = await privatePage(await shopper.fetch(location));
		expect(page).toContain(`<h1>Return ${number}</h1>`);
		expect(page).toContain('<span class="status">requested</span>');
		expect(page).toContain("It arrived damaged");
		// The description, opened by the vault for its owner, escaped.
		expect(page).toContain("The fringe came apart &lt;b&gt;in the first wash&lt;/b&gt;.");
		expect(page).toContain("Not decided yet");
		expect(page).toMatch(/<td class="num">1<\/td>/);

		const list = await privatePage(await shopper.fetch("/account/returns"));
		expect(list).toContain(`<a href="/account/returns/${number}">${number}</a>`);
		expect(list).toContain('<span class="status">requested</span>');
		expect(list).not.toContain("fringe");

		const again = await privatePage(await shopper.fetch(returnForm(order)));
		expect(again).toContain("A return is already in progress");
		expect(again).not.toContain(`name="${qty(order)}"`);
	});

	it("refuses a form without items, reason or with bad details: 400, summary linking to the fields, typed text kept, nothing stored", async () => {
		const { shopper, order } = await customerWithDeliveredOrder({ quantity: 2 });
		const before = await count("returns");

		const empty = await privatePage(
			await postForm(shopper, returnForm(order), { [qty(order)]: "0", reason: "", details: "Kept <text>" }),
			400,
		);
		expect(empty).toContain("<title>Error: Return items · Loomwash</title>");
		expect(summaryLinks(empty)).toEqual([
			["#f-reason", "Choose why you are sending it back"],
			["#f-lines", "Choose at least one item to send back, with how many"],
		]);
		expect(empty).toContain("Kept &lt;text&gt;</textarea>");

		const noReason = await privatePage(
			await postForm(shopper, returnForm(order), { [qty(order)]: "1", details: "x" }),
			400,
		);
		expect(summaryLinks(noReason)).toEqual([["#f-reason", "Choose why you are sending it back"]]);
		expect(invalid(noReason, "f-reason")).toBe(true);
		expect(noReason).toMatch(new RegExp(`name="${qty(order)}"[^>]*value="1"`));

		const badQuantity = await privatePage(
			await postForm(shopper, returnForm(order), { [qty(order)]: "-1", reason: "damaged" }),
			400,
		);
		expect(summaryLinks(badQuantity)).toEqual([[`#f-${qty(order)}`, "Enter a whole number of items"]]);
		expect(invalid(badQuantity, `f-${qty(order)}`)).toBe(true);

		const control = await privatePage(
			await postForm(shopper, returnForm(order), {
				[qty(order)]: "1",
				reason: "other",
				details: "bell\u0007",
			}),
			400,
		);
		expect(summaryLinks(control)).toEqual([
			["#f-details", "The details must not contain control characters"],
		]);
		expect(invalid(control, "f-details")).toBe(true);

		const unknown = await privatePage(
			await postForm(shopper, returnForm(order), {
				[qty(order)]: "1",
				reason: "other",
				refundMinor: "99999",
			}),
			400,
		);
		expect(unknown).toContain(UNKNOWN_FIELDS.replace("'", "&#39;"));

		const tooLong = await privatePage(
			await postForm(shopper, returnForm(order), {
				[qty(order)]: "1",
				reason: "other",
				details: "x".repeat(2001),
			}),
			400,
		);
		expect(summaryLinks(tooLong)).toEqual([["#f-details", "Keep the details to 2000 characters or fewer"]]);

		const notForm = await shopper.fetch(returnForm(order), {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({
				reason: "damaged",
				lines: [{ variantId: order.variant.variantId, quantity: 1 }],
			}),
		});
		expect(notForm.status).toBeGreaterThanOrEqual(400);
		expect(notForm.status).toBeLessThan(500);
		expect(await count("returns")).toBe(before);
	});

	it("shows the API's refusals by the form: more than bought (409 by the field), a closed window (409), another's order (404)", async () => {
		const { shopper, order } = await customerWithDeliveredOrder({ quantity: 2 });
		const before = await count("returns");
		const tooMany = await privatePage(
			await postForm(shopper, returnForm(order), { [qty(order)]: "5", reason: "damaged" }),
			409,
		);
		expect(summaryLinks(tooMany)).toEqual([[`#f-${qty(order)}`, "At most 2 left to return"]]);
		expect(tooMany).toContain("More than the order has left to return");
		expect(invalid(tooMany, `f-${qty(order)}`)).toBe(true);
		expect(tooMany).toMatch(new RegExp(`name="${qty(order)}"[^>]*value="5"`));

		const late = await customerWithDeliveredOrder({ deliveredAt: deliveredDaysAgo(61) });
		const closed = await privatePage(
			await postForm(late.shopper, returnForm(late.order), { [qty(late.order)]: "1", reason: "damaged" }),
			409,
		);
		expect(closed).toContain("The 60-day return window of this order has closed");

		const other = await registeredCustomer();
		const notMine = await privatePage(
			await postForm(other.shopper, returnForm(order), { [qty(order)]: "1", reason: "damaged" }),
			404,
		);
		expect(notMine).toContain("Order not found");
		expect(await count("returns")).toBe(before);
	});

	it("keeps the window to its last day: delivered 60 days ago is still open", async () => {
		const { shopper, order } = await customerWithDeliveredOrder({ deliveredAt: deliveredDaysAgo(60) });
		const html = await privatePage(await shopper.fetch(returnForm(order)));
		const lastDay = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(
			new Date(Math.floor(Date.now() / DAY) * DAY),
		);
		expect(html).toContain(`open</strong> until the end of ${lastDay} (UTC)`);
	});
});

describe("GET /account/returns and /account/returns/{number}", () => {
	it("lists none for a new customer, and answers 404 for another's return and a malformed number", async () => {
		const { shopper, order } = await customerWithDeliveredOrder();
		const empty = await privatePage(await shopper.fetch("/account/returns"));
		expect(empty).toContain("You have not sent anything back.");

		const made = await postForm(shopper, returnForm(order), { [qty(order)]: "1", reason: "wrong_item" });
		const location = made.headers.get("location") ?? "";
		const other = await registeredCustomer();
		const html = await privatePage(await other.shopper.fetch(location), 404);
		expect(html).toContain("Return not found");
		await privatePage(await shopper.fetch("/account/returns/%3Cscript%3E"), 404);
		// The owner may type it in lower case, as the API allows.
		await privatePage(await shopper.fetch(location.toLowerCase()));
	});
});

describe("conversations with customer service", () => {
	it("starts one about an order (preselected by ?order=), shows it, takes a reply, shows support's answer, closes", async () => {
		const { shopper, order } = await customerWithDeliveredOrder();
		const form = await privatePage(await shopper.fetch(`/account/consultations/new?order=${order.number}`));
		expectLabelledControls(form);
		expect(form).toContain(`<option value="${order.number}" selected="">Order ${order.number}</option>`);

		const started = await postForm(shopper, "/account/consultations", {
			about: order.number,
			message: "Does it come in <blue>?",
		});
		expect(started.status, await started.clone().text()).toBe(303);
		const location = started.headers.get("location") ?? "";
		const id = UUID.exec(location)?.[1] ?? "";
		expect(id).not.toBe("");

		const thread = await privatePage(await shopper.fetch(location));
		expectLabelledControls(thread);
		expect(thread).toContain(`<h1>Question about order ${order.number}</h1>`);
		expect(thread).toContain("Does it come in &lt;blue&gt;?");
		expect(thread).toContain(`action="/account/consultations/${id}/messages"`);
		expect(thread).toContain(`action="/account/consultations/${id}/close"`);

		const replied = await postForm(shopper, `/account/consultations/${id}/messages`, {
			message: "Or in green.",
		});
		expect(replied.status).toBe(303);
		expect(replied.headers.get("location")).toBe(location);
		const answered = await asStaffMember("support", `/api/v1/staff/consultations/${id}/messages`, {
			message: "Both, in every size.",
		});
		expect(answered.status).toBe(201);

		const read = await privatePage(await shopper.fetch(location));
		expect(read).toContain("Or in green.");
		expect(read).toMatch(/<li class="staff"><p class="who">Customer service.*Both, in every size\./s);

		const list = await privatePage(await shopper.fetch("/account/consultations"));
		expect(list).toContain(`<tr data-consultation="${id}">`);
		expect(list).toContain(`Order ${order.number}`);
		expect(list).toMatch(new RegExp(`data-consultation="${id}">.*?<td class="num">3</td>`, "s"));
		expect(list).not.toContain("green");

		const closed = await postForm(shopper, `/account/consultations/${id}/close`);
		expect(closed.status).toBe(303);
		const after = await privatePage(await shopper.fetch(location));
		expect(after).toContain("This conversation is closed.");
		expect(after).not.toContain(`action="/account/consultations/${id}/messages"`);

		const late = await privatePage(
			await postForm(shopper, `/account/consultations/${id}/messages`, { message: "One more thing" }),
			409,
		);
		expect(late).toContain("This conversation is closed");
		const rows = await env.DB.prepare(
			"select count(*) as n from consultation_messages where consultation_id = ?",
		)
			.bind(id)
			.first<{ n: number }>();
		expect(rows?.n).toBe(3);
	});

	it("refuses an empty question, no topic, another's order and unknown fields: 4xx, typed text kept, nothing stored", async () => {
		const { shopper } = await customerWithDeliveredOrder();
		const { order: theirs } = await customerWithDeliveredOrder();
		const before = await count("consultations");

		const empty = await privatePage(
			await postForm(shopper, "/account/consultations", { about: "pre_sales", message: "   " }),
			400,
		);
		expect(summaryLinks(empty)).toEqual([["#f-message", "Write your message"]]);
		expect(invalid(empty, "f-message")).toBe(true);
		expect(empty).toContain('<option value="pre_sales" selected="">');

		const noTopic = await privatePage(
			await postForm(shopper, "/account/consultations", { message: "Kept question" }),
			400,
		);
		expect(summaryLinks(noTopic)).toEqual([["#f-about", "Choose what your question is about"]]);
		expect(noTopic).toContain("Kept question</textarea>");

		const notMine = await privatePage(
			await postForm(shopper, "/account/consultations", { about: theirs.number, message: "Where is it?" }),
			404,
		);
		expect(summaryLinks(notMine)).toEqual([["#f-about", "Choose one of your own orders"]]);
		expect(notMine).not.toContain(`<option value="${theirs.number}"`);

		const unknown = await privatePage(
			await postForm(shopper, "/account/consultations", { about: "pre_sales", message: "Hi", staff: "1" }),
			400,
		);
		expect(unknown).toContain(UNKNOWN_FIELDS.replace("'", "&#39;"));
		expect(await count("consultations")).toBe(before);

		const badQuery = await privatePage(
			await shopper.fetch(`/account/consultations/new?order=${"x".repeat(41)}`),
			400,
		);
		expect(badQuery).toContain('<select id="f-about"');
	});

	it("refuses an empty reply on the thread's page (400) and answers 404 for another's thread or a bad id", async () => {
		const { shopper } = await registeredCustomer();
		const started = await postForm(shopper, "/account/consultations", {
			about: "pre_sales",
			message: "Sizes?",
		});
		const location = started.headers.get("location") ?? "";
		const id = UUID.exec(location)?.[1] ?? "";
		const empty = await privatePage(await postForm(shopper, `${location}/messages`, { message: "" }), 400);
		expect(summaryLinks(empty)).toEqual([["#f-message", "Write your message"]]);
		expect(empty).toContain("Sizes?");

		const other = await registeredCustomer();
		expect(await privatePage(await other.shopper.fetch(location), 404)).toContain("Conversation not found");
		await privatePage(await postForm(other.shopper, `${location}/messages`, { message: "hijack" }), 404);
		await privatePage(await postForm(other.shopper, `${location}/close`), 404);
		await privatePage(await shopper.fetch("/account/consultations/not-a-uuid"), 404);
		const status = await env.DB.prepare("select status from consultations where id = ?")
			.bind(id)
			.first<{ status: string }>();
		expect(status?.status).toBe("open");
		const messages = await env.DB.prepare(
			"select count(*) as n from consultation_messages where consultation_id = ?",
		)
			.bind(id)
			.first<{ n: number }>();
		expect(messages?.n).toBe(1);
	});
});

describe("reviews", () => {
	it("writes a review of a received product (303 to the list, waiting for moderation) and refuses a second", async () => {
		const { shopper, order } = await customerWithDeliveredOrder();
		const slug = `rug-${order.variant.productId}`;
		const form = await privatePage(await shopper.fetch(`/account/reviews/new?product=${slug}`));
		expectLabelledControls(form);
		expect(form).toContain(`<input type="hidden" name="productSlug" value="${slug}"/>`);
		expect(form).toContain('<input id="f-rating-5" type="radio" name="rating" value="5"');

		const written = await postForm(shopper, "/account/reviews", {
			productSlug: slug,
			rating: "4",
			text: "Soft, and it survived the wash.",
		});
		expect(written.status, await written.clone().text()).toBe(303);
		expect(written.headers.get("location")).toBe("/account/reviews");
		const list = await privatePage(await shopper.fetch("/account/reviews"));
		expect(list).toContain(`<a href="/p/${slug}">`);
		expect(list).toContain("4 out of 5 stars");
		expect(list).toContain('<span class="status">waiting for moderation</span>');
		// Pending: its text is sealed under the review's own key and not shown.
		expect(list).not.toContain("survived the wash");

		const before = await count("reviews");
		const second = await privatePage(
			await postForm(shopper, "/account/reviews", { productSlug: slug, rating: "5", text: "Again" }),
			409,
		);
		expect(second).toContain("You have already reviewed this product");
		expect(second).toContain("Again</textarea>");
		expect(await count("reviews")).toBe(before);
	});

	it("shows the API's refusal of a product the shopper did not receive (403), and form mistakes (400), storing nothing", async () => {
		const { shopper, accountId } = await registeredCustomer();
		const notBought = await createVariant();
		const shipped = await createVariant();
		await orderOf(accountId, shipped, "shipped");
		const before = await count("reviews");
		for (const variant of [notBought, shipped]) {
			const refused = await privatePage(
				await postForm(shopper, "/account/reviews", {
					productSlug: `rug-${variant.productId}`,
					rating: "5",
					text: "Lovely",
				}),
				403,
			);
			expect(summaryLinks(refused)).toEqual([]);
			expect(refused).toContain("Only a customer who has received this product can review it");
			expect(refused).toContain("Lovely</textarea>");
		}
		const noRating = await privatePage(
			await postForm(shopper, "/account/reviews", {
				productSlug: `rug-${notBought.productId}`,
				text: "Nice",
			}),
			400,
		);
		expect(summaryLinks(noRating)).toEqual([["#f-rating-5", "Choose a rating from 1 to 5 stars"]]);
		const noText = await privatePage(
			await postForm(shopper, "/account/reviews", { productSlug: `rug-${notBought.productId}`, rating: "3" }),
			400,
		);
		expect(summaryLinks(noText)).toEqual([["#f-text", "Write your review"]]);
		expect(noText).toMatch(/<input id="f-rating-3"[^>]*checked=""/);
		expect(await count("reviews")).toBe(before);

		expect(await privatePage(await shopper.fetch("/account/reviews/new"), 400)).toContain("Which product?");
		await privatePage(await shopper.fetch("/account/reviews/new?product=no-such-rug-anywhere"), 404);
		const none = await privatePage(await shopper.fetch("/account/reviews"));
		expect(none).toContain("You have not written a review yet.");
	});
});

describe("the pages' OpenAPI operations, signed in, under hostile input", () => {
	const HOSTILE = [
		"",
		"' OR 1=1 --",
		"../../../etc/passwd",
		"%00%ff",
		"😀".repeat(300),
		"x".repeat(3000),
		"-1",
		"null",
	];
	const BODIES: [string | null, string][] = [
		["application/x-www-form-urlencoded", "a=1&b=2"],
		["application/x-www-form-urlencoded", "reason=damaged&reason=other&qty-1=1&qty-1=2"],
		["application/x-www-form-urlencoded", `message=${"x".repeat(5000)}&about=${"y".repeat(500)}`],
		["application/x-www-form-urlencoded", "rating=6&text=%00&productSlug=..%2F"],
		["application/json", '{"reason":"damaged"}'],
		["text/plain", "hello"],
		[null, ""],
	];

	it("documents every page with its form and never answers 5xx, changing nothing", async () => {
		const doc = (await (await new Shopper().fetch("/api/v1/openapi.json")).json()) as {
			paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
		};
		const mine = Object.entries(doc.paths).filter(
			([path]) => /^\/account\/(returns|consultations|reviews)/.test(path) || path.endsWith("/return"),
		);
		expect(mine.map(([path]) => path).sort()).toEqual([
			"/account/consultations",
			"/account/consultations/new",
			"/account/consultations/{id}",
			"/account/consultations/{id}/close",
			"/account/consultations/{id}/messages",
			"/account/orders/{number}/return",
			"/account/returns",
			"/account/returns/{number}",
			"/account/reviews",
			"/account/reviews/new",
		]);
		expect(doc.paths["/account/orders/{number}/return"]?.post?.requestBody?.content).toHaveProperty(
			"application/x-www-form-urlencoded",
		);

		const { shopper, order } = await customerWithDeliveredOrder();
		const before = await Promise.all([count("returns"), count("consultations"), count("reviews")]);
		for (const [path, methods] of mine) {
			for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
				for (const value of HOSTILE) {
					const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
					const res = await shopper.fetch(
						`${url}?order=${encodeURIComponent(value)}&product=${encodeURIComponent(value)}`,
						{
							method,
							headers: method === "POST" ? FORM : {},
							body: method === "POST" ? "" : undefined,
						},
					);
					expect(res.status, `${method} ${url}`).toBeLessThan(500);
				}
				if (method !== "POST") continue;
				for (const [contentType, body] of BODIES) {
					const url = path.replace("{number}", order.number).replace("{id}", crypto.randomUUID());
					const res = await shopper.fetch(url, {
						method,
						headers: contentType ? { "content-type": contentType } : {},
						body,
					});
					expect(res.status, `${method} ${url} [${contentType}] ${body.slice(0, 40)}`).toBeLessThan(500);
					expect(res.status, `${method} ${url} [${contentType}] ${body.slice(0, 40)}`).toBeGreaterThanOrEqual(
						400,
					);
				}
			}
		}
		expect(await Promise.all([count("returns"), count("consultations"), count("reviews")])).toEqual(before);
	});
});

describe("where a form post comes from", () => {
	it("takes the browser's own post (Origin: null under no-referrer, Sec-Fetch-Site: same-origin) and refuses a cross-site one", async () => {
		const { shopper } = await registeredCustomer();
		const body = new URLSearchParams({ about: "pre_sales", message: "Is wool itchy?" }).toString();
		const before = await count("consultations");
		const foreign = await shopper.fetch("/account/consultations", {
			method: "POST",
			headers: { ...FORM, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
			body,
		});
		expect(foreign.status).toBe(403);
		expect(await count("consultations")).toBe(before);

		const own = await shopper.fetch("/account/consultations", {
			method: "POST",
			headers: { ...FORM, origin: "null", "sec-fetch-site": "same-origin" },
			body,
		});
		expect(own.status).toBe(303);
		expect(own.headers.get("location")).toMatch(UUID);
		expect(await count("consultations")).toBe(before + 1);
	});
});
