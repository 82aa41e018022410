// The shape of a customer's data export (GDPR Art. 15/20): machine-readable JSON, every personal
// datum the shop holds about the account, decrypted. Times are ISO 8601 strings, money in minor
// units with its currency. A sealed value that could not be opened (a review written before
// reviews had owners) is null.
import * as z from "zod";

const Time = z.string();
const NullableTime = Time.nullable();

const ContactSchema = z.object({
	email: z.string().nullable(),
	name: z.string().nullable(),
	phone: z.string().nullable(),
	address: z.unknown(),
});

const MessageSchema = z.object({
	author: z.enum(["shopper", "staff"]),
	body: z.string().nullable(),
	createdAt: Time,
});

const ConsultationSchema = z.object({
	id: z.string(),
	kind: z.enum(["pre_sales", "after_sales"]),
	status: z.enum(["open", "closed"]),
	orderNumber: z.string().nullable(),
	replyEmail: z.string().nullable(),
	createdAt: Time,
	closedAt: NullableTime,
	messages: z.array(MessageSchema),
});

const ConsentSchema = z.object({ granted: z.boolean(), policyVersion: z.string(), at: Time });

export const AccountDataSchema = z.object({
	generatedAt: Time,
	policyVersion: z.string(),
	account: z.object({
		id: z.string(),
		email: z.string(),
		status: z.enum(["pending", "active"]),
		createdAt: Time,
		lastActiveAt: NullableTime,
		passwordChangedAt: Time,
	}),
	profile: z
		.object({
			nickname: z.string().nullable(),
			createdAt: Time,
			confirmedAt: NullableTime,
			policyNoticeVersion: z.string().nullable(),
		})
		.nullable(),
	consents: z.object({ analytics: ConsentSchema, marketing: ConsentSchema }).nullable(),
	addresses: z.array(
		z.object({
			id: z.string(),
			name: z.string().nullable(),
			phone: z.string().nullable(),
			address: z.unknown(),
			createdAt: Time,
			updatedAt: Time,
		}),
	),
	carts: z.array(
		z.object({
			status: z.string(),
			createdAt: Time,
			updatedAt: Time,
			lines: z.array(
				z.object({ variantId: z.number(), sku: z.string(), productName: z.string(), quantity: z.number() }),
			),
		}),
	),
	orders: z.array(
		z.object({
			id: z.string(),
			number: z.string(),
			status: z.string(),
			currency: z.string(),
			subtotalMinor: z.number(),
			shippingMinor: z.number(),
			totalMinor: z.number(),
			refundedMinor: z.number(),
			shippingMethod: z.string(),
			shipCountry: z.string().nullable(),
			placedAt: Time,
			paidAt: NullableTime,
			shippedAt: NullableTime,
			deliveredAt: NullableTime,
			carrier: z.string().nullable(),
			trackingNumber: z.string().nullable(),
			personalDataPurgedAt: NullableTime,
			lines: z.array(
				z.object({
					variantId: z.number(),
					productName: z.string(),
					sku: z.string(),
					size: z.string(),
					color: z.string(),
					quantity: z.number(),
					unitPriceMinor: z.number(),
				}),
			),
			contact: ContactSchema.nullable(),
			returns: z.array(
				z.object({
					number: z.string(),
					status: z.string(),
					reason: z.string(),
					details: z.string().nullable(),
					createdAt: Time,
					closedAt: NullableTime,
				}),
			),
			consultations: z.array(ConsultationSchema),
		}),
	),
	consultations: z.array(ConsultationSchema),
	reviews: z.array(
		z.object({
			id: z.string(),
			product: z.object({ id: z.number(), slug: z.string(), name: z.string() }),
			rating: z.number(),
			text: z.string().nullable(),
			nickname: z.string().nullable(),
			status: z.enum(["pending", "published", "rejected"]),
			createdAt: Time,
		}),
	),
	sessions: z.array(
		z.object({
			createdAt: Time,
			lastSeenAt: Time,
			expiresAt: Time,
			revokedAt: NullableTime,
			current: z.boolean(),
		}),
	),
});
export type AccountData = z.infer<typeof AccountDataSchema>;
