// The consultations API's request and response bodies (issue #8): strict, so an unknown field is
// a 400 and never stored (P1). The messages and a guest's reply address are the only personal
// texts; both are sealed by the vault before anything is stored.
import { z } from "@hono/zod-openapi";
import { staffListQuery } from "../openapi";

export const CONSULTATION_KINDS = ["pre_sales", "after_sales"] as const;
export const CONSULTATION_STATUSES = ["open", "closed"] as const;

/** Thread and message ids: random UUIDs, so a thread id is not guessable, and is still checked. */
export const CONSULTATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Control characters (but line breaks and tabs) and lone surrogates have no place in a message
// and would not survive the UTF-8 round trip through the cipher unchanged.
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;
const LINE_BREAKS = /[\n\r\t]/g;

export const MessageTextSchema = z
	.string()
	.trim()
	.min(1)
	.max(4000)
	.refine((value) => !UNPRINTABLE.test(value.replace(LINE_BREAKS, "")), "Must not contain control characters")
	.openapi({ description: "Your message (sealed by the vault; customer service reads it to answer)" });

const OrderNumberSchema = z.string().min(1).max(40).openapi({ example: "LW-7K2M-9QXA-4TPB" });

export const ConsultationIdParamsSchema = z.object({
	id: z
		.string()
		.regex(CONSULTATION_ID)
		.openapi({ param: { name: "id", in: "path" }, example: "0b6f7c1e-4d2a-4c8e-9a51-2f3e6d7c8b90" }),
});

export const AccountConsultationRequestSchema = z
	.object({
		kind: z.enum(CONSULTATION_KINDS),
		orderNumber: OrderNumberSchema.optional().openapi({
			description: "After-sales only: one of your own orders",
		}),
		message: MessageTextSchema,
	})
	.strict()
	.refine((body) => body.kind === "after_sales" || body.orderNumber === undefined, {
		message: "A pre-sales question is not about an order",
		path: ["orderNumber"],
	})
	.openapi("ConsultationRequest");
export type AccountConsultationInput = z.infer<typeof AccountConsultationRequestSchema>;

export const GuestConsultationRequestSchema = z
	.discriminatedUnion("kind", [
		z
			.object({
				kind: z.literal("after_sales"),
				orderNumber: OrderNumberSchema,
				email: z
					.string()
					.min(1)
					.max(254)
					.openapi({ description: "Email address for the order confirmation" }),
				message: MessageTextSchema,
			})
			.strict(),
		z
			.object({
				kind: z.literal("pre_sales"),
				email: z.email().max(254).openapi({ description: "Where the answer is mailed (sealed)" }),
				message: MessageTextSchema,
			})
			.strict(),
	])
	.openapi("GuestConsultationRequest");
export type GuestConsultationInput = z.infer<typeof GuestConsultationRequestSchema>;

export const MessageRequestSchema = z
	.object({ message: MessageTextSchema })
	.strict()
	.openapi("MessageRequest");

/** A staff list cursor: the last thread's status, activity time and id. */
export const STAFF_CONSULTATION_CURSOR = /^(open|closed)\.(\d{1,15})\.([0-9a-f-]{36})$/;

export const StaffListQuerySchema = staffListQuery(CONSULTATION_STATUSES, STAFF_CONSULTATION_CURSOR);

export const ConsultationSchema = z
	.object({
		id: z.string(),
		kind: z.enum(CONSULTATION_KINDS),
		status: z.enum(CONSULTATION_STATUSES),
		orderNumber: z.string().nullable(),
		messageCount: z.number().int(),
		createdAt: z.string(),
		updatedAt: z.string(),
		closedAt: z.string().nullable(),
	})
	.openapi("Consultation");
export type ConsultationView = z.infer<typeof ConsultationSchema>;

export const MessageSchema = z
	.object({
		id: z.string(),
		author: z.enum(["shopper", "staff"]),
		body: z.string(),
		createdAt: z.string(),
	})
	.openapi("ConsultationMessage");
export type MessageView = z.infer<typeof MessageSchema>;

export const ConsultationWithMessagesSchema = ConsultationSchema.extend({
	messages: z.array(MessageSchema),
}).openapi("ConsultationWithMessages");
export type ConsultationWithMessagesView = z.infer<typeof ConsultationWithMessagesSchema>;

/** What a guest gets back: the thread's state, nothing of what they wrote (answers come by mail). */
export const GuestConsultationSchema = ConsultationSchema.pick({
	id: true,
	kind: true,
	status: true,
	orderNumber: true,
	createdAt: true,
}).openapi("GuestConsultation");
