// Reviews on the product (issue #8): GET /api/v1/products/{slug} and /p/{slug} show the average,
// the count and the latest published reviews with a nickname (or "Verified buyer" once the account
// is gone) and a day, never a customer id; the vault is asked only when something is published,
// and a vault that fails never fails the product.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { OpenPublishedRequest } from "../../../workers/shared/vault-contract";
import { anonymiseReviewsOf } from "../../../workers/storefront/db/reviews";
import { fetchWith, staffToken } from "../analytics/helpers";
import { createVariant, type FixtureVariant, testDb } from "../fixtures/commerce";
import {
	type ProductBody,
	productDetail,
	productPage,
	publishReview,
	reviewRows,
	slugOf,
	storedReview,
	verifiedBuyer,
	writtenReview,
} from "./review-fixtures";

/** A product with published reviews of these ratings, written in this order. */
async function reviewedProduct(ratings: number[]) {
	const product = await createVariant();
	const token = await staffToken({ role: "support" });
	const written = [];
	for (const [i, rating] of ratings.entries()) {
		const { customer } = await verifiedBuyer(product, `Nick ${i} ${crypto.randomUUID().slice(0, 4)}`);
		const review = await writtenReview(
			customer.shopper,
			product,
			rating,
			`Review number ${i}, ${rating} stars.`,
		);
		expect((await publishReview(review.id, token)).status).toBe(200);
		written.push({ customer, review });
	}
	return { product, written };
}

/** A VAULT binding whose openPublished is replaced, counting its calls. */
function vaultWith(openPublished: (req: OpenPublishedRequest) => Promise<unknown>) {
	const calls: OpenPublishedRequest[] = [];
	const vault = {
		openPublished: async (req: OpenPublishedRequest) => {
			calls.push(req);
			return openPublished(req);
		},
	} as unknown as Env["VAULT"];
	return { vault, calls };
}

async function detailWith(vault: Env["VAULT"], product: FixtureVariant) {
	const res = await fetchWith({ VAULT: vault }, `/api/v1/products/${slugOf(product)}`);
	return {
		status: res.status,
		cacheControl: res.headers.get("cache-control"),
		body: (await res.json()) as ProductBody,
	};
}

