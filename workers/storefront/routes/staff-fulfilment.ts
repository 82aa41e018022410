// Fulfilment (issue #8): the warehouse packs, ships and delivers orders along the status machine,
// and exports the logistics manifest of packed parcels. Every route needs `orders.fulfil`, which
// the vault decides for the staff member's role (staff.ts registers them); the manifest's
// consignee details are opened by the vault again, for the purpose `fulfilment`, and audited.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { exportManifest, MANIFEST_MAX_ORDERS, parseManifestCursor } from "../fulfilment/export-manifest";
import { type FulfilDeps, fulfilmentView, fulfilOrder } from "../fulfilment/fulfil-order";
import { manifestCsv, ParcelSchema } from "../fulfilment/manifest";
import { type FulfilmentStep, ShipmentSchema } from "../fulfilment/transitions";
import { STAFF_SECURITY, type StaffEnv } from "../middleware/staff-auth";
import { createRouter, errorResponses } from "../openapi";
import { NumberParamsSchema } from "./staff-orders";

const FulfilmentOrderSchema = z
	.object({
		number: z.string(),
		status: z.enum(["placed", "paid", "packed", "shipped", "delivered", "cancelled"]),
		packedAt: z.number().int().nullable(),
		shippedAt: z.number().int().nullable(),
		deliveredAt: z.number().int().nullable(),
		carrier: z.string().nullable(),
		trackingNumber: z.string().nullable(),
	})
	.openapi("FulfilmentOrder");

export const ManifestQuerySchema = z
	.object({
		format: z.enum(["csv", "json"]).openapi({ param: { name: "format", in: "query" }, example: "csv" }),
		limit: z
			.string()
			.regex(/^\d{1,3}$/)
			.transform(Number)
			.pipe(z.number().int().min(1).max(MANIFEST_MAX_ORDERS))
			.optional()
			.openapi({
				param: { name: "limit", in: "query" },
				type: "integer",
				description: `Parcels per export, at most ${MANIFEST_MAX_ORDERS} (the default)`,
			}),
		cursor: z
			.string()
			.regex(/^\d{1,15}\.[0-9a-f-]{36}$/)
			.optional()
			.openapi({ param: { name: "cursor", in: "query" }, description: "nextCursor of the previous export" }),
	})
	.strict();

const ManifestJsonSchema = z
	.object({ parcels: z.array(ParcelSchema), nextCursor: z.string().nullable() })
	.openapi("Manifest");

const stepResponses = {
	200: {
		description: "The order after the step",
		content: { "application/json": { schema: z.object({ order: FulfilmentOrderSchema }) } },
	},
	...errorResponses(400, 401, 403, 404, 409, 415, 429, 503),
};

function stepRoute(step: Exclude<FulfilmentStep, "ship">, summary: string) {
	return createRoute({
		method: "post",
		path: `/api/v1/staff/orders/{number}/${step}`,
		tags: ["staff"],
		summary,
		security: STAFF_SECURITY,
		request: { params: NumberParamsSchema },
		responses: stepResponses,
	});
}

const packRoute = stepRoute("pack", "Pack a paid order (paid → packed)");
const deliverRoute = stepRoute(
	"deliver",
	"Record the delivery of a shipped order: day 0 of the 60-day return window",
);
const shipRoute = createRoute({
	method: "post",
	path: "/api/v1/staff/orders/{number}/ship",
	tags: ["staff"],
	summary: "Ship a packed order with its carrier and tracking number; mails the shopper",
	security: STAFF_SECURITY,
	request: {
		params: NumberParamsSchema,
		body: { required: true, content: { "application/json": { schema: ShipmentSchema } } },
	},
	responses: stepResponses,
});

const manifestRoute = createRoute({
	method: "get",
	path: "/api/v1/staff/orders/manifest",
	tags: ["staff"],
	summary: "The logistics manifest of packed orders: consignee name, address, phone and contents (audited)",
	security: STAFF_SECURITY,
	request: { query: ManifestQuerySchema },
	responses: {
		200: {
			description:
				"One parcel per packed order, oldest packed first. CSV (RFC 4180, formula-safe) or JSON; the next page's cursor in nextCursor or the X-Next-Cursor header",
			content: {
				"text/csv": { schema: z.string() },
				"application/json": { schema: ManifestJsonSchema },
			},
		},
		...errorResponses(400, 401, 403, 409, 429, 503),
	},
});

export function fulfilDeps(c: Context<StaffEnv>): FulfilDeps {
	return {
		db: c.var.db,
		vault: c.env.VAULT,
		logger: c.var.logger,
		requestId: c.var.requestId,
		now: Date.now(),
	};
}

function attachmentName(format: "csv" | "json", now: Date): string {
	const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
	return `loomwash-manifest-${stamp}.${format}`;
}

export const staffFulfilmentRoutes = createRouter<StaffEnv>()
	.openapi(manifestRoute, async (c) => manifestDownload(c, c.req.valid("query")))
	.openapi(packRoute, async (c) => {
		const order = await fulfilOrder(fulfilDeps(c), c.req.valid("param").number, "pack");
		return c.json({ order: fulfilmentView(order) }, 200);
	})
	.openapi(shipRoute, async (c) => {
		const order = await fulfilOrder(fulfilDeps(c), c.req.valid("param").number, "ship", c.req.valid("json"));
		return c.json({ order: fulfilmentView(order) }, 200);
	})
	.openapi(deliverRoute, async (c) => {
		const order = await fulfilOrder(fulfilDeps(c), c.req.valid("param").number, "deliver");
		return c.json({ order: fulfilmentView(order) }, 200);
	});

/** One manifest export as a file download (the API's and the staff console's). */
export async function manifestDownload(c: Context<StaffEnv>, query: z.output<typeof ManifestQuerySchema>) {
	const { format, limit = MANIFEST_MAX_ORDERS, cursor } = query;
	const manifest = await exportManifest(
		{
			db: c.var.db,
			vault: c.env.VAULT,
			staffToken: c.var.staffToken,
			requestId: c.var.requestId,
			logger: c.var.logger,
		},
		{ limit, after: parseManifestCursor(cursor) },
	);
	// Consignee details: never cached anywhere, and saved as a file rather than shown.
	c.header("Cache-Control", "no-store");
	c.header("Content-Disposition", `attachment; filename="${attachmentName(format, new Date())}"`);
	if (manifest.nextCursor) c.header("X-Next-Cursor", manifest.nextCursor);
	if (format === "json") return c.json(manifest, 200);
	return c.body(manifestCsv(manifest.parcels), 200, { "Content-Type": "text/csv; charset=utf-8" });
}
