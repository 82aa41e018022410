// The pipeline's tunables, read from worker vars (strings) with safe bounds and defaults.
import * as z from "zod/mini";
import type { RetentionParams } from "./rollup";
import type { PrivacyParams } from "./threshold";
import { MAX_SUMMARY_DAYS } from "./windows";

const intVar = (fallback: number, min: number, max: number) =>
	z.catch(z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max)), fallback);
const numberVar = (fallback: number, min: number, max: number) =>
	z.catch(z.coerce.number().check(z.minimum(min), z.maximum(max)), fallback);

const ConfigSchema = z.object({
	K_THRESHOLD: intVar(5, 1, 1000),
	NOISE_SCALE: numberVar(1, 0, 100),
	NOISE_BOUND: intVar(10, 0, 1000),
	MAX_PAIRS_PER_EVENT: intVar(3, 0, 20),
	ROLLUP_AFTER_HOURS: intVar(48, 1, 24 * 365),
	PROCESSED_ID_TTL_HOURS: intVar(72, 1, 24 * 30),
	WINDOW_DAYS: intVar(30, 1, 365),
});

export type PipelineConfig = {
	privacy: PrivacyParams;
	maxPairsPerEvent: number;
	retention: RetentionParams;
	windowDays: number;
};

export function readPipelineConfig(
	vars: Partial<Record<keyof z.input<typeof ConfigSchema>, unknown>>,
): PipelineConfig {
	const c = ConfigSchema.parse(vars);
	return {
		privacy: { k: c.K_THRESHOLD, noiseScale: c.NOISE_SCALE, noiseBound: c.NOISE_BOUND },
		maxPairsPerEvent: c.MAX_PAIRS_PER_EVENT,
		retention: {
			rollupAfterHours: c.ROLLUP_AFTER_HOURS,
			processedIdTtlHours: c.PROCESSED_ID_TTL_HOURS,
			saltKeepDays: Math.max(MAX_SUMMARY_DAYS, c.WINDOW_DAYS) + 1,
		},
		windowDays: c.WINDOW_DAYS,
	};
}
