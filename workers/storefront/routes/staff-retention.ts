// A retention run by hand (P9, admin: operation `retention.run`, checked by staffAuth): the same
// runner as the cron, one batch per job, plus the vault's own steps under the admin's name.
// `npm run retention` calls it until no step has more; a dry run counts and changes nothing.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { STAFF_SECURITY, type StaffEnv } from "../middleware/staff-auth";
import { createRouter, errorResponses, jsonRequest, jsonResponse } from "../openapi";
import { runRetention } from "../privacy/retention/runner";

export const RunRetentionSchema = z
	.object({
		dryRun: z.boolean(),
		batchSize: z.number().int().min(1).max(500).optional().openapi({ example: 100 }),
	})
	.strict()
	.openapi("RunRetentionRequest");

const RetentionStepSchema = z.object({
	job: z.string(),
	due: z.number().int(),
	done: z.number().int(),
	more: z.boolean(),
});

const RetentionRunSchema = z.object({ steps: z.array(RetentionStepSchema) }).openapi("RetentionRun");

export const DEFAULT_BATCH = 100;

const runRoute = createRoute({
	method: "post",
	path: "/api/v1/staff/retention/run",
	tags: ["staff"],
	summary: "Run one batch of every retention job (admin; resumable, call again while a step has more)",
	security: STAFF_SECURITY,
	request: jsonRequest(RunRetentionSchema),
	responses: {
		200: jsonResponse("What each job found due and handled", RetentionRunSchema),
		...errorResponses(400, 401, 403, 413, 415, 429, 503),
	},
});

export const staffRetentionRoutes = createRouter<StaffEnv>().openapi(runRoute, async (c) =>
	c.json({ steps: await runRetentionAsStaff(c, c.req.valid("json")) }, 200),
);

/** One batch of every job under the staff member's name (the API's and the staff console's). */
export function runRetentionAsStaff(
	c: Context<StaffEnv>,
	{ dryRun, batchSize }: z.output<typeof RunRetentionSchema>,
): Promise<z.output<typeof RetentionStepSchema>[]> {
	return runRetention(
		{
			db: c.var.db,
			vault: c.env.VAULT,
			logger: c.var.logger,
			requestId: c.var.requestId,
			actor: { kind: "staff", token: c.var.staffToken },
		},
		{ now: Date.now(), dryRun, batchSize: batchSize ?? DEFAULT_BATCH },
	);
}
