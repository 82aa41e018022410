// GET /api/v1/staff/analytics/summary: the operators' view, from aggregates only (no event, no
// shopper, nothing below k ever reaches the storefront).
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { SUMMARY_WINDOW_DAYS } from "../../../analytics/windows";
import { AppError } from "../errors";
import { ACCESS_HEADER, STAFF_SECURITY, type StaffEnv } from "../middleware/staff-auth";
import { createRouter, errorResponses } from "../openapi";

const bounded = (min: number, max: number) =>
	z
		.string()
		.regex(/^\d{1,3}$/)
		.transform(Number)
		.pipe(z.number().int().min(min).max(max));

export const SummaryQuerySchema = z
	.object({
		// A few fixed windows of whole days only: free windows could be subtracted from each other.
		days: z
			.string()
			.regex(/^\d{1,2}$/)
			.transform(Number)
			.pipe(z.literal(SUMMARY_WINDOW_DAYS))
			.optional()
			.openapi({
				param: { name: "days", in: "query" },
				type: "integer",
				enum: [...SUMMARY_WINDOW_DAYS],
				example: 30,
				description: "The last 1, 7, 30 or 90 complete UTC days",
			}),
		top: bounded(1, 50)
			.optional()
			.openapi({ param: { name: "top", in: "query" }, type: "integer", example: 10 }),
	})
	.strict();

const Count = z.number().int().nullable().openapi({ description: "null when below the k threshold" });

const SummarySchema = z
	.object({
		windowDays: z.number().int(),
		from: z
			.string()
			.openapi({ description: "First day of the window (UTC, inclusive)", example: "2026-11-01" }),
		to: z.string().openapi({ description: "Last complete day of the window (UTC, inclusive)" }),
		k: z.number().int(),
		topProducts: z.array(
			z.object({ productId: z.number().int(), views: z.number().int(), cartAdds: Count, purchases: Count }),
		),
		funnel: z.object({
			views: Count,
			cartAdds: Count,
			purchases: Count,
			viewToCartRate: z.number().nullable(),
			cartToPurchaseRate: z.number().nullable(),
		}),
		deviceMix: z.array(z.object({ device: z.string(), pageViews: z.number().int(), share: z.number() })),
		trend: z.array(
			z.object({ date: z.string(), views: Count, cartAdds: Count, purchases: Count, pageViews: Count }),
		),
	})
	.openapi("AnalyticsSummary");

const getSummary = createRoute({
	method: "get",
	path: "/api/v1/staff/analytics/summary",
	tags: ["staff"],
	summary: "Analytics summary: top products, funnel, device mix, daily trend",
	description:
		`Requires a Cloudflare Access token in ${ACCESS_HEADER}. Covers the last 1, 7, 30 or 90 complete UTC days ` +
		"(never the day in progress). Counts are sums of per-day noisy counts, thresholded at k.",
	security: STAFF_SECURITY,
	request: { query: SummaryQuerySchema },
	responses: {
		200: { description: "Summary", content: { "application/json": { schema: SummarySchema } } },
		...errorResponses(400, 401, 403, 429, 502, 503),
	},
});

export const staffAnalyticsRoutes = createRouter<StaffEnv>();

staffAnalyticsRoutes.openapi(getSummary, async (c) => {
	const summary = await analyticsSummary(c, c.req.valid("query"));
	c.header("Cache-Control", "private, no-store");
	return c.json(summary, 200);
});

/** The summary from the analytics worker (the API's and the staff console's); 30 days, top 10 by default. */
export async function analyticsSummary(
	c: Context<StaffEnv>,
	{ days, top }: z.output<typeof SummaryQuerySchema>,
): Promise<z.output<typeof SummarySchema>> {
	return c.env.ANALYTICS.summary({ days: days ?? 30, top: top ?? 10 }).catch((err: unknown) => {
		c.var.logger.error("analytics summary failed", {
			err,
		});
		throw new AppError("analytics_unavailable", "Analytics are unavailable right now");
	});
}
