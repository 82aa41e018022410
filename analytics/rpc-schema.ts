// Inputs of the analytics worker's RPC. The storefront is trusted less than nothing here: every
// call is parsed strictly, like any other external input.
import * as z from "zod/mini";
import { intBetween, ProductIdSchema } from "./event-schema";
import { MAX_RECENT } from "./limits";
import { SUMMARY_WINDOW_DAYS } from "./windows";

export const MAX_RECOMMENDATIONS = 24;
export const MAX_FALLBACK_CANDIDATES = 60;

export const RecommendationsRequestSchema = z.strictObject({
	productId: ProductIdSchema,
	recent: z.array(ProductIdSchema).check(z.maxLength(MAX_RECENT)),
	limit: intBetween(1, MAX_RECOMMENDATIONS),
	fallback: z.array(ProductIdSchema).check(z.maxLength(MAX_FALLBACK_CANDIDATES)),
});
export type RecommendationsRequest = z.infer<typeof RecommendationsRequestSchema>;

export const SummaryRequestSchema = z.strictObject({
	days: z.literal(SUMMARY_WINDOW_DAYS),
	top: intBetween(1, 50),
});
export type SummaryRequest = z.infer<typeof SummaryRequestSchema>;
