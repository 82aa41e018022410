// Staff administration (admins): the vault keeps the staff directory, checks the admin's role
// itself and audits every change. Staff are known by id and role here, never by email.
import { createRoute, z } from "@hono/zod-openapi";
import { STAFF_ROLES } from "../../shared/vault-contract";
import { STAFF_SECURITY, type StaffEnv } from "../middleware/staff-auth";
import { createRouter, errorResponses } from "../openapi";
import { fromVault } from "../vault-client";

const StaffMemberSchema = z
	.object({
		id: z.string(),
		role: z.enum(STAFF_ROLES),
		status: z.enum(["active", "disabled"]),
		intact: z.boolean().openapi({ description: "False when the record was changed around the audited API" }),
		createdAt: z.number().int(),
		updatedAt: z.number().int(),
		createdBy: z.string(),
	})
	.openapi("StaffMember");

const AddBodySchema = z
	.object({
		email: z.email().max(254).openapi({ description: "The staff member's Cloudflare Access email" }),
		role: z.enum(STAFF_ROLES),
	})
	.strict()
	.openapi("AddStaffRequest");

const ChangeBodySchema = z
	.object({ role: z.enum(STAFF_ROLES).optional(), status: z.enum(["active", "disabled"]).optional() })
	.strict()
	.refine((b) => b.role !== undefined || b.status !== undefined, { message: "role or status is required" })
	.openapi("ChangeStaffRequest");

const IdParamsSchema = z.object({
	id: z
		.string()
		.regex(/^stf_[A-Za-z0-9_-]{16}$/)
		.openapi({ param: { name: "id", in: "path" }, example: "stf_Qm9vZ2llV29vZ2ll" }),
});

const json = <S extends z.ZodType>(schema: S) => ({ content: { "application/json": { schema } } });

const listRoute = createRoute({
	method: "get",
	tags: ["staff"],
	security: STAFF_SECURITY,
	path: "/api/v1/staff/members",
	summary: "Staff members and their roles (admin)",
	responses: {
		200: { description: "Staff", ...json(z.object({ staff: z.array(StaffMemberSchema) })) },
		...errorResponses(401, 403, 429, 503),
	},
});

const addRoute = createRoute({
	method: "post",
	tags: ["staff"],
	security: STAFF_SECURITY,
	path: "/api/v1/staff/members",
	summary: "Add a staff member with one role (admin, audited)",
	request: { body: { required: true, ...json(AddBodySchema) } },
	responses: {
		201: { description: "Added", ...json(z.object({ staff: StaffMemberSchema })) },
		...errorResponses(400, 401, 403, 409, 413, 415, 429, 503),
	},
});

const changeRoute = createRoute({
	method: "patch",
	tags: ["staff"],
	security: STAFF_SECURITY,
	path: "/api/v1/staff/members/{id}",
	summary: "Change a staff member's role or disable them (admin, audited)",
	request: { params: IdParamsSchema, body: { required: true, ...json(ChangeBodySchema) } },
	responses: {
		200: { description: "Changed", ...json(z.object({ staff: StaffMemberSchema })) },
		...errorResponses(400, 401, 403, 404, 409, 413, 415, 429, 503),
	},
});

export const staffMemberRoutes = createRouter<StaffEnv>()
	.openapi(listRoute, async (c) => {
		const actor = { kind: "staff", token: c.var.staffToken } as const;
		const { staff } = await fromVault(
			c.env.VAULT.listStaff({ actor, requestId: c.var.requestId }),
			c.var.logger,
		);
		return c.json({ staff }, 200);
	})
	.openapi(addRoute, async (c) => {
		const actor = { kind: "staff", token: c.var.staffToken } as const;
		const { staff } = await fromVault(
			c.env.VAULT.addStaff({ actor, ...c.req.valid("json"), requestId: c.var.requestId }),
			c.var.logger,
		);
		return c.json({ staff }, 201);
	})
	.openapi(changeRoute, async (c) => {
		const actor = { kind: "staff", token: c.var.staffToken } as const;
		const { staff } = await fromVault(
			c.env.VAULT.updateStaff({
				actor,
				staffId: c.req.valid("param").id,
				...c.req.valid("json"),
				requestId: c.var.requestId,
			}),
			c.var.logger,
		);
		return c.json({ staff }, 200);
	});
