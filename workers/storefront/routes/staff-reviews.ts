// Staff review moderation (issue #8), operation reviews.moderate: the queue without personal data,
// one review's text opened by the vault for purpose support (audited), publish and reject.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { STAFF_SECURITY, type StaffEnv } from "../middleware/staff-auth";
import { createRouter, errorResponses, jsonResponse as ok, staffListQuery } from "../openapi";
import {
	listForModeration,
	type ModerationDeps,
	moderateReview,
	openForModeration,
	REVIEW_CURSOR,
} from "../reviews/moderation";
import {
	REVIEW_STATUSES,
	ReviewIdSchema,
	StaffReviewSchema,
	StaffReviewTextSchema,
} from "../reviews/review-schemas";

export const ListQuerySchema = staffListQuery(REVIEW_STATUSES, REVIEW_CURSOR, "pending");

const IdParamsSchema = z.object({
	id: ReviewIdSchema.openapi({ param: { name: "id", in: "path" } }),
});

const common = { tags: ["staff"], security: STAFF_SECURITY };

export function moderationDeps(c: Context<StaffEnv>): ModerationDeps {
	return {
		db: c.var.db,
		vault: c.env.VAULT,
		staffToken: c.var.staffToken,
		requestId: c.var.requestId,
		logger: c.var.logger,
		now: Date.now(),
	};
}

const decisionRoute = (decision: "publish" | "reject", summary: string) =>
	createRoute({
		...common,
		method: "post",
		path: `/api/v1/staff/reviews/{id}/${decision}`,
		summary,
		request: { params: IdParamsSchema },
		responses: {
			200: ok("The review as it now stands", z.object({ review: StaffReviewSchema })),
			...errorResponses(400, 401, 403, 404, 409, 429, 503),
		},
	});

export const staffReviewRoutes = createRouter<StaffEnv>()
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/staff/reviews",
			summary: "Reviews to moderate, oldest first, without personal data",
			request: { query: ListQuerySchema },
			responses: {
				200: ok(
					"A page of reviews",
					z.object({ reviews: z.array(StaffReviewSchema), nextCursor: z.string().nullable() }),
				),
				...errorResponses(400, 401, 403, 429, 503),
			},
		}),
		async (c) => {
			const { status, limit = 50, cursor } = c.req.valid("query");
			return c.json(await listForModeration(c.var.db, { status, limit, cursor }), 200);
		},
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/staff/reviews/{id}",
			summary: "A review's text and nickname, opened by the vault for purpose support (audited)",
			request: { params: IdParamsSchema },
			responses: {
				200: ok("The review with its text", StaffReviewTextSchema),
				...errorResponses(400, 401, 403, 404, 409, 429, 503),
			},
		}),
		async (c) => c.json(await openForModeration(moderationDeps(c), c.req.valid("param").id), 200),
	)
	.openapi(
		decisionRoute("publish", "Publish a review: the vault lists it (audited) and the product shows it"),
		async (c) =>
			c.json({ review: await moderateReview(moderationDeps(c), c.req.valid("param").id, "publish") }, 200),
	)
	.openapi(
		decisionRoute("reject", "Reject a review; a published one is withdrawn from the product first"),
		async (c) =>
			c.json({ review: await moderateReview(moderationDeps(c), c.req.valid("param").id, "reject") }, 200),
	);
