// The read side's gate: raw per-day rows in, only publishable (noisy, at least k) numbers out.
// Every count is a window's sum of per-(cell, day) noisy counts (see threshold.ts).
import type { PublishedPair, PublishedPopularity } from "./score";
import { type CellNoise, type PrivacyParams, publishWindowCount } from "./threshold";
import { type DayWindow, daysOf, isoDate } from "./windows";

type PairDayRow = { productA: number; productB: number; day: number; count: number };
type ProductDayRow = { productId: number; day: number; views: number; cartAdds: number; purchases: number };
type DayRow = { day: number; views: number; cartAdds: number; purchases: number; pageViews: number };
type DeviceDayRow = { device: string; day: number; count: number };

type Publisher = { days: readonly number[]; params: PrivacyParams; noise: CellNoise };

/** Rows grouped by a cell key, each cell a map of day to count. */
function cellsOf<R extends { day: number }>(
	rows: readonly R[],
	cellOf: (row: R) => string,
	countOf: (row: R) => number,
): Map<string, Map<number, number>> {
	const cells = new Map<string, Map<number, number>>();
	for (const row of rows) {
		const key = cellOf(row);
		let byDay = cells.get(key);
		if (!byDay) {
			byDay = new Map();
			cells.set(key, byDay);
		}
		const day = Number(row.day);
		byDay.set(day, (byDay.get(day) ?? 0) + Number(countOf(row)));
	}
	return cells;
}

const publish = (p: Publisher, byDay: ReadonlyMap<number, number> | undefined, key: string, days = p.days) =>
	publishWindowCount(byDay ?? new Map(), days, key, p.params, p.noise);

export function publishPairs(
	rows: readonly PairDayRow[],
	kind: "cv" | "cp",
	publisher: Publisher,
): PublishedPair[] {
	const cells = cellsOf(
		rows,
		(r) => `${kind}:${r.productA}:${r.productB}`,
		(r) => r.count,
	);
	return [...cells].flatMap(([key, byDay]) => {
		const count = publish(publisher, byDay, key);
		const [, a, b] = key.split(":");
		return count === null ? [] : [{ productA: Number(a), productB: Number(b), count }];
	});
}

/** Popularity of a product = its views; published like any other count. */
export function publishPopularity(
	rows: readonly ProductDayRow[],
	publisher: Publisher,
): PublishedPopularity[] {
	const cells = cellsOf(
		rows,
		(r) => `pv:${r.productId}`,
		(r) => r.views,
	);
	return [...cells].flatMap(([key, byDay]) => {
		const count = publish(publisher, byDay, key);
		return count === null ? [] : [{ productId: Number(key.slice(3)), count }];
	});
}

export type SummaryCount = number | null;

export type AnalyticsSummary = {
	windowDays: number;
	from: string;
	to: string;
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

/**
 * Builds the staff summary from per-day rows of a closed window; every count goes through the
 * same gate (null = below k). The trend's day and the window's total use the same daily draws,
 * so the trend adds up to the totals' noisy days and differencing windows gains nothing.
 */
export function publishSummary(
	data: {
		topProducts: readonly ProductDayRow[];
		days: readonly DayRow[];
		devices: readonly DeviceDayRow[];
	},
	options: { window: DayWindow; params: PrivacyParams; noise: CellNoise; top: number },
): AnalyticsSummary {
	const p: Publisher = { days: daysOf(options.window), params: options.params, noise: options.noise };
	const products = (pick: (r: ProductDayRow) => number) =>
		cellsOf(data.topProducts, (r) => String(r.productId), pick);
	const [views, cartAdds, purchases] = [
		products((r) => r.views),
		products((r) => r.cartAdds),
		products((r) => r.purchases),
	];
	const topProducts = [...views.keys()]
		.flatMap((id) => {
			const published = publish(p, views.get(id), `pv:${id}`);
			if (published === null) return [];
			return [
				{
					productId: Number(id),
					views: published,
					cartAdds: publish(p, cartAdds.get(id), `pc:${id}`),
					purchases: publish(p, purchases.get(id), `pp:${id}`),
				},
			];
		})
		// Chosen by noisy counts, from a candidate set whose size does not depend on `top`: the
		// top n is the prefix of the top n + 1, so asking both reveals only the noisy order.
		.sort((a, b) => b.views - a.views || a.productId - b.productId)
		.slice(0, options.top);

	const totals = (pick: (d: DayRow) => number) => cellsOf(data.days, () => "all", pick).get("all");
	const series = {
		views: totals((d) => d.views),
		cartAdds: totals((d) => d.cartAdds),
		purchases: totals((d) => d.purchases),
		pageViews: totals((d) => d.pageViews),
	};
	const funnel = {
		views: publish(p, series.views, "all:views"),
		cartAdds: publish(p, series.cartAdds, "all:cart"),
		purchases: publish(p, series.purchases, "all:purchase"),
	};
	const devices = [
		...cellsOf(
			data.devices,
			(d) => d.device,
			(d) => d.count,
		),
	]
		.flatMap(([device, byDay]) => {
			const pageViews = publish(p, byDay, `dev:${device}`);
			return pageViews === null ? [] : [{ device, pageViews }];
		})
		.sort((a, b) => b.pageViews - a.pageViews || a.device.localeCompare(b.device));
	const deviceTotal = devices.reduce((total, d) => total + d.pageViews, 0);
	return {
		windowDays: p.days.length,
		from: isoDate(options.window.sinceDay),
		to: isoDate(options.window.untilDay),
		k: options.params.k,
		topProducts,
		funnel: {
			...funnel,
			viewToCartRate: rate(funnel.cartAdds, funnel.views),
			cartToPurchaseRate: rate(funnel.purchases, funnel.cartAdds),
		},
		deviceMix: devices.map((d) => ({ ...d, share: rate(d.pageViews, deviceTotal) ?? 0 })),
		trend: p.days.map((day) => ({
			date: isoDate(day),
			views: publish(p, series.views, "all:views", [day]),
			cartAdds: publish(p, series.cartAdds, "all:cart", [day]),
			purchases: publish(p, series.purchases, "all:purchase", [day]),
			pageViews: publish(p, series.pageViews, "all:pages", [day]),
		})),
	};
}
