// The privacy policy page and the privacy center through the real worker (issue #10): the policy
// with its versions and the record of processing, public and cacheable; the center's consent form,
// Global Privacy Control, the guest's order-verified request, and the signed-in export and
// deletion, each form's success and its refusals (a 4xx page, nothing changed).
import { describe, expect, it } from "vitest";
import { recordOfProcessing } from "../../../workers/shared/personal-data/record";
import * as schema from "../../../workers/storefront/db/schema";
import { PUBLIC_CACHE_CONTROL } from "../../../workers/storefront/middleware/public-cache";
import { ACCEPTED } from "../../../workers/storefront/privacy/guest-requests";
import { readPublishedPolicy } from "../../../workers/storefront/privacy/policy";
import { registeredCustomer, SESSION_COOKIE } from "../fixtures/accounts";
import { Shopper, testDb } from "../fixtures/commerce";
import { GUEST_EMAIL, guestOrder, linkMailed, requestRows } from "../privacy/guest-request-fixtures";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const CONSENT_COOKIE = "__Host-lw_consent";
const MAX_PAGE_BYTES = 50 * 1024;

function postForm(shopper: Shopper, path: string, fields: Record<string, string> | string) {
	const body = typeof fields === "string" ? fields : new URLSearchParams(fields).toString();
	return shopper.fetch(path, { method: "POST", headers: FORM, body });
}

