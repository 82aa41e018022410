// The order mails' words (issue #8, DESIGN P10): built from the non-personal facts the storefront
// sends, so a message holds what the shopper needs about the order and nothing about the person
// (no name, address or phone; the address is only the envelope's recipient). Pure: the tests
// read the exact text. Links are built on SHOP_ORIGIN, never on anything a request says.
import type { OrderMail } from "../../shared/vault-contract";
import { type Mail, shopOrigin } from "../accounts/mail";

export type OrderMailText = Mail & { kind: OrderMail["kind"] };

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Minor units in the order's currency, with that currency's own decimals (2 for EUR, 0 for JPY). */
export function formatMoney(minor: number, currency: string): string {
	let format = moneyFormats.get(currency);
	if (!format) {
		try {
			format = new Intl.NumberFormat("en-US", { style: "currency", currency });
		} catch {
			// A well-formed code the runtime does not know: still exact, just less pretty.
			return `${minor} ${currency} (minor units)`;
		}
		moneyFormats.set(currency, format);
	}
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(minor / 10 ** digits);
}

/**
 * Product names, details and carriers are free text up to 120 characters: one line each, so a
 * stored value cannot add lines (a fake link, a fake signature) to the message.
 */
function oneLine(text: string): string {
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
	return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
}

/** The staff reply quoted as a mail quote; its own line breaks kept, other control characters not. */
function quote(reply: string): string {
	return reply
		.replace(/\r\n?/g, "\n")
		.split("\n")
		.map((line) => `> ${oneLine(line)}`.trimEnd())
		.join("\n");
}

const SIGN_OFF = ["", "Loomwash customer service"];

function lookupHint(shop: string): string {
	return `Follow your order at ${shop}/orders/lookup with its number and this email address.`;
}

const RETURN_STATUS: Record<Extract<OrderMail, { kind: "return_update" }>["status"], string> = {
	requested: "We have received your return request and will look at it shortly.",
	approved: "Your return is approved. Please send the items back with the return number on the parcel.",
	received: "The returned items have arrived; your refund is on its way.",
	refunded: "Your refund has been issued.",
	rejected: "We could not accept this return. Customer service will explain why if you reply to them.",
};

/** The subject and text of one order mail; `reply` is the opened staff reply of a consultation_reply. */
export function orderMailText(origin: string, mail: OrderMail, reply?: string): OrderMailText {
	const shop = shopOrigin(origin);
	switch (mail.kind) {
		case "order_confirmed": {
			const lines = mail.lines.map(
				(line) =>
					`  ${line.quantity} × ${oneLine(line.name)} (${oneLine(line.detail)}): ${formatMoney(
						line.unitPriceMinor * line.quantity,
						mail.currency,
					)}`,
			);
			return {
				kind: mail.kind,
				subject: `Your Loomwash order ${mail.orderNumber} is confirmed`,
				text: [
					"Thank you for your order: the payment has arrived.",
					"",
					`Order ${mail.orderNumber}`,
					...lines,
					`  Shipping (${oneLine(mail.shippingMethod)}): ${formatMoney(mail.shippingMinor, mail.currency)}`,
					`  Total: ${formatMoney(mail.totalMinor, mail.currency)}`,
					"",
					"We will write again when the parcel ships.",
					lookupHint(shop),
					...SIGN_OFF,
				].join("\n"),
			};
		}
		case "payment_failed":
			return {
				kind: mail.kind,
				subject: `The payment for Loomwash order ${mail.orderNumber} did not go through`,
				text: [
					`The payment for order ${mail.orderNumber} did not go through, so the order has been cancelled.`,
					"Nothing was charged.",
					"",
					`You are welcome to order again at ${shop}/`,
					...SIGN_OFF,
				].join("\n"),
			};
		case "payment_late": {
			const amount = formatMoney(mail.amountMinor, mail.currency);
			const outcome =
				mail.outcome === "reinstated"
					? [
							"The items were still available, so your order goes ahead as placed.",
							"We will write again when the parcel ships.",
							lookupHint(shop),
						]
					: [
							"The items were no longer available, so the order stays cancelled and",
							`the full ${amount} has been refunded to the payment method you used.`,
							"Depending on your bank, it can take a few days to appear.",
						];
			return {
				kind: mail.kind,
				subject:
					mail.outcome === "reinstated"
						? `Your payment arrived: Loomwash order ${mail.orderNumber} goes ahead`
						: `Your payment for Loomwash order ${mail.orderNumber} has been refunded`,
				text: [
					`Your payment of ${amount} for order ${mail.orderNumber} arrived after the order had lapsed.`,
					...outcome,
					...SIGN_OFF,
				].join("\n"),
			};
		}
		case "shipped":
			return {
				kind: mail.kind,
				subject: `Your Loomwash order ${mail.orderNumber} has shipped`,
				text: [
					`Order ${mail.orderNumber} is on its way.`,
					"",
					`Carrier: ${oneLine(mail.carrier)}`,
					`Tracking number: ${mail.trackingNumber}`,
					"",
					"Once it is delivered you have 60 days to return it if it is not right.",
					lookupHint(shop),
					...SIGN_OFF,
				].join("\n"),
			};
		case "return_update": {
			const amount =
				mail.amountMinor !== undefined && mail.currency !== undefined
					? [`Amount: ${formatMoney(mail.amountMinor, mail.currency)}`]
					: [];
			return {
				kind: mail.kind,
				subject: `Return ${mail.returnNumber} for Loomwash order ${mail.orderNumber}: ${mail.status}`,
				text: [
					`Return ${mail.returnNumber} (order ${mail.orderNumber})`,
					"",
					RETURN_STATUS[mail.status],
					...amount,
					...(mail.status === "refunded"
						? ["Depending on your bank, it can take a few days to appear on your statement."]
						: []),
					"",
					lookupHint(shop),
					...SIGN_OFF,
				].join("\n"),
			};
		}
		case "consultation_reply":
			return {
				kind: mail.kind,
				subject: mail.orderNumber
					? `Loomwash customer service replied about order ${mail.orderNumber}`
					: "Loomwash customer service replied to your question",
				text: [
					"Customer service has answered your question:",
					"",
					quote(reply ?? ""),
					"",
					mail.orderNumber
						? lookupHint(shop)
						: `To continue the conversation, write to us from the shop: ${shop}/`,
					...SIGN_OFF,
				].join("\n"),
			};
	}
}
