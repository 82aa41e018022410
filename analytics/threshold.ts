// What may leave the analytics worker (DESIGN P5). A count is published only when
//  1. the true count is at least k (k-anonymity: fewer than k shoppers is never published), and
//  2. the count with discrete Laplace noise added is still at least k (the noisy threshold of
//     PipelineDP / McSherry & Mironov), and then it is published noisy, never exact.
// The noise for a count is drawn from a generator seeded by (salt, key): the same query gets the
// same noise all day, so asking again and averaging reveals nothing; the salt is random and
// replaced every day (see queries), so yesterday's draws cannot be recomputed.
import { hashSeed, type Rng, sampleDiscreteLaplace, seededRng } from "./noise";

export type PrivacyParams = { k: number; noiseScale: number; noiseBound: number };

export const DEFAULT_PRIVACY: PrivacyParams = { k: 5, noiseScale: 1, noiseBound: 10 };

export type NoiseSource = (key: string) => Rng;

/** Noise seeded per published key from a salt. */
export function saltedNoise(salt: string): NoiseSource {
	return (key) => seededRng(hashSeed(salt, key));
}

/** The noisy count to publish, or null when it must not leave the worker. */
export function publishCount(
	trueCount: number,
	key: string,
	params: PrivacyParams,
	noise: NoiseSource,
): number | null {
	if (!Number.isFinite(trueCount) || trueCount < params.k) return null;
	const noisy = trueCount + sampleDiscreteLaplace(noise(key), params.noiseScale, params.noiseBound);
	return noisy >= params.k ? noisy : null;
}
