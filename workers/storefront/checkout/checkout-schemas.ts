import { z } from "@hono/zod-openapi";
import { MARKET_IDS } from "../markets/markets";
import { COUNTRY_CODES, checkAddressForCountry } from "./countries";
import { SHIPPING_METHODS } from "./shipping";

// Control characters and lone surrogates have no place in a name or address and would not
// survive the UTF-8 round trip through the cipher unchanged.
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;

const text = (max: number) =>
	z
		.string()
		.trim()
		.min(1)
		.max(max)
		.refine((value) => !UNPRINTABLE.test(value), "Must not contain control characters");

/** Optional text where an empty string (an untouched form field) means absent. */
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.refine((value) => !UNPRINTABLE.test(value), "Must not contain control characters")
		.optional();

export const EmailSchema = z
	.email()
	.max(254)
	.openapi({ description: "Email address for the order confirmation" });

export const PhoneSchema = z
	.string()
	.trim()
	.min(6)
	.max(24)
	.regex(/^\+?[0-9][0-9 ().-]*[0-9]$/, "Digits, spaces, dots, dashes and parentheses, optionally a leading +")
	.refine((value) => {
		const digits = value.replace(/\D/g, "").length;
		return digits >= 6 && digits <= 15;
	}, "A phone number has 6 to 15 digits")
	.openapi({ description: "Phone number for the carrier, international format" });

export const AddressSchema = z
	.object({
		line1: text(120).openapi({ description: "Street and number" }),
		line2: optionalText(120),
		city: text(80).openapi({ description: "City or town" }),
		region: optionalText(64).openapi({
			description: "State, province or prefecture code where the country needs one",
		}),
		postalCode: text(16).openapi({ description: "Postal code in the format of the country" }),
		country: z.enum(COUNTRY_CODES).openapi({ example: "US" }),
	})
	.strict()
	.superRefine((address, ctx) => {
		for (const problem of checkAddressForCountry(
			address.country,
			address.postalCode,
			address.region || undefined,
		)) {
			ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
		}
	})
	.openapi("DeliveryAddress");

export const CheckoutSchema = z
	.object({
		email: EmailSchema,
		name: text(100).openapi({ description: "Consignee name" }),
		phone: PhoneSchema,
		address: AddressSchema,
		shippingMethod: z.enum(SHIPPING_METHODS),
	})
	.strict()
	.openapi("CheckoutRequest");

export type CheckoutInput = z.infer<typeof CheckoutSchema>;
export type DeliveryAddress = z.infer<typeof AddressSchema>;

export const OrderLineSchema = z
	.object({
		variantId: z.number().int(),
		productName: z.string(),
		sku: z.string(),
		size: z.string(),
		color: z.string(),
		quantity: z.number().int(),
		unitPriceMinor: z.number().int(),
		lineTotalMinor: z.number().int(),
	})
	.openapi("OrderLine");

export const TaxLineSchema = z
	.object({
		name: z.string().openapi({ example: "VAT" }),
		rateE5: z.number().int().openapi({ description: "Parts per 100,000: 20 % is 20000" }),
		amountMinor: z.number().int(),
	})
	.openapi("TaxLine");

export const OrderSummarySchema = z
	.object({
		number: z.string().openapi({ example: "LW-7K2M-9QXA-4TPB" }),
		status: z.enum(["placed", "paid", "packed", "shipped", "delivered", "cancelled"]),
		market: z.enum(MARKET_IDS).openapi({ description: "The destination's market" }),
		currency: z.string(),
		subtotalMinor: z.number().int(),
		shippingMinor: z.number().int(),
		taxMinor: z.number().int().openapi({ description: "All tax lines together" }),
		taxIncluded: z
			.boolean()
			.openapi({ description: "true: the tax is inside the prices (VAT, GST); false: added to the total" }),
		taxLines: z.array(TaxLineSchema),
		totalMinor: z.number().int(),
		shippingMethod: z.enum(SHIPPING_METHODS),
		placedAt: z.string(),
		lines: z.array(OrderLineSchema),
	})
	.openapi("OrderSummary");

export const CheckoutResponseSchema = z
	.object({ order: OrderSummarySchema, paymentUrl: z.string() })
	.openapi("CheckoutResponse");
