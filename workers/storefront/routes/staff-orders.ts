// Staff order views: the list carries no personal data; the contact opens through the vault,
// which verifies the staff member again, checks the role matrix and audits before it answers.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { PURPOSES } from "../../shared/vault-contract";
import { normalizeOrderNumber, ORDER_NUMBER_PATTERN } from "../checkout/order-number";
import { getOrderByNumber, getOrderContact, listOrdersForStaff } from "../db/orders";
import type { OrderStatus } from "../db/schema";
import { AppError } from "../errors";
import { STAFF_SECURITY, type StaffEnv } from "../middleware/staff-auth";
import { createRouter, errorResponses, staffListQuery } from "../openapi";
import { fromVault } from "../vault-client";

export const STAFF_ORDER_STATUSES = [
	"placed",
	"paid",
	"packed",
	"shipped",
	"delivered",
	"cancelled",
] as const satisfies readonly OrderStatus[];
const STATUSES = STAFF_ORDER_STATUSES;
export const CONTACT_FIELDS = ["email", "name", "phone", "address"] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
const CURSOR = /^(\d{1,15})\.([0-9a-f-]{36})$/;

export const ListQuerySchema = staffListQuery(STATUSES, CURSOR);

const StaffOrderSchema = z
	.object({
		number: z.string(),
		status: z.enum(STATUSES),
		currency: z.string(),
		totalMinor: z.number().int(),
		shippingMethod: z.string(),
		itemCount: z.number().int(),
		createdAt: z.number().int(),
		updatedAt: z.number().int(),
	})
	.openapi("StaffOrder");

/** An order number in the path, for every staff route on one order (API and console pages). */
export const NumberParamsSchema = z.object({
	number: z
		.string()
		.min(1)
		.max(40)
		.openapi({ param: { name: "number", in: "path" }, example: "LW-7K2M-9QXA-4TPB" }),
});

const ContactQuerySchema = z
	.object({
		purpose: z.enum(PURPOSES).openapi({ param: { name: "purpose", in: "query" }, example: "support" }),
		fields: z
			.string()
			.max(40)
			.transform((text, ctx) => {
				const fields = [...new Set(text.split(","))];
				if (!fields.every((f): f is ContactField => (CONTACT_FIELDS as readonly string[]).includes(f))) {
					ctx.addIssue({ code: "custom", message: `fields are any of ${CONTACT_FIELDS.join(", ")}` });
					return z.NEVER;
				}
				return fields;
			})
			.optional()
			.openapi({
				param: { name: "fields", in: "query" },
				type: "string",
				example: "email,name,phone",
				description: "Comma-separated; all four when omitted. The role matrix decides what opens.",
			}),
	})
	.strict();

const AddressSchema = z.object({
	line1: z.string(),
	line2: z.string().optional(),
	city: z.string(),
	region: z.string().optional(),
	postalCode: z.string(),
	country: z.string(),
});

/** The address is sealed as JSON by checkout; anything else is stored data we cannot show. */
function parseAddress(text: string | undefined) {
	let value: unknown;
	try {
		value = JSON.parse(text ?? "");
	} catch {
		value = undefined;
	}
	const parsed = AddressSchema.safeParse(value);
	if (!parsed.success) throw new AppError("invalid_state", "The stored address cannot be read");
	return parsed.data;
}

const ContactSchema = z
	.object({
		orderNumber: z.string(),
		purpose: z.enum(PURPOSES),
		contact: z.object({
			email: z.string().optional(),
			name: z.string().optional(),
			phone: z.string().optional(),
			address: AddressSchema.optional(),
		}),
	})
	.openapi("StaffOrderContact");

const listRoute = createRoute({
	method: "get",
	path: "/api/v1/staff/orders",
	tags: ["staff"],
	summary: "Orders, newest first, without personal data",
	security: STAFF_SECURITY,
	request: { query: ListQuerySchema },
	responses: {
		200: {
			description: "A page of orders",
			content: {
				"application/json": {
					schema: z.object({ orders: z.array(StaffOrderSchema), nextCursor: z.string().nullable() }),
				},
			},
		},
		...errorResponses(400, 401, 403, 429, 503),
	},
});

const contactRoute = createRoute({
	method: "get",
	path: "/api/v1/staff/orders/{number}/contact",
	tags: ["staff"],
	summary: "An order's contact, opened by the vault for a stated purpose (audited)",
	security: STAFF_SECURITY,
	request: { params: NumberParamsSchema, query: ContactQuerySchema },
	responses: {
		200: {
			description: "The fields the role may open",
			content: { "application/json": { schema: ContactSchema } },
		},
		...errorResponses(400, 401, 403, 404, 409, 429, 503),
	},
});

export const staffOrderRoutes = createRouter<StaffEnv>()
	.openapi(listRoute, async (c) => c.json(await listStaffOrders(c, c.req.valid("query")), 200))
	.openapi(contactRoute, async (c) => {
		const { number } = c.req.valid("param");
		return c.json(await openOrderContact(c, number, c.req.valid("query")), 200);
	});

/** A page of orders without personal data (the API's list and the staff console's). */
export async function listStaffOrders(c: Context<StaffEnv>, query: z.output<typeof ListQuerySchema>) {
	const { status, limit = 50, cursor } = query;
	const match = cursor ? CURSOR.exec(cursor) : null;
	const before = match ? { createdAt: Number(match[1]), id: match[2] as string } : undefined;
	const rows = await listOrdersForStaff(c.var.db, { status, before, limit: limit + 1 });
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return {
		orders: page.map(({ id: _id, ...order }) => order),
		nextCursor: rows.length > limit && last ? `${last.createdAt}.${last.id}` : null,
	};
}

/** An order's contact, opened by the vault for the purpose and fields asked (it audits the answer). */
export async function openOrderContact(
	c: Context<StaffEnv>,
	number: string,
	query: { purpose: (typeof PURPOSES)[number]; fields?: readonly ContactField[] },
): Promise<z.output<typeof ContactSchema>> {
	const { purpose, fields = [...CONTACT_FIELDS] } = query;
	const normalized = normalizeOrderNumber(number);
	const order = ORDER_NUMBER_PATTERN.test(normalized) ? await getOrderByNumber(c.var.db, normalized) : null;
	const contact = order ? await getOrderContact(c.var.db, order.id) : null;
	if (!order || !contact) throw new AppError("not_found", "No such order");
	const sealed: Record<ContactField, string> = {
		email: contact.emailCt,
		name: contact.nameCt,
		phone: contact.phoneCt,
		address: contact.addressCt,
	};
	const { values } = await fromVault(
		c.env.VAULT.open({
			actor: { kind: "staff", token: c.var.staffToken },
			purpose,
			items: fields.map((field) => ({
				subjectId: contact.subjectId,
				table: "order_contacts",
				rowId: order.id,
				field,
				ciphertext: sealed[field],
			})),
			requestId: c.var.requestId,
		}),
		c.var.logger,
	);
	const opened = Object.fromEntries(
		fields.map((field, i) => [field, field === "address" ? parseAddress(values[i]) : values[i]]),
	);

	return { orderNumber: order.number, purpose, contact: opened };
}
