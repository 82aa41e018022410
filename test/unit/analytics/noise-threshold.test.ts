import { describe, expect, it } from "vitest";
import { hashSeed, sampleDiscreteLaplace, seededRng } from "../../../analytics/noise";
import { publishCount, saltedNoise } from "../../../analytics/threshold";

describe("discrete Laplace noise", () => {
	it("is reproducible from a seed", () => {
		const a = Array.from(
			{ length: 20 },
			(
				(rng) => () =>
					sampleDiscreteLaplace(rng, 2, 10)
			)(seededRng(42)),
		);
		const b = Array.from(
			{ length: 20 },
			(
				(rng) => () =>
					sampleDiscreteLaplace(rng, 2, 10)
			)(seededRng(42)),
		);
		expect(a).toStrictEqual(b);
	});

	it("draws integers within the bound, centred on zero, and not always zero", () => {
		const rng = seededRng(7);
		const draws = Array.from({ length: 20_000 }, () => sampleDiscreteLaplace(rng, 1, 4));
		expect(draws.every((d) => Number.isInteger(d) && Math.abs(d) <= 4)).toBe(true);
		const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
		expect(Math.abs(mean)).toBeLessThan(0.1);
		expect(new Set(draws).size).toBeGreaterThan(5);
		// P(0) = (1 - a) / (1 + a) with a = e^-1, about 0.46.
		const zeros = draws.filter((d) => d === 0).length / draws.length;
		expect(zeros).toBeGreaterThan(0.4);
		expect(zeros).toBeLessThan(0.52);
	});

	it("is off when the scale is zero", () => {
		const rng = seededRng(1);
		expect(Array.from({ length: 100 }, () => sampleDiscreteLaplace(rng, 0, 10)).every((d) => d === 0)).toBe(
			true,
		);
	});

	it("survives a source that returns the extremes of [0, 1)", () => {
		expect(Math.abs(sampleDiscreteLaplace(() => 0, 1, 10))).toBeLessThanOrEqual(10);
		expect(Math.abs(sampleDiscreteLaplace(() => 0.999_999_999, 1, 10))).toBeLessThanOrEqual(10);
	});

	it("hashSeed separates keys", () => {
		expect(hashSeed("salt", "cv:1:2")).not.toBe(hashSeed("salt", "cv:1:3"));
		expect(hashSeed("salt", "cv:1:2")).toBe(hashSeed("salt", "cv:1:2"));
	});
});

describe("publishCount", () => {
	const exact = { k: 5, noiseScale: 0, noiseBound: 10 };
	const noisy = { k: 5, noiseScale: 2, noiseBound: 3 };

	it("never publishes a count below k, whatever the noise", () => {
		for (let seed = 0; seed < 500; seed++) {
			for (const count of [0, 1, 4]) {
				expect(publishCount(count, "cv:1:2", noisy, saltedNoise(`salt-${seed}`))).toBeNull();
			}
		}
	});

	it("publishes counts at or above k exactly when noise is off", () => {
		expect(publishCount(5, "k", exact, saltedNoise("s"))).toBe(5);
		expect(publishCount(40, "k", exact, saltedNoise("s"))).toBe(40);
		expect(publishCount(4, "k", { ...exact, k: 4 }, saltedNoise("s"))).toBe(4);
	});

	it("publishes noisy counts within the bound, never below k", () => {
		const published = Array.from({ length: 300 }, (_, i) =>
			publishCount(20, `key-${i}`, noisy, saltedNoise("s")),
		);
		for (const value of published) {
			expect(value).not.toBeNull();
			expect(Math.abs((value as number) - 20)).toBeLessThanOrEqual(3);
		}
		expect(new Set(published).size).toBeGreaterThan(1);
		for (let i = 0; i < 300; i++) {
			const value = publishCount(6, `near-${i}`, noisy, saltedNoise("s"));
			if (value !== null) expect(value).toBeGreaterThanOrEqual(5);
		}
	});

	it("gives the same noise to the same key under the same salt, so repeating a query reveals nothing", () => {
		const first = publishCount(30, "cv:1:2", { ...noisy, noiseBound: 10 }, saltedNoise("day-salt"));
		const again = publishCount(30, "cv:1:2", { ...noisy, noiseBound: 10 }, saltedNoise("day-salt"));
		expect(again).toBe(first);
	});
});
