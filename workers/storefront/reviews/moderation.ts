// Review moderation (issue #8): staff whose role allows `reviews.moderate` (support). The queue
// holds no personal data; reading a text is an audited opening through the vault (purpose
// support); publishing is the vault's audited act, which alone makes a text open for the public
// pages, and the status here follows it. Rejecting a published review withdraws it there first.
import type { Logger } from "../../shared/logger";
import {
	getReview,
	getReviewForStaff,
	listReviewsForStaff,
	type ReviewStatus,
	setReviewStatus,
} from "../db/reviews";
import type { Db } from "../env";
import { AppError } from "../errors";
import { fromVault, type VaultClient } from "../vault-client";
import type { StaffReview } from "./review-schemas";

export type ModerationDeps = {
	db: Db;
	vault: VaultClient;
	staffToken: string;
	requestId: string;
	logger: Logger;
	now: number;
};

type StaffReviewRow = NonNullable<Awaited<ReturnType<typeof getReviewForStaff>>>;

function staffView(row: StaffReviewRow): StaffReview {
	const { productId, productSlug, productName, ...rest } = row;
	return { ...rest, product: { id: productId, slug: productSlug, name: productName } };
}

/** Cursor of the queue, oldest first: `<createdAt>.<id>` of the last review of the page. */
export const REVIEW_CURSOR = /^(\d{1,15})\.(rev_[A-Za-z0-9_-]{22})$/;

export async function listForModeration(
	db: Db,
	query: { status?: ReviewStatus; limit: number; cursor?: string },
): Promise<{ reviews: StaffReview[]; nextCursor: string | null }> {
	const match = query.cursor ? REVIEW_CURSOR.exec(query.cursor) : null;
	const after = match ? { createdAt: Number(match[1]), id: match[2] as string } : undefined;
	const rows = await listReviewsForStaff(db, { status: query.status, after, limit: query.limit + 1 });
	const page = rows.slice(0, query.limit);
	const last = page.at(-1);
	return {
		reviews: page.map(staffView),
		nextCursor: rows.length > query.limit && last ? `${last.createdAt}.${last.id}` : null,
	};
}

async function requireStaffReview(db: Db, id: string): Promise<StaffReviewRow> {
	const row = await getReviewForStaff(db, id);
	if (!row) throw new AppError("not_found", "No such review");
	return row;
}

/** A review with its text and nickname, opened by the vault for this staff member (audited). */
export async function openForModeration(deps: ModerationDeps, id: string) {
	const review = await getReview(deps.db, id);
	if (!review) throw new AppError("not_found", "No such review");
	const at = { subjectId: review.subjectId, table: "reviews", rowId: review.id };
	const items = [
		{ ...at, field: "text", ciphertext: review.textCt },
		...(review.nicknameCt ? [{ ...at, field: "nickname", ciphertext: review.nicknameCt }] : []),
	];
	const { values } = await fromVault(
		deps.vault.open({
			actor: { kind: "staff", token: deps.staffToken },
			purpose: "support",
			items,
			requestId: deps.requestId,
		}),
		deps.logger,
	);
	return {
		...staffView(await requireStaffReview(deps.db, id)),
		purpose: "support" as const,
		text: values[0] as string,
		nickname: review.nicknameCt ? (values[1] ?? null) : null,
	};
}

/**
 * Publishes or rejects a review. The vault is told first (publish, or withdraw on rejection, which
 * also repairs a publication whose status update here was lost), then the status follows; asking
 * again for the status a review already has changes nothing and answers the same.
 */
export async function moderateReview(
	deps: ModerationDeps,
	id: string,
	decision: "publish" | "reject",
): Promise<StaffReview> {
	const review = await getReview(deps.db, id);
	if (!review) throw new AppError("not_found", "No such review");
	const status: ReviewStatus = decision === "publish" ? "published" : "rejected";
	if (review.status === status) return staffView(await requireStaffReview(deps.db, id));
	await fromVault(
		deps.vault.publish({
			actor: { kind: "staff", token: deps.staffToken },
			table: "reviews",
			rowId: review.id,
			subjectId: review.subjectId,
			published: decision === "publish",
			requestId: deps.requestId,
		}),
		deps.logger,
	);
	await setReviewStatus(deps.db, review.id, status, deps.now);
	return staffView(await requireStaffReview(deps.db, id));
}
