import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { getOrderContactWithKey } from "../../workers/storefront/db/orders";
import { createVault } from "../../workers/storefront/vault/vault";
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

function encodings(marker: string): string[] {
	const bytes = new TextEncoder().encode(marker);
	const base64 = btoa(String.fromCharCode(...bytes));
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
	return [
		marker,
		marker.toLowerCase(),
		base64.replace(/=+$/, ""),
		base64.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_"),
		hex,
		hex.toUpperCase(),
		encodeURIComponent(marker),
	];
}

async function dumpAllTables(): Promise<string> {
	const tables = await env.DB.prepare("select name from sqlite_master where type = 'table'").all<{
		name: string;
	}>();
	const dumps: string[] = [];
	for (const { name } of tables.results) {
		if (name.startsWith("_cf_")) continue; // platform-internal, not readable through D1
		const rows = await env.DB.prepare(`select * from "${name}"`).all();
		dumps.push(`${name}: ${JSON.stringify(rows.results)}`);
	}
	expect(dumps.some((d) => d.startsWith("order_contacts:"))).toBe(true);
	return dumps.join("\n");
}

describe("personal data at rest", () => {
	it("stores no marker value, plain or encoded, in any table or log line; the vault opens them", async () => {
		const logged: string[] = [];
		const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				logged.push(args.map(String).join(" "));
			}),
		);
		const { shopper, checkout, paymentPath } = await placeOrder({
			body: {
				email: MARKERS.email,
				name: MARKERS.name,
				phone: MARKERS.phone,
				address: {
					line1: MARKERS.line1,
					line2: MARKERS.line2,
					city: MARKERS.city,
					postalCode: MARKERS.postalCode,
					country: "GB",
				},
			},
		});
		await submitPaymentDecision(shopper, paymentPath, "pay");
		await shopper.json("/api/v1/orders/lookup", "POST", {
			orderNumber: checkout.order.number,
			email: MARKERS.email,
		});
		for (const spy of spies) spy.mockRestore();
		expect(logged.length).toBeGreaterThan(0);

		const dump = `${await dumpAllTables()}\n${logged.join("\n")}`;
		for (const [field, marker] of Object.entries(MARKERS)) {
			for (const encoded of encodings(marker)) {
				expect(dump.includes(encoded), `${field} as ${encoded}`).toBe(false);
			}
		}

		const order = await orderByNumber(checkout.order.number);
		if (!order) throw new Error("order missing");
		const stored = await getOrderContactWithKey(testDb(), order.id);
		if (!stored) throw new Error("contact missing");
		expect(stored.contact.emailCt).toMatch(/^v1\.k1\./);
		const vault = createVault(env);
		const subject = await vault.openSubject(stored.subjectKey);
		const opened = await vault.openFields(subject, "order_contacts", order.id, {
			email: stored.contact.emailCt,
			name: stored.contact.nameCt,
			phone: stored.contact.phoneCt,
			address: stored.contact.addressCt,
		});
		expect(opened.email).toBe(MARKERS.email);
		expect(opened.name).toBe(MARKERS.name);
		expect(opened.phone).toBe(MARKERS.phone);
		expect(JSON.parse(opened.address)).toEqual({
			line1: MARKERS.line1,
			line2: MARKERS.line2,
			city: MARKERS.city,
			postalCode: MARKERS.postalCode,
			country: "GB",
		});

		// Bound to row and field: the same ciphertext elsewhere does not open.
		await expect(
			vault.openFields(subject, "order_contacts", order.id, { name: stored.contact.emailCt }),
		).rejects.toThrow();
		await expect(
			vault.openFields(subject, "order_contacts", crypto.randomUUID(), { email: stored.contact.emailCt }),
		).rejects.toThrow();
		await expect(
			vault.openFields(subject, "addresses", order.id, { email: stored.contact.emailCt }),
		).rejects.toThrow();

		// Another order's subject key does not open this order's fields either.
		const other = await placeOrder();
		const otherOrder = await orderByNumber(other.checkout.order.number);
		const otherStored = otherOrder && (await getOrderContactWithKey(testDb(), otherOrder.id));
		if (!otherStored) throw new Error("other contact missing");
		const otherSubject = await vault.openSubject(otherStored.subjectKey);
		await expect(
			vault.openFields(otherSubject, "order_contacts", order.id, { email: stored.contact.emailCt }),
		).rejects.toThrow();
		// ...and a ciphertext copied into the other order's row does not open there.
		await expect(
			vault.openFields(otherSubject, "order_contacts", otherOrder.id, { email: stored.contact.emailCt }),
		).rejects.toThrow();

		// A different keyring cannot unwrap the data key.
		const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
		const foreign = createVault({ PII_KEYRING: JSON.stringify({ current: "k1", keys: { k1: key } }) });
		await expect(foreign.openSubject(stored.subjectKey)).rejects.toThrow();
		const rotatedAway = createVault({ PII_KEYRING: JSON.stringify({ current: "k2", keys: { k2: key } }) });
		await expect(rotatedAway.openSubject(stored.subjectKey)).rejects.toThrow();
	});
});
