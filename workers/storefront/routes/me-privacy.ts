// A customer's privacy rights over their account (issue #9, P12): inquiry (a download of all their
// data), correction of an order's delivery contact before it is packed, and erasure. app.ts puts
// requireAccount and sameOriginMutations in front of /api/v1/me and /api/v1/me/*.
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { accountDepsFor } from "../accounts/account-deps";
import { SavedAddressInputSchema } from "../accounts/account-schemas";
import { clearSessionCookie } from "../accounts/session-cookie";
import { clearCartCookie } from "../cart/cart-cookie";
import { createRouter, errorResponses, jsonRequest, jsonResponse } from "../openapi";
import { eraseMyAccount } from "../privacy/account-erasure";
import { exportAccountData, exportFileName } from "../privacy/account-export";
import { AccountDataSchema } from "../privacy/account-export-schema";
import { correctOrderContact } from "../privacy/order-contact-correction";
import { SESSION_SECURITY } from "./auth";

const common = { tags: ["privacy"], security: SESSION_SECURITY };

const OrderParams = z.object({ number: z.string().min(1).max(40) });

const CorrectedContactSchema = z.object({
	number: z.string(),
	name: z.string(),
	phone: z.string(),
	address: z.unknown(),
});

export const EraseAccountBodySchema = z
	.object({ password: z.string().min(1).max(128).meta({ format: "password" }) })
	.strict();

export const mePrivacyRoutes = createRouter()
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/me/data",
			summary: "Download everything the shop holds about you, decrypted (GDPR Art. 15/20)",
			description:
				"Machine-readable JSON, sent as an attachment (`loomwash-data-<date>.json`), never cached. " +
				"Every personal value is opened by the vault with your own session and each opening is audited.",
			responses: {
				200: jsonResponse("Your data", AccountDataSchema),
				...errorResponses(401, 404, 409, 429, 503),
			},
		}),
		async (c) => {
			const deps = accountDepsFor(c);
			const data = await exportAccountData(deps);
			return c.json(data, 200, {
				"Content-Disposition": `attachment; filename="${exportFileName(deps.now)}"`,
				"Cache-Control": "no-store",
			});
		},
	)
	.openapi(
		createRoute({
			...common,
			method: "patch",
			path: "/api/v1/me/orders/{number}/contact",
			summary: "Correct an order's delivery contact while it is not yet packed",
			description:
				"Name, phone and address, in the same country. Once the order is packed, shipped or delivered " +
				"it keeps the address it was sent to (409).",
			request: { params: OrderParams, ...jsonRequest(SavedAddressInputSchema) },
			responses: {
				200: jsonResponse("Corrected", z.object({ contact: CorrectedContactSchema })),
				...errorResponses(400, 401, 403, 404, 409, 413, 429, 503),
			},
		}),
		async (c) => {
			const contact = await correctOrderContact(
				accountDepsFor(c),
				c.req.valid("param").number,
				c.req.valid("json"),
			);
			return c.json({ contact }, 200);
		},
	)
	.openapi(
		createRoute({
			...common,
			method: "delete",
			path: "/api/v1/me",
			summary: "Erase your account and your personal data (GDPR Art. 17)",
			description:
				"Needs your password again. Your data keys are destroyed first (nothing of yours opens any more), " +
				"then your rows are removed: orders keep only number, lines, totals, dates and country; your " +
				"reviews stay without your name. You are logged out.",
			request: jsonRequest(EraseAccountBodySchema),
			responses: {
				200: jsonResponse("Erased", z.object({ erased: z.literal(true) })),
				...errorResponses(400, 401, 403, 413, 429, 503),
			},
		}),
		async (c) => {
			await eraseMyAccount(accountDepsFor(c), c.req.valid("json").password);
			clearSessionCookie(c);
			// The account's carts are gone with it.
			clearCartCookie(c);
			return c.json({ erased: true as const }, 200);
		},
	);
