// The reviews' wire contract (issue #8): strict input, so an unknown field is a 400 and never
// stored (P1), and what the author and staff see; the staff list carries no personal data at all.
// What the public sees with a product is in public-review-schemas.ts.
import { z } from "@hono/zod-openapi";
import { SlugSchema } from "../catalog/schemas";

export const REVIEW_STATUSES = ["pending", "published", "rejected"] as const;
export const MAX_REVIEW_TEXT = 2000;

export const ReviewIdSchema = z
	.string()
	.regex(/^rev_[A-Za-z0-9_-]{22}$/)
	.openapi({ example: "rev_3q2-9KxWmZ0aYbTn4vLc8Q" });

// Line breaks and tabs are writing; other control characters and lone surrogates are not.
const CONTROL = /[\p{Cc}\p{Cs}]/u;
const WRITING = /[\t\n\r]/g;

const ReviewTextSchema = z
	.string()
	.trim()
	.min(1)
	.max(MAX_REVIEW_TEXT)
	.refine((value) => !CONTROL.test(value.replace(WRITING, "")), "Must not contain control characters")
	.openapi({ description: "Shown with your nickname once staff publish it" });

export const WriteReviewSchema = z
	.object({
		productSlug: SlugSchema.optional().openapi({ example: "sable-diamond-area-rug" }),
		productId: z.number().int().min(1).max(2_147_483_647).optional(),
		rating: z.number().int().min(1).max(5).openapi({ description: "1 to 5 stars" }),
		text: ReviewTextSchema,
	})
	.strict()
	.refine((body) => (body.productSlug === undefined) !== (body.productId === undefined), {
		message: "Name the product by productSlug or by productId (one of them)",
		path: ["productSlug"],
	})
	.openapi("ReviewRequest", {
		description: "One review per product you received (a delivered order); staff publish it.",
	});
export type WriteReviewInput = z.infer<typeof WriteReviewSchema>;

const ProductRefSchema = z
	.object({ id: z.number().int(), slug: z.string(), name: z.string() })
	.openapi("ReviewedProduct");

export const OwnReviewSchema = z
	.object({
		id: ReviewIdSchema,
		product: ProductRefSchema,
		rating: z.number().int().min(1).max(5),
		status: z.enum(REVIEW_STATUSES),
		text: z.string().nullable().openapi({
			description:
				"Published reviews only: the text is sealed under the review's own key, which opens for the public page once published",
		}),
		createdAt: z.string(),
		moderatedAt: z.string().nullable(),
	})
	.openapi("OwnReview");
export type OwnReview = z.infer<typeof OwnReviewSchema>;

export const StaffReviewSchema = z
	.object({
		id: ReviewIdSchema,
		product: ProductRefSchema,
		rating: z.number().int().min(1).max(5),
		status: z.enum(REVIEW_STATUSES),
		anonymised: z.boolean().openapi({ description: "The author's account is gone: no nickname" }),
		createdAt: z.number().int(),
		updatedAt: z.number().int(),
		moderatedAt: z.number().int().nullable(),
	})
	.openapi("StaffReview");
export type StaffReview = z.infer<typeof StaffReviewSchema>;

export const StaffReviewTextSchema = StaffReviewSchema.extend({
	purpose: z.literal("support"),
	text: z.string(),
	nickname: z.string().nullable(),
}).openapi("StaffReviewText");
