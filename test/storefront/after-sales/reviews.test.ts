// Writing reviews (issue #8): a signed-in customer, only after a delivered purchase of the product,
// once per product, with a rating from 1 to 5. Text and nickname are sealed under the review's own
// subject; the commerce database holds only ciphertext.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dumpAllTables, encodingsOf } from "../../pii-scan";
import { createVariant, Shopper } from "../fixtures/commerce";
import {
	type OrderStatus,
	type OwnReviewBody,
	orderOf,
	postReview,
	publishReview,
	reviewer,
	reviewRows,
	slugOf,
	verifiedBuyer,
	writtenReview,
} from "./review-fixtures";

async function reviewCount(): Promise<number> {
	return (await env.DB.prepare("select count(*) as n from reviews").first<{ n: number }>())?.n ?? 0;
}

describe("POST /api/v1/me/reviews", () => {
	it("accepts a review only after a delivered purchase of that product by this customer", async () => {
		const product = await createVariant();
		const customer = await reviewer();
		const body = { productSlug: slugOf(product), rating: 4, text: "Lovely rug." };
		const refused = async () => {
			const before = await reviewCount();
			const res = await postReview(customer.shopper, body);
			expect(res.status).toBe(403);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
			expect(await reviewCount()).toBe(before);
		};

		await refused();
		// Bought but not received yet, or cancelled: not a verified purchase.
		for (const status of ["placed", "paid", "packed", "shipped", "cancelled"] as OrderStatus[]) {
			await orderOf(customer.accountId, product, status);
			await refused();
		}
		// Another customer's delivered order of the product, a guest's, and this customer's delivered
		// order of another product do not count either.
		const other = await reviewer();
		await orderOf(other.accountId, product, "delivered");
		await orderOf(null, product, "delivered");
		await orderOf(customer.accountId, await createVariant(), "delivered");
		await refused();

		await orderOf(customer.accountId, product, "delivered");
		const res = await postReview(customer.shopper, body);
		expect(res.status).toBe(201);
		const review = (await res.json()) as OwnReviewBody;
		expect(review).toMatchObject({
			product: { id: product.productId, slug: slugOf(product) },
			rating: 4,
			status: "pending",
			text: null,
			moderatedAt: null,
		});
		expect(review.id).toMatch(/^rev_[A-Za-z0-9_-]{22}$/);
		const [row] = await reviewRows(product.productId);
		expect(row).toMatchObject({
			id: review.id,
			customerId: customer.accountId,
			rating: 4,
			status: "pending",
		});
	});

	it("takes one review per product per customer: a second is 409, by slug or by id", async () => {
		const { product, customer } = await verifiedBuyer();
		await writtenReview(customer.shopper, product, 5, "First words.");
		for (const again of [
			{ productSlug: slugOf(product), rating: 1, text: "Changed my mind." },
			{ productId: product.productId, rating: 2, text: "Again, by id." },
		]) {
			const res = await postReview(customer.shopper, again);
			expect(res.status).toBe(409);
		}
		expect(await reviewRows(product.productId)).toHaveLength(1);

		// Another customer who received the same product may review it too, by id.
		const second = await reviewer();
		await orderOf(second.accountId, product, "delivered");
		const res = await postReview(second.shopper, { productId: product.productId, rating: 3, text: "Fine." });
		expect(res.status).toBe(201);
		expect(await reviewRows(product.productId)).toHaveLength(2);
	});

	it("refuses a rating outside 1–5 and malformed input with 400, writing nothing", async () => {
		const { product, customer } = await verifiedBuyer();
		const slug = slugOf(product);
		const bad: unknown[] = [
			{ productSlug: slug, rating: 0, text: "Zero." },
			{ productSlug: slug, rating: 6, text: "Six." },
			{ productSlug: slug, rating: 3.5, text: "Half." },
			{ productSlug: slug, rating: "5", text: "A string." },
			{ productSlug: slug, rating: -1, text: "Negative." },
			{ productSlug: slug, rating: 5 },
			{ productSlug: slug, rating: 5, text: "   " },
			{ productSlug: slug, rating: 5, text: "x".repeat(2001) },
			{ productSlug: slug, rating: 5, text: "Bell\u0007" },
			{ productSlug: slug, rating: 5, text: "Fine.", customerId: customer.accountId },
			{ productSlug: slug, productId: product.productId, rating: 5, text: "Both." },
			{ rating: 5, text: "Neither." },
			{ productSlug: "Not A Slug", rating: 5, text: "Bad slug." },
			{ productId: 0, rating: 5, text: "Bad id." },
		];
		const before = await reviewCount();
		for (const body of bad) {
			const res = await postReview(customer.shopper, body);
			expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
		}
		expect(await reviewCount()).toBe(before);
		// Unknown product: 404. The bounds themselves are accepted (with line breaks kept).
		expect(
			(await postReview(customer.shopper, { productSlug: "no-such-rug-zz", rating: 5, text: "?" })).status,
		).toBe(404);
		const lowest = await writtenReview(customer.shopper, product, 1, "Line one.\nLine two.");
		expect(lowest.rating).toBe(1);
		const { product: other, customer: top } = await verifiedBuyer();
		expect((await writtenReview(top.shopper, other, 5, "x".repeat(2000))).rating).toBe(5);
	});

	it("requires a signed-in customer and a same-origin request", async () => {
		const { product, customer } = await verifiedBuyer();
		const body = { productSlug: slugOf(product), rating: 5, text: "Anonymous?" };
		expect((await postReview(new Shopper(), body)).status).toBe(401);
		const crossSite = await customer.shopper.fetch("/api/v1/me/reviews", {
			method: "POST",
			headers: { "content-type": "application/json", origin: "https://evil.example" },
			body: JSON.stringify(body),
		});
		expect(crossSite.status).toBe(403);
		expect(await reviewRows(product.productId)).toHaveLength(0);
	});

	it("stores text and nickname only as ciphertext, under the review's own subject", async () => {
		const marker = "Zanzibarquill fringe review marker";
		const nickname = "Nickname Qzxv";
		const { product, customer } = await verifiedBuyer(undefined, nickname);
		const review = await writtenReview(customer.shopper, product, 5, marker);
		const [row] = await reviewRows(product.productId);
		if (!row) throw new Error("no review row");
		expect(row.textCt).toMatch(/^v1\./);
		expect(row.nicknameCt).toMatch(/^v1\./);
		const profile = await env.DB.prepare("select subject_id from customers where id = ?")
			.bind(customer.accountId)
			.first<{ subject_id: string }>();
		// Its own subject: shredding the account's key later leaves the text readable.
		expect(row.subjectId).not.toBe(profile?.subject_id);
		const key = await env.VAULT_DB.prepare("select id from subject_keys where id = ?")
			.bind(row.subjectId)
			.first();
		expect(key).not.toBeNull();

		const dump = [await dumpAllTables(env.DB), await dumpAllTables(env.VAULT_DB)].join("\n");
		expect(dump).toContain(review.id);
		for (const secret of [marker, nickname]) {
			for (const encoded of encodingsOf(secret)) expect(dump.includes(encoded), encoded).toBe(false);
		}
	});
});

describe("GET /api/v1/me/reviews", () => {
	it("lists the customer's own reviews only, with the text once published", async () => {
		const { product, customer } = await verifiedBuyer();
		const { customer: other } = await verifiedBuyer(product);
		const mine = await writtenReview(customer.shopper, product, 4, "Mine, and published.");
		const theirs = await writtenReview(other.shopper, product, 2, "Theirs.");

		const listed = async (shopper: Shopper) => {
			const res = await shopper.fetch("/api/v1/me/reviews");
			expect(res.status).toBe(200);
			return ((await res.json()) as { reviews: OwnReviewBody[] }).reviews;
		};
		expect((await listed(customer.shopper)).map((r) => [r.id, r.status, r.text])).toEqual([
			[mine.id, "pending", null],
		]);
		expect((await listed(other.shopper)).map((r) => r.id)).toEqual([theirs.id]);

		expect((await publishReview(mine.id)).status).toBe(200);
		const [published] = await listed(customer.shopper);
		expect(published).toMatchObject({ id: mine.id, status: "published", text: "Mine, and published." });
		expect(published?.moderatedAt).not.toBeNull();
		expect((await new Shopper().fetch("/api/v1/me/reviews")).status).toBe(401);
	});
});
