// What may leave the analytics worker (DESIGN P5). A count is published only when
//  1. the true count is at least k (k-anonymity: fewer than k shoppers is never published), and
//  2. the count with discrete Laplace noise added is still at least k (the noisy threshold of
//     PipelineDP / McSherry & Mironov), and then it is published noisy, never exact.
// Counts are kept per (cell, UTC day), and every day of a window gets its own noise draw, seeded
// by that day's random salt and the cell's key. A window's count is the sum of its noisy days, so
// two windows differ by a sum of noisy days, never by an exact count; and a day's draw is the
// same in every window and every read, so asking again and averaging reveals nothing.
import { hashSeed, prefixedSeed, type Rng, sampleDiscreteLaplace, seededRng } from "./noise";

export type PrivacyParams = { k: number; noiseScale: number; noiseBound: number };

export const DEFAULT_PRIVACY: PrivacyParams = { k: 5, noiseScale: 1, noiseBound: 10 };

export type NoiseSource = (key: string) => Rng;

/** Noise seeded per published key from a salt. */
export function saltedNoise(salt: string): NoiseSource {
	return (key) => seededRng(hashSeed(salt, key));
}

/** The noise of one cell on one day. */
export type CellNoise = (key: string, day: number) => Rng;

/**
 * Per-(cell, day) noise from each day's salt. A day that is still open (its counts still grow)
 * draws afresh every hour: with one draw for the whole day, two reads an hour apart would differ
 * by exactly what was counted in between. A closed day keeps one draw for as long as its salt.
 */
export function dailySaltedNoise(
	salts: ReadonlyMap<number, string>,
	clock: { firstOpenDay: number; hour: number },
): CellNoise {
	const seeds = new Map<number, (key: string) => number>();
	return (key, day) => {
		let seed = seeds.get(day);
		if (!seed) {
			const salt = salts.get(day);
			// Publishing without noise would be the one unsafe fallback.
			if (salt === undefined) throw new Error(`no noise salt for day ${day}`);
			seed = prefixedSeed(salt);
			seeds.set(day, seed);
		}
		return seededRng(seed(day >= clock.firstOpenDay ? `${key}@${day}/${clock.hour}` : `${key}@${day}`));
	};
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

/**
 * A window's count: the sum over its days of (true count + that day's noise), days without a row
 * included (they count 0 and are noised like any other), gated on the true sum and the noisy sum.
 */
export function publishWindowCount(
	countsByDay: ReadonlyMap<number, number>,
	days: readonly number[],
	key: string,
	params: PrivacyParams,
	noise: CellNoise,
): number | null {
	let trueSum = 0;
	for (const day of days) trueSum += Number(countsByDay.get(day) ?? 0);
	if (!Number.isFinite(trueSum) || trueSum < params.k) return null;
	let noisy = trueSum;
	for (const day of days) {
		noisy += sampleDiscreteLaplace(noise(key, day), params.noiseScale, params.noiseBound);
	}
	return noisy >= params.k ? noisy : null;
}
