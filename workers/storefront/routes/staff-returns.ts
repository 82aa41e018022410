// Staff handling of returns (issue #8). staffAuth has checked the route's operation with the vault
// (routes/staff.ts): any role lists them (no personal data), support reads the description (the
// vault checks the role matrix again and audits), approves, rejects and refunds, fulfilment
// receives the parcel.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { RETURN_STATUSES } from "../db/schema";
import { STAFF_SECURITY, type StaffEnv } from "../middleware/staff-auth";
import {
	createRouter,
	errorResponses,
	jsonRequest as json,
	jsonResponse as ok,
	staffListQuery,
} from "../openapi";
import { refundDepsFor } from "../payments/refunds";
import {
	ApproveReturnSchema,
	RefundReturnSchema,
	RejectReturnSchema,
	ReturnSchema,
	ReturnWithDetailsSchema,
} from "../returns/return-schemas";
import {
	approveReturn,
	listStaffReturns,
	readStaffReturn,
	receiveReturn,
	refundReturn,
	rejectReturn,
	STAFF_RETURN_CURSOR,
	type StaffReturnDeps,
} from "../returns/staff-returns";

export const ListQuerySchema = staffListQuery(RETURN_STATUSES, STAFF_RETURN_CURSOR);

/** A return number in the path, for every staff route on one return (API and console pages). */
export const NumberParamsSchema = z.object({
	number: z
		.string()
		.min(1)
		.max(40)
		.openapi({ param: { name: "number", in: "path" }, example: "RMA-7K2M-9QXA" }),
});

const OneReturn = z.object({ return: ReturnSchema });
const common = { tags: ["staff"], security: STAFF_SECURITY };

export function staffReturnDepsFor(c: Context<StaffEnv>): StaffReturnDeps {
	return {
		db: c.var.db,
		vault: c.env.VAULT,
		logger: c.var.logger,
		requestId: c.var.requestId,
		now: Date.now(),
		staffToken: c.var.staffToken,
	};
}

const changeResponses = {
	200: ok("The return after the change", OneReturn),
	...errorResponses(400, 401, 403, 404, 409, 413, 429, 502, 503),
};

/** A status change: POST /api/v1/staff/returns/{number}/<action>, answering the return. */
const changeRoute = (action: string, summary: string) => ({
	...common,
	method: "post" as const,
	path: `/api/v1/staff/returns/{number}/${action}`,
	summary,
	responses: changeResponses,
});

export const staffReturnRoutes = createRouter<StaffEnv>()
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/staff/returns",
			summary: "Returns, newest first, without personal data",
			request: { query: ListQuerySchema },
			responses: {
				200: ok(
					"A page of returns",
					z.object({ returns: z.array(ReturnSchema), nextCursor: z.string().nullable() }),
				),
				...errorResponses(400, 401, 403, 429, 503),
			},
		}),
		async (c) => {
			const { status, limit = 50, cursor } = c.req.valid("query");
			return c.json(await listStaffReturns(c.var.db, { status, cursor, limit }), 200);
		},
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/staff/returns/{number}",
			summary: "A return with the shopper's description, opened by the vault for support (audited)",
			request: { params: NumberParamsSchema },
			responses: {
				200: ok("The return", z.object({ return: ReturnWithDetailsSchema })),
				...errorResponses(400, 401, 403, 404, 409, 429, 503),
			},
		}),
		async (c) =>
			c.json({ return: await readStaffReturn(staffReturnDepsFor(c), c.req.valid("param").number) }, 200),
	)
	.openapi(
		createRoute({
			...changeRoute("approve", "Approve a requested return and the amount to refund on receipt"),
			request: { params: NumberParamsSchema, ...json(ApproveReturnSchema) },
		}),
		async (c) => {
			const { refundMinor } = c.req.valid("json");
			const view = await approveReturn(staffReturnDepsFor(c), c.req.valid("param").number, refundMinor);
			return c.json({ return: view }, 200);
		},
	)
	.openapi(
		createRoute({
			...changeRoute("reject", "Reject a requested or approved return, with a reason code"),
			request: { params: NumberParamsSchema, ...json(RejectReturnSchema) },
		}),
		async (c) => {
			const { rejection } = c.req.valid("json");
			const view = await rejectReturn(staffReturnDepsFor(c), c.req.valid("param").number, rejection);
			return c.json({ return: view }, 200);
		},
	)
	.openapi(
		createRoute({
			...changeRoute("receive", "The parcel arrived: its items go back in stock"),
			request: { params: NumberParamsSchema },
		}),
		async (c) => {
			const view = await receiveReturn(staffReturnDepsFor(c), c.req.valid("param").number);
			return c.json({ return: view }, 200);
		},
	)
	.openapi(
		createRoute({
			...changeRoute("refund", "Refund a received return, the approved amount unless less is asked"),
			request: { params: NumberParamsSchema, ...json(RefundReturnSchema) },
		}),
		async (c) => {
			const { amountMinor } = c.req.valid("json");
			const view = await refundReturn(
				staffReturnDepsFor(c),
				refundDepsFor(c),
				c.req.valid("param").number,
				amountMinor,
			);
			return c.json({ return: view }, 200);
		},
	);
