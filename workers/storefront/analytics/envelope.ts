// Turns an event into the queue envelope. The request's identifiers stop here: the user agent
// becomes a device class, request.cf's country a two-letter code, and nothing else of the
// request (IP, cookies, headers, account, session) is copied into the message.
import {
	coarseCountry,
	DEVICE_CLASSES,
	type DeviceClass,
	deviceClassOf,
} from "../../../analytics/dimensions";
import type { EventEnvelope } from "../../../analytics/event-schema";
import { templatePath } from "../../../analytics/path-template";

export type RequestDimensions = { at: number; device: DeviceClass; country: string };

/** An event as the storefront knows it, before it gets an id and its coarse dimensions. */
export type StorefrontEvent =
	| { type: "page"; path: string }
	| { type: "view"; productId: number; recent: readonly number[] }
	| { type: "cart_add" | "cart_remove"; productId: number }
	| { type: "purchase"; productIds: readonly number[] };

/** The event a cart change stands for: none when the quantity did not move. */
export function cartChangeEvent(productId: number, delta: number): StorefrontEvent | null {
	if (delta === 0) return null;
	return { type: delta > 0 ? "cart_add" : "cart_remove", productId };
}

export function requestDimensions(request: Request, nowMs: number): RequestDimensions {
	const cf = (request as Request & { cf?: { country?: unknown } }).cf;
	return {
		at: nowMs,
		device: deviceClassOf(request.headers.get("User-Agent") ?? undefined),
		country: coarseCountry(cf?.country),
	};
}

export function buildEnvelope(event: StorefrontEvent, dims: RequestDimensions, id: string): EventEnvelope {
	const base = { v: 1 as const, id, at: dims.at, device: dims.device, country: dims.country };
	switch (event.type) {
		case "page":
			return { ...base, type: "page", path: templatePath(event.path) };
		case "view":
			return {
				...base,
				type: "view",
				productId: event.productId,
				recent: event.recent.filter((id) => id !== event.productId),
			};
		case "cart_add":
		case "cart_remove":
			return { ...base, type: event.type, productId: event.productId };
		case "purchase":
			return { ...base, type: "purchase", productIds: [...new Set(event.productIds)] };
	}
}

/**
 * A purchase is counted when the order is paid (the webhook), not when it is placed; the webhook
 * comes from the provider, so the shopper's coarse dimensions are kept on the order meanwhile.
 */
export function purchaseSignalOf(dims: RequestDimensions): string {
	return `${dims.device}|${dims.country}`;
}

export function dimensionsOfSignal(signal: string, at: number): RequestDimensions {
	const [device, country] = signal.split("|");
	return {
		at,
		device: DEVICE_CLASSES.find((d) => d === device) ?? "other",
		country: coarseCountry(country),
	};
}
