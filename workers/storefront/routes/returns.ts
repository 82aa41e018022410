// Returns for shoppers (issue #8): the account owner under /api/v1/me (app.ts puts requireAccount
// and the same-origin check in front), a guest with the order number and email, under the same
// per-order and per-client lookup limits as the guest order lookup.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { accountDepsFor } from "../accounts/account-deps";
import type { AppEnv } from "../env";
import { createRouter, errorResponses } from "../openapi";
import { findGuestOrder, limitLookupsOfOrder } from "../orders/guest-lookup";
import { listMyReturns, readMyReturn, requestMyReturn } from "../returns/account-returns";
import { type ReturnDeps, requestReturn, returnsOfOrder } from "../returns/request-return";
import {
	GuestReturnLookupSchema,
	GuestReturnRequestSchema,
	ReturnRequestSchema,
	ReturnSchema,
	ReturnWithDetailsSchema,
} from "../returns/return-schemas";
import { SESSION_SECURITY } from "./auth";

const json = <S extends z.ZodType>(schema: S) => ({
	body: { required: true, content: { "application/json": { schema } } },
});
const ok = <S extends z.ZodType>(description: string, schema: S) => ({
	description,
	content: { "application/json": { schema } },
});
const pathParam = (name: string, example: string) =>
	z.object({
		number: z
			.string()
			.min(1)
			.max(40)
			.openapi({ param: { name, in: "path" }, example }),
	});
export const OrderParams = pathParam("number", "LW-7K2M-9QXA-4TPB");
export const ReturnParams = pathParam("number", "RMA-7K2M-9QXA");
const OneReturn = z.object({ return: ReturnSchema });
const ReturnList = z.object({ returns: z.array(ReturnSchema) });
const account = { tags: ["returns"], security: SESSION_SECURITY };

function guestDepsFor(c: Context<AppEnv>): ReturnDeps {
	return {
		db: c.var.db,
		vault: c.env.VAULT,
		logger: c.var.logger,
		requestId: c.var.requestId,
		now: Date.now(),
	};
}

export const returnRoutes = createRouter()
	.openapi(
		createRoute({
			...account,
			method: "post",
			path: "/api/v1/me/orders/{number}/returns",
			summary: "Request a return of your delivered order, within 60 days of delivery",
			request: { params: OrderParams, ...json(ReturnRequestSchema) },
			responses: {
				201: ok("The return, requested", OneReturn),
				...errorResponses(400, 401, 403, 404, 409, 413, 429, 503),
			},
		}),
		async (c) => {
			const deps = accountDepsFor(c);
			const view = await requestMyReturn(deps, c.req.valid("param").number, c.req.valid("json"));
			return c.json({ return: view }, 201);
		},
	)
	.openapi(
		createRoute({
			...account,
			method: "get",
			path: "/api/v1/me/returns",
			summary: "Your returns, newest first",
			responses: { 200: ok("Returns", ReturnList), ...errorResponses(401, 429, 503) },
		}),
		async (c) => c.json({ returns: await listMyReturns(accountDepsFor(c)) }, 200),
	)
	.openapi(
		createRoute({
			...account,
			method: "get",
			path: "/api/v1/me/returns/{number}",
			summary: "One of your returns, with your description",
			request: { params: ReturnParams },
			responses: {
				200: ok("The return", z.object({ return: ReturnWithDetailsSchema })),
				...errorResponses(401, 404, 409, 429, 503),
			},
		}),
		async (c) => c.json({ return: await readMyReturn(accountDepsFor(c), c.req.valid("param").number) }, 200),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/returns",
			tags: ["returns"],
			summary: "Request a return as a guest, with the order number and the email given at checkout",
			request: json(GuestReturnRequestSchema),
			responses: {
				201: ok("The return, requested", OneReturn),
				...errorResponses(400, 403, 404, 409, 413, 429, 503),
			},
		}),
		async (c) => {
			const { orderNumber, email, ...input } = c.req.valid("json");
			await limitLookupsOfOrder(c, orderNumber);
			const deps = guestDepsFor(c);
			const order = await findGuestOrder(deps.db, deps.vault, orderNumber, email);
			return c.json({ return: await requestReturn(deps, order, { kind: "guest" }, input) }, 201);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/returns/lookup",
			tags: ["returns"],
			summary: "A guest's returns of an order, by its number and the email given at checkout",
			request: json(GuestReturnLookupSchema),
			responses: {
				200: ok("Status, lines and amounts; no description", ReturnList),
				...errorResponses(400, 403, 404, 413, 429, 503),
			},
		}),
		async (c) => {
			const { orderNumber, email } = c.req.valid("json");
			await limitLookupsOfOrder(c, orderNumber);
			const order = await findGuestOrder(c.var.db, c.env.VAULT, orderNumber, email);
			return c.json({ returns: await returnsOfOrder(c.var.db, order) }, 200);
		},
	);