describe("GET /api/v1/products/{slug} and /p/{slug} with reviews", () => {
	it("shows the average, the count and the published reviews, newest first, with nickname and day only", async () => {
		const { product, written } = await reviewedProduct([5, 4, 2]);
		// A pending review counts for nothing and shows nowhere.
		const { customer: pendingAuthor } = await verifiedBuyer(product);
		await writtenReview(pendingAuthor.shopper, product, 1, "Pending, not shown.");

		const body = await productDetail(product);
		expect(body.rating).toEqual({ average: 3.7, count: 3 });
		const rows = await reviewRows(product.productId);
		expect(body.reviews).toEqual(
			[...written].reverse().map(({ customer, review }) => ({
				rating: review.rating,
				text: `Review number ${written.findIndex((w) => w.review.id === review.id)}, ${review.rating} stars.`,
				nickname: customer.nickname,
				date: new Date(rows.find((r) => r.id === review.id)?.createdAt ?? 0).toISOString().slice(0, 10),
			})),
		);
		const json = JSON.stringify(body);
		expect(json).not.toContain("Pending, not shown.");
		for (const { customer, review } of [...written, { customer: pendingAuthor, review: { id: "" } }]) {
			expect(json).not.toContain(customer.accountId);
			if (review.id) expect(json).not.toContain(review.id);
		}
		for (const row of rows) expect(json).not.toContain(row.subjectId);

		const page = await productPage(product);
		expect(page).toContain("Rated 3.7 out of 5 (3 reviews)");
		for (const { customer } of written) expect(page).toContain(customer.nickname);
		expect(page).toContain("Review number 0, 5 stars.");
		expect(page).not.toContain("Pending, not shown.");
		expect(page).not.toContain(pendingAuthor.nickname);
	});

	it("shows the latest ten, with the aggregate over all of them", async () => {
		const product = await createVariant();
		const ratings = [1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 5];
		const token = await staffToken({ role: "support" });
		for (const [i, rating] of ratings.entries()) {
			const id = await storedReview(product, rating, `Stored review ${i}.`, `Stored ${i}`);
			expect((await publishReview(id, token)).status).toBe(200);
			// Distinct times: newest first is then one order.
			await new Promise((resolve) => setTimeout(resolve, 2));
		}
		const body = await productDetail(product);
		expect(body.rating).toEqual({ average: 3.2, count: 11 });
		expect(body.reviews.map((r) => r.text)).toEqual(
			ratings
				.map((_, i) => `Stored review ${i}.`)
				.reverse()
				.slice(0, 10),
		);
	});

	it("shows an anonymised review without a name, as a verified buyer", async () => {
		const { product, written } = await reviewedProduct([4]);
		const [first] = written;
		if (!first) throw new Error("no review");
		const anonymised = await anonymiseReviewsOf(testDb(), first.customer.accountId);
		expect(anonymised).toBe(1);
		const [row] = await reviewRows(product.productId);
		expect(row).toMatchObject({ customerId: null, nicknameCt: null, status: "published" });
		// Nothing left that joins the review to the account.
		expect(JSON.stringify(row)).not.toContain(first.customer.accountId);

		const body = await productDetail(product);
		expect(body.reviews).toEqual([
			expect.objectContaining({ nickname: null, text: "Review number 0, 4 stars." }),
		]);
		const page = await productPage(product);
		expect(page).toContain("Verified buyer");
		expect(page).not.toContain(first.customer.nickname);
		// The account's own list no longer has it, and a second anonymisation finds nothing.
		const own = (await (await first.customer.shopper.fetch("/api/v1/me/reviews")).json()) as {
			reviews: unknown[];
		};
		expect(own.reviews).toEqual([]);
		expect(await anonymiseReviewsOf(testDb(), first.customer.accountId)).toBe(0);
	});

	it("asks the vault only when something is published", async () => {
		const { product, customer } = await verifiedBuyer();
		await writtenReview(customer.shopper, product, 3, "Only pending.");
		const counting = vaultWith((req) => env.VAULT.openPublished(req));
		const pending = await detailWith(counting.vault, product);
		expect(pending.status).toBe(200);
		expect(pending.body.rating).toEqual({ average: null, count: 0 });
		expect(counting.calls).toHaveLength(0);

		const { product: published } = await reviewedProduct([5, 3]);
		const shown = await detailWith(counting.vault, published);
		expect(shown.body.reviews).toHaveLength(2);
		expect(counting.calls).toHaveLength(1);
		expect(counting.calls[0]?.items.every((item) => item.table === "reviews")).toBe(true);
		expect(counting.calls[0]?.items).toHaveLength(4);
	});

	it("still serves the product with the aggregate and without texts when the vault fails", async () => {
		const { product } = await reviewedProduct([5, 4]);
		const failures = [
			vaultWith(async () => {
				throw new Error("vault unreachable");
			}),
			vaultWith(async () => ({ ok: false, error: { code: "unavailable", message: "down" } })),
		];
		for (const { vault, calls } of failures) {
			const { status, body, cacheControl } = await detailWith(vault, product);
			expect(status).toBe(200);
			expect(cacheControl).toBe("no-store");
			expect(body.rating).toEqual({ average: 4.5, count: 2 });
			expect(body.reviews).toEqual([]);
			expect(calls).toHaveLength(1);
			const page = await fetchWith({ VAULT: vault }, `/p/${slugOf(product)}`);
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).toContain("Rated 4.5 out of 5 (2 reviews)");
			expect(html).toContain("The reviews cannot be shown right now.");
			// A page without its texts must not be shared from the edge cache for minutes.
			expect(page.headers.get("cache-control")).toBe("no-store");
		}
	});
});
