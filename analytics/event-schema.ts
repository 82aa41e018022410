// The event schema shared by producer and consumer. Two shapes:
// - BeaconBody: what a browser may post to /api/v1/events;
// - EventEnvelope: what travels on the queue. It already holds no identifier: the producer puts
//   only coarse dimensions in it (device class, country) and a random per-event id, never an IP,
//   a user agent, a cookie, an account or a session. The consumer still strips it (strip.ts).
// Both are strict: an unknown field is rejected, not carried along (DESIGN P1).
import * as z from "zod";
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

export const ProductIdSchema = z.number().int().min(1).max(MAX_PRODUCT_ID);
const ProductIdListSchema = (max: number) => z.array(ProductIdSchema).max(max);

export const BeaconEventSchema = z.discriminatedUnion("type", [
	z.object({ type: z.literal("page"), path: z.string().min(1).max(MAX_PATH_LENGTH) }).strict(),
	z.object({ type: z.literal("view"), productId: ProductIdSchema }).strict(),
	z.object({ type: z.literal("cart_add"), productId: ProductIdSchema }).strict(),
	z.object({ type: z.literal("cart_remove"), productId: ProductIdSchema }).strict(),
	z
		.object({ type: z.literal("purchase"), productIds: ProductIdListSchema(MAX_PURCHASE_ITEMS).min(1) })
		.strict(),
]);
export type BeaconEvent = z.infer<typeof BeaconEventSchema>;

export const BeaconBodySchema = z
	.object({ events: z.array(BeaconEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST) })
	.strict();
export type BeaconBody = z.infer<typeof BeaconBodySchema>;

// 2020-01-01 .. 2100-01-01: anything else is not a time this producer wrote.
const EpochMsSchema = z.number().int().min(1_577_836_800_000).max(4_102_444_800_000);

const envelopeBase = {
	v: z.literal(1),
	id: z.uuid(),
	at: EpochMsSchema,
	device: z.enum(DEVICE_CLASSES),
	country: z.string().regex(/^[A-Z][A-Z0-9]$/),
};

export const EventEnvelopeSchema = z.discriminatedUnion("type", [
	z.object({ ...envelopeBase, type: z.literal("page"), path: z.enum(PATH_TEMPLATES) }).strict(),
	z
		.object({
			...envelopeBase,
			type: z.literal("view"),
			productId: ProductIdSchema,
			recent: ProductIdListSchema(MAX_RECENT),
		})
		.strict(),
	z.object({ ...envelopeBase, type: z.literal("cart_add"), productId: ProductIdSchema }).strict(),
	z.object({ ...envelopeBase, type: z.literal("cart_remove"), productId: ProductIdSchema }).strict(),
	z
		.object({
			...envelopeBase,
			type: z.literal("purchase"),
			productIds: ProductIdListSchema(MAX_PURCHASE_ITEMS).min(1),
		})
		.strict(),
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
