// Fixtures for the account-rights tests (issue #9): a customer with every kind of row the shop
// keeps about one (profile and consents, two addresses, an order with its contact, a return, an
// order thread with a staff reply, a pre-sales thread, a review, carts), each personal text a
// distinct marker; and the vault's full keyring, to try every stored ciphertext against every key.
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { marketOfCountry } from "../../../workers/storefront/markets/markets";
import { createSubjectCipher } from "../../../workers/vault/crypto/subject-cipher";
import { deliveredDaysAgo, payAndDeliver } from "../after-sales/returns-fixtures";
import { slugOf } from "../after-sales/review-fixtures";
import { staffToken } from "../analytics/helpers";
import { registeredCustomer, SESSION_COOKIE, uniqueEmail } from "../fixtures/accounts";
import {
	BASE,
	type CheckoutBody,
	createVariant,
	type FixtureVariant,
	type Shopper,
} from "../fixtures/commerce";

/** Distinct per field, so each can be found (or not) on its own. */
export const MARKERS = {
	nickname: "Zephyrine Nickmark",
	address1Name: "Quillon Firstaddr-Zyx",
	address1Phone: "+44 20 7946 0111",
	address1Line: "11 Thistlemark Crescent",
	address2Name: "Quillon Secondaddr-Zyx",
	address2Phone: "+44 20 7946 0222",
	address2Line: "22 Bobbinmark Row",
	contactName: "Quillon Contactmark-Zyx",
	contactPhone: "+44 20 7946 0333",
	contactLine: "33 Warpmark Gardens",
	returnDetails: "Returnmark: the fringe unravelled after one wash",
	orderQuestion: "Questionmark: can I wash it at sixty degrees",
	staffReply: "Replymark: forty degrees keeps the colours",
	preSalesQuestion: "Presalesmark: do you ship rugs wider than three metres",
	reviewText: "Reviewmark: survived the dog and two washes",
};

function gbAddress(line1: string) {
	return { line1, city: "Wolverhampton", postalCode: "WV1 1AA", country: "GB" };
}

export const ADDRESS_1 = {
	name: MARKERS.address1Name,
	phone: MARKERS.address1Phone,
	address: gbAddress(MARKERS.address1Line),
};
export const ADDRESS_2 = {
	name: MARKERS.address2Name,
	phone: MARKERS.address2Phone,
	address: gbAddress(MARKERS.address2Line),
};
export const CONTACT = {
	name: MARKERS.contactName,
	phone: MARKERS.contactPhone,
	address: gbAddress(MARKERS.contactLine),
};

async function expectStatus(res: Promise<Response>, status: number): Promise<Response> {
	const answer = await res;
	if (answer.status !== status)
		throw new Error(`expected ${status}, got ${answer.status}: ${await answer.text()}`);
	return answer;
}

/** A shopper of `country`'s market: their cart in its prices, as checkout asks (issue #13). */
export async function moveCartTo(shopper: Shopper, country: string): Promise<void> {
	const market = marketOfCountry(country);
	if (market && market !== "us")
		await expectStatus(shopper.json("/api/v1/cart/market", "PUT", { market }), 200);
}

/** An account order of `variant` (as placed: status `placed`), to the given contact. */
export async function accountOrder(
	shopper: Shopper,
	variant: FixtureVariant,
	contact: typeof CONTACT = CONTACT,
): Promise<CheckoutBody> {
	await expectStatus(shopper.createCart(), 201);
	await moveCartTo(shopper, contact.address.country);
	await expectStatus(shopper.addItem(variant.variantId, 2), 200);
	const res = await expectStatus(
		shopper.json("/api/v1/me/checkout", "POST", { shippingMethod: "standard", contact }),
		201,
	);
	return (await res.json()) as CheckoutBody;
}

export async function orderRow(number: string) {
	const row = await env.DB.prepare("select * from orders where number = ?").bind(number).first<{
		id: string;
		subject_id: string;
		customer_id: string | null;
		status: string;
		total_minor: number;
		subtotal_minor: number;
		created_at: number;
		ship_country: string | null;
		personal_data_purged_at: number | null;
	}>();
	if (!row) throw new Error(`no order ${number}`);
	return row;
}

async function staffRequest(path: string, body: unknown): Promise<Response> {
	return exports.default.fetch(`${BASE}${path}`, {
		method: "POST",
		headers: {
			"Cf-Access-Jwt-Assertion": await staffToken({ role: "support" }),
			"content-type": "application/json",
		},
		body: JSON.stringify(body),
	});
}

