import { describe, expect, it } from "vitest";
import { hashSeed, prefixedSeed, sampleDiscreteLaplace, seededRng } from "../../../analytics/noise";
import {
	dailySaltedNoise,
	publishCount,
	publishWindowCount,
	saltedNoise,
} from "../../../analytics/threshold";
import {
	countedHour,
	daysOf,
	firstOpenDay,
	SUMMARY_WINDOW_DAYS,
	windowEndingToday,
	windowOfClosedDays,
} from "../../../analytics/windows";

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

describe("per-(cell, day) noise and window counts", () => {
	const noisy = { k: 5, noiseScale: 1, noiseBound: 10 };
	const exact = { k: 5, noiseScale: 0, noiseBound: 10 };
	const salts = new Map(Array.from({ length: 40 }, (_, i) => [100 + i, `salt-${i}`] as [number, string]));
	const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

	it("prefixedSeed is hashSeed with the prefix hashed once", () => {
		const seed = prefixedSeed("day-salt");
		for (const key of ["cv:1:2@100", "pv:7@101/2424", ""]) expect(seed(key)).toBe(hashSeed("day-salt", key));
	});

	it("makes the difference of two windows noisy: 40 on one day, 1 on an earlier day", () => {
		const counts = new Map([
			[139, 40],
			[136, 1],
		]);
		const diffs = Array.from({ length: 50 }, (_, seed) => {
			const seeded = new Map([...salts].map(([day, salt]) => [day, `${salt}/${seed}`] as [number, string]));
			const noise = dailySaltedNoise(seeded, { firstOpenDay: 140, hour: 140 * 24 });
			const week = publishWindowCount(counts, days(133, 139), "all:purchase", noisy, noise);
			const day = publishWindowCount(counts, days(139, 139), "all:purchase", noisy, noise);
			expect(week).not.toBeNull();
			expect(day).not.toBeNull();
			return (week as number) - (day as number);
		});
		// A sum of six independent draws around the true 1: exact only by chance, and rarely.
		expect(diffs.filter((d) => d === 1).length).toBeLessThan(25);
		expect(new Set(diffs).size).toBeGreaterThan(3);
		// The one purchase's own day is below k: never published on its own, whatever the salt.
		const noise = dailySaltedNoise(salts, { firstOpenDay: 140, hour: 140 * 24 });
		expect(publishWindowCount(counts, [136], "all:purchase", noisy, noise)).toBeNull();
	});

	it("gives a closed day one draw in every window and every read", () => {
		const noise = dailySaltedNoise(salts, { firstOpenDay: 140, hour: 140 * 24 + 5 });
		const later = dailySaltedNoise(salts, { firstOpenDay: 140, hour: 140 * 24 + 9 });
		expect(noise("pv:1", 120)()).toBe(later("pv:1", 120)());
		expect(noise("pv:1", 120)()).not.toBe(noise("pv:1", 121)());
		expect(noise("pv:1", 120)()).not.toBe(noise("pv:2", 120)());
	});

	it("draws an open day afresh every hour, so reads an hour apart do not subtract exactly", () => {
		const at = (hour: number) => dailySaltedNoise(salts, { firstOpenDay: 139, hour });
		expect(at(139 * 24 + 5)("cv:1:2", 139)()).toBe(at(139 * 24 + 5)("cv:1:2", 139)());
		expect(at(139 * 24 + 5)("cv:1:2", 139)()).not.toBe(at(139 * 24 + 6)("cv:1:2", 139)());
	});

	it("noises days without a row too, gates on the true window sum and never publishes exact with noise on", () => {
		const noise = dailySaltedNoise(salts, { firstOpenDay: 140, hour: 140 * 24 });
		expect(publishWindowCount(new Map([[139, 4]]), days(110, 139), "x", noisy, noise)).toBeNull();
		expect(publishWindowCount(new Map([[139, 5]]), days(139, 139), "x", exact, noise)).toBe(5);
		const spread = Array.from({ length: 60 }, (_, i) =>
			publishWindowCount(new Map([[139, 50]]), days(110, 139), `key-${i}`, noisy, noise),
		);
		expect(spread.every((v) => v !== null && Math.abs(v - 50) <= 30 * 10)).toBe(true);
		expect(new Set(spread).size).toBeGreaterThan(5);
	});

	it("refuses to publish a day without its salt rather than publish it without noise", () => {
		const noise = dailySaltedNoise(new Map(), { firstOpenDay: 140, hour: 140 * 24 });
		expect(() => publishWindowCount(new Map([[139, 50]]), [139], "x", noisy, noise)).toThrow(/salt/);
	});
});

describe("day windows", () => {
	const now = Date.UTC(2026, 10, 29, 13, 20);
	const today = Math.floor(now / 86_400_000);

	it("windows are whole days ending today", () => {
		expect(windowEndingToday(now, 1)).toStrictEqual({ sinceDay: today, untilDay: today });
		expect(windowEndingToday(now, 7)).toStrictEqual({ sinceDay: today - 6, untilDay: today });
		expect(windowEndingToday(now, 30)).toStrictEqual({ sinceDay: today - 29, untilDay: today });
		// The same all day long: the window moves once a day, not with every hour.
		expect(windowEndingToday(now + 9 * 3_600_000, 30)).toStrictEqual(windowEndingToday(now, 30));
	});

	it("the staff summary's windows hold closed days only", () => {
		expect(windowOfClosedDays(now, 1)).toStrictEqual({ sinceDay: today - 1, untilDay: today - 1 });
		expect(windowOfClosedDays(now, 7)).toStrictEqual({ sinceDay: today - 7, untilDay: today - 1 });
		// Yesterday is still open until 01:00 UTC: before then the window ends the day before.
		const justAfterMidnight = Date.UTC(2026, 10, 30, 0, 30);
		expect(windowOfClosedDays(justAfterMidnight, 1).untilDay).toBe(today - 1);
		expect(windowOfClosedDays(Date.UTC(2026, 10, 30, 1, 0), 1).untilDay).toBe(today);
	});

	it("a day closes an hour after midnight; later events count in the open day", () => {
		const justAfterMidnight = Date.UTC(2026, 10, 30, 0, 30);
		expect(firstOpenDay(justAfterMidnight)).toBe(today);
		expect(windowEndingToday(justAfterMidnight, 1).untilDay).toBe(today + 1);
		expect(firstOpenDay(Date.UTC(2026, 10, 30, 1, 0))).toBe(today + 1);
		const lateHour = today * 24 + 23;
		expect(countedHour(lateHour, justAfterMidnight)).toBe(lateHour);
		expect(countedHour(lateHour, Date.UTC(2026, 10, 30, 2))).toBe((today + 1) * 24);
		expect(countedHour((today - 3) * 24, now)).toBe(today * 24);
	});

	it("lists a window's days and offers fixed summary lengths only", () => {
		expect(daysOf({ sinceDay: 5, untilDay: 7 })).toStrictEqual([5, 6, 7]);
		expect(SUMMARY_WINDOW_DAYS).toStrictEqual([1, 7, 30, 90]);
	});
});
