// The returns API's request and response bodies (issue #8): strict, so an unknown field is a 400
// and never stored (P1). The reason and a rejection are codes; the shopper's own words are the
// only free text, and they are sealed by the vault before anything is stored.
import { z } from "@hono/zod-openapi";
import { RETURN_REASONS, RETURN_REJECTIONS, RETURN_STATUSES } from "../db/schema";

// Control characters (but line breaks and tabs) and lone surrogates have no place in a description
// and would not survive the UTF-8 round trip through the cipher unchanged.
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;
const LINE_BREAKS = /[\n\r\t]/g;
const MAX_LINES = 50;

const OrderNumberSchema = z.string().min(1).max(40).openapi({ example: "LW-7K2M-9QXA-4TPB" });

export const ReturnLineInputSchema = z
	.object({
		variantId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
		quantity: z.number().int().min(1).max(999),
	})
	.strict()
	.openapi("ReturnLineInput");

const returnRequestFields = {
	reason: z.enum(RETURN_REASONS),
	details: z
		.string()
		.trim()
		.max(2000)
		.refine(
			(value) => !UNPRINTABLE.test(value.replace(LINE_BREAKS, "")),
			"Must not contain control characters",
		)
		.optional()
		.openapi({ description: "What happened, in your words (sealed; staff read it to handle the return)" }),
	lines: z
		.array(ReturnLineInputSchema)
		.min(1)
		.max(MAX_LINES)
		.refine((lines) => new Set(lines.map((line) => line.variantId)).size === lines.length, {
			message: "Each item at most once",
		})
		.openapi({ description: "Items and quantities to send back: at most what the order has left to return" }),
};

export const ReturnRequestSchema = z.object(returnRequestFields).strict().openapi("ReturnRequest");
export type ReturnRequestInput = z.infer<typeof ReturnRequestSchema>;

export const GuestReturnRequestSchema = z
	.object({
		orderNumber: OrderNumberSchema,
		email: z.string().min(1).max(254).openapi({ description: "Email address for the order confirmation" }),
		...returnRequestFields,
	})
	.strict()
	.openapi("GuestReturnRequest");
export type GuestReturnRequestInput = z.infer<typeof GuestReturnRequestSchema>;

export const GuestReturnLookupSchema = z
	.object({
		orderNumber: OrderNumberSchema,
		email: z.string().min(1).max(254).openapi({ description: "Email address for the order confirmation" }),
	})
	.strict()
	.openapi("GuestReturnLookup");

export const ApproveReturnSchema = z
	.object({
		refundMinor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).openapi({
			description:
				"What will be refunded on receipt: at most the returned lines' value and what is left paid",
		}),
	})
	.strict()
	.openapi("ApproveReturnRequest");

export const RejectReturnSchema = z
	.object({ rejection: z.enum(RETURN_REJECTIONS) })
	.strict()
	.openapi("RejectReturnRequest");

export const RefundReturnSchema = z
	.object({
		amountMinor: z
			.number()
			.int()
			.min(1)
			.max(Number.MAX_SAFE_INTEGER)
			.optional()
			.openapi({ description: "Defaults to the approved amount; never more" }),
	})
	.strict()
	.openapi("RefundReturnRequest");

export const ReturnLineSchema = z
	.object({
		variantId: z.number().int(),
		productName: z.string(),
		sku: z.string(),
		size: z.string(),
		color: z.string(),
		quantity: z.number().int(),
		unitPriceMinor: z.number().int(),
	})
	.openapi("ReturnLine");

/** A return without personal data: what a guest, a list and staff without a purpose see. */
export const ReturnSchema = z
	.object({
		number: z.string().openapi({ example: "RMA-7K2M-9QXA" }),
		orderNumber: z.string(),
		status: z.enum(RETURN_STATUSES),
		reason: z.enum(RETURN_REASONS),
		rejection: z.enum(RETURN_REJECTIONS).nullable(),
		requestedBy: z.enum(["account", "guest"]),
		currency: z.string(),
		refundMinor: z.number().int().nullable().openapi({ description: "Approved amount" }),
		refundedMinor: z.number().int().openapi({ description: "Refunded so far" }),
		lines: z.array(ReturnLineSchema),
		requestedAt: z.string(),
		updatedAt: z.string(),
		approvedAt: z.string().nullable(),
		receivedAt: z.string().nullable(),
		closedAt: z.string().nullable(),
	})
	.openapi("Return");
export type ReturnView = z.infer<typeof ReturnSchema>;

/** A return with the shopper's description, opened by the vault for its owner or for support. */
export const ReturnWithDetailsSchema = ReturnSchema.extend({ details: z.string().nullable() }).openapi(
	"ReturnWithDetails",
);
export type ReturnWithDetailsView = z.infer<typeof ReturnWithDetailsSchema>;
