// Inputs of the analytics worker's RPC. The storefront is trusted less than nothing here: every
// call is parsed strictly, like any other external input.
import * as z from "zod";
import { ProductIdSchema } from "./event-schema";
import { MAX_RECENT } from "./limits";
import { SUMMARY_WINDOW_DAYS } from "./windows";

export const MAX_RECOMMENDATIONS = 24;
export const MAX_FALLBACK_CANDIDATES = 60;

export const RecommendationsRequestSchema = z
	.object({
		productId: ProductIdSchema,
		recent: z.array(ProductIdSchema).max(MAX_RECENT),
		limit: z.number().int().min(1).max(MAX_RECOMMENDATIONS),
		fallback: z.array(ProductIdSchema).max(MAX_FALLBACK_CANDIDATES),
	})
	.strict();
export type RecommendationsRequest = z.infer<typeof RecommendationsRequestSchema>;

export const SummaryRequestSchema = z
	.object({ days: z.literal(SUMMARY_WINDOW_DAYS), top: z.number().int().min(1).max(50) })
	.strict();
export type SummaryRequest = z.infer<typeof SummaryRequestSchema>;
