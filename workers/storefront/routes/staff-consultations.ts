// Customer service's conversations (issue #8). staffAuth has checked consultations.answer with
// the vault (routes/staff.ts); the list holds no personal data, reading the messages is decided
// again by the vault (purpose support, audited), replies are sealed and mailed by the vault.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
	ConsultationIdParamsSchema,
	ConsultationSchema,
	ConsultationWithMessagesSchema,
	MessageRequestSchema,
	StaffListQuerySchema,
} from "../consultations/consultation-schemas";
import {
	closeAsStaff,
	listStaffConsultations,
	readStaffConsultation,
	replyAsStaff,
	type StaffThreadDeps,
} from "../consultations/staff-consultations";
import { STAFF_SECURITY, type StaffEnv } from "../middleware/staff-auth";
import { createRouter, errorResponses, jsonRequest as json, jsonResponse as ok } from "../openapi";

const OneThread = z.object({ consultation: ConsultationSchema });
const common = { tags: ["staff"], security: STAFF_SECURITY };

export function staffThreadDepsFor(c: Context<StaffEnv>): StaffThreadDeps {
	return {
		db: c.var.db,
		vault: c.env.VAULT,
		logger: c.var.logger,
		requestId: c.var.requestId,
		now: Date.now(),
		staffToken: c.var.staffToken,
		staffId: c.var.staff.id,
	};
}

export const staffConsultationRoutes = createRouter<StaffEnv>()
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/staff/consultations",
			summary: "Conversations, open ones first, then the most recently active; no personal data",
			request: { query: StaffListQuerySchema },
			responses: {
				200: ok(
					"A page of conversations",
					z.object({ consultations: z.array(ConsultationSchema), nextCursor: z.string().nullable() }),
				),
				...errorResponses(400, 401, 403, 429, 503),
			},
		}),
		async (c) => {
			const { status, limit = 50, cursor } = c.req.valid("query");
			return c.json(await listStaffConsultations({ db: c.var.db }, { status, cursor, limit }), 200);
		},
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/staff/consultations/{id}",
			summary: "A conversation with its messages, opened by the vault for support (audited)",
			request: { params: ConsultationIdParamsSchema },
			responses: {
				200: ok("The conversation", z.object({ consultation: ConsultationWithMessagesSchema })),
				...errorResponses(400, 401, 403, 404, 409, 429, 503),
			},
		}),
		async (c) =>
			c.json(
				{ consultation: await readStaffConsultation(staffThreadDepsFor(c), c.req.valid("param").id) },
				200,
			),
	)
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/api/v1/staff/consultations/{id}/messages",
			summary: "Answer a conversation: sealed under its subject and mailed to the shopper by the vault",
			request: { params: ConsultationIdParamsSchema, ...json(MessageRequestSchema) },
			responses: {
				201: ok("The conversation after the answer", OneThread),
				...errorResponses(400, 401, 403, 404, 409, 413, 429, 503),
			},
		}),
		async (c) => {
			const view = await replyAsStaff(
				staffThreadDepsFor(c),
				c.req.valid("param").id,
				c.req.valid("json").message,
			);
			return c.json({ consultation: view }, 201);
		},
	)
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/api/v1/staff/consultations/{id}/close",
			summary: "Close a conversation, and the vault's case on its order with it",
			request: { params: ConsultationIdParamsSchema },
			responses: {
				200: ok("The conversation, closed", OneThread),
				...errorResponses(400, 401, 403, 404, 429, 503),
			},
		}),
		async (c) =>
			c.json({ consultation: await closeAsStaff(staffThreadDepsFor(c), c.req.valid("param").id) }, 200),
	);
