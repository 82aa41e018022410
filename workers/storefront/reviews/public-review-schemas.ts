// What the public sees of reviews with a product (issue #8): the rating and the latest published
// reviews, each with a nickname (or null once the author's account is gone) and a day, never a
// customer id. Imported by the catalog's schemas, so it imports nothing of the catalog.
import { z } from "@hono/zod-openapi";

/** Published reviews shown with a product: the latest ones. */
export const LATEST_REVIEWS = 10;

export const RatingSummarySchema = z
	.object({
		average: z
			.number()
			.min(1)
			.max(5)
			.nullable()
			.openapi({ description: "One decimal; null with no reviews" }),
		count: z.number().int().min(0),
	})
	.openapi("RatingSummary");
export type RatingSummary = z.infer<typeof RatingSummarySchema>;

export const PublicReviewSchema = z
	.object({
		rating: z.number().int().min(1).max(5),
		text: z.string(),
		nickname: z
			.string()
			.nullable()
			.openapi({ description: 'null once the author\'s account is deleted: shown as "Verified buyer"' }),
		date: z.string().openapi({ description: "The day it was written (YYYY-MM-DD)", example: "2025-03-14" }),
	})
	.openapi("PublicReview");
export type PublicReview = z.infer<typeof PublicReviewSchema>;
