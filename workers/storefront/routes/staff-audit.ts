// The audit log and the keys, for compliance and admins. All the work is the vault's: it verifies
// the chain against its signed checkpoints, summarises accesses, and re-wraps data keys.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { STAFF_SECURITY, type StaffEnv } from "../middleware/staff-auth";
import { createRouter, errorResponses } from "../openapi";
import { fromVault } from "../vault-client";

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const json = <S extends z.ZodType>(schema: S) => ({ content: { "application/json": { schema } } });

const VerifyReportSchema = z
	.object({
		valid: z.boolean(),
		entries: z.number().int(),
		head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
		checkpoints: z.number().int(),
		firstBad: z
			.object({
				seq: z.number().int(),
				problem: z.enum([
					"missing",
					"altered",
					"unlinked",
					"checkpoint_mismatch",
					"checkpoint_signature",
					"truncated",
				]),
				message: z.string(),
			})
			.nullable(),
	})
	.openapi("AuditVerifyReport");

const day = (name: string) =>
	z
		.string()
		.regex(ISO_DAY)
		.refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), "not a date")
		.openapi({ param: { name, in: "query" }, example: "2026-11-01" });

export const ReviewQuerySchema = z
	.object({
		from: day("from"),
		to: day("to").openapi({ description: "Last day of the period (UTC, inclusive)" }),
		threshold: z
			.string()
			.regex(/^\d{1,6}$/)
			.transform(Number)
			.pipe(z.number().int().min(1).max(100_000))
			.optional()
			.openapi({ param: { name: "threshold", in: "query" }, type: "integer", example: 50 }),
	})
	.strict()
	.refine((q) => q.from <= q.to, { message: "from must not be after to", path: ["from"] })
	.refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * DAY_MS, {
		message: "at most a year",
		path: ["to"],
	});

const ReviewSchema = z
	.object({
		from: z.string(),
		to: z.string(),
		threshold: z.number().int(),
		rows: z.array(
			z.object({
				actorId: z.string(),
				actorRole: z.string().nullable(),
				purpose: z.string().nullable(),
				accesses: z.number().int(),
				denials: z.number().int(),
				distinctSubjects: z.number().int(),
				flagged: z.boolean(),
			}),
		),
	})
	.openapi("AuditReview");

export const RotateBodySchema = z
	.object({ batchSize: z.number().int().min(1).max(500).optional(), dryRun: z.boolean().optional() })
	.strict()
	.openapi("RotateKeysRequest");

const RotationSchema = z
	.object({
		currentKeyId: z.string(),
		rewrapped: z.number().int(),
		remaining: z.number().int(),
		orphaned: z.number().int(),
		byKey: z.record(z.string(), z.number().int()),
		done: z.boolean(),
	})
	.openapi("RotationProgress");

const verifyRoute = createRoute({
	method: "get",
	path: "/api/v1/staff/audit/verify",
	tags: ["staff"],
	summary: "Recompute the audit chain and check it against the signed checkpoints",
	security: STAFF_SECURITY,
	responses: {
		200: { description: "The report; `valid` false names the first bad entry", ...json(VerifyReportSchema) },
		...errorResponses(401, 403, 429, 503),
	},
});

const reviewRoute = createRoute({
	method: "get",
	path: "/api/v1/staff/audit/review",
	tags: ["staff"],
	summary: "Accesses by actor × purpose × distinct subjects over a period, unusual volumes flagged",
	security: STAFF_SECURITY,
	request: { query: ReviewQuerySchema },
	responses: {
		200: { description: "The review", ...json(ReviewSchema) },
		...errorResponses(400, 401, 403, 429, 503),
	},
});

const rotateRoute = createRoute({
	method: "post",
	path: "/api/v1/staff/keys/rotate",
	tags: ["staff"],
	summary: "Re-wrap one batch of data keys under the current key (admin, resumable)",
	security: STAFF_SECURITY,
	request: { body: { required: false, ...json(RotateBodySchema) } },
	responses: {
		200: { description: "Progress; call again until done", ...json(RotationSchema) },
		...errorResponses(400, 401, 403, 409, 413, 415, 429, 503),
	},
});

export const staffAuditRoutes = createRouter<StaffEnv>()
	.openapi(verifyRoute, async (c) => {
		const actor = { kind: "staff", token: c.var.staffToken } as const;
		const { report } = await fromVault(
			c.env.VAULT.verifyAudit({ actor, requestId: c.var.requestId }),
			c.var.logger,
		);
		return c.json(report, 200);
	})
	.openapi(reviewRoute, async (c) => c.json(await reviewAccesses(c, c.req.valid("query")), 200))
	.openapi(rotateRoute, async (c) => c.json(await rotateKeysAsStaff(c, c.req.valid("json")), 200));

/** One batch of data keys re-wrapped under the current key (the API's and the staff console's). */
export async function rotateKeysAsStaff(
	c: Context<StaffEnv>,
	{ batchSize, dryRun }: z.output<typeof RotateBodySchema>,
): Promise<z.output<typeof RotationSchema>> {
	const actor = { kind: "staff", token: c.var.staffToken } as const;
	const { progress } = await fromVault(
		c.env.VAULT.rotateKeys({ actor, batchSize, dryRun, requestId: c.var.requestId }),
		c.var.logger,
	);
	return progress;
}

/** The access review over whole UTC days, `to` included (the API's and the staff console's). */
export async function reviewAccesses(
	c: Context<StaffEnv>,
	{ from, to, threshold }: z.output<typeof ReviewQuerySchema>,
): Promise<z.output<typeof ReviewSchema>> {
	const actor = { kind: "staff", token: c.var.staffToken } as const;
	const review = await fromVault(
		c.env.VAULT.reviewAudit({
			actor,
			from: Date.parse(`${from}T00:00:00Z`),
			to: Date.parse(`${to}T00:00:00Z`) + DAY_MS,
			threshold,
			requestId: c.var.requestId,
		}),
		c.var.logger,
	);
	return { from, to, threshold: review.threshold, rows: review.rows };
}
