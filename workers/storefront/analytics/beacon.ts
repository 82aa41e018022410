// What a beacon request turns into. Pure: the route supplies the shopper's recent views and
// writes back the updated list.
import { type BeaconEvent, SERVER_ONLY_TYPES } from "../../../analytics/event-schema";
import type { StorefrontEvent } from "./envelope";
import { pushRecentView } from "./recent-views";

export type BeaconPlan = { events: StorefrontEvent[]; recent: number[]; ignored: number };

/**
 * Page and view events are sent; cart and purchase events are ignored here because the server
 * emits them itself from the routes that cause them, so a client cannot inflate them. Each view
 * carries the views before it as context, then joins them.
 */
export function planBeacon(events: readonly BeaconEvent[], recent: readonly number[]): BeaconPlan {
	let current = [...recent];
	const out: StorefrontEvent[] = [];
	let ignored = 0;
	for (const event of events) {
		if (SERVER_ONLY_TYPES.has(event.type)) {
			ignored += 1;
		} else if (event.type === "view") {
			out.push({ type: "view", productId: event.productId, recent: current });
			current = pushRecentView(current, event.productId);
		} else if (event.type === "page") {
			out.push({ type: "page", path: event.path });
		}
	}
	return { events: out, recent: current, ignored };
}
