// Fixtures for the review tests: customers registered through the API, products and orders
// written straight into the commerce database (a delivered order is another engineer's API; here
// it is only the row it leaves), and staff requests through the real worker and vault.
import { env, exports } from "cloudflare:workers";
import type { StaffRole } from "../../../workers/shared/vault-contract";
import * as schema from "../../../workers/storefront/db/schema";
import { newReviewId } from "../../../workers/storefront/reviews/write-review";
import { staffToken } from "../analytics/helpers";
import { registeredCustomer } from "../fixtures/accounts";
import { BASE, createVariant, type FixtureVariant, type Shopper, testDb } from "../fixtures/commerce";

export type OrderStatus = schema.OrderStatus;

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function orderNumber(): string {
	const chars = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => ALPHABET[b % ALPHABET.length]);
	return `LW-${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

/** An order of `customerId` (or a guest's) with one line of the variant, in the given status. */
export async function orderOf(
	customerId: string | null,
	variant: FixtureVariant,
	status: OrderStatus = "delivered",
): Promise<string> {
	const id = crypto.randomUUID();
	const now = Date.now();
	const db = testDb();
	await db.insert(schema.orders).values({
		id,
		number: orderNumber(),
		status,
		subjectId: "AAAAAAAAAAAAAAAAAAAAAA",
		customerId,
		currency: variant.currency,
		subtotalMinor: variant.priceMinor,
		shippingMinor: 0,
		totalMinor: variant.priceMinor,
		shippingMethod: "standard",
		paymentProvider: "local",
		createdAt: now,
		updatedAt: now,
		reservedUntil: now,
		paidAt: status === "placed" || status === "cancelled" ? null : now,
		paidMinor: status === "placed" ? 0 : variant.priceMinor,
		deliveredAt: status === "delivered" ? now : null,
	});
	await db.insert(schema.orderLines).values({
		orderId: id,
		variantId: variant.variantId,
		productName: "Washable rug",
		sku: variant.sku,
		size: "120x180",
		color: "sand",
		quantity: 1,
		unitPriceMinor: variant.priceMinor,
	});
	return id;
}

export type Reviewer = { shopper: Shopper; accountId: string; nickname: string };

/** A signed-in customer with a nickname of their own. */
export async function reviewer(nickname = `Reviewer ${crypto.randomUUID().slice(0, 6)}`): Promise<Reviewer> {
	const { shopper, accountId } = await registeredCustomer({ nickname });
	return { shopper, accountId, nickname };
}

/** A product and a customer who has received it. */
export async function verifiedBuyer(variant?: FixtureVariant, nickname?: string) {
	const product = variant ?? (await createVariant());
	const customer = await reviewer(nickname);
	await orderOf(customer.accountId, product, "delivered");
	return { product, customer };
}

export function slugOf(variant: FixtureVariant): string {
	return `rug-${variant.productId}`;
}

export function postReview(shopper: Shopper, body: unknown): Promise<Response> {
	return shopper.json("/api/v1/me/reviews", "POST", body);
}

export type OwnReviewBody = {
	id: string;
	product: { id: number; slug: string; name: string };
	rating: number;
	status: string;
	text: string | null;
	createdAt: string;
	moderatedAt: string | null;
};

/** Writes a review that must be accepted; its id. */
export async function writtenReview(shopper: Shopper, variant: FixtureVariant, rating: number, text: string) {
	const res = await postReview(shopper, { productSlug: slugOf(variant), rating, text });
	if (res.status !== 201) throw new Error(`review refused: ${res.status} ${await res.text()}`);
	return (await res.json()) as OwnReviewBody;
}

/** A request with a staff member's Access token (a fresh member of the role, or the token given). */
export async function asStaff(
	who: StaffRole | { token: string },
	path: string,
	init: RequestInit = {},
): Promise<Response> {
	const token = typeof who === "string" ? await staffToken({ role: who }) : who.token;
	const headers = new Headers(init.headers);
	headers.set("Cf-Access-Jwt-Assertion", token);
	// A POST without a content type reads as a form post, which csrf() refuses without an Origin.
	if (init.method === "POST" && !headers.has("content-type")) headers.set("content-type", "application/json");
	return exports.default.fetch(`${BASE}${path}`, { ...init, headers });
}

export async function publishReview(id: string, token?: string): Promise<Response> {
	return asStaff(token ? { token } : "support", `/api/v1/staff/reviews/${id}/publish`, { method: "POST" });
}

export type ProductBody = {
	rating: { average: number | null; count: number };
	reviews: { rating: number; text: string; nickname: string | null; date: string }[];
};

export async function productDetail(variant: FixtureVariant): Promise<ProductBody> {
	const res = await exports.default.fetch(`${BASE}/api/v1/products/${slugOf(variant)}`);
	if (res.status !== 200) throw new Error(`product: ${res.status}`);
	return (await res.json()) as ProductBody;
}

/**
 * A review written straight into the tables, sealed as writeReview seals it (a new subject): for
 * tests that need many reviews of one product and not many accounts. Pending until published.
 */
export async function storedReview(variant: FixtureVariant, rating: number, text: string, nickname: string) {
	const id = newReviewId();
	const sealed = await env.VAULT.seal({
		subject: { new: true },
		table: "reviews",
		rowId: id,
		fields: { text, nickname },
	});
	if (!sealed.ok) throw new Error(`seal failed: ${sealed.error.message}`);
	const now = Date.now();
	await testDb()
		.insert(schema.reviews)
		.values({
			id,
			productId: variant.productId,
			customerId: `acc_${crypto.randomUUID().replace(/-/g, "").slice(0, 22)}`,
			subjectId: sealed.subjectId,
			rating,
			textCt: sealed.sealed.text as string,
			nicknameCt: sealed.sealed.nickname as string,
			status: "pending",
			createdAt: now,
			updatedAt: now,
			moderatedAt: null,
		});
	return id;
}

export async function productPage(variant: FixtureVariant): Promise<string> {
	const res = await exports.default.fetch(`${BASE}/p/${slugOf(variant)}`);
	if (res.status !== 200) throw new Error(`product page: ${res.status}`);
	return res.text();
}

export async function reviewRows(productId: number) {
	return (
		await testDb().query.reviews.findMany({
			where: (reviews, { eq }) => eq(reviews.productId, productId),
		})
	).sort((a, b) => a.createdAt - b.createdAt);
}
