// A product's rating and latest published reviews, for its API answer and its page (issue #8).
// One D1 statement gives the aggregate and the latest page; the vault is asked only when there is
// something published, and opens only rows staff published. A product page must never fail for
// its reviews: when the vault cannot answer, the rating is still shown, the texts are not.
import type { Logger } from "../../shared/logger";
import type { OpenItem } from "../../shared/vault-contract";
import { listPublishedReviews, type PublishedReviewRow } from "../db/reviews";
import type { Db } from "../env";
import { fromVault, type VaultClient } from "../vault-client";
import { LATEST_REVIEWS, type PublicReview, type RatingSummary } from "./public-review-schemas";

export type PublishedDeps = { db: Db; vault: VaultClient; logger: Logger; requestId: string };

/** Opens published review fields; null when the vault cannot answer (the caller shows less). */
export async function openPublishedFields(
	deps: Omit<PublishedDeps, "db">,
	items: OpenItem[],
): Promise<(string | null)[] | null> {
	if (items.length === 0) return [];
	try {
		const { values } = await fromVault(
			deps.vault.openPublished({ items, requestId: deps.requestId }),
			deps.logger,
		);
		return values;
	} catch (err) {
		deps.logger.warn("published reviews could not be opened", { err });
		return null;
	}
}

export function ratingOf(rows: readonly PublishedReviewRow[]): RatingSummary {
	const first = rows[0];
	if (!first) return { average: null, count: 0 };
	return { average: Math.round(first.average * 10) / 10, count: first.total };
}

/** The open items of each row: its text, and its nickname while the author's account exists. */
export function publishedItems(rows: readonly PublishedReviewRow[]): OpenItem[] {
	return rows.flatMap((row) => {
		const at = { subjectId: row.subjectId, table: "reviews", rowId: row.id };
		const text = { ...at, field: "text", ciphertext: row.textCt };
		return row.nicknameCt ? [text, { ...at, field: "nickname", ciphertext: row.nicknameCt }] : [text];
	});
}

/**
 * Pairs rows with what the vault opened (in publishedItems' order). A review whose text did not
 * open (withdrawn meanwhile) is left out; a nickname that did not open reads as none.
 */
export function showPublished(rows: readonly PublishedReviewRow[], values: readonly (string | null)[]) {
	const shown: PublicReview[] = [];
	let next = 0;
	for (const row of rows) {
		const text = values[next++] ?? null;
		const nickname = row.nicknameCt ? (values[next++] ?? null) : null;
		if (text === null) continue;
		shown.push({
			rating: row.rating,
			text,
			nickname,
			date: new Date(row.createdAt).toISOString().slice(0, 10),
		});
	}
	return shown;
}

export type ProductReviews = { rating: RatingSummary; reviews: PublicReview[] };

/**
 * The rating and the latest texts; `degraded` when the vault could not open the texts, so the
 * caller can keep that answer out of shared caches (it would show no texts for minutes).
 */
export async function readProductReviews(
	deps: PublishedDeps,
	slug: string,
): Promise<{ shown: ProductReviews; degraded: boolean }> {
	const rows = await listPublishedReviews(deps.db, slug, LATEST_REVIEWS);
	const rating = ratingOf(rows);
	if (rows.length === 0) return { shown: { rating, reviews: [] }, degraded: false };
	const values = await openPublishedFields(deps, publishedItems(rows));
	return { shown: { rating, reviews: values ? showPublished(rows, values) : [] }, degraded: values === null };
}
