// GET /api/v1/recommendations: the widget's data (DESIGN §4.4).
import { createRoute, z } from "@hono/zod-openapi";
import { ProductIdSchema } from "../../../analytics/event-schema";
import { recommendFor } from "../analytics/recommendations";
import { MarketParamSchema } from "../catalog/schemas";
import { DEFAULT_MARKET, MARKETS } from "../markets/markets";
import { createRouter, errorResponses } from "../openapi";

const MAX_LIMIT = 12;

// Digits only: z.coerce would also take " 12", "1e3" or "0x10".
const digits = (maxDigits: number) =>
	z
		.string()
		.regex(new RegExp(`^\\d{1,${maxDigits}}$`))
		.transform(Number);

const QuerySchema = z
	.object({
		product: digits(10)
			.pipe(ProductIdSchema)
			.openapi({ param: { name: "product", in: "query" }, type: "integer", example: 12 }),
		limit: digits(2)
			.pipe(z.number().int().min(1).max(MAX_LIMIT))
			.optional()
			.openapi({ param: { name: "limit", in: "query" }, type: "integer", example: 4 }),
		market: MarketParamSchema.openapi({ param: { name: "market", in: "query" } }),
	})
	.strict();

const CardSchema = z
	.object({
		id: z.number().int(),
		slug: z.string(),
		name: z.string(),
		priceMinor: z.number().int(),
		currency: z.string(),
		reason: z.enum(["also_viewed", "bought_together", "popular", "same_category"]),
	})
	.openapi("RecommendedProduct");

const ResponseSchema = z
	.object({ productId: z.number().int(), items: z.array(CardSchema) })
	.openapi("Recommendations");

const getRecommendations = createRoute({
	method: "get",
	path: "/api/v1/recommendations",
	tags: ["analytics"],
	summary: "Products to show beside a product",
	description:
		"Also-viewed and bought-together products, scored against the shopper's recent views, falling back to the " +
		"category. Only in-stock products. Ranked from aggregates with k-anonymity and noise applied (P5).",
	request: { query: QuerySchema },
	responses: {
		200: { description: "Recommended products", content: { "application/json": { schema: ResponseSchema } } },
		...errorResponses(400, 404),
	},
});

export const recommendationRoutes = createRouter();

recommendationRoutes.openapi(getRecommendations, async (c) => {
	const { product, limit, market = DEFAULT_MARKET } = c.req.valid("query");
	const items = await recommendFor(c, product, limit ?? 4, MARKETS[market].currency);
	c.header("Cache-Control", "private, max-age=60");
	return c.json({ productId: product, items }, 200);
});
