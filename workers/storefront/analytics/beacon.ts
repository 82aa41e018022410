// What a beacon request turns into. Pure: the route supplies the shopper's recent views and
// writes back the updated list.
import { type BeaconEvent, SERVER_ONLY_TYPES } from "../../../analytics/event-schema";
import { MAX_CONTEXT_PER_VIEW, MAX_PAIRS_PER_SHOPPER_DAY } from "../../../analytics/limits";
import type { StorefrontEvent } from "./envelope";
import { pairKey, pushRecentView } from "./recent-views";

export type BeaconPlan = { events: StorefrontEvent[]; recent: number[]; paired: string[]; ignored: number };

/**
 * The context a view carries: recent items it has not been paired with yet today, at most
 * MAX_CONTEXT_PER_VIEW, and none once the day's pair budget is spent. Marks them as paired.
 */
function contextOf(productId: number, recent: readonly number[], paired: Set<string>): number[] {
	const context: number[] = [];
	for (const id of recent) {
		if (context.length >= MAX_CONTEXT_PER_VIEW || paired.size >= MAX_PAIRS_PER_SHOPPER_DAY) break;
		const key = pairKey(productId, id);
		if (id === productId || paired.has(key)) continue;
		paired.add(key);
		context.push(id);
	}
	return context;
}

/**
 * Page and view events are sent, each product view and each page once per request; cart and
 * purchase events are ignored here because the server emits them itself from the routes that
 * cause them, so a client cannot inflate them. Each view
 * carries the views before it as context, then joins them; a pair is in context at most once a
 * day per browser (and so at most once per request).
 */
export function planBeacon(
	events: readonly BeaconEvent[],
	recent: readonly number[],
	pairedToday: readonly string[] = [],
): BeaconPlan {
	let current = [...recent];
	const paired = new Set(pairedToday);
	const out: StorefrontEvent[] = [];
	// One request counts a product view, or a page, once however often it repeats it.
	const seen = new Set<string>();
	let ignored = 0;
	for (const event of events) {
		const key =
			event.type === "view" ? `view:${event.productId}` : event.type === "page" ? `page:${event.path}` : "";
		if (SERVER_ONLY_TYPES.has(event.type) || seen.has(key)) {
			ignored += 1;
		} else if (event.type === "view") {
			seen.add(key);
			out.push({
				type: "view",
				productId: event.productId,
				recent: contextOf(event.productId, current, paired),
			});
			current = pushRecentView(current, event.productId);
		} else if (event.type === "page") {
			seen.add(key);
			out.push({ type: "page", path: event.path });
		}
	}
	return { events: out, recent: current, paired: [...paired], ignored };
}
