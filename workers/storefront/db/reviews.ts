// Queries over reviews (issue #8). A review's text and nickname are ciphertext under the review's
// own subject; nothing here opens them. Customer-facing queries always name the customer, staff
// queries never return the customer's id.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../env";
import { orderLines, orders, products, type Review, reviews, variants } from "./schema";

export type ReviewStatus = Review["status"];

/** A product by slug or id: what a review names. */
export async function findProductRef(
	db: Db,
	ref: { slug: string } | { id: number },
): Promise<{ id: number; slug: string; name: string } | null> {
	const [row] = await db
		.select({ id: products.id, slug: products.slug, name: products.name })
		.from(products)
		.where("slug" in ref ? eq(products.slug, ref.slug) : eq(products.id, ref.id))
		.limit(1);
	return row ?? null;
}

/**
 * A verified purchase: an order of this customer, delivered, with a line of one of the product's
 * variants. Placed, paid, packed or shipped orders do not count yet; cancelled ones never do.
 */
export async function hasDeliveredPurchase(db: Db, customerId: string, productId: number): Promise<boolean> {
	const [row] = await db
		.select({ one: sql<number>`1` })
		.from(orders)
		.innerJoin(orderLines, eq(orderLines.orderId, orders.id))
		.innerJoin(variants, eq(variants.id, orderLines.variantId))
		.where(
			and(
				eq(orders.customerId, customerId),
				eq(orders.status, "delivered"),
				eq(variants.productId, productId),
			),
		)
		.limit(1);
	return row !== undefined;
}

export async function findCustomerReview(
	db: Db,
	customerId: string,
	productId: number,
): Promise<Review | null> {
	const [row] = await db
		.select()
		.from(reviews)
		.where(and(eq(reviews.customerId, customerId), eq(reviews.productId, productId)))
		.limit(1);
	return row ?? null;
}

/** Inserts the review unless the customer has one for the product (the unique index): null then. */
export async function insertReview(db: Db, row: Review): Promise<Review | null> {
	const [inserted] = await db.insert(reviews).values(row).onConflictDoNothing().returning();
	return inserted ?? null;
}

const ownColumns = {
	id: reviews.id,
	productId: reviews.productId,
	productSlug: products.slug,
	productName: products.name,
	subjectId: reviews.subjectId,
	textCt: reviews.textCt,
	rating: reviews.rating,
	status: reviews.status,
	createdAt: reviews.createdAt,
	moderatedAt: reviews.moderatedAt,
};

/** A customer's own reviews, newest first: only ever by the customer's own id. */
export function listCustomerReviews(db: Db, customerId: string, limit: number) {
	return db
		.select(ownColumns)
		.from(reviews)
		.innerJoin(products, eq(products.id, reviews.productId))
		.where(eq(reviews.customerId, customerId))
		.orderBy(desc(reviews.createdAt), desc(reviews.id))
		.limit(limit);
}

export type OwnReviewRow = Awaited<ReturnType<typeof listCustomerReviews>>[number];

const staffColumns = {
	id: reviews.id,
	productId: reviews.productId,
	productSlug: products.slug,
	productName: products.name,
	rating: reviews.rating,
	status: reviews.status,
	anonymised: sql<number>`${reviews.nicknameCt} is null`.mapWith(Boolean),
	createdAt: reviews.createdAt,
	updatedAt: reviews.updatedAt,
	moderatedAt: reviews.moderatedAt,
};

/** The moderation queue, oldest first (first written, first read): no customer id, no ciphertext. */
export function listReviewsForStaff(
	db: Db,
	options: { status?: ReviewStatus; after?: { createdAt: number; id: string }; limit: number },
) {
	const conditions = [
		options.status ? eq(reviews.status, options.status) : undefined,
		options.after
			? sql`(${reviews.createdAt} > ${options.after.createdAt} or (${reviews.createdAt} = ${options.after.createdAt} and ${reviews.id} > ${options.after.id}))`
			: undefined,
	];
	return db
		.select(staffColumns)
		.from(reviews)
		.innerJoin(products, eq(products.id, reviews.productId))
		.where(and(...conditions))
		.orderBy(asc(reviews.createdAt), asc(reviews.id))
		.limit(options.limit);
}

export async function getReview(db: Db, id: string): Promise<Review | null> {
	const [row] = await db.select().from(reviews).where(eq(reviews.id, id)).limit(1);
	return row ?? null;
}

/** The staff view of one review: the same columns as the list. */
export async function getReviewForStaff(db: Db, id: string) {
	const [row] = await db
		.select(staffColumns)
		.from(reviews)
		.innerJoin(products, eq(products.id, reviews.productId))
		.where(eq(reviews.id, id))
		.limit(1);
	return row ?? null;
}

export async function setReviewStatus(
	db: Db,
	id: string,
	status: ReviewStatus,
	now: number,
): Promise<boolean> {
	const updated = await db
		.update(reviews)
		.set({ status, moderatedAt: now, updatedAt: now })
		.where(eq(reviews.id, id))
		.returning({ id: reviews.id });
	return updated.length > 0;
}

export type PublishedReviewRow = {
	id: string;
	subjectId: string;
	rating: number;
	textCt: string;
	nicknameCt: string | null;
	createdAt: number;
	total: number;
	average: number;
};

/**
 * A product's published reviews in one statement: the latest `limit` of them, each row carrying
 * the count and average over all of them (window functions run before the LIMIT). No rows: none
 * published. By slug, so it can run beside the product's own read.
 */
export function listPublishedReviews(db: Db, slug: string, limit: number): Promise<PublishedReviewRow[]> {
	return db
		.select({
			id: reviews.id,
			subjectId: reviews.subjectId,
			rating: reviews.rating,
			textCt: reviews.textCt,
			nicknameCt: reviews.nicknameCt,
			createdAt: reviews.createdAt,
			total: sql<number>`count(*) over ()`.mapWith(Number),
			average: sql<number>`avg(${reviews.rating}) over ()`.mapWith(Number),
		})
		.from(reviews)
		.where(
			and(
				eq(reviews.productId, sql`(select ${products.id} from ${products} where ${products.slug} = ${slug})`),
				eq(reviews.status, "published"),
			),
		)
		.orderBy(desc(reviews.createdAt), desc(reviews.id))
		.limit(limit);
}

/**
 * A deleted account's reviews stay, with no name and no link to the account (issue #9's account
 * deletion calls this): the nickname's ciphertext goes, the text (under the review's own subject)
 * remains readable once published. Returns how many reviews were anonymised.
 */
export async function anonymiseReviewsOf(db: Db, customerId: string, now = Date.now()): Promise<number> {
	const updated = await db
		.update(reviews)
		.set({ customerId: null, nicknameCt: null, updatedAt: now })
		.where(eq(reviews.customerId, customerId))
		.returning({ id: reviews.id });
	return updated.length;
}
