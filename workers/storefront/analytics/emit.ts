// Sending events to the EVENTS queue. Every path checks consent first (P6), skips automated
// clients, gives each event its own id (a retried send must not look like a redelivery), and
// sends after the response so analytics never slows or breaks a shopper's request.
import type { Context } from "hono";
import { isAutomatedClient } from "../../../analytics/dimensions";
import type { EventEnvelope } from "../../../analytics/event-schema";
import type { AppEnv } from "../env";
import { analyticsConsent } from "./consent";
import { buildEnvelope, requestDimensions, type StorefrontEvent } from "./envelope";

/** Whether this request may produce analytics at all. */
export function mayCollect(c: Context<AppEnv>): boolean {
	return analyticsConsent(c).allowed && !isAutomatedClient(c.req.header("User-Agent"));
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
 *   emitEvent(c, { type: "cart_add", productId });
 *   emitEvent(c, { type: "purchase", productIds: lines.map((l) => l.productId) });
 */
export function emitEvent(c: Context<AppEnv>, event: StorefrontEvent): boolean {
	if (!mayCollect(c)) return false;
	sendLater(c, envelopesFor(c, [event]));
	return true;
}

export function emitEvents(c: Context<AppEnv>, events: readonly StorefrontEvent[]): number {
	if (!mayCollect(c) || events.length === 0) return 0;
	sendLater(c, envelopesFor(c, events));
	return events.length;
}
