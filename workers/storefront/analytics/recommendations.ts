// The storefront half of recommendations: catalog context in, in-stock product cards out.
// The analytics worker ranks with published aggregates only; the storefront never sees a count.
import type { Context } from "hono";
import { MAX_FALLBACK_CANDIDATES } from "../../../analytics/rpc-schema";
import type { RecommendationReason } from "../../../analytics/score";
import {
	getProductCategoryId,
	listCategoryProductIds,
	listInStockCards,
	type ProductCard,
} from "../db/recommendations";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { analyticsConsent } from "./consent";
import { readRecentViews } from "./recent-views";

export type RecommendedCard = ProductCard & { reason: RecommendationReason | "same_category" };

async function rankedIds(
	c: Context<AppEnv>,
	request: { productId: number; recent: number[]; limit: number; fallback: number[] },
) {
	try {
		return await c.env.ANALYTICS.recommendations(request);
	} catch (err) {
		// Analytics is an enhancement: without it the widget still shows the category.
		c.var.logger.warn("recommendations unavailable", {
			err,
		});
		return [];
	}
}

export async function recommendFor(
	c: Context<AppEnv>,
	productId: number,
	limit: number,
	currency = "USD",
): Promise<RecommendedCard[]> {
	const db = c.var.db;
	const categoryId = await getProductCategoryId(db, productId);
	if (categoryId === null) throw new AppError("not_found", "No such product");
	const fallback = await listCategoryProductIds(db, categoryId, productId, MAX_FALLBACK_CANDIDATES);
	// The recent-views cookie is only read for personalisation while analytics consent stands.
	const recent = (await analyticsConsent(c)).allowed ? await readRecentViews(c) : [];
	// Ask for more than needed: some candidates may be out of stock.
	const ranked = await rankedIds(c, { productId, recent, limit: Math.min(limit * 2, 24), fallback });
	const reasons = new Map<number, RecommendedCard["reason"]>(ranked.map((r) => [r.productId, r.reason]));
	for (const id of fallback) if (!reasons.has(id)) reasons.set(id, "same_category");
	reasons.delete(productId);
	const cards = await listInStockCards(db, [...reasons.keys()].slice(0, limit * 3), currency);
	return cards.slice(0, limit).map((card) => ({ ...card, reason: reasons.get(card.id) ?? "same_category" }));
}
