// Lawful disclosure (issue #9, DESIGN P11), the staff API: ask (disclosures.request), list (askers
// and officers), decide (disclosures.decide: a compliance officer other than the asker) and export
// (disclosures.run: once, an approved request's scope only). The vault decides and audits each step
// again; the export's answer is personal data and is never cached.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { DISCLOSURE_BASES, DISCLOSURE_FIELDS } from "../../shared/vault-contract";
import { STAFF_SECURITY, type StaffEnv } from "../middleware/staff-auth";
import { createRouter, errorResponses, jsonRequest as json, jsonResponse as ok } from "../openapi";
import {
	type DisclosureDeps,
	decideOrderDisclosure,
	exportDisclosure,
	listOrderDisclosures,
	requestOrderDisclosure,
} from "../privacy/disclosures";

export const DISCLOSURE_STATUSES = ["requested", "approved", "rejected", "executed"] as const;

const DisclosureSchema = z
	.object({
		id: z.string(),
		basis: z.enum(DISCLOSURE_BASES),
		reference: z.string(),
		orderNumber: z.string().nullable(),
		scope: z.array(z.string()),
		status: z.enum(DISCLOSURE_STATUSES),
		requestedBy: z.string().openapi({ description: "The asking staff member's id" }),
		requestedAt: z.number().int(),
		decidedBy: z.string().nullable(),
		decidedAt: z.number().int().nullable(),
		decisionReason: z.string().nullable(),
		executedAt: z.number().int().nullable(),
	})
	.openapi("Disclosure");

export const RequestBodySchema = z
	.object({
		basis: z.enum(DISCLOSURE_BASES),
		reference: z
			.string()
			.regex(/^[A-Za-z0-9 ./:#_-]{3,120}$/)
			.openapi({ description: "The authority's or the case's reference", example: "Court order 2025/481-B" }),
		orderNumber: z.string().min(1).max(40).openapi({ example: "LW-7K2M-9QXA-4TPB" }),
		scope: z
			.array(z.enum(DISCLOSURE_FIELDS))
			.min(1)
			.max(DISCLOSURE_FIELDS.length)
			.openapi({ description: "`table.field` names the export may open" }),
	})
	.strict()
	.openapi("DisclosureRequest");

export const DecisionBodySchema = z
	.object({
		approve: z.boolean(),
		reason: z.string().trim().min(3).max(500),
	})
	.strict()
	.openapi("DisclosureDecision");

const ListQuerySchema = z
	.object({
		status: z
			.enum(DISCLOSURE_STATUSES)
			.optional()
			.openapi({ param: { name: "status", in: "query" }, example: "requested" }),
	})
	.strict();

const IdParamsSchema = z.object({
	id: z
		.string()
		.regex(/^dsc_[A-Za-z0-9_-]{16}$/)
		.openapi({ param: { name: "id", in: "path" }, example: "dsc_3kQ9xY2mB7vN1pLw" }),
});

const DisclosedDataSchema = z
	.object({
		"order_contacts.email": z.string().optional(),
		"order_contacts.name": z.string().optional(),
		"order_contacts.phone": z.string().optional(),
		"order_contacts.address": z.string().optional().openapi({ description: "As sealed at checkout (JSON)" }),
		"returns.details": z
			.array(z.object({ returnNumber: z.string(), createdAt: z.number().int(), details: z.string() }))
			.optional(),
		"consultation_messages.body": z
			.array(
				z.object({
					consultationId: z.string(),
					author: z.string(),
					createdAt: z.number().int(),
					body: z.string(),
				}),
			)
			.optional(),
	})
	.openapi("DisclosedData");

const common = { tags: ["staff"], security: STAFF_SECURITY };
const one = z.object({ disclosure: DisclosureSchema });

export function disclosureDeps(c: Context<StaffEnv>): DisclosureDeps {
	return {
		db: c.var.db,
		vault: c.env.VAULT,
		staffToken: c.var.staffToken,
		requestId: c.var.requestId,
		logger: c.var.logger,
	};
}

export const staffDisclosureRoutes = createRouter<StaffEnv>()
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/api/v1/staff/disclosures",
			summary: "Ask for a lawful disclosure of an order's personal data (one basis, a scope)",
			request: { ...json(RequestBodySchema) },
			responses: {
				201: ok("The request, awaiting a compliance officer's decision", one),
				...errorResponses(400, 401, 403, 404, 409, 429, 503),
			},
		}),
		async (c) =>
			c.json({ disclosure: await requestOrderDisclosure(disclosureDeps(c), c.req.valid("json")) }, 201),
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/staff/disclosures",
			summary: "Disclosure requests, newest first (no personal data)",
			request: { query: ListQuerySchema },
			responses: {
				200: ok("The requests", z.object({ disclosures: z.array(DisclosureSchema) })),
				...errorResponses(400, 401, 403, 429, 503),
			},
		}),
		async (c) =>
			c.json(
				{ disclosures: await listOrderDisclosures(disclosureDeps(c), c.req.valid("query").status) },
				200,
			),
	)
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/api/v1/staff/disclosures/{id}/decision",
			summary: "Approve or reject a request, with a reason (not the officer who asked)",
			request: { params: IdParamsSchema, ...json(DecisionBodySchema) },
			responses: {
				200: ok("The request as decided", one),
				...errorResponses(400, 401, 403, 404, 409, 429, 503),
			},
		}),
		async (c) =>
			c.json(
				{
					disclosure: await decideOrderDisclosure(
						disclosureDeps(c),
						c.req.valid("param").id,
						c.req.valid("json"),
					),
				},
				200,
			),
	)
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/api/v1/staff/disclosures/{id}/export",
			summary: "Run an approved request once: the order's personal data within its scope (audited)",
			request: { params: IdParamsSchema },
			responses: {
				200: ok(
					"The disclosed data",
					z.object({ disclosure: DisclosureSchema, order: z.string(), data: DisclosedDataSchema }),
				),
				...errorResponses(400, 401, 403, 404, 409, 429, 503),
			},
		}),
		async (c) => {
			const result = await exportDisclosure(disclosureDeps(c), c.req.valid("param").id);
			c.header("Cache-Control", "no-store");
			return c.json(result, 200);
		},
	);
