// Integer noise for published counts (DESIGN P5, §4.6): the two-sided geometric distribution,
// i.e. the discrete Laplace mechanism. The random source is injected, so tests seed it and
// production draws it deterministically per published count (see threshold.ts).

/** A uniform random source on [0, 1). */
export type Rng = () => number;

/** mulberry32: a small seedable PRNG. Not for secrets; it only draws noise. */
export function seededRng(seed: number): Rng {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** FNV-1a over the parts: a 32-bit seed from a key. */
export function hashSeed(...parts: readonly (string | number)[]): number {
	let hash = 0x811c9dc5;
	for (const char of parts.join("\u0000")) {
		hash ^= char.codePointAt(0) ?? 0;
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** hashSeed(prefix, key) for many keys, hashing the prefix once (the read side draws thousands). */
export function prefixedSeed(prefix: string): (key: string) => number {
	let base = 0x811c9dc5;
	for (const char of `${prefix}\u0000`) {
		base ^= char.codePointAt(0) ?? 0;
		base = Math.imul(base, 0x01000193);
	}
	return (key) => {
		let hash = base;
		for (const char of key) {
			hash ^= char.codePointAt(0) ?? 0;
			hash = Math.imul(hash, 0x01000193);
		}
		return hash >>> 0;
	};
}

/** Geometric on {0, 1, ...} with P(k) = (1 - alpha) alpha^k, by inversion. */
function sampleGeometric(rng: Rng, alpha: number): number {
	const u = 1 - rng(); // (0, 1]: log is finite
	return Math.floor(Math.log(u) / Math.log(alpha));
}

/**
 * Discrete Laplace noise with P(k) ∝ exp(-|k| / scale), as the difference of two geometric
 * draws, clamped to [-bound, bound] so a published count is never off by more than `bound`.
 * scale <= 0 means no noise.
 */
export function sampleDiscreteLaplace(rng: Rng, scale: number, bound: number): number {
	if (!(scale > 0) || !(bound > 0)) return 0;
	const alpha = Math.exp(-1 / scale);
	const noise = sampleGeometric(rng, alpha) - sampleGeometric(rng, alpha);
	return Math.max(-bound, Math.min(bound, noise));
}
