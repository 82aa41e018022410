// What the shopper is told about their payment: facts of the order only (number, lines,
// amounts, tax), never anything personal; the vault adds the address and sends (order-mail.ts).
// Issue #13: sizes, colours and the shipping method as the shopper saw them in their market and
// language; the vault writes the rest in that language (the order's mail locale).
import type { OrderMail } from "../../shared/vault-contract";
import { translatedColorLabel } from "../catalog/format";
import { SHIPPING_METHODS } from "../checkout/shipping";
import type { OrderLineRow, OrderRow } from "../db/orders";
import { translatorFor } from "../i18n/translate";
import { isLanguage, isMarketId, MARKETS } from "../markets/markets";
import { marketSizeLabel } from "../markets/sizes";

/** The contract's bounds: 50 lines, 120 characters a text, 4 tax lines named in 40. */
const MAX_MAIL_LINES = 50;
const MAX_TAX_LINES = 4;
const clip = (text: string, max = 120) => text.slice(0, max);

type ConfirmedOrder = Pick<
	OrderRow,
	| "number"
	| "currency"
	| "market"
	| "language"
	| "subtotalMinor"
	| "shippingMinor"
	| "shippingMethod"
	| "taxIncluded"
	| "taxLines"
	| "totalMinor"
>;

export function orderConfirmedMail(order: ConfirmedOrder, lines: readonly OrderLineRow[]): OrderMail {
	const t = translatorFor(isLanguage(order.language) ? order.language : "en");
	const units = isMarketId(order.market) ? MARKETS[order.market].units : "imperial";
	const method = SHIPPING_METHODS.find((known) => known === order.shippingMethod);
	return {
		kind: "order_confirmed",
		orderNumber: order.number,
		currency: order.currency,
		totalMinor: order.totalMinor,
		subtotalMinor: order.subtotalMinor,
		shippingMinor: order.shippingMinor,
		shippingMethod: clip(method ? t(`shipping.${method}`) : order.shippingMethod),
		lines: lines.slice(0, MAX_MAIL_LINES).map((line) => ({
			name: clip(line.productName),
			detail: clip(`${marketSizeLabel(line.size, units)} · ${translatedColorLabel(line.color, t)}`),
			quantity: Math.min(line.quantity, 999),
			unitPriceMinor: line.unitPriceMinor,
		})),
		taxIncluded: order.taxIncluded,
		// Canada's GST with a provincial tax is the most there is: two.
		taxLines: order.taxLines
			.slice(0, MAX_TAX_LINES)
			.map((tax) => ({ name: clip(tax.name, 40), rateE5: tax.rateE5, amountMinor: tax.amountMinor })),
	};
}

export function paymentFailedMail(order: Pick<OrderRow, "number">): OrderMail {
	return { kind: "payment_failed", orderNumber: order.number };
}

export function paymentLateMail(
	order: Pick<OrderRow, "number" | "currency">,
	outcome: "reinstated" | "refunded",
	amountMinor: number,
): OrderMail {
	return { kind: "payment_late", orderNumber: order.number, outcome, currency: order.currency, amountMinor };
}
