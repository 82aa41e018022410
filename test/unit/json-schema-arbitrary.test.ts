// The property suite's generator (test/property/json-schema-arbitrary.ts) against zod itself:
// what it draws from a zod schema's JSON Schema, zod accepts. Lengths are UTF-16 code units, as
// zod counts them; emails are ones zod's own pattern takes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { AddCartItemSchema, SetCartItemQuantitySchema } from "../../workers/storefront/cart/cart-schemas";
import { arbitraryOf, type JsonSchema, resolveSchema } from "../property/json-schema-arbitrary";

const asJsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "openapi-3.0" }) as JsonSchema;

function expectZodAccepts(schema: z.ZodType, components: Record<string, JsonSchema> = {}) {
	const jsonSchema = asJsonSchema(schema);
	fc.assert(
		fc.property(arbitraryOf(jsonSchema, { components }), (value) => {
			const parsed = schema.safeParse(value);
			if (!parsed.success) throw new Error(`${fc.stringify(value)}: ${parsed.error.message}`);
		}),
		{ seed: 12, numRuns: 200 },
	);
}

describe("arbitraryOf", () => {
	it("draws what zod accepts, keyword by keyword", () => {
		expectZodAccepts(
			z
				.object({
					email: z.email().max(254),
					name: z.string().min(1).max(10),
					code: z.string().regex(/^LW-[0-9A-Z]{4}$/),
					quantity: z.number().int().min(1).max(10),
					price: z.number().min(0).max(5).optional(),
					tags: z
						.array(z.enum(["a", "b"]))
						.min(1)
						.max(3),
					note: z.string().max(5).nullable(),
					pick: z.union([z.object({ a: z.literal(1) }).strict(), z.object({ b: z.boolean() }).strict()]),
					both: z.intersection(z.object({ x: z.string() }), z.object({ y: z.number().int() })),
				})
				.strict(),
		);
	});

	it("draws the cart's request bodies", () => {
		expectZodAccepts(AddCartItemSchema);
		expectZodAccepts(SetCartItemQuantitySchema);
	});

	it("follows $ref into components and merges allOf", () => {
		const components: Record<string, JsonSchema> = {
			Line: {
				type: "object",
				properties: { sku: { type: "string", minLength: 3, maxLength: 3 } },
				required: ["sku"],
			},
			Priced: {
				allOf: [
					{ $ref: "#/components/schemas/Line" },
					{
						type: "object",
						properties: { cents: { type: "integer", minimum: 0, maximum: 9 } },
						required: ["cents"],
					},
				],
			},
		};
		const values = fc.sample(arbitraryOf({ $ref: "#/components/schemas/Priced" }, { components }), {
			seed: 3,
			numRuns: 50,
		});
		for (const value of values as { sku: string; cents: number }[]) {
			expect(value.sku).toHaveLength(3);
			expect(value.cents).toBeGreaterThanOrEqual(0);
			expect(value.cents).toBeLessThanOrEqual(9);
		}
		expect(() => resolveSchema({ $ref: "#/components/schemas/Missing" }, { components })).toThrow(
			/unresolved/,
		);
	});

	it("mixes in hints by name and by component", () => {
		const components: Record<string, JsonSchema> = {
			Id: { type: "integer", minimum: 1, maximum: 1_000_000 },
		};
		const values = fc.sample(
			arbitraryOf(
				{ type: "object", properties: { id: { $ref: "#/components/schemas/Id" } }, required: ["id"] },
				{ components, hint: (name) => (name === "$ref:Id" ? fc.constant(42) : undefined) },
			),
			{ seed: 5, numRuns: 100 },
		) as { id: number }[];
		expect(values.some((v) => v.id === 42)).toBe(true);
		expect(values.some((v) => v.id !== 42)).toBe(true);
	});
});
