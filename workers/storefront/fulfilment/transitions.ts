// The warehouse's steps along the order status machine (issue #8): paid → packed → shipped →
// delivered, each stamping when it happened. Pure data: db/fulfilment.ts applies a step only
// while the order is still in the step's `from` status, so of two racing clicks one moves it.
import { z } from "@hono/zod-openapi";
import type { OrderRow } from "../db/orders";
import type { OrderStatus } from "../db/schema";
import { canTransition } from "../orders/status-machine";

type Step = {
	from: OrderStatus;
	to: OrderStatus;
	stamp: keyof Pick<OrderRow, "packedAt" | "shippedAt" | "deliveredAt">;
};

export const FULFILMENT_STEPS = {
	pack: { from: "paid", to: "packed", stamp: "packedAt" },
	ship: { from: "packed", to: "shipped", stamp: "shippedAt" },
	/** Delivery is day 0 of the 60-day return window. */
	deliver: { from: "shipped", to: "delivered", stamp: "deliveredAt" },
} as const satisfies Record<string, Step>;

export type FulfilmentStep = keyof typeof FULFILMENT_STEPS;

for (const [name, step] of Object.entries(FULFILMENT_STEPS)) {
	// A step the status machine does not allow is a programming error, caught at load.
	if (!canTransition(step.from, step.to))
		throw new Error(`fulfilment step ${name} is not an order transition`);
}

/**
 * The carrier and tracking number go into the shipped mail and onto the order; neither is
 * personal. Letters, digits and a few separators only: they are shown to shoppers and staff and
 * written into mails, where a line break or markup would have no business.
 */
export const ShipmentSchema = z
	.object({
		carrier: z
			.string()
			.trim()
			.regex(
				/^[\p{L}\p{N}][\p{L}\p{N} .&'()/-]{0,59}$/u,
				"A carrier name: letters, digits, spaces and . & ' ( ) / -",
			)
			.openapi({ example: "DHL Express" }),
		trackingNumber: z
			.string()
			.trim()
			.regex(/^[A-Za-z0-9-]{4,40}$/, "4 to 40 letters, digits or dashes")
			.openapi({ example: "JD014600006281234567" }),
	})
	.strict()
	.openapi("Shipment");

export type Shipment = z.infer<typeof ShipmentSchema>;
