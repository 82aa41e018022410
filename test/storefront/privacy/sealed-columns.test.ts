// The raw-state scan, driven by the personal-field registry (P2, P3, P12): after a journey that
// writes every sealed column (a guest's order, return and question; a customer's profile, address
// book, order, return, question and review; a staff member), every column the registry calls sealed holds only
// vault ciphertexts and no marker, and every blind index is an HMAC. The columns scanned are the
// registry's, and the registry's are the databases' own, so a new sealed column is scanned
// without anyone touching this file.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../workers/shared/personal-data/annotate";
import { personalFields, sealedFields } from "../../../workers/shared/personal-data/registry";
import { parseFieldCiphertext } from "../../../workers/vault/crypto/field-cipher";
import { encodingsOf } from "../../pii-scan";
import { guestAsk } from "../after-sales/consultation-fixtures";
import { deliveredDaysAgo, guestRequest, payAndDeliver } from "../after-sales/returns-fixtures";
import { postReview, slugOf } from "../after-sales/review-fixtures";
import { staffMember } from "../analytics/helpers";
import { registeredCustomer } from "../fixtures/accounts";
import { placeOrder } from "../fixtures/checkout-flow";
import { type CheckoutBody, createVariant } from "../fixtures/commerce";

const MARKERS = {
	guestEmail: "hestia.quorvane.h6@example.org",
	guestName: "Hestia Quorvane-Zyx",
	guestPhone: "+44 20 7946 0731",
	guestLine1: "41 Quorvane Terrace",
	replyEmail: "quorvane.reply.h6@example.org",
	guestQuestion: "Zyx-question: does the Quorvane rug shed?",
	guestReturn: "Zyx-return: the Quorvane fringe frayed",
	nickname: "Ottoline Zyxwright",
	bookName: "Ottoline Zyxwright-Book",
	bookPhone: "+44 20 7946 0732",
	bookLine1: "12 Zyxwright Mews",
	orderName: "Ottoline Zyxwright-Order",
	orderPhone: "+44 20 7946 0733",
	orderLine1: "13 Zyxwright Yard",
	customerQuestion: "Zyx-question: Zyxwright wants a runner",
	customerReturn: "Zyx-return: Zyxwright's rug faded",
	review: "Zyx-review: Zyxwright loves this rug",
};

const address = (line1: string) => ({ line1, city: "Leeds", postalCode: "LS1 4AP", country: "GB" });

const DATABASES: Record<Exclude<Database, "analytics">, () => D1Database> = {
	commerce: () => env.DB,
	vault: () => env.VAULT_DB,
};

/** The shape of a vault ciphertext: `v1.<kekId>.<iv>.<data>`, base64url, and its header parses. */
function isVaultCiphertext(value: string): boolean {
	if (!/^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/.test(value)) return false;
	try {
		parseFieldCiphertext(value);
		return true;
	} catch {
		return false;
	}
}

/** Columns of the database itself (not the registry) whose names end in `suffix`. */
async function columnsEndingIn(db: D1Database, suffix: string): Promise<string[]> {
	const { results: tables } = await db
		.prepare("select name from sqlite_master where type = 'table' and name not like '\\_cf\\_%' escape '\\'")
		.all<{ name: string }>();
	const found: string[] = [];
	for (const { name } of tables) {
		const { results } = await db
			.prepare(`select name from pragma_table_info(?)`)
			.bind(name)
			.all<{ name: string }>();
		for (const column of results) if (column.name.endsWith(suffix)) found.push(`${name}.${column.name}`);
	}
	return found.sort();
}

async function columnValues(db: D1Database, table: string, column: string): Promise<string[]> {
	const { results } = await db
		.prepare(`select "${column}" as value from "${table}" where "${column}" is not null`)
		.all<{ value: unknown }>();
	return results.map(({ value }) => String(value));
}

async function guestJourney() {
	const { checkout } = await placeOrder({
		body: {
			email: MARKERS.guestEmail,
			name: MARKERS.guestName,
			phone: MARKERS.guestPhone,
			address: address(MARKERS.guestLine1),
		},
	});
	await payAndDeliver(checkout, deliveredDaysAgo(3));
	const variantId = await env.DB.prepare(
		"select variant_id from order_lines join orders on orders.id = order_lines.order_id where number = ?",
	)
		.bind(checkout.order.number)
		.first<number>("variant_id");
	const returned = await guestRequest({
		orderNumber: checkout.order.number,
		email: MARKERS.guestEmail,
		reason: "damaged",
		details: MARKERS.guestReturn,
		lines: [{ variantId, quantity: 1 }],
	});
	expect(returned.status).toBe(201);
	const asked = await guestAsk({
		kind: "pre_sales",
		email: MARKERS.replyEmail,
		message: MARKERS.guestQuestion,
	});
	expect(asked.status).toBe(201);
}

