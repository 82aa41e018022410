// Guests' privacy requests (issue #9, P12): ask for a link by order number and email (the same
// 202 whatever the pair), then complete the request the link stands for.
import { createRoute, z } from "@hono/zod-openapi";
import { OrderLineSchema } from "../checkout/checkout-schemas";
import { createRouter, errorResponses, jsonRequest as json, jsonResponse as ok } from "../openapi";
import {
	ACCEPTED,
	ConfirmPrivacyRequestSchema,
	confirmGuestPrivacyRequest,
	GuestPrivacyRequestSchema,
	guestRequestDepsFor,
	requestGuestPrivacyLink,
} from "../privacy/guest-requests";

const AcceptedSchema = z
	.object({ accepted: z.literal(true), message: z.string().openapi({ example: ACCEPTED.message }) })
	.openapi("GuestPrivacyRequestAccepted");

const at = z.string().openapi({ description: "ISO 8601" });
const GuestExportSchema = z
	.object({
		order: z.object({
			number: z.string(),
			status: z.enum(["placed", "paid", "packed", "shipped", "delivered", "cancelled"]),
			placedAt: at,
			lines: z.array(OrderLineSchema),
			totals: z.object({
				currency: z.string(),
				subtotalMinor: z.number().int(),
				shippingMinor: z.number().int(),
				totalMinor: z.number().int(),
				refundedMinor: z.number().int(),
			}),
			contact: z
				.object({
					email: z.string().nullable(),
					name: z.string().nullable(),
					phone: z.string().nullable(),
					address: z.unknown().openapi({ description: "The shipping address as given at checkout" }),
				})
				.nullable(),
			returns: z.array(
				z.object({
					number: z.string(),
					status: z.string(),
					reason: z.string(),
					createdAt: at,
					details: z.string().nullable(),
				}),
			),
			consultations: z.array(
				z.object({
					id: z.string(),
					kind: z.string(),
					status: z.string(),
					createdAt: at,
					messages: z.array(z.object({ author: z.string(), createdAt: at, body: z.string().nullable() })),
				}),
			),
		}),
	})
	.openapi("GuestPrivacyExport");

const ConfirmedSchema = z
	.union([
		GuestExportSchema,
		z.object({ deleted: z.literal(true) }),
		z.object({ consultation: z.string().openapi({ description: "The support conversation handling it" }) }),
	])
	.openapi("GuestPrivacyRequestDone");

export const privacyRequestRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/privacy-requests",
			tags: ["privacy"],
			summary: "A guest asks for an export, correction or deletion of an order's personal data",
			description:
				"If the order number and email match a guest order, the vault mails a single-use link (24 hours) to the order's email. The answer is the same either way.",
			request: json(GuestPrivacyRequestSchema),
			responses: {
				202: ok("Accepted; a link was mailed if the pair matched a guest order", AcceptedSchema),
				...errorResponses(400, 403, 413, 429, 503),
			},
		}),
		async (c) => {
			await requestGuestPrivacyLink(c, guestRequestDepsFor(c), c.req.valid("json"));
			return c.json(ACCEPTED, 202);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/privacy-requests/confirm",
			tags: ["privacy"],
			summary: "Complete the request a mailed link stands for; the link is then used up",
			description:
				"Export: the order's data as a JSON attachment. Deletion: refused (409, the link still works) while the order is in progress or a return or refund is open. Correction: `correction` is required and goes to support.",
			request: json(ConfirmPrivacyRequestSchema),
			responses: {
				200: ok("The export, the deletion or the support conversation", ConfirmedSchema),
				...errorResponses(400, 403, 404, 409, 413, 503),
			},
		}),
		async (c) => {
			c.header("Cache-Control", "no-store");
			const outcome = await confirmGuestPrivacyRequest(guestRequestDepsFor(c), c.req.valid("json"));
			if (outcome.kind === "deletion") return c.json({ deleted: true as const }, 200);
			if (outcome.kind === "correction") return c.json({ consultation: outcome.consultation }, 200);
			c.header("Content-Disposition", `attachment; filename="loomwash-${outcome.export.order.number}.json"`);
			return c.json(outcome.export, 200);
		},
	);
