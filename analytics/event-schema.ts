// The event schema shared by producer and consumer. Two shapes:
// - BeaconBody: what a browser may post to /api/v1/events;
// - EventEnvelope: what travels on the queue. It already holds no identifier: the producer puts
//   only coarse dimensions in it (device class, country) and a random per-event id, never an IP,
//   a user agent, a cookie, an account or a session. The consumer still strips it (strip.ts).
// Both are strict: an unknown field is rejected, not carried along (DESIGN P1).
// zod/mini: the analytics worker validates these few shapes and nothing else, and mini's functions
// are tree-shaken where classic's methods are not (issue #11: the worker's bundle budget). The
// storefront puts these schemas inside its classic OpenAPI schemas; zod's core is shared, so
// their issues read the same there.
import * as z from "zod/mini";
import { DEVICE_CLASSES } from "./dimensions";
import {
	MAX_EVENTS_PER_REQUEST,
	MAX_PATH_LENGTH,
	MAX_PRODUCT_ID,
	MAX_PURCHASE_ITEMS,
	MAX_RECENT,
} from "./limits";
import { PATH_TEMPLATES } from "./path-template";

export const EVENT_TYPES = ["page", "view", "cart_add", "cart_remove", "purchase"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Events only the server emits, from the routes that cause them: a client cannot fake a purchase. */
export const SERVER_ONLY_TYPES: ReadonlySet<EventType> = new Set(["cart_add", "cart_remove", "purchase"]);

/** An integer in [min, max]: the checks classic's `z.number().int().min(min).max(max)` adds. */
export const intBetween = (min: number, max: number) =>
	z.number().check(z.int(), z.minimum(min), z.maximum(max));

export const ProductIdSchema = intBetween(1, MAX_PRODUCT_ID);
const ProductIdListSchema = (max: number) => z.array(ProductIdSchema).check(z.maxLength(max));
const PurchasedIdsSchema = z.array(ProductIdSchema).check(z.minLength(1), z.maxLength(MAX_PURCHASE_ITEMS));

export const BeaconEventSchema = z.discriminatedUnion("type", [
	z.strictObject({
		type: z.literal("page"),
		path: z.string().check(z.minLength(1), z.maxLength(MAX_PATH_LENGTH)),
	}),
	z.strictObject({ type: z.literal("view"), productId: ProductIdSchema }),
	z.strictObject({ type: z.literal("cart_add"), productId: ProductIdSchema }),
	z.strictObject({ type: z.literal("cart_remove"), productId: ProductIdSchema }),
	z.strictObject({ type: z.literal("purchase"), productIds: PurchasedIdsSchema }),
]);
export type BeaconEvent = z.infer<typeof BeaconEventSchema>;

export const BeaconBodySchema = z.strictObject({
	events: z.array(BeaconEventSchema).check(z.minLength(1), z.maxLength(MAX_EVENTS_PER_REQUEST)),
});
export type BeaconBody = z.infer<typeof BeaconBodySchema>;

// 2020-01-01 .. 2100-01-01: anything else is not a time this producer wrote.
const EpochMsSchema = intBetween(1_577_836_800_000, 4_102_444_800_000);

const envelopeBase = {
	v: z.literal(1),
	id: z.uuid(),
	at: EpochMsSchema,
	device: z.enum(DEVICE_CLASSES),
	country: z.string().check(z.regex(/^[A-Z][A-Z0-9]$/)),
};

export const EventEnvelopeSchema = z.discriminatedUnion("type", [
	z.strictObject({ ...envelopeBase, type: z.literal("page"), path: z.enum(PATH_TEMPLATES) }),
	z.strictObject({
		...envelopeBase,
		type: z.literal("view"),
		productId: ProductIdSchema,
		recent: ProductIdListSchema(MAX_RECENT),
	}),
	z.strictObject({ ...envelopeBase, type: z.literal("cart_add"), productId: ProductIdSchema }),
	z.strictObject({ ...envelopeBase, type: z.literal("cart_remove"), productId: ProductIdSchema }),
	z.strictObject({ ...envelopeBase, type: z.literal("purchase"), productIds: PurchasedIdsSchema }),
]);
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

export type RejectReason = "not_an_object" | "unknown_version" | "unknown_type" | "invalid_fields";

export type ParsedEnvelope = { ok: true; envelope: EventEnvelope } | { ok: false; reason: RejectReason };

/** Strictly parses a queue message body, naming why it was rejected (counted by reason). */
export function parseEnvelope(body: unknown): ParsedEnvelope {
	const result = EventEnvelopeSchema.safeParse(body);
	if (result.success) return { ok: true, envelope: result.data };
	if (typeof body !== "object" || body === null || Array.isArray(body))
		return { ok: false, reason: "not_an_object" };
	const record = body as Record<string, unknown>;
	if (record.v !== 1) return { ok: false, reason: "unknown_version" };
	if (!EVENT_TYPES.includes(record.type as EventType)) return { ok: false, reason: "unknown_type" };
	return { ok: false, reason: "invalid_fields" };
}
