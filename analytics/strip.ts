// Identifier stripping (DESIGN P4). The output type has no field that could name or link a
// person: no id of any kind, no IP, user agent, cookie, account, session, referrer or exact time.
// The function copies allowed fields one by one and never spreads its input, so whatever else
// arrives (even past a broken schema) cannot reach the aggregates.
import { type Country, coarseCountry, DEVICE_CLASSES, type DeviceClass, hourBucket } from "./dimensions";
import type { EventEnvelope } from "./event-schema";
import { MAX_PRODUCT_ID, MAX_PURCHASE_ITEMS, MAX_RECENT } from "./limits";
import { type PathTemplate, templatePath } from "./path-template";

type Dimensions = { hour: number; device: DeviceClass; country: Country };

export type AnonymousEvent =
	| ({ type: "page"; path: PathTemplate } & Dimensions)
	| ({ type: "view"; productId: number; recent: number[] } & Dimensions)
	| ({ type: "cart_add" | "cart_remove"; productId: number } & Dimensions)
	| ({ type: "purchase"; productIds: number[] } & Dimensions);

function isProductId(value: unknown): value is number {
	return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PRODUCT_ID;
}

/** Distinct valid product ids, in first-seen order, at most `max`, never including `exclude`. */
export function boundedProductIds(value: unknown, max: number, exclude?: number): number[] {
	if (!Array.isArray(value)) return [];
	const out: number[] = [];
	// Only look at a bounded prefix, so a hostile list costs nothing to skip.
	for (const item of value.slice(0, max * 4)) {
		if (out.length >= max) break;
		if (isProductId(item) && item !== exclude && !out.includes(item)) out.push(item);
	}
	return out;
}

function deviceOf(value: unknown): DeviceClass {
	return DEVICE_CLASSES.includes(value as DeviceClass) ? (value as DeviceClass) : "other";
}

/** Returns the anonymous event, or null when the envelope has nothing countable. */
export function stripEvent(envelope: EventEnvelope): AnonymousEvent | null {
	const at = Number.isFinite(envelope.at) ? envelope.at : Number.NaN;
	if (Number.isNaN(at)) return null;
	const dims: Dimensions = {
		hour: hourBucket(at),
		device: deviceOf(envelope.device),
		country: coarseCountry(envelope.country),
	};
	switch (envelope.type) {
		case "page":
			return typeof envelope.path === "string"
				? { type: "page", path: templatePath(envelope.path), ...dims }
				: null;
		case "view":
			if (!isProductId(envelope.productId)) return null;
			return {
				type: "view",
				productId: envelope.productId,
				recent: boundedProductIds(envelope.recent, MAX_RECENT, envelope.productId),
				...dims,
			};
		case "cart_add":
		case "cart_remove":
			return isProductId(envelope.productId)
				? { type: envelope.type, productId: envelope.productId, ...dims }
				: null;
		case "purchase": {
			const productIds = boundedProductIds(envelope.productIds, MAX_PURCHASE_ITEMS);
			return productIds.length > 0 ? { type: "purchase", productIds, ...dims } : null;
		}
		default:
			return null;
	}
}
