// What a shopper may see of an order: status, lines and totals. No contact data, ever.

import type { ShippingMethod } from "../checkout/shipping";
import type { OrderLineRow, OrderRow } from "../db/orders";
import type { MarketId } from "../markets/markets";

export function buildOrderSummary(order: OrderRow, lines: readonly OrderLineRow[]) {
	return {
		number: order.number,
		status: order.status,
		market: order.market as MarketId,
		currency: order.currency,
		subtotalMinor: order.subtotalMinor,
		shippingMinor: order.shippingMinor,
		taxMinor: order.taxMinor,
		taxIncluded: order.taxIncluded,
		taxLines: order.taxLines,
		totalMinor: order.totalMinor,
		shippingMethod: order.shippingMethod as ShippingMethod,
		placedAt: new Date(order.createdAt).toISOString(),
		lines: lines.map((line) => ({
			variantId: line.variantId,
			productName: line.productName,
			sku: line.sku,
			size: line.size,
			color: line.color,
			quantity: line.quantity,
			unitPriceMinor: line.unitPriceMinor,
			lineTotalMinor: line.unitPriceMinor * line.quantity,
		})),
	};
}

export type OrderSummary = ReturnType<typeof buildOrderSummary>;
