// The account API's request and response bodies (issue #7): strict, so an unknown field is a 400
// and never stored (P1). Passwords are checked for length here and against common passwords by the
// vault, which alone ever sees them hashed.
import { z } from "@hono/zod-openapi";
import { AddressSchema, EmailSchema, OrderSummarySchema, PhoneSchema } from "../checkout/checkout-schemas";
import { SHIPPING_METHODS } from "../checkout/shipping";

const PasswordSchema = z
	.string()
	.min(10)
	.max(128)
	.openapi({ description: "At least 10 characters; common passwords are refused", format: "password" });
const AnyPasswordSchema = z.string().min(1).max(128).openapi({ format: "password" });
const EmailTokenSchema = z
	.string()
	.regex(/^[A-Za-z0-9_-]{43}$/)
	.openapi({ description: "The token from the emailed link" });
export const NicknameSchema = z
	.string()
	.trim()
	.min(1)
	.max(60)
	.refine((value) => !/[\p{Cc}\p{Cs}]/u.test(value), "Must not contain control characters")
	.openapi({ description: "What the shop calls you" });

export const ConsentChoicesSchema = z
	.object({
		analytics: z.boolean().openapi({ description: "Anonymous aggregate browsing analytics" }),
		marketing: z.boolean().openapi({ description: "Marketing email" }),
	})
	.strict()
	.openapi("ConsentChoices");

export const RegisterBodySchema = z
	.object({
		email: EmailSchema,
		password: PasswordSchema,
		nickname: NicknameSchema,
		consents: ConsentChoicesSchema,
		acceptPolicy: z.literal(true).openapi({ description: "Agreement to the privacy policy in force" }),
	})
	.strict()
	.openapi("RegisterRequest");

export const LoginBodySchema = z
	.object({ email: EmailSchema, password: AnyPasswordSchema })
	.strict()
	.openapi("LoginRequest");

export const ConfirmBodySchema = z
	.object({
		token: EmailTokenSchema,
		password: AnyPasswordSchema.openapi({ description: "The password chosen at registration" }),
	})
	.strict()
	.openapi("ConfirmRequest");

export const ResetBodySchema = z.object({ email: EmailSchema }).strict().openapi("PasswordResetRequest");

export const CompleteResetBodySchema = z
	.object({ token: EmailTokenSchema, password: PasswordSchema })
	.strict()
	.openapi("PasswordResetCompletion");

export const ChangePasswordBodySchema = z
	.object({ currentPassword: AnyPasswordSchema, newPassword: PasswordSchema })
	.strict()
	.openapi("PasswordChange");

export const AcceptedSchema = z
	.object({ status: z.enum(["check_email", "password_changed"]), message: z.string() })
	.openapi("Accepted");

export const ConsentRecordSchema = z
	.object({ given: z.boolean(), policyVersion: z.string(), at: z.string() })
	.openapi("ConsentRecord");

export const ConsentsSchema = z
	.object({ analytics: ConsentRecordSchema, marketing: ConsentRecordSchema })
	.openapi("AccountConsents");

export const ConsentsUpdateSchema = z
	.object({ analytics: z.boolean().optional(), marketing: z.boolean().optional() })
	.strict()
	.refine((body) => body.analytics !== undefined || body.marketing !== undefined, {
		message: "analytics or marketing is required",
	})
	.openapi("AccountConsentsUpdate");

export const SessionAccountSchema = z
	.object({ nickname: z.string(), consents: ConsentsSchema })
	.openapi("SessionAccount");

export const ProfileSchema = z
	.object({ email: z.string(), nickname: z.string(), consents: ConsentsSchema, createdAt: z.string() })
	.openapi("Profile");

export const ProfileUpdateSchema = z.object({ nickname: NicknameSchema }).strict().openapi("ProfileUpdate");

export const SavedAddressInputSchema = z
	.object({
		name: z
			.string()
			.trim()
			.min(1)
			.max(100)
			.refine((value) => !/[\p{Cc}\p{Cs}]/u.test(value), "Must not contain control characters"),
		phone: PhoneSchema,
		address: AddressSchema,
	})
	.strict()
	.openapi("SavedAddressInput");

export const AddressIdSchema = z
	.string()
	.regex(/^adr_[A-Za-z0-9_-]{22}$/)
	.openapi({ param: { name: "addressId", in: "path" }, example: "adr_0123456789abcdefghijkl" });

export const SavedAddressSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		phone: z.string(),
		address: AddressSchema,
	})
	.openapi("SavedAddress");

export const AccountCheckoutSchema = z
	.union([
		z
			.object({
				shippingMethod: z.enum(SHIPPING_METHODS),
				addressId: AddressIdSchema.openapi({ description: "A saved address" }),
			})
			.strict(),
		z
			.object({
				shippingMethod: z.enum(SHIPPING_METHODS),
				contact: SavedAddressInputSchema,
				saveAddress: z.boolean().optional().openapi({ description: "Also keep it in the address book" }),
			})
			.strict(),
	])
	.openapi("AccountCheckoutRequest");

export type AccountCheckoutInput = z.infer<typeof AccountCheckoutSchema>;
export type SavedAddressInput = z.infer<typeof SavedAddressInputSchema>;

export const MyOrdersSchema = z.object({ orders: z.array(OrderSummarySchema) }).openapi("MyOrders");
