// Customer-service conversations for shoppers (issue #8): the account owner under /api/v1/me
// (app.ts puts requireAccount and the same-origin check in front), a guest's question about an
// order (number + email, the guest lookup's limits) or before buying (an email to answer at).
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { accountDepsFor } from "../accounts/account-deps";
import {
	addMyMessage,
	closeMyConsultation,
	listMyConsultations,
	openMyConsultation,
	readMyConsultation,
} from "../consultations/account-consultations";
import {
	AccountConsultationRequestSchema,
	ConsultationIdParamsSchema,
	ConsultationSchema,
	ConsultationWithMessagesSchema,
	GuestConsultationRequestSchema,
	GuestConsultationSchema,
	MessageRequestSchema,
} from "../consultations/consultation-schemas";
import { askAsGuest, limitGuestQuestions } from "../consultations/guest-consultations";
import type { ThreadDeps } from "../consultations/threads";
import type { AppEnv } from "../env";
import { createRouter, errorResponses, jsonRequest as json, jsonResponse as ok } from "../openapi";
import { SESSION_SECURITY } from "./auth";

const OneThread = z.object({ consultation: ConsultationWithMessagesSchema });
const account = { tags: ["consultations"], security: SESSION_SECURITY };

function guestDepsFor(c: Context<AppEnv>): ThreadDeps {
	return {
		db: c.var.db,
		vault: c.env.VAULT,
		logger: c.var.logger,
		requestId: c.var.requestId,
		now: Date.now(),
	};
}

export const consultationRoutes = createRouter()
	.openapi(
		createRoute({
			...account,
			method: "post",
			path: "/api/v1/me/consultations",
			summary: "Ask customer service: before buying, or after, optionally about one of your orders",
			request: json(AccountConsultationRequestSchema),
			responses: {
				201: ok("The conversation, with your message", OneThread),
				...errorResponses(400, 401, 403, 404, 409, 413, 429, 503),
			},
		}),
		async (c) =>
			c.json({ consultation: await openMyConsultation(accountDepsFor(c), c.req.valid("json")) }, 201),
	)
	.openapi(
		createRoute({
			...account,
			method: "get",
			path: "/api/v1/me/consultations",
			summary: "Your conversations with customer service, newest first",
			responses: {
				200: ok("Conversations, without messages", z.object({ consultations: z.array(ConsultationSchema) })),
				...errorResponses(401, 429, 503),
			},
		}),
		async (c) => c.json({ consultations: await listMyConsultations(accountDepsFor(c)) }, 200),
	)
	.openapi(
		createRoute({
			...account,
			method: "get",
			path: "/api/v1/me/consultations/{id}",
			summary: "One of your conversations, with its messages and the answers",
			request: { params: ConsultationIdParamsSchema },
			responses: { 200: ok("The conversation", OneThread), ...errorResponses(400, 401, 404, 409, 429, 503) },
		}),
		async (c) =>
			c.json({ consultation: await readMyConsultation(accountDepsFor(c), c.req.valid("param").id) }, 200),
	)
	.openapi(
		createRoute({
			...account,
			method: "post",
			path: "/api/v1/me/consultations/{id}/messages",
			summary: "Add a message to one of your open conversations",
			request: { params: ConsultationIdParamsSchema, ...json(MessageRequestSchema) },
			responses: {
				201: ok("The conversation, with your message", OneThread),
				...errorResponses(400, 401, 403, 404, 409, 413, 429, 503),
			},
		}),
		async (c) => {
			const view = await addMyMessage(
				accountDepsFor(c),
				c.req.valid("param").id,
				c.req.valid("json").message,
			);
			return c.json({ consultation: view }, 201);
		},
	)
	.openapi(
		createRoute({
			...account,
			method: "post",
			path: "/api/v1/me/consultations/{id}/close",
			summary: "Close one of your conversations (customer service's access to the order ends with it)",
			request: { params: ConsultationIdParamsSchema },
			responses: {
				200: ok("The conversation, closed", z.object({ consultation: ConsultationSchema })),
				...errorResponses(400, 401, 403, 404, 429, 503),
			},
		}),
		async (c) =>
			c.json({ consultation: await closeMyConsultation(accountDepsFor(c), c.req.valid("param").id) }, 200),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/consultations",
			tags: ["consultations"],
			summary:
				"Ask customer service as a guest: about an order (its number and the email given at checkout) or before buying (an email to answer at). Answers come by mail.",
			request: json(GuestConsultationRequestSchema),
			responses: {
				201: ok("The conversation, started", z.object({ consultation: GuestConsultationSchema })),
				...errorResponses(400, 403, 404, 409, 413, 429, 503),
			},
		}),
		async (c) => {
			const input = c.req.valid("json");
			await limitGuestQuestions(c, input);
			return c.json({ consultation: await askAsGuest(guestDepsFor(c), input) }, 201);
		},
	);
