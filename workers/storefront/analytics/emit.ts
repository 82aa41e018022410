// Sending events to the EVENTS queue. Every path checks consent first (P6), skips automated
// clients, gives each event its own id (a retried send must not look like a redelivery), and
// sends after the response so analytics never slows or breaks a shopper's request.
import type { Context } from "hono";
import { isAutomatedClient } from "../../../analytics/dimensions";
import type { EventEnvelope } from "../../../analytics/event-schema";
import type { AppEnv } from "../env";
import { analyticsConsent } from "./consent";
import {
	buildEnvelope,
	dimensionsOfSignal,
	purchaseSignalOf,
	requestDimensions,
	type StorefrontEvent,
} from "./envelope";
import { withinEventBudget } from "./event-budget";

/** Whether this request may produce analytics at all. */
export async function mayCollect(c: Context<AppEnv>): Promise<boolean> {
	return !isAutomatedClient(c.req.header("User-Agent")) && (await analyticsConsent(c)).allowed;
}

export function envelopesFor(c: Context<AppEnv>, events: readonly StorefrontEvent[]): EventEnvelope[] {
	const dims = requestDimensions(c.req.raw, Date.now());
	return events.map((event) => buildEnvelope(event, dims, crypto.randomUUID()));
}

function sendLater(c: Context<AppEnv>, envelopes: EventEnvelope[]): void {
	if (envelopes.length === 0) return;
	const send = c.env.EVENTS.sendBatch(
		envelopes.map((body) => ({ body, contentType: "json" as const })),
	).catch((err: unknown) =>
		c.var.logger.warn("analytics enqueue failed", {
			events: envelopes.length,
			err,
		}),
	);
	c.executionCtx.waitUntil(send);
}

/**
 * Server-side emission from the route that caused the event (the server is the source of truth
 * for cart and purchase events). Returns whether the event was sent.
 *
 *   await emitEvent(c, { type: "cart_add", productId });
 *   await emitEvent(c, { type: "purchase", productIds: lines.map((l) => l.productId) });
 */
export async function emitEvent(c: Context<AppEnv>, event: StorefrontEvent): Promise<boolean> {
	if (!(await mayCollect(c)) || !(await withinEventBudget(c, 1))) return false;
	sendLater(c, envelopesFor(c, [event]));
	return true;
}

export async function emitEvents(c: Context<AppEnv>, events: readonly StorefrontEvent[]): Promise<number> {
	if (events.length === 0 || !(await mayCollect(c)) || !(await withinEventBudget(c, events.length))) return 0;
	sendLater(c, envelopesFor(c, events));
	return events.length;
}

/**
 * A purchase paid for: sent from the payment webhook with the dimensions kept on the order when
 * the shopper, consenting, placed it (the webhook's own request is the provider's, not theirs).
 */
export function emitPaidPurchase(c: Context<AppEnv>, productIds: readonly number[], signal: string): void {
	if (productIds.length === 0) return;
	const dims = dimensionsOfSignal(signal, Date.now());
	sendLater(c, [buildEnvelope({ type: "purchase", productIds }, dims, crypto.randomUUID())]);
}

/** What the order keeps for its purchase event: null when this request may not produce analytics. */
export async function purchaseSignalFor(c: Context<AppEnv>): Promise<string | null> {
	return (await mayCollect(c)) ? purchaseSignalOf(requestDimensions(c.req.raw, Date.now())) : null;
}
