// /api/v1/me/reviews: a customer's own reviews (issue #8). app.ts puts requireAccount and
// sameOriginMutations in front of /api/v1/me/*; the shopper's session is the actor of the
// nickname's opening, and the account id scopes every query.
import { createRoute, z } from "@hono/zod-openapi";
import { accountDepsFor } from "../accounts/account-deps";
import { createRouter, errorResponses, jsonResponse as ok } from "../openapi";
import { OwnReviewSchema, WriteReviewSchema } from "../reviews/review-schemas";
import { listMyReviews, writeReview } from "../reviews/write-review";
import { SESSION_SECURITY } from "./auth";

const common = { tags: ["reviews"], security: SESSION_SECURITY };

export const reviewRoutes = createRouter()
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/api/v1/me/reviews",
			summary: "Review a product you received (one per product); shown once staff publish it",
			request: { body: { required: true, content: { "application/json": { schema: WriteReviewSchema } } } },
			responses: {
				201: ok("Review written, pending moderation", OwnReviewSchema),
				...errorResponses(400, 401, 403, 404, 409, 413, 429, 503),
			},
		}),
		async (c) => c.json(await writeReview(accountDepsFor(c), c.req.valid("json")), 201),
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/me/reviews",
			summary: "Your reviews with their moderation status, newest first",
			responses: {
				200: ok("Reviews", z.object({ reviews: z.array(OwnReviewSchema) })),
				...errorResponses(401, 503),
			},
		}),
		async (c) => c.json({ reviews: await listMyReviews(accountDepsFor(c)) }, 200),
	);
