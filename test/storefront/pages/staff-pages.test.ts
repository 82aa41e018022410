// The staff console through the real worker and the real vault: sign-in by pasted token (the
// CF_Authorization cookie) or by Access's header, every page authorised by the vault, an order's
// contact opened only after the confirmation step and logged, the audit review showing it.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { StaffRole } from "../../../workers/shared/vault-contract";
import { STAFF_NAV_OPERATIONS } from "../../../workers/storefront/pages/staff/sections";
import { ROLE_MATRIX } from "../../../workers/vault/policy/role-matrix";
import { testStaffKeys } from "../../config/staff-keys";
import { auditHead, auditSince, orderAt, orderColumns } from "../after-sales/fulfilment-fixtures";
import { staffMember, staffToken } from "../analytics/helpers";
import { BASE, testClientIp } from "../fixtures/commerce";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const HOSTILE_BODIES = [
	["application/json", "{"],
	["application/json", '{"token":"a.b.c"}'],
	["text/plain", "hello"],
	["multipart/form-data; boundary=x", "--x\r\nnot a part"],
	["application/x-www-form-urlencoded", "%ff=%00&fields=x&fields=y&purpose=support"],
] as const;

/** A browser on the console: keeps cookies, sends its own Origin, never follows redirects. */
class StaffBrowser {
	readonly cookies = new Map<string, string>();
	readonly setCookies: string[] = [];
	readonly ip = testClientIp();

	constructor(private readonly accessHeader?: string) {}

