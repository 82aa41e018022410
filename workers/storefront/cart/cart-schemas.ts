import { z } from "@hono/zod-openapi";
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
		unitPriceMinor: z.number().int(),
		lineTotalMinor: z.number().int(),
		availability: z.enum(["in_stock", "limited", "out_of_stock"]),
		maxQuantity: z.number().int(),
	})
	.openapi("CartLine");

export const CartSchema = z
	.object({
		lines: z.array(CartLineSchema),
		itemCount: z.number().int(),
		subtotalMinor: z.number().int(),
		currency: z.string().nullable(),
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

export const AddCartItemFormSchema = z
	.object({ variantId: FormIntegerSchema, quantity: FormIntegerSchema })
	.strict()
	.pipe(AddCartItemSchema)
	.openapi("AddCartItemForm");

export const SetCartItemQuantityFormSchema = z
	.object({ quantity: FormIntegerSchema })
	.strict()
	.pipe(SetCartItemQuantitySchema)
	.openapi("SetCartItemQuantityForm");