async function htmlOf(res: Response, status: number): Promise<string> {
	const text = await res.text();
	expect(res.status, text.slice(0, 500)).toBe(status);
	expect(res.headers.get("content-type")).toContain("text/html");
	expect(new TextEncoder().encode(text).length).toBeLessThan(MAX_PAGE_BYTES);
	expect(text.match(/<h1[ >]/g)).toHaveLength(1);
	expect(text).toContain('<html lang="en-US">');
	for (const script of text.match(/<script[^>]*>/g) ?? []) expect(script).toMatch(/ src="\//);
	return text;
}

/** A personal page: never cached, out of search engines. */
async function privatePage(res: Response, status = 200): Promise<string> {
	expect(res.headers.get("cache-control")).toBe("no-store");
	expect(res.headers.get("etag")).toBeNull();
	const html = await htmlOf(res, status);
	expect(html).toContain('<meta name="robots" content="noindex"/>');
	return html;
}

/** Every labelled control's label points at it. */
function expectLabelledControls(html: string) {
	const ids = [...html.matchAll(/<(?:select|input|textarea) id="([^"]+)"/g)].map((m) => m[1]);
	for (const id of ids) expect(html, `label for ${id}`).toMatch(new RegExp(`<label for="${id}"[ >]`));
	expect(html.match(/<(?:select|input|textarea) (?!id=)[^>]*>/g) ?? []).toEqual([]);
}

const decodeEntities = (text: string) =>
	text.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<");

const checked = (html: string, id: string) => new RegExp(`<input id="${id}"[^>]*checked=""`).test(html);

describe("GET /privacy", () => {
	it("serves the policy in force clause by clause with mechanisms, its versions, and the record, cacheable", async () => {
		const res = await new Shopper().fetch("/privacy");
		expect(res.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
		expect(res.headers.get("etag")).toBeTruthy();
		expect(res.headers.getSetCookie()).toEqual([]);
		const html = decodeEntities(await htmlOf(res, 200));
		expect(html).toContain("<h1>Privacy policy</h1>");
		const policy = await readPublishedPolicy(testDb(), Date.now());
		if (!policy) throw new Error("no policy seeded");
		expect(html).toContain(`<dd>${policy.current.version}</dd>`);
		expect(html).toContain(`<time datetime="${policy.current.effectiveAt}">1 November 2026</time>`);
		for (const clause of policy.current.clauses) {
			expect(html).toContain(`<h3>${clause.id} ${clause.title}</h3>`);
			expect(html).toContain(clause.text);
			expect(html).toContain(clause.mechanism);
		}
		// The record of processing: who receives what, for how long, as tables with captions.
		const record = recordOfProcessing();
		for (const recipient of record.recipients) expect(html).toContain(recipient.description);
		for (const rule of record.retention) expect(html).toContain(rule.period);
		for (const purpose of record.purposes) expect(html).toContain(purpose.description);
		expect(html).toContain("<caption>Recipients of personal data</caption>");
		expect(html).toContain("<caption>Retention periods</caption>");
		expect(html).toContain('<th scope="col">Kept</th>');
		expect(html).toContain('<a href="/privacy/center">');
		// A second request revalidates to 304.
		const again = await new Shopper().fetch("/privacy", {
			headers: { "if-none-match": res.headers.get("etag") ?? "" },
		});
		expect(again.status).toBe(304);
	});

	it("links every older version, which has its own public page without the record", async () => {
		const [seeded] = await testDb().select().from(schema.policyVersions).limit(1);
		if (!seeded) throw new Error("no policy seeded");
		const older = {
			version: "2026-03-01",
			effectiveAt: Date.UTC(2026, 2, 1),
			summary: "The first policy, before reviews were published.",
			clauses: JSON.stringify([
				{
					id: "1.1",
					title: "Olderclause",
					text: "Old words kept for the record.",
					mechanism: "Oldmechanism",
				},
			]),
			publishedAt: Date.UTC(2026, 1, 1),
		};
		await testDb().insert(schema.policyVersions).values(older).onConflictDoNothing();

		const current = decodeEntities(await htmlOf(await new Shopper().fetch("/privacy"), 200));
		expect(current).toContain('<a href="/privacy/versions/2026-03-01">2026-03-01</a>');
		expect(current).toContain(older.summary);
		expect(current).toMatch(new RegExp(`<span aria-current="page">${seeded.version}</span> \\(in force\\)`));
		expect(current).not.toContain("Olderclause");

		const res = await new Shopper().fetch("/privacy/versions/2026-03-01");
		expect(res.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
		const html = decodeEntities(await htmlOf(res, 200));
		expect(html).toContain("<h1>Privacy policy, version 2026-03-01</h1>");
		expect(html).toContain("This is not the version in force");
		expect(html).toContain("<h3>1.1 Olderclause</h3>");
		expect(html).toContain("Oldmechanism");
		expect(html).toContain(`<a href="/privacy">${seeded.version}</a> (in force)`);
		expect(html).not.toContain("Record of processing");
	});

	it.each(["2020-01-01", "latest", "2026-11-01%27", "x".repeat(300)])(
		"answers /privacy/versions/%s with an HTML 404, uncached",
		async (version) => {
			const res = await new Shopper().fetch(`/privacy/versions/${version}`);
			const html = await privatePage(res, 404);
			expect(html).toContain("<h1>Page not found</h1>");
		},
	);
});

describe("GET /privacy/center as a guest", () => {
	it("shows the analytics choice as it stands, the request form, and nothing of an account", async () => {
		const html = await privatePage(await new Shopper().fetch("/privacy/center?utm_source=mail"));
		expectLabelledControls(html);
		expect(html).toContain("<h1>Privacy center</h1>");
		expect(html).toContain('<form method="post" action="/privacy/center/consent"');
		expect(checked(html, "c-analytics-on")).toBe(true);
		expect(checked(html, "c-analytics-off")).toBe(false);
		expect(html).toContain("You have not chosen yet.");
		expect(html).not.toContain('name="marketing"');
		expect(html).toContain('<form method="post" action="/privacy/center/request"');
		for (const kind of ["export", "correction", "deletion"]) expect(html).toContain(`value="${kind}"`);
		expect(html).not.toContain("/privacy/center/export");
		expect(html).not.toContain("/privacy/center/delete");
		expect(html).not.toContain('role="status"');
	});

	it("with Sec-GPC: 1 says GPC is honoured and offers no consent prompt", async () => {
		const html = await privatePage(
			await new Shopper().fetch("/privacy/center", { headers: { "Sec-GPC": "1" } }),
		);
		expect(html).toContain("Global Privacy Control is honoured.");
		expect(html).not.toContain('name="analytics"');
		expect(html).not.toContain('action="/privacy/center/consent"');
		// Without the signal, the same browser is asked.
		const plain = await privatePage(await new Shopper().fetch("/privacy/center"));
		expect(plain).not.toContain("Global Privacy Control");
	});

	it("says plainly when Do Not Track has switched analytics off", async () => {
		const html = await privatePage(await new Shopper().fetch("/privacy/center", { headers: { DNT: "1" } }));
		expect(html).toContain("your browser sends Do Not Track");
		expect(checked(html, "c-analytics-off")).toBe(true);
	});
});

describe("POST /privacy/center/consent", () => {
	it("withdraws and gives analytics consent for this browser, 303 back with a confirmation", async () => {
		const shopper = new Shopper();
		const off = await postForm(shopper, "/privacy/center/consent", { analytics: "off" });
		expect(off.status).toBe(303);
		expect(off.headers.get("location")).toBe("/privacy/center?done=consent");
		expect(shopper.cookies.get(CONSENT_COOKIE)).toBe("withdrawn");
		const consent = await shopper.fetch("/api/v1/consent");
		expect(await consent.json()).toEqual({ analytics: false, reason: "withdrawn" });

		const html = await privatePage(await shopper.fetch("/privacy/center?done=consent"));
		expect(html).toContain('<p class="confirmation" role="status">Your choices are saved.');
		expect(checked(html, "c-analytics-off")).toBe(true);
		expect(html).toContain("Off, as you chose.");

		expect((await postForm(shopper, "/privacy/center/consent", { analytics: "on" })).status).toBe(303);
		expect(await (await shopper.fetch("/api/v1/consent")).json()).toEqual({
			analytics: true,
			reason: "granted",
		});
	});

	it.each([
		["an unknown value", "analytics=maybe", "Choose on or off."],
		["nothing chosen", "", "Choose on or off"],
		["an unknown field", "analytics=off&tracking=on", "Use the form on this page."],
		["a repeated field", "analytics=off&analytics=on", "Choose on or off."],
		[
			"marketing without an account",
			"analytics=off&marketing=on",
			"Sign in to change marketing email choices.",
		],
	])("refuses %s with a 400 page and changes nothing", async (_label, body, message) => {
		const shopper = new Shopper();
		const res = await postForm(shopper, "/privacy/center/consent", body);
		const html = await privatePage(res, 400);
		expect(html).toContain('role="alert"');
		expect(html).toContain("<title>Error: Privacy center · Loomwash</title>");
		expect(html).toContain(message);
		expect(shopper.cookies.has(CONSENT_COOKIE)).toBe(false);
	});

	it("refuses a JSON body and a cross-site form without changing anything", async () => {
		const shopper = new Shopper();
		const json = await shopper.json("/privacy/center/consent", "POST", { analytics: "off" });
		expect(json.status).toBe(415);
		const crossSite = await shopper.fetch("/privacy/center/consent", {
			method: "POST",
			headers: { ...FORM, origin: "https://evil.example" },
			body: "analytics=off",
		});
		expect(crossSite.status).toBe(403);
		expect(shopper.cookies.has(CONSENT_COOKIE)).toBe(false);
	});
});

describe("POST /privacy/center/request", () => {
	it("asks for the link as the API does, with one neutral confirmation whether or not the pair matched", async () => {
		const order = await guestOrder();
		const other = await guestOrder();
		const right = await postForm(new Shopper(), "/privacy/center/request", {
			orderNumber: order.number,
			email: GUEST_EMAIL,
			kind: "export",
		});
		const wrong = await postForm(new Shopper(), "/privacy/center/request", {
			orderNumber: other.number,
			email: "someone.else@example.org",
			kind: "deletion",
		});
		for (const res of [right, wrong]) {
			expect(res.status).toBe(303);
			expect(res.headers.get("location")).toBe("/privacy/center?done=request");
		}
		const [row, ...more] = await linkMailed(order.orderId);
		expect(more).toHaveLength(0);
		expect(row).toMatchObject({ kind: "export", status: "pending" });
		expect(await requestRows(other.orderId)).toHaveLength(0);

		const html = decodeEntities(await privatePage(await new Shopper().fetch("/privacy/center?done=request")));
		expect(html).toContain(ACCEPTED.message);
	});

	it("refuses an incomplete form with a 400 page keeping what was typed, and asks for nothing", async () => {
		const order = await guestOrder();
		const res = await postForm(new Shopper(), "/privacy/center/request", {
			orderNumber: order.number,
			email: "",
			kind: "everything",
		});
		const html = await privatePage(res, 400);
		expectLabelledControls(html);
		expect(html).toContain('role="alert"');
		expect(html).toContain('<a href="#r-email">Enter the email address you gave at checkout.</a>');
		expect(html).toContain('<a href="#r-kind-export">Choose what you would like.</a>');
		expect(html).toMatch(/<input id="r-email" name="email" type="email" value=""[^>]*aria-invalid="true"/);
		expect(html).toMatch(
			new RegExp(`<input id="r-orderNumber" name="orderNumber" type="text" value="${order.number}"`),
		);
		expect(html).not.toMatch(/<input id="r-orderNumber"[^>]*aria-invalid/);
		// Give the deferred work (there is none) a moment, then: no link was asked for.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(await requestRows(order.orderId)).toHaveLength(0);
	});
});

describe("the privacy center, signed in", () => {
	it("shows the account's consents with their policy version, export, correction and deletion", async () => {
		const { shopper } = await registeredCustomer();
		const html = await privatePage(await shopper.fetch("/privacy/center"));
		expectLabelledControls(html);
		expect(html).toContain('<a href="/privacy/center" aria-current="page">Privacy</a>');
		expect(checked(html, "c-analytics-on")).toBe(true);
		expect(checked(html, "c-marketing-off")).toBe(true);
		expect(html).toContain("Recorded under privacy policy 2026-11-01");
		expect(html).toContain('href="/privacy/center/export"');
		expect(html).toContain('href="/account/profile"');
		expect(html).toContain('href="/account/addresses"');
		expect(html).toContain('href="/privacy/center/delete"');
		expect(html).not.toContain('action="/privacy/center/request"');
	});

	it("changes both consents through the same code as PUT /api/v1/me/consents", async () => {
		const { shopper } = await registeredCustomer();
		const res = await postForm(shopper, "/privacy/center/consent", { analytics: "off", marketing: "on" });
		expect(res.status).toBe(303);
		const consents = (await (await shopper.fetch("/api/v1/me/consents")).json()) as {
			analytics: { given: boolean };
			marketing: { given: boolean };
		};
		expect(consents.analytics.given).toBe(false);
		expect(consents.marketing.given).toBe(true);
		expect(shopper.cookies.get(CONSENT_COOKIE)).toBe("withdrawn");
		const html = await privatePage(await shopper.fetch("/privacy/center?done=consent"));
		expect(checked(html, "c-analytics-off")).toBe(true);
		expect(checked(html, "c-marketing-on")).toBe(true);
	});

	it("downloads the same data as GET /api/v1/me/data, as an uncached attachment", async () => {
		const { shopper, email } = await registeredCustomer();
		const res = await shopper.fetch("/privacy/center/export");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toContain("application/json");
		expect(res.headers.get("cache-control")).toBe("no-store");
		expect(res.headers.get("content-disposition")).toMatch(
			/^attachment; filename="loomwash-data-\d{4}-\d{2}-\d{2}\.json"$/,
		);
		const page = (await res.json()) as Record<string, unknown>;
		const api = (await (await shopper.fetch("/api/v1/me/data")).json()) as Record<string, unknown>;
		expect(Object.keys(page).sort()).toEqual(Object.keys(api).sort());
		expect(JSON.stringify(page)).toContain(email);
	});

	it("sends a signed-out visitor of the export and deletion pages to the login page", async () => {
		for (const [method, path, next] of [
			["GET", "/privacy/center/export", "/privacy/center"],
			["GET", "/privacy/center/delete", "/privacy/center/delete"],
			["POST", "/privacy/center/delete", "/privacy/center/delete"],
		] as const) {
			const shopper = new Shopper();
			const res =
				method === "GET"
					? await shopper.fetch(path)
					: await postForm(shopper, path, { password: "whatever1234" });
			expect(res.status, path).toBe(303);
			expect(res.headers.get("location")).toBe(`/account/login?next=${encodeURIComponent(next)}`);
		}
	});

	it("deletes the account after the confirmation step; a wrong or missing password changes nothing", async () => {
		const { shopper, password } = await registeredCustomer();
		const step = await privatePage(await shopper.fetch("/privacy/center/delete"));
		expectLabelledControls(step);
		expect(step).toContain("<h2>What goes</h2>");
		expect(step).toContain("<h2>What stays</h2>");
		expect(step).toContain('<form method="post" action="/privacy/center/delete"');
		expect(step).toContain('type="password"');

		const wrong = await privatePage(
			await postForm(shopper, "/privacy/center/delete", { password: "not the password at all" }),
			403,
		);
		expect(wrong).toContain('role="alert"');
		expect(wrong).toContain("That is not your password.");
		expect(wrong).toMatch(/<input id="d-password"[^>]*aria-invalid="true"/);
		const missing = await privatePage(await postForm(shopper, "/privacy/center/delete", ""), 400);
		expect(missing).toContain("Enter your password to confirm.");
		expect((await shopper.fetch("/api/v1/me")).status).toBe(200);

		const session = shopper.cookies.get(SESSION_COOKIE);
		const done = await postForm(shopper, "/privacy/center/delete", { password });
		expect(done.status).toBe(303);
		expect(done.headers.get("location")).toBe("/privacy/center/deleted");
		expect(shopper.cookies.has(SESSION_COOKIE)).toBe(false);
		const after = await privatePage(await shopper.fetch("/privacy/center/deleted"));
		expect(after).toContain("<h1>Your account is deleted</h1>");
		// The erased session, replayed: the vault no longer knows it.
		const replayed = await new Shopper().fetch("/api/v1/me", {
			headers: { cookie: `${SESSION_COOKIE}=${session}` },
		});
		expect(replayed.status).toBe(401);
	});
});