async function customerJourney() {
	const { shopper } = await registeredCustomer({ nickname: MARKERS.nickname });
	const saved = await shopper.json("/api/v1/me/addresses", "POST", {
		name: MARKERS.bookName,
		phone: MARKERS.bookPhone,
		address: address(MARKERS.bookLine1),
	});
	expect(saved.status).toBe(201);
	const variant = await createVariant({ stock: 5 });
	expect((await shopper.createCart()).status).toBe(201);
	// A UK shopper's cart is in pounds before it checks out to a UK address (issue #13).
	expect((await shopper.json("/api/v1/cart/market", "PUT", { market: "uk" })).status).toBe(200);
	expect((await shopper.addItem(variant.variantId, 1)).status).toBe(200);
	const placed = await shopper.json("/api/v1/me/checkout", "POST", {
		shippingMethod: "standard",
		contact: { name: MARKERS.orderName, phone: MARKERS.orderPhone, address: address(MARKERS.orderLine1) },
	});
	expect(placed.status).toBe(201);
	const checkout = (await placed.json()) as CheckoutBody;
	await payAndDeliver(checkout, deliveredDaysAgo(2));
	const returned = await shopper.json(`/api/v1/me/orders/${checkout.order.number}/returns`, "POST", {
		reason: "damaged",
		details: MARKERS.customerReturn,
		lines: [{ variantId: variant.variantId, quantity: 1 }],
	});
	expect(returned.status).toBe(201);
	const asked = await shopper.json("/api/v1/me/consultations", "POST", {
		kind: "pre_sales",
		message: MARKERS.customerQuestion,
	});
	expect(asked.status).toBe(201);
	const reviewed = await postReview(shopper, {
		productSlug: slugOf(variant),
		rating: 5,
		text: MARKERS.review,
	});
	expect(reviewed.status).toBe(201);
}

describe("sealed columns at rest, as the registry names them", () => {
	beforeAll(async () => {
		await guestJourney();
		await customerJourney();
		// Staff are known by the blind index of their Access email.
		await staffMember("support");
	});

	for (const [database, db] of Object.entries(DATABASES) as [keyof typeof DATABASES, () => D1Database][]) {
		it(`the registry's sealed columns of the ${database} database are exactly its *_ct columns`, async () => {
			const registry = sealedFields(database).map((field) => `${field.table}.${field.column}`);
			expect(registry.length).toBeGreaterThan(0);
			expect(registry.sort()).toEqual(await columnsEndingIn(db(), "_ct"));
		});

		it(`the registry's blind indexes of the ${database} database are exactly its *_bidx columns`, async () => {
			const registry = personalFields(database)
				.filter((field) => field.safeguard === "blind_index")
				.map((field) => `${field.table}.${field.column}`);
			expect(registry.sort()).toEqual(await columnsEndingIn(db(), "_bidx"));
		});
	}

	it("every sealed column holds vault ciphertexts only, and no marker in any form", async () => {
		const forms = Object.values(MARKERS).flatMap(encodingsOf);
		const scanned: string[] = [];
		for (const field of sealedFields()) {
			if (field.database === "analytics") continue;
			const name = `${field.database}.${field.table}.${field.column}`;
			const values = await columnValues(DATABASES[field.database](), field.table, field.column);
			// The journey wrote every sealed column: one left empty would pass the scan unexamined.
			expect(values.length, `${name} was written`).toBeGreaterThan(0);
			for (const value of values) {
				expect(isVaultCiphertext(value), `${name} holds a ciphertext`).toBe(true);
				for (const form of forms) expect(value.includes(form), `${name} holds no marker`).toBe(false);
			}
			scanned.push(name);
		}
		expect(scanned.sort()).toEqual(
			sealedFields()
				.filter((field) => field.database !== "analytics")
				.map((field) => `${field.database}.${field.table}.${field.column}`)
				.sort(),
		);
	});

	it("every blind index is a 256-bit HMAC in base64url, never an email", async () => {
		const forms = Object.values(MARKERS).flatMap(encodingsOf);
		for (const field of personalFields()) {
			if (field.safeguard !== "blind_index" || field.database === "analytics") continue;
			const name = `${field.database}.${field.table}.${field.column}`;
			const values = await columnValues(DATABASES[field.database](), field.table, field.column);
			expect(values.length, `${name} was written`).toBeGreaterThan(0);
			for (const value of values) {
				expect(value, name).toMatch(/^[A-Za-z0-9_-]{43}$/);
				for (const form of forms) expect(value.includes(form), `${name} holds no marker`).toBe(false);
			}
		}
	});

	it("tells a ciphertext from plaintext and from a look-alike", () => {
		expect(isVaultCiphertext(MARKERS.guestEmail)).toBe(false);
		expect(isVaultCiphertext(`v1.k1.${"A".repeat(16)}`)).toBe(false);
		expect(isVaultCiphertext(`v2.k1.${"A".repeat(16)}.${"B".repeat(40)}`)).toBe(false);
		expect(isVaultCiphertext(`v1.k1.${"A".repeat(16)}.${"B".repeat(40)}`)).toBe(true);
	});
});
