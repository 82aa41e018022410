// Issue #9 end to end, through the real local workers: a customer exports everything held about
// them and then erases their account; a guest proves an order by the link mailed to its address
// and has its personal data deleted; the retention command's dry run reports without changing
// anything. Every mail is read as wrangler captures it; what was erased is nowhere in the raw state.
import { execFileSync } from "node:child_process";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { api } from "./http-client.ts";
import { type Contact, deliver, guestBuys, registeredCustomer, variantInStock } from "./journeys.ts";
import { mailedText } from "./mailbox.ts";
import { BASE_URL, d1File, markersInRawState } from "./shop.ts";
import { staffTeam } from "./staff.ts";

const RUN = Date.now().toString(36);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What the commerce database keeps of an order: its archival row, and whether a contact is left. */
function orderRemains(orderNumber: string) {
	const db = new DatabaseSync(d1File("order_contacts"), { readOnly: true });
	try {
		return db
			.prepare(
				"SELECT number, total_minor AS total, ship_country AS country, customer_id AS customer, personal_data_purged_at AS purgedAt, (SELECT COUNT(*) FROM order_contacts WHERE order_id = orders.id) AS contacts FROM orders WHERE number = ?",
			)
			.get(orderNumber) as
			| {
					number: string;
					total: number;
					country: string;
					customer: string | null;
					purgedAt: number | null;
					contacts: number;
			  }
			| undefined;
	} finally {
		db.close();
	}
}

describe("privacy rights (issue #9), through the API", () => {
	let staff: Record<"admin" | "fulfilment", string>;

	beforeAll(async () => {
		staff = await staffTeam(RUN, ["fulfilment"]);
	});

	test("a customer exports everything held about them, then erases the account", async () => {
		const email = `e2e.privacy.${RUN}@example.org`;
		const password = "a long e2e privacy passphrase";
		const nickname = `Wilhelmina Ashdown-${RUN}`;
		const contact: Contact = {
			name: `Wilhelmina Ashdown ${RUN}`,
			phone: "+44 20 7946 0321",
			address: { line1: `17 Quarrendon Row ${RUN}`, city: "London", postalCode: "N1 9GU", country: "GB" },
		};
		const jar = await registeredCustomer(email, password, nickname);
		const saved = await api("POST", "/api/v1/me/addresses", { jar, body: contact });
		expect(saved.status, JSON.stringify(saved.body)).toBe(201);

		const exported = await api<Record<string, unknown>>("GET", "/api/v1/me/data", { jar });
		expect(exported.status, JSON.stringify(exported.body)).toBe(200);
		expect(exported.res.headers.get("content-disposition")).toMatch(/^attachment/);
		expect(exported.res.headers.get("cache-control")).toContain("no-store");
		const text = JSON.stringify(exported.body);
		for (const datum of [email, nickname, contact.name, contact.phone, contact.address.line1]) {
			expect(text).toContain(datum);
		}

		// Erasure needs the password again; a wrong one changes nothing.
		expect(
			(await api("DELETE", "/api/v1/me", { jar, body: { password: "not the password at all" } })).status,
		).toBeGreaterThanOrEqual(400);
		expect((await api("GET", "/api/v1/me", { jar })).status).toBe(200);
		const erased = await api("DELETE", "/api/v1/me", { jar, body: { password } });
		expect(erased.status, JSON.stringify(erased.body)).toBe(200);
		expect((await api("GET", "/api/v1/me", { jar })).status).toBe(401);
		expect((await api("POST", "/api/v1/auth/login", { body: { email, password } })).status).toBe(401);
		expect(markersInRawState([email, nickname, contact.name, contact.phone, contact.address.line1])).toEqual(
			[],
		);
	});

	test("a guest proves an order by the mailed link and has its personal data deleted", async () => {
		const email = `e2e.privacy.guest.${RUN}@example.org`;
		const contact: Contact = {
			name: `Barnaby Fenwick-Hollis ${RUN}`,
			phone: "+1 415 555 0188",
			address: {
				line1: `404 Larkspur Court ${RUN}`,
				city: "San Francisco",
				region: "CA",
				postalCode: "94110",
				country: "US",
			},
		};
		const orderNumber = await guestBuys(email, contact, await variantInStock("first"));
		await deliver(orderNumber, staff.fulfilment);

		// The answer is the same whether or not the pair matches; only a match mails a link.
		const since = Date.now() - 1000;
		const ask = (body: unknown) => api<unknown>("POST", "/api/v1/privacy-requests", { body });
		const wrong = await ask({ orderNumber, email: `someone.else.${RUN}@example.org`, kind: "deletion" });
		const right = await ask({ orderNumber, email, kind: "deletion" });
		expect(right.status).toBe(202);
		expect([wrong.status, wrong.body]).toEqual([right.status, right.body]);
		const mail = await mailedText(new RegExp(`${orderNumber}[\\s\\S]*privacy/requests/`), since);
		const token = /\/privacy\/requests\/([A-Za-z0-9_-]{43})/.exec(mail)?.[1] ?? "";
		expect(token).not.toBe("");
		expect(mail).not.toContain(contact.name);

		const page = await fetch(`${BASE_URL}/privacy/requests/${token}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toMatch(/delet/i);
		const done = await api<{ deleted: boolean }>("POST", "/api/v1/privacy-requests/confirm", {
			body: { token },
		});
		expect(done.status, JSON.stringify(done.body)).toBe(200);
		expect(done.body.deleted).toBe(true);
		const again = await api("POST", "/api/v1/privacy-requests/confirm", { body: { token } });
		expect(again.status).toBeGreaterThanOrEqual(400);

		// The order keeps its archival fields; its contact is gone, and a lookup finds nothing.
		expect(orderRemains(orderNumber)).toMatchObject({ number: orderNumber, country: "US", contacts: 0 });
		expect(orderRemains(orderNumber)?.purgedAt).toEqual(expect.any(Number));
		expect((await api("POST", "/api/v1/orders/lookup", { body: { orderNumber, email } })).status).toBe(404);
		expect(markersInRawState([contact.name, contact.phone, contact.address.line1])).toEqual([]);
	});

	test("npm run retention -- --dry-run reports every job and changes nothing", () => {
		const out = execFileSync(
			process.execPath,
			["scripts/retention.mjs", "--dry-run", "--url", BASE_URL, "--token", staff.admin],
			{ cwd: ROOT, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
		);
		for (const job of ["orders", "carts", "dormant_accounts"]) expect(out).toContain(job);
		expect(out).toMatch(/dry run/i);
	});
});
