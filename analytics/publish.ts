// The read side's gate: raw rows in, only publishable (noisy, at least k) numbers out.
import { dayOfHour, hourBucket } from "./dimensions";
import type { PublishedPair, PublishedPopularity } from "./score";
import { type NoiseSource, type PrivacyParams, publishCount } from "./threshold";

type PairRow = { productA: number; productB: number; count: number };
type ProductRow = { productId: number; views: number; cartAdds: number; purchases: number };
type DayRow = { day: number; views: number; cartAdds: number; purchases: number; pageViews: number };
type DeviceRow = { device: string; count: number };

export function publishPairs(
	rows: readonly PairRow[],
	kind: "cv" | "cp",
	params: PrivacyParams,
	noise: NoiseSource,
): PublishedPair[] {
	return rows.flatMap((r) => {
		const count = publishCount(Number(r.count), `${kind}:${r.productA}:${r.productB}`, params, noise);
		return count === null ? [] : [{ productA: r.productA, productB: r.productB, count }];
	});
}

/** Popularity of a product = its views; published like any other count. */
export function publishPopularity(
	rows: readonly ProductRow[],
	params: PrivacyParams,
	noise: NoiseSource,
): PublishedPopularity[] {
	return rows.flatMap((r) => {
		const count = publishCount(Number(r.views), `pv:${r.productId}`, params, noise);
		return count === null ? [] : [{ productId: r.productId, count }];
	});
}

export type SummaryCount = number | null;

export type AnalyticsSummary = {
	windowDays: number;
	k: number;
	topProducts: { productId: number; views: number; cartAdds: SummaryCount; purchases: SummaryCount }[];
	funnel: {
		views: SummaryCount;
		cartAdds: SummaryCount;
		purchases: SummaryCount;
		viewToCartRate: number | null;
		cartToPurchaseRate: number | null;
	};
	deviceMix: { device: string; pageViews: number; share: number }[];
	trend: {
		date: string;
		views: SummaryCount;
		cartAdds: SummaryCount;
		purchases: SummaryCount;
		pageViews: SummaryCount;
	}[];
};

function rate(numerator: SummaryCount, denominator: SummaryCount): number | null {
	if (numerator === null || denominator === null || denominator <= 0) return null;
	return Math.round((numerator / denominator) * 10_000) / 10_000;
}

function isoDate(day: number): string {
	return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Builds the staff summary from raw totals; every count goes through the same gate (null = below k). */
export function publishSummary(
	data: { topProducts: readonly ProductRow[]; days: readonly DayRow[]; devices: readonly DeviceRow[] },
	options: { windowDays: number; params: PrivacyParams; noise: NoiseSource },
): AnalyticsSummary {
	const gate = (value: number, key: string) =>
		publishCount(Number(value), key, options.params, options.noise);
	const topProducts = data.topProducts.flatMap((p) => {
		const views = gate(p.views, `pv:${p.productId}`);
		if (views === null) return [];
		return [
			{
				productId: p.productId,
				views,
				cartAdds: gate(p.cartAdds, `pc:${p.productId}`),
				purchases: gate(p.purchases, `pp:${p.productId}`),
			},
		];
	});
	const sum = (pick: (d: DayRow) => number) => data.days.reduce((total, d) => total + Number(pick(d)), 0);
	const views = gate(
		sum((d) => d.views),
		"funnel:views",
	);
	const cartAdds = gate(
		sum((d) => d.cartAdds),
		"funnel:cart",
	);
	const purchases = gate(
		sum((d) => d.purchases),
		"funnel:purchase",
	);
	const devices = data.devices.flatMap((d) => {
		const pageViews = gate(d.count, `dev:${d.device}`);
		return pageViews === null ? [] : [{ device: d.device, pageViews }];
	});
	const deviceTotal = devices.reduce((total, d) => total + d.pageViews, 0);
	return {
		windowDays: options.windowDays,
		k: options.params.k,
		topProducts,
		funnel: {
			views,
			cartAdds,
			purchases,
			viewToCartRate: rate(cartAdds, views),
			cartToPurchaseRate: rate(purchases, cartAdds),
		},
		deviceMix: devices.map((d) => ({ ...d, share: rate(d.pageViews, deviceTotal) ?? 0 })),
		trend: data.days.map((d) => ({
			date: isoDate(d.day),
			views: gate(d.views, `day:${d.day}:views`),
			cartAdds: gate(d.cartAdds, `day:${d.day}:cart`),
			purchases: gate(d.purchases, `day:${d.day}:purchase`),
			pageViews: gate(d.pageViews, `day:${d.day}:pages`),
		})),
	};
}

/** The window's first hour and today's day number, from the current time. */
export function windowOf(nowMs: number, windowDays: number): { sinceHour: number; today: number } {
	const hour = hourBucket(nowMs);
	return { sinceHour: hour - windowDays * 24, today: dayOfHour(hour) };
}