/** A customer with every kind of row, all its personal texts markers. */
export async function customerWithEverything() {
	const email = uniqueEmail("qz.rights");
	const customer = await registeredCustomer({ email, nickname: MARKERS.nickname });
	const { shopper } = customer;
	await expectStatus(shopper.json("/api/v1/me/addresses", "POST", ADDRESS_1), 201);
	await expectStatus(shopper.json("/api/v1/me/addresses", "POST", ADDRESS_2), 201);

	const variant = await createVariant({ stock: 10 });
	const checkout = await accountOrder(shopper, variant);
	const orderId = await payAndDeliver(checkout, deliveredDaysAgo(3));
	const number = checkout.order.number;
	await expectStatus(
		shopper.json(`/api/v1/me/orders/${number}/returns`, "POST", {
			reason: "damaged",
			details: MARKERS.returnDetails,
			lines: [{ variantId: variant.variantId, quantity: 1 }],
		}),
		201,
	);
	const asked = await expectStatus(
		shopper.json("/api/v1/me/consultations", "POST", {
			kind: "after_sales",
			orderNumber: number,
			message: MARKERS.orderQuestion,
		}),
		201,
	);
	const { consultation } = (await asked.json()) as { consultation: { id: string } };
	await expectStatus(
		staffRequest(`/api/v1/staff/consultations/${consultation.id}/messages`, { message: MARKERS.staffReply }),
		201,
	);
	await expectStatus(
		shopper.json("/api/v1/me/consultations", "POST", {
			kind: "pre_sales",
			message: MARKERS.preSalesQuestion,
		}),
		201,
	);
	const reviewed = await expectStatus(
		shopper.json("/api/v1/me/reviews", "POST", {
			productSlug: slugOf(variant),
			rating: 4,
			text: MARKERS.reviewText,
		}),
		201,
	);
	const review = (await reviewed.json()) as { id: string };
	// An open cart with a line, besides the one the checkout closed.
	await expectStatus(shopper.createCart(), 201);
	await expectStatus(shopper.addItem(variant.variantId, 1), 200);

	const subject = await env.DB.prepare("select subject_id from customers where id = ?")
		.bind(customer.accountId)
		.first<{ subject_id: string }>();
	if (!subject) throw new Error("no profile");
	return {
		...customer,
		subjectId: subject.subject_id,
		variant,
		number,
		orderId,
		consultationId: consultation.id,
		reviewId: review.id,
	};
}

export type Seeded = Awaited<ReturnType<typeof customerWithEverything>>;

export function sessionCookieOf(shopper: Shopper): string {
	const token = shopper.cookies.get(SESSION_COOKIE);
	expect(token).toBeTruthy();
	return `${SESSION_COOKIE}=${token}`;
}

/** The vault's keyring as the tests hold it (TEST_VAULT_SECRETS): everything the vault could use. */
function fullKeyring() {
	const secrets = JSON.parse(env.TEST_VAULT_SECRETS) as { PII_KEYRING: string; PII_DORMANT_KEY: string };
	return createSubjectCipher(secrets);
}

type KeyRow = { id: string; kek_id: string; wrapped_key: string; created_at: number };

export async function subjectKeyRows(): Promise<KeyRow[]> {
	return (await env.VAULT_DB.prepare("select * from subject_keys").all<KeyRow>()).results;
}

export type SealedValue = { table: string; rowId: string; field: string; ciphertext: string };

/**
 * Opens a stored ciphertext with any data key the vault still holds (unwrapped with the full
 * keyring, dormant generations included): the plaintext, or null when none opens it.
 */
export async function openWithAnyKey(value: SealedValue, keys?: KeyRow[]): Promise<string | null> {
	const cipher = fullKeyring();
	for (const row of keys ?? (await subjectKeyRows())) {
		try {
			const record = { id: row.id, kekId: row.kek_id, wrappedKey: row.wrapped_key };
			const subject = row.kek_id.startsWith("dormant:")
				? await cipher.openSubject(await cipher.rewrapToCurrent({ ...record, createdAt: row.created_at }))
				: await cipher.openSubject(record);
			const opened = await cipher.openFields(subject, value.table, value.rowId, {
				[value.field]: value.ciphertext,
			});
			return opened[value.field] ?? null;
		} catch {
			// Not this key.
		}
	}
	return null;
}

/** The primary key column of a table: the row id sealed values are bound to. */
export async function primaryKeyOf(db: D1Database, table: string): Promise<string> {
	const info = await db.prepare(`pragma table_info("${table}")`).all<{ name: string; pk: number }>();
	const pk = info.results.find((column) => column.pk === 1);
	if (!pk) throw new Error(`no primary key on ${table}`);
	return pk.name;
}
