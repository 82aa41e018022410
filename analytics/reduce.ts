// Batch reduction: a list of anonymous events becomes count deltas, keyed by the aggregate rows
// they touch. Each event's contribution is bounded (DESIGN P5, §4.6): one count per product
// row, at most `maxPairsPerEvent` co-view or co-purchase pairs, one page view.
import type { Country, DeviceClass } from "./dimensions";
import { dayOfHour } from "./dimensions";
import type { PathTemplate } from "./path-template";
import type { AnonymousEvent } from "./strip";

export type ProductHourDelta = {
	productId: number;
	hour: number;
	views: number;
	cartAdds: number;
	cartRemoves: number;
	purchases: number;
};
export type PairDayDelta = { day: number; productA: number; productB: number; count: number };
export type PageViewDelta = {
	path: PathTemplate;
	device: DeviceClass;
	country: Country;
	hour: number;
	count: number;
};

export type CountDeltas = {
	productHours: ProductHourDelta[];
	coViews: PairDayDelta[];
	coPurchases: PairDayDelta[];
	pageViews: PageViewDelta[];
};

export type ReduceOptions = { maxPairsPerEvent: number };

/** Unordered pair, stored with the smaller id first so (a,b) and (b,a) are one row. */
function orderedPair(x: number, y: number): [number, number] {
	return x < y ? [x, y] : [y, x];
}

/** Pairs of `anchor` with the most recent others, at most `max`. */
export function anchorPairs(anchor: number, others: readonly number[], max: number): [number, number][] {
	return others
		.filter((o) => o !== anchor)
		.slice(0, Math.max(0, max))
		.map((o) => orderedPair(anchor, o));
}

/** Pairs among a set of items (lowest ids first), at most `max`. */
export function setPairs(items: readonly number[], max: number): [number, number][] {
	const sorted = [...new Set(items)].sort((a, b) => a - b);
	const out: [number, number][] = [];
	for (let i = 0; i < sorted.length && out.length < max; i++) {
		for (let j = i + 1; j < sorted.length && out.length < max; j++) {
			out.push([sorted[i] as number, sorted[j] as number]);
		}
	}
	return out;
}

type ProductCounter = "views" | "cartAdds" | "cartRemoves" | "purchases";

export function reduceEvents(events: readonly AnonymousEvent[], options: ReduceOptions): CountDeltas {
	const productHours = new Map<string, ProductHourDelta>();
	const coViews = new Map<string, PairDayDelta>();
	const coPurchases = new Map<string, PairDayDelta>();
	const pageViews = new Map<string, PageViewDelta>();

	const bumpProduct = (productId: number, hour: number, counter: ProductCounter) => {
		const key = `${productId}|${hour}`;
		let row = productHours.get(key);
		if (!row) {
			row = { productId, hour, views: 0, cartAdds: 0, cartRemoves: 0, purchases: 0 };
			productHours.set(key, row);
		}
		row[counter] += 1;
	};
	const bumpPairs = (target: Map<string, PairDayDelta>, pairs: [number, number][], hour: number) => {
		const day = dayOfHour(hour);
		for (const [productA, productB] of pairs) {
			const key = `${day}|${productA}|${productB}`;
			const row = target.get(key);
			if (row) row.count += 1;
			else target.set(key, { day, productA, productB, count: 1 });
		}
	};

	for (const event of events) {
		switch (event.type) {
			case "page": {
				const key = `${event.path}|${event.device}|${event.country}|${event.hour}`;
				const row = pageViews.get(key);
				if (row) row.count += 1;
				else
					pageViews.set(key, {
						path: event.path,
						device: event.device,
						country: event.country,
						hour: event.hour,
						count: 1,
					});
				break;
			}
			case "view":
				bumpProduct(event.productId, event.hour, "views");
				bumpPairs(coViews, anchorPairs(event.productId, event.recent, options.maxPairsPerEvent), event.hour);
				break;
			case "cart_add":
				bumpProduct(event.productId, event.hour, "cartAdds");
				break;
			case "cart_remove":
				bumpProduct(event.productId, event.hour, "cartRemoves");
				break;
			case "purchase": {
				for (const productId of new Set(event.productIds)) bumpProduct(productId, event.hour, "purchases");
				bumpPairs(coPurchases, setPairs(event.productIds, options.maxPairsPerEvent), event.hour);
				break;
			}
		}
	}
	return {
		productHours: [...productHours.values()],
		coViews: [...coViews.values()],
		coPurchases: [...coPurchases.values()],
		pageViews: [...pageViews.values()],
	};
}

export function isEmptyDeltas(deltas: CountDeltas): boolean {
	return (
		deltas.productHours.length === 0 &&
		deltas.coViews.length === 0 &&
		deltas.coPurchases.length === 0 &&
		deltas.pageViews.length === 0
	);
}
