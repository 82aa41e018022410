import { z } from "@hono/zod-openapi";
import { MARKET_IDS } from "../markets/markets";
import { LOCALE_SEGMENTS } from "../markets/shop-locale";
import { MAX_LINE_QUANTITY } from "./cart-rules";

const MAX_ID = 2_147_483_647;

export const VariantIdSchema = z.number().int().min(1).max(MAX_ID).openapi({ example: 101 });
const QuantitySchema = z.number().int().min(1).max(MAX_LINE_QUANTITY).openapi({ example: 1 });

export const AddCartItemSchema = z
	.object({ variantId: VariantIdSchema, quantity: QuantitySchema })
	.strict()
	.openapi("AddCartItem");

export const SetCartItemQuantitySchema = z
	.object({ quantity: QuantitySchema })
	.strict()
	.openapi("SetCartItemQuantity");

export const VariantIdParamSchema = z
	.object({
		variantId: z
			.string()
			.regex(/^[1-9][0-9]{0,9}$/)
			.transform(Number)
			.pipe(z.number().max(MAX_ID))
			.openapi({
				param: { name: "variantId", in: "path" },
				type: "string",
				pattern: "^[1-9][0-9]{0,9}$",
				example: "101",
			}),
	})
	.strict();

export const CartLineSchema = z
	.object({
		variantId: z.number().int(),
		productId: z.number().int(),
		productName: z.string(),
		productSlug: z.string(),
		sku: z.string(),
		size: z.string(),
		color: z.string(),
		quantity: z.number().int(),
		unitPriceMinor: z
			.number()
			.int()
			.nullable()
			.openapi({ description: "In the cart's currency; null when the item is not sold in it" }),
		lineTotalMinor: z.number().int().nullable(),
		availability: z.enum(["in_stock", "limited", "out_of_stock", "unavailable"]),
		maxQuantity: z.number().int(),
	})
	.openapi("CartLine");

export const CartSchema = z
	.object({
		market: z.enum(MARKET_IDS).openapi({ description: "The market whose price list the cart is in" }),
		currency: z.string().length(3),
		lines: z.array(CartLineSchema),
		itemCount: z.number().int(),
		subtotalMinor: z.number().int(),
		readyForCheckout: z.boolean(),
	})
	.openapi("Cart");

export const CartResponseSchema = z.object({ cart: CartSchema }).openapi("CartResponse");

// The HTML forms send every value as text; these turn that text into the same input the JSON
// API validates, through the same schemas.
const FormIntegerSchema = z
	.string()
	.trim()
	.regex(/^[0-9]{1,10}$/)
	.transform(Number)
	.openapi({ type: "string", pattern: "^[0-9]{1,10}$", example: "1" });

/** A public page's locale prefix without its slash: "fr-fr" is French in France. */
export const LocaleSegmentSchema = z
	.enum(LOCALE_SEGMENTS as [string, ...string[]])
	.openapi({ description: "Language and country, as in a page's URL prefix", example: "fr-fr" });

/**
 * `locale`: the product page's, so the cart is in the market whose prices the shopper saw there
 * (a cart in another market moves to it: its lines are priced again, never mixed).
 */
export const AddCartItemFormSchema = z
	.object({
		variantId: FormIntegerSchema,
		quantity: FormIntegerSchema,
		locale: LocaleSegmentSchema.optional(),
	})
	.strict()
	.pipe(
		z.object({
			variantId: VariantIdSchema,
			quantity: QuantitySchema,
			locale: LocaleSegmentSchema.optional(),
		}),
	)
	.openapi("AddCartItemForm");

export const CartMarketSchema = z
	.object({ market: z.enum(MARKET_IDS).openapi({ example: "eu" }) })
	.strict()
	.openapi("CartMarket");

export const SetCartItemQuantityFormSchema = z
	.object({ quantity: FormIntegerSchema })
	.strict()
	.pipe(SetCartItemQuantitySchema)
	.openapi("SetCartItemQuantityForm");
