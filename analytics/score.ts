// Recommendation scoring over published (noisy, thresholded) counts only: it never sees a raw
// count, so nothing it returns can reveal one below k.

export type PublishedPair = { productA: number; productB: number; count: number };
export type PublishedPopularity = { productId: number; count: number };
export type RecommendationReason = "also_viewed" | "bought_together" | "popular";
export type Recommendation = { productId: number; score: number; reason: RecommendationReason };

export type ScoreInput = {
	productId: number;
	recent: readonly number[];
	coViews: readonly PublishedPair[];
	coPurchases: readonly PublishedPair[];
	popular: readonly PublishedPopularity[];
	limit: number;
};

/** A co-purchase says more than a co-view. */
export const PURCHASE_WEIGHT = 3;

/** The product on screen weighs 1; each older recent view half the one before it. */
export function anchorWeights(productId: number, recent: readonly number[]): Map<number, number> {
	const weights = new Map<number, number>([[productId, 1]]);
	recent.forEach((id, i) => {
		if (!weights.has(id)) weights.set(id, 0.5 ** (i + 1));
	});
	return weights;
}

export function scoreRecommendations(input: ScoreInput): Recommendation[] {
	const anchors = anchorWeights(input.productId, input.recent);
	const viewed = new Map<number, number>();
	const bought = new Map<number, number>();
	const add = (target: Map<number, number>, pairs: readonly PublishedPair[], factor: number) => {
		for (const { productA, productB, count } of pairs) {
			for (const [anchor, candidate] of [
				[productA, productB],
				[productB, productA],
			] as const) {
				const weight = anchors.get(anchor);
				if (weight === undefined || anchors.has(candidate) || count <= 0) continue;
				target.set(candidate, (target.get(candidate) ?? 0) + weight * count * factor);
			}
		}
	};
	add(viewed, input.coViews, 1);
	add(bought, input.coPurchases, PURCHASE_WEIGHT);

	const scored: Recommendation[] = [...new Set([...viewed.keys(), ...bought.keys()])].map((productId) => {
		const v = viewed.get(productId) ?? 0;
		const b = bought.get(productId) ?? 0;
		return { productId, score: round(v + b), reason: b >= v ? "bought_together" : "also_viewed" };
	});
	scored.sort(byScore);

	const limit = Math.max(0, Math.floor(input.limit));
	const picked = scored.slice(0, limit);
	if (picked.length < limit) {
		const taken = new Set([...picked.map((r) => r.productId), ...anchors.keys()]);
		const fallback = input.popular
			.filter((p) => p.count > 0 && !taken.has(p.productId))
			.map((p): Recommendation => ({ productId: p.productId, score: 0, reason: "popular" }));
		// Popular items keep their own order (by count), after every scored item.
		const byCount = new Map(input.popular.map((p) => [p.productId, p.count]));
		fallback.sort(
			(a, b) =>
				(byCount.get(b.productId) ?? 0) - (byCount.get(a.productId) ?? 0) || a.productId - b.productId,
		);
		picked.push(...fallback.slice(0, limit - picked.length));
	}
	return picked;
}

function byScore(a: Recommendation, b: Recommendation): number {
	return b.score - a.score || a.productId - b.productId;
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