	async fetch(path: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		headers.set("origin", BASE);
		headers.set("CF-Connecting-IP", this.ip);
		if (this.accessHeader) headers.set("Cf-Access-Jwt-Assertion", this.accessHeader);
		const jar = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
		if (jar) headers.set("cookie", jar);
		const res = await exports.default.fetch(`${BASE}${path}`, { ...init, headers, redirect: "manual" });
		for (const cookie of res.headers.getSetCookie()) {
			this.setCookies.push(cookie);
			const [pair = ""] = cookie.split(";");
			const eq = pair.indexOf("=");
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			if (/max-age=0/i.test(cookie) || value === "") this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		return res;
	}

	post(path: string, fields: Record<string, string> | string[][] = {}) {
		return this.fetch(path, { method: "POST", headers: FORM, body: new URLSearchParams(fields).toString() });
	}
}

async function signedIn(role: StaffRole): Promise<{ browser: StaffBrowser; id: string }> {
	const member = await staffMember(role);
	const token = await staffToken({ email: member.email });
	const browser = new StaffBrowser();
	const res = await browser.post("/staff/sign-in", { token });
	expect(res.status, await res.clone().text()).toBe(303);
	expect(res.headers.get("location")).toBe("/staff");
	return { browser, id: member.id };
}

async function staffPage(res: Response, status = 200): Promise<string> {
	const text = await res.text();
	expect(res.status, text.slice(0, 600)).toBe(status);
	expect(res.headers.get("content-type")).toContain("text/html");
	expect(res.headers.get("cache-control")).toBe("no-store");
	expect(text).toContain('<meta name="robots" content="noindex"/>');
	expect(text.match(/<h1[ >]/g)).toHaveLength(1);
	for (const script of text.match(/<script[^>]*>/g) ?? []) expect(script).toMatch(/ src="\//);
	return text;
}

/** Every input and select has a label pointing at it (hidden inputs need none). */
function expectLabelledControls(html: string) {
	const ids = [...html.matchAll(/<(?:select|input) id="([^"]+)"/g)].map((m) => m[1]);
	for (const id of ids) expect(html, `label for ${id}`).toMatch(new RegExp(`<label[^>]* for="${id}"[ >]`));
	const unlabelled = (html.match(/<(?:select|input) (?!id=)[^>]*>/g) ?? []).filter(
		(t) => !/type="hidden"/.test(t),
	);
	expect(unlabelled).toEqual([]);
}

describe("signing in to the staff console", () => {
	it("sends a visitor without a token to the sign-in page, which explains the local token", async () => {
		const browser = new StaffBrowser();
		for (const path of ["/staff", "/staff/orders", "/staff/audit/review", "/staff/members"]) {
			const res = await browser.fetch(path);
			expect(res.status, path).toBe(303);
			expect(res.headers.get("location")).toBe("/staff/sign-in");
		}
		const html = await staffPage(await browser.fetch("/staff/sign-in"));
		expect(html).toContain("npm run -s staff:token -- --role admin");
		expect(html).toContain('action="/staff/sign-in"');
		expectLabelledControls(html);
	});

	it("refuses a malformed or foreign token without setting a cookie, and keeps no token in the page", async () => {
		const browser = new StaffBrowser();
		const empty = await staffPage(await browser.post("/staff/sign-in", {}), 400);
		expect(empty).toContain('role="alert"');
		expect(empty).toContain('aria-invalid="true"');
		const garbage = await staffPage(await browser.post("/staff/sign-in", { token: "not-a-token" }), 401);
		expect(garbage).toContain("did not accept this token");
		// Signed by someone else's key: the vault refuses it (and audits the refusal).
		const { privateJwk } = await testStaffKeys();
		const forged = await staffToken({ role: "admin" }, privateJwk);
		const before = await auditHead();
		const refused = await staffPage(await browser.post("/staff/sign-in", { token: forged }), 401);
		expect(refused).not.toContain(forged);
		expect((await auditSince(before)).some((e) => e.outcome === "denied")).toBe(true);
		expect(browser.setCookies).toEqual([]);
		expect((await browser.post("/staff/sign-in", { token: "x", extra: "1" })).status).toBe(400);
		for (const [type, body] of HOSTILE_BODIES) {
			const res = await browser.fetch("/staff/sign-in", {
				method: "POST",
				headers: { "content-type": type },
				body,
			});
			expect(res.status, `${type} ${body}`).toBeGreaterThanOrEqual(400);
			expect(res.status, `${type} ${body}`).toBeLessThan(500);
		}
	});

	it("answers a signed-in member's non-form posts with a 4xx page, changing nothing", async () => {
		const order = await orderAt("packed");
		const { browser } = await signedIn("admin");
		const before = await auditHead();
		for (const path of [
			`/staff/orders/${order.number}/contact`,
			`/staff/orders/${order.number}/ship`,
			"/staff/members",
		]) {
			for (const [type, body] of HOSTILE_BODIES) {
				const res = await browser.fetch(path, { method: "POST", headers: { "content-type": type }, body });
				expect(res.status, `${path} ${type} ${body}`).toBeGreaterThanOrEqual(400);
				expect(res.status, `${path} ${type} ${body}`).toBeLessThan(500);
			}
		}
		expect((await orderColumns(order.number)).status).toBe("packed");
		// Admin may not fulfil (refused, logged); nothing was opened or added.
		expect((await auditSince(before)).filter((e) => e.outcome === "allowed")).toEqual([]);
	});

	it("keeps an accepted token in a strict, short-lived cookie for /staff only, and signs out", async () => {
		const { browser } = await signedIn("admin");
		const cookie = browser.setCookies.find((c) => c.startsWith("CF_Authorization="));
		expect(cookie).toBeDefined();
		for (const attribute of ["HttpOnly", "Secure", "SameSite=Strict", "Path=/staff", "Max-Age=3600"]) {
			expect(cookie).toContain(attribute);
		}
		await staffPage(await browser.fetch("/staff"));
		const out = await browser.post("/staff/sign-out");
		expect(out.status).toBe(303);
		expect(out.headers.get("location")).toBe("/staff/sign-in");
		expect(browser.cookies.has("CF_Authorization")).toBe(false);
		expect((await browser.fetch("/staff")).status).toBe(303);
	});

	it("takes Access's header as production sends it, and drops a cookie the vault no longer accepts", async () => {
		const member = await staffMember("compliance");
		const viaAccess = new StaffBrowser(await staffToken({ email: member.email }));
		expect(await staffPage(await viaAccess.fetch("/staff"))).toContain("Access review");

		const expired = await staffToken({ email: member.email, exp: Math.floor(Date.now() / 1000) - 60 });
		const stale = new StaffBrowser();
		stale.cookies.set("CF_Authorization", expired);
		const res = await stale.fetch("/staff/orders");
		expect(res.status).toBe(303);
		expect(res.headers.get("location")).toBe("/staff/sign-in");
		expect(stale.cookies.has("CF_Authorization")).toBe(false);
	});
});

describe("the console's home and its authorisation", () => {
	it("shows each role the sections it may use, and the navigation agrees with the role matrix", async () => {
		for (const role of ["support", "fulfilment", "compliance", "admin"] as const) {
			expect([...STAFF_NAV_OPERATIONS[role]].sort(), role).toEqual([...ROLE_MATRIX[role].operations].sort());
		}
		const admin = await staffPage(await (await signedIn("admin")).browser.fetch("/staff"));
		expect(admin).toContain('href="/staff/members"');
		expect(admin).toContain('href="/staff/analytics"');
		expect(admin).not.toContain('href="/staff/audit/review"');
		const compliance = await staffPage(await (await signedIn("compliance")).browser.fetch("/staff"));
		expect(compliance).toContain('href="/staff/audit/review"');
		expect(compliance).not.toContain('href="/staff/members"');
	});

	it("lets the vault refuse a page the role may not use, logged, and 404s a page that is not registered", async () => {
		const { browser, id } = await signedIn("compliance");
		const before = await auditHead();
		const refused = await staffPage(await browser.fetch("/staff/members"), 403);
		expect(refused).toContain("Not for your role");
		const denials = (await auditSince(before)).filter((e) => e.outcome === "denied");
		expect(denials.map((e) => [e.action, e.actor_role])).toEqual([["staff.manage", "compliance"]]);
		expect(id).toMatch(/^stf_/);
		expect((await browser.fetch("/staff/nothing-here")).status).toBe(404);
		expect((await browser.post("/staff/members", { email: "x@staff.test", role: "admin" })).status).toBe(403);
	});
});

describe("orders and fulfilment", () => {
	it("lists orders by status without personal data and pages through them", async () => {
		const paid = await orderAt("paid");
		const { browser } = await signedIn("fulfilment");
		const html = await staffPage(await browser.fetch("/staff/orders?status=paid"));
		expect(html).toContain(paid.number);
		expect(html).toContain("Orders: Paid");
		expect(html).not.toMatch(/ada@example\.com|Lovelace|Market St/);
		expect(html).toContain(`action="/staff/orders/${paid.number}/pack"`);
		expect(html).toContain('action="/staff/orders/manifest"');
		expectLabelledControls(html);
		expect(await staffPage(await browser.fetch("/staff/orders?status="))).toContain("Orders, newest first");
		await staffPage(await browser.fetch("/staff/orders?status=lost"), 400);
		await staffPage(await browser.fetch("/staff/orders?cursor=bad"), 400);
		// Customer service lists too, but is offered no warehouse step.
		const support = await staffPage(await (await signedIn("support")).browser.fetch("/staff/orders"));
		expect(support).not.toContain("/pack");
	});

	it("packs, ships with a tracking number and delivers; a bad tracking number changes nothing", async () => {
		const order = await orderAt("paid");
		const { browser } = await signedIn("fulfilment");
		const packed = await browser.post(`/staff/orders/${order.number}/pack`);
		expect(packed.status).toBe(303);
		expect(packed.headers.get("location")).toBe("/staff/orders");
		expect((await orderColumns(order.number)).status).toBe("packed");

		const bad = await staffPage(
			await browser.post(`/staff/orders/${order.number}/ship`, { carrier: "DHL", trackingNumber: "<b>" }),
			400,
		);
		const field = `ship-${order.number}-trackingNumber`;
		expect(bad).toContain('role="alert"');
		expect(bad).toContain(`href="#${field}"`);
		expect(bad).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
		expect(bad).toMatch(new RegExp(`id="ship-${order.number}-carrier"[^>]*value="DHL"`));
		expect((await orderColumns(order.number)).status).toBe("packed");

		const shipped = await browser.post(`/staff/orders/${order.number}/ship`, {
			carrier: "DHL",
			trackingNumber: "JD0146000062",
		});
		expect(shipped.status).toBe(303);
		expect(await orderColumns(order.number)).toMatchObject({
			status: "shipped",
			tracking_number: "JD0146000062",
		});
		// Shipping twice is refused by the status machine: the list again, with the reason.
		const again = await staffPage(
			await browser.post(`/staff/orders/${order.number}/ship`, {
				carrier: "DHL",
				trackingNumber: "JD0146000063",
			}),
			409,
		);
		expect(again).toContain('role="alert"');
		expect((await browser.post(`/staff/orders/${order.number}/deliver`)).status).toBe(303);
		expect((await orderColumns(order.number)).status).toBe("delivered");
		expect((await browser.post("/staff/orders/LW-AAAA-AAAA-AAAA/pack")).status).toBe(404);
	});

	it("downloads the manifest as the API does, opened and logged for fulfilment", async () => {
		await orderAt("packed");
		const { browser } = await signedIn("fulfilment");
		const before = await auditHead();
		const res = await browser.fetch("/staff/orders/manifest?format=csv");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toContain("text/csv");
		expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="loomwash-manifest-/);
		expect(res.headers.get("cache-control")).toBe("no-store");
		expect(await res.text()).toContain("Ada Lovelace");
		expect(
			(await auditSince(before)).some((e) => e.purpose === "fulfilment" && e.outcome === "allowed"),
		).toBe(true);
		expect((await browser.fetch("/staff/orders/manifest?format=xml")).status).toBe(400);
	});
});

describe("opening an order's contact", () => {
	it("says what opening means first, opens only with a purpose, logs it, and the review lists it", async () => {
		const order = await orderAt("paid");
		const { browser, id } = await signedIn("compliance");
		const path = `/staff/orders/${order.number}/contact`;

		const before = await auditHead();
		const confirm = await staffPage(await browser.fetch(path));
		expect(confirm).toContain("This opens personal data");
		expect(confirm).not.toContain("ada@example.com");
		expectLabelledControls(confirm);
		expect(await auditSince(before)).toEqual([]);

		// No purpose: the form again, nothing opened, nothing logged.
		const missing = await staffPage(await browser.post(path, [["fields", "email"]]), 400);
		expect(missing).toContain('href="#purpose-support"');
		expect(missing).toContain("Choose the purpose of this access");
		expect(missing).toMatch(/id="field-email"[^>]*checked/);
		expect(missing).not.toContain("ada@example.com");
		await staffPage(
			await browser.post(path, [
				["purpose", "gossip"],
				["fields", "email"],
			]),
			400,
		);
		await staffPage(await browser.post(path, [["purpose", "compliance_review"]]), 400);
		expect(await auditSince(before)).toEqual([]);

		const res = await browser.post(path, [
			["purpose", "compliance_review"],
			["fields", "email"],
			["fields", "name"],
		]);
		const opened = await staffPage(res);
		expect(opened).toContain("ada@example.com");
		expect(opened).toContain("Ada Lovelace");
		expect(opened).not.toContain("415 555");
		expect(opened).toContain("This access was logged");
		const requestId = res.headers.get("x-request-id") ?? "";
		expect(opened).toContain(requestId);
		const entries = await auditSince(before);
		expect(entries.map((e) => [e.action, e.purpose, e.outcome])).toEqual([
			["open", "compliance_review", "allowed"],
		]);
		const logged = await env.VAULT_DB.prepare("select request_id from audit_log where seq = ?")
			.bind(entries[0]?.seq)
			.first<{ request_id: string }>();
		expect(logged?.request_id).toBe(requestId);

		const review = await staffPage(await browser.fetch("/staff/audit/review"));
		const row = new RegExp(
			`<th scope="row">${id}</th><td>compliance</td><td>compliance_review</td><td class="num">1</td>`,
		);
		expect(review).toMatch(row);
	});

	it("shows the vault's refusal on the form for a role that may not open it, and 404s an unknown order", async () => {
		const order = await orderAt("paid");
		const { browser } = await signedIn("admin");
		const path = `/staff/orders/${order.number}/contact`;
		const refused = await staffPage(
			await browser.post(path, [
				["purpose", "support"],
				["fields", "email"],
			]),
			403,
		);
		expect(refused).toContain("The vault refused");
		expect(refused).not.toContain("ada@example.com");
		expect((await browser.fetch("/staff/orders/LW-AAAA-AAAA-AAAA/contact")).status).toBe(404);
	});
});

describe("audit, analytics and staff pages", () => {
	it("verifies the chain and refuses a bad review period with the form again", async () => {
		const { browser } = await signedIn("compliance");
		expect(await staffPage(await browser.fetch("/staff/audit/verify"))).toContain("The chain is intact");
		const bad = await staffPage(
			await browser.fetch("/staff/audit/review?from=2026-02-01&to=2026-01-01"),
			400,
		);
		expect(bad).toMatch(/id="from"[^>]*aria-invalid="true"/);
		expect(bad).toContain('value="2026-02-01"');
		await staffPage(await browser.fetch("/staff/audit/review?from=yesterday&to=2026-01-01"), 400);
		await staffPage(await browser.fetch("/staff/audit/review?sql=1"), 400);
		const chosen = await staffPage(
			await browser.fetch("/staff/audit/review?from=2026-01-01&to=2026-01-31&threshold=5"),
		);
		expect(chosen).toContain("Accesses from 2026-01-01 to 2026-01-31, flagged above 5 people");
	});

	it("shows the analytics summary as tables", async () => {
		const { browser } = await signedIn("admin");
		const html = await staffPage(await browser.fetch("/staff/analytics?days=7"));
		expect(html).toContain("<caption");
		expect(html).toContain("Funnel");
		await staffPage(await browser.fetch("/staff/analytics?days=5"), 400);
	});

	it("adds a member, changes their role and deactivates them; bad input changes nothing", async () => {
		const { browser } = await signedIn("admin");
		const email = `new-${crypto.randomUUID().slice(0, 8)}@staff.test`;
		const bad = await staffPage(
			await browser.post("/staff/members", { email: "nope", role: "support" }),
			400,
		);
		expect(bad).toMatch(/id="email"[^>]*aria-invalid="true"/);
		expect(bad).toContain('value="nope"');
		const count = async () =>
			(await env.VAULT_DB.prepare("select count(*) as n from staff").first<{ n: number }>())?.n ?? 0;
		const before = await count();
		await staffPage(await browser.post("/staff/members", { email, role: "owner" }), 400);
		expect(await count()).toBe(before);

		expect((await browser.post("/staff/members", { email, role: "support" })).status).toBe(303);
		expect(await count()).toBe(before + 1);
		const dup = await staffPage(await browser.post("/staff/members", { email, role: "support" }), 409);
		expect(dup).toContain("staff already");

		const added = await env.VAULT_DB.prepare(
			"select id from staff order by created_at desc, rowid desc limit 1",
		).first<{
			id: string;
		}>();
		const memberPath = `/staff/members/${added?.id}`;
		expect((await browser.post(memberPath, { role: "fulfilment" })).status).toBe(303);
		expect((await browser.post(memberPath, { status: "disabled" })).status).toBe(303);
		const row = await env.VAULT_DB.prepare("select role, status from staff where id = ?")
			.bind(added?.id)
			.first();
		expect(row).toEqual({ role: "fulfilment", status: "disabled" });
		await staffPage(await browser.post(memberPath, {}), 400);
		expect((await browser.post("/staff/members/stf_x", { role: "admin" })).status).toBe(404);
		const list = await staffPage(await browser.fetch("/staff/members"));
		expect(list).toContain(added?.id ?? "-");
		expect(list).not.toContain(email);
	});
});
