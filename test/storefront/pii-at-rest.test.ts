// P2/P3 across the three workers: a guest's contact is sealed by the vault, looked up by blind
// index, opened only through the vault by staff, and found nowhere else: not in any table of any
// worker's database (plain or encoded), not in the storefront's logs. The storefront's own
// secrets open nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { fromBase64 } from "../../workers/shared/base64url";
import { getOrderContact } from "../../workers/storefront/db/orders";
import { dumpAllTables, encodingsOf } from "../pii-scan";
import { staffToken } from "./analytics/helpers";
import { placeOrder, submitPaymentDecision } from "./fixtures/checkout-flow";
import { orderByNumber, testDb } from "./fixtures/commerce";

const MARKERS = {
	name: "Quillon Marchbanks-Zyx",
	email: "quillon.zyx.marker@example.org",
	phone: "+44 20 7946 0958",
	line1: "77 Thistlewood Crescent",
	line2: "Flat Zq9",
	city: "Wolverhampton-Zyx",
	postalCode: "WV1 1AA",
};

const ADDRESS = {
	line1: MARKERS.line1,
	line2: MARKERS.line2,
	city: MARKERS.city,
	postalCode: MARKERS.postalCode,
	country: "GB",
};

describe("personal data at rest", () => {
	it("stores no marker in any worker's database or the storefront's logs; staff open it through the vault", async () => {
		const logged: string[] = [];
		const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				logged.push(args.map(String).join(" "));
			}),
		);
		const { shopper, checkout, paymentPath } = await placeOrder({
			body: { email: MARKERS.email, name: MARKERS.name, phone: MARKERS.phone, address: ADDRESS },
		});
		await submitPaymentDecision(shopper, paymentPath, "pay");
		const lookup = await shopper.json("/api/v1/orders/lookup", "POST", {
			orderNumber: checkout.order.number,
			email: ` ${MARKERS.email.toUpperCase()} `,
		});
		expect(lookup.status).toBe(200);
		const wrong = await shopper.json("/api/v1/orders/lookup", "POST", {
			orderNumber: checkout.order.number,
			email: "someone.else@example.org",
		});
		expect(wrong.status).toBe(404);

		const token = await staffToken({ role: "compliance" });
		const opened = await shopper.fetch(
			`/api/v1/staff/orders/${checkout.order.number}/contact?purpose=compliance_review`,
			{ headers: { "Cf-Access-Jwt-Assertion": token } },
		);
		for (const spy of spies) spy.mockRestore();
		expect(opened.status).toBe(200);
		expect(await opened.json()).toMatchObject({
			contact: { email: MARKERS.email, name: MARKERS.name, phone: MARKERS.phone, address: ADDRESS },
		});
		expect(logged.length).toBeGreaterThan(0);

		const dump = [
			await dumpAllTables(env.DB),
			await dumpAllTables(env.ANALYTICS_DB),
			await dumpAllTables(env.VAULT_DB),
			logged.join("\n"),
		].join("\n");
		expect(dump).toContain("order_contacts:");
		expect(dump).toContain("audit_log:");
		for (const [field, marker] of Object.entries(MARKERS)) {
			for (const encoded of encodingsOf(marker)) {
				expect(dump.includes(encoded), `${field} as ${encoded}`).toBe(false);
			}
		}
	});

	it("holds no wrapped key, so no storefront secret opens a stored ciphertext", async () => {
		const { checkout } = await placeOrder();
		const order = await orderByNumber(checkout.order.number);
		const contact = order && (await getOrderContact(testDb(), order.id));
		if (!order || !contact) throw new Error("contact missing");
		expect(contact.emailCt).toMatch(/^v1\.k1\./);
		// No table of the commerce database holds a wrapped data key.
		const tables = await env.DB.prepare("select name, sql from sqlite_master where type = 'table'").all<{
			name: string;
			sql: string;
		}>();
		expect(tables.results.map((t) => t.name)).toContain("order_contacts");
		expect(tables.results.filter((t) => /wrapped|kek_id|subject_keys/i.test(t.sql ?? ""))).toEqual([]);

		// Every string the storefront is configured with, tried as an AES-256 key in the field's own
		// context: none decrypts.
		const [, , ivText, dataText] = contact.emailCt.split(".");
		const b64url = (t: string) =>
			fromBase64(
				t
					.replace(/-/g, "+")
					.replace(/_/g, "/")
					.padEnd(Math.ceil(t.length / 4) * 4, "="),
			);
		const iv = b64url(ivText ?? "");
		const data = b64url(dataText ?? "");
		if (!iv || !data) throw new Error("malformed ciphertext");
		const aad = new TextEncoder().encode(`v1.k1|order_contacts|${order.id}|email`);
		const candidates = Object.values(env).filter(
			(v): v is string => typeof v === "string" && !v.startsWith("{"),
		);
		expect(candidates.length).toBeGreaterThan(2);
		for (const secret of candidates) {
			const raw = fromBase64(secret);
			const keys = [new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)))];
			if (raw?.length === 32) keys.push(raw);
			for (const bytes of keys) {
				const key = await crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["decrypt"]);
				await expect(
					crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: aad }, key, data),
				).rejects.toThrow();
			}
		}
	});
});
