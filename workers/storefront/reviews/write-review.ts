// Writing a review (issue #8): a signed-in customer, once per product, only for a product they
// received (a delivered order of theirs with one of its variants). The text and the customer's
// nickname are sealed under a new subject of the review's own, not the account's: deleting the
// account later shreds the account's key and nulls the nickname here, and the review stays,
// nameless. Every refusal comes before anything is sealed or written.
import { randomBytes, toBase64Url } from "../../shared/base64url";
import { type AccountDeps, openOwn } from "../accounts/account-deps";
import { requireCustomer } from "../accounts/profile";
import {
	findCustomerReview,
	findProductRef,
	hasDeliveredPurchase,
	insertReview,
	listCustomerReviews,
	type OwnReviewRow,
} from "../db/reviews";
import type { Review } from "../db/schema";
import { AppError } from "../errors";
import { fromVault } from "../vault-client";
import { openPublishedFields } from "./product-reviews";
import type { OwnReview, WriteReviewInput } from "./review-schemas";

/** Enough for an account page; a customer with more reviews than this gets paging then. */
const MAX_LISTED_REVIEWS = 100;
const ALREADY_REVIEWED = "You have already reviewed this product";

export function newReviewId(): string {
	return `rev_${toBase64Url(randomBytes(16))}`;
}

function ownView(row: OwnReviewRow, text: string | null): OwnReview {
	return {
		id: row.id,
		product: { id: row.productId, slug: row.productSlug, name: row.productName },
		rating: row.rating,
		status: row.status,
		text,
		createdAt: new Date(row.createdAt).toISOString(),
		moderatedAt: row.moderatedAt === null ? null : new Date(row.moderatedAt).toISOString(),
	};
}

export async function writeReview(deps: AccountDeps, input: WriteReviewInput): Promise<OwnReview> {
	const product = await findProductRef(
		deps.db,
		input.productSlug !== undefined ? { slug: input.productSlug } : { id: input.productId as number },
	);
	if (!product) throw new AppError("not_found", "No such product");
	const customerId = deps.account.id;
	if (await findCustomerReview(deps.db, customerId, product.id))
		throw new AppError("conflict", ALREADY_REVIEWED);
	if (!(await hasDeliveredPurchase(deps.db, customerId, product.id))) {
		throw new AppError("forbidden", "Only a customer who has received this product can review it");
	}
	const customer = await requireCustomer(deps);
	const [nickname] = await openOwn(deps, [
		{ table: "customers", rowId: customer.id, field: "nickname", ciphertext: customer.nicknameCt },
	]);
	const id = newReviewId();
	const sealed = await fromVault(
		deps.vault.seal({
			// Owned by the account: its export opens the text, its erasure leaves the review nameless.
			subject: { new: true, owner: deps.session },
			table: "reviews",
			rowId: id,
			fields: { text: input.text, nickname: nickname as string },
			requestId: deps.requestId,
		}),
		deps.logger,
	);
	const row: Review = {
		id,
		productId: product.id,
		customerId,
		subjectId: sealed.subjectId,
		rating: input.rating,
		textCt: sealed.sealed.text as string,
		nicknameCt: sealed.sealed.nickname as string,
		status: "pending",
		createdAt: deps.now,
		updatedAt: deps.now,
		moderatedAt: null,
	};
	// A second review racing this one past the check above meets the unique index here. Its new
	// subject then holds nothing stored anywhere: a data key with no ciphertext to open.
	if (!(await insertReview(deps.db, row))) throw new AppError("conflict", ALREADY_REVIEWED);
	return ownView({ ...row, productSlug: product.slug, productName: product.name }, null);
}

/** The customer's own reviews; texts of published ones opened as the public page opens them. */
export async function listMyReviews(deps: AccountDeps): Promise<OwnReview[]> {
	const rows = await listCustomerReviews(deps.db, deps.account.id, MAX_LISTED_REVIEWS);
	const published = rows.filter((row) => row.status === "published");
	const values =
		(await openPublishedFields(
			deps,
			published.map((row) => ({
				subjectId: row.subjectId,
				table: "reviews",
				rowId: row.id,
				field: "text",
				ciphertext: row.textCt,
			})),
		)) ?? [];
	const texts = new Map(published.map((row, i) => [row.id, values[i] ?? null]));
	return rows.map((row) => ownView(row, texts.get(row.id) ?? null));
}
