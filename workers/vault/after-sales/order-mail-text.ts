// The order mails' words (issue #8, DESIGN P10): built from the non-personal facts the storefront
// sends, so a message holds what the shopper needs about the order and nothing about the person
// (no name, address or phone; the address is only the envelope's recipient). Pure: the tests
// read the exact text. Links are built on SHOP_ORIGIN, never on anything a request says. Issue
// #13: written in the request's locale, its words from mail-words/, money and rates through Intl.
import type { OrderMail } from "../../shared/vault-contract";
import { type Mail, shopOrigin } from "../accounts/mail";
import { type Words, wordsFor } from "./mail-words";

export type OrderMailText = Mail & { kind: OrderMail["kind"] };

/** A locale the contract admits ("fr-FR"); en-US is how the shop wrote before it had locales. */
export const DEFAULT_MAIL_LOCALE = "en-US";

// Formatters are costly to build and immutable: one per locale and currency (or for rates) lives
// for the isolate.
const formats = new Map<string, Intl.NumberFormat>();

function cachedFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
	let format = formats.get(key);
	if (!format) {
		format = make();
		formats.set(key, format);
	}
	return format;
}

/**
 * Minor units in the order's currency, with that currency's own decimals (2 for EUR, 0 for JPY),
 * written as the locale writes money: €1,219.50 in en-US, 1 219,50 € in fr-FR, ￥25,000 in ja-JP.
 */
export function formatMoney(minor: number, currency: string, locale = DEFAULT_MAIL_LOCALE): string {
	let format: Intl.NumberFormat;
	try {
		format = cachedFormat(
			`${locale} ${currency}`,
			() => new Intl.NumberFormat(locale, { style: "currency", currency }),
		);
	} catch {
		// A well-formed code the runtime does not know: still exact, just less pretty.
		return `${minor} ${currency} (minor units)`;
	}
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	// Yen stays an integer all the way; other amounts are divided once, at the end.
	return format.format(digits === 0 ? minor : minor / 10 ** digits);
}

/** A tax rate in parts per 100,000 as the locale writes percentages: 7.25%, 20 %, 9,975 %. */
export function formatRate(rateE5: number, locale = DEFAULT_MAIL_LOCALE): string {
	const format = cachedFormat(
		`${locale} %`,
		() => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 3 }),
	);
	return format.format(rateE5 / 100_000);
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

/**
 * The shop's home page in the mail's language: public pages carry the locale in their path
 * ("/fr-fr"), except the default, which is the unprefixed "/" (storefront markets/shop-locale.ts).
 */
function homeOf(shop: string, locale: string): string {
	return locale === DEFAULT_MAIL_LOCALE ? `${shop}/` : `${shop}/${locale.toLowerCase()}`;
}

type Confirmed = Extract<OrderMail, { kind: "order_confirmed" }>;

/** Lines, subtotal, shipping, then tax: added tax before the total, included tax after it. */
function confirmedSummary(mail: Confirmed, w: Words, locale: string): string[] {
	const money = (minor: number) => formatMoney(minor, mail.currency, locale);
	const taxes = (mail.taxLines ?? []).map((tax) =>
		w(mail.taxIncluded ? "confirmed.taxIncluded" : "confirmed.tax", {
			name: oneLine(tax.name),
			rate: formatRate(tax.rateE5, locale),
			amount: money(tax.amountMinor),
		}),
	);
	const total = w("confirmed.total", { amount: money(mail.totalMinor) });
	return [
		...mail.lines.map((line) =>
			w("confirmed.line", {
				quantity: line.quantity,
				name: oneLine(line.name),
				detail: oneLine(line.detail),
				amount: money(line.unitPriceMinor * line.quantity),
			}),
		),
		...(mail.subtotalMinor === undefined
			? []
			: [w("confirmed.subtotal", { amount: money(mail.subtotalMinor) })]),
		w("confirmed.shipping", { method: oneLine(mail.shippingMethod), amount: money(mail.shippingMinor) }),
		...(mail.taxIncluded ? [total, ...taxes] : [...taxes, total]),
	].map((line) => `  ${line}`);
}

/** The subject and text of one order mail; `reply` is the opened staff reply of a consultation_reply. */
export function orderMailText(
	origin: string,
	mail: OrderMail,
	options: { reply?: string | undefined; locale?: string | undefined } = {},
): OrderMailText {
	const shop = shopOrigin(origin);
	const locale = options.locale ?? DEFAULT_MAIL_LOCALE;
	const w = wordsFor(locale);
	// Every kind names its order but a reply to a question asked without one.
	const order = ("orderNumber" in mail ? mail.orderNumber : undefined) ?? "";
	const lookup = w("lookup", { shop });
	const home = homeOf(shop, locale);
	const signOff = ["", w("signOff")];
	const message = (subject: string, ...lines: string[]): OrderMailText => ({
		kind: mail.kind,
		subject,
		text: [...lines, ...signOff].join("\n"),
	});
	switch (mail.kind) {
		case "order_confirmed":
			return message(
				w("confirmed.subject", { order }),
				w("confirmed.thanks"),
				"",
				w("confirmed.order", { order }),
				...confirmedSummary(mail, w, locale),
				"",
				w("willShip"),
				lookup,
			);
		case "payment_failed":
			return message(
				w("failed.subject", { order }),
				w("failed.text", { order }),
				"",
				w("failed.again", { home }),
			);
		case "payment_late": {
			const amount = formatMoney(mail.amountMinor, mail.currency, locale);
			return message(
				w(mail.outcome === "reinstated" ? "late.subject.reinstated" : "late.subject.refunded", { order }),
				w("late.arrived", { amount, order }),
				...(mail.outcome === "reinstated"
					? [w("late.reinstated"), w("willShip"), lookup]
					: [w("late.refunded", { amount }), w("late.bankDelay")]),
			);
		}
		case "shipped":
			return message(
				w("shipped.subject", { order }),
				w("shipped.onItsWay", { order }),
				"",
				w("shipped.carrier", { carrier: oneLine(mail.carrier) }),
				w("shipped.tracking", { tracking: mail.trackingNumber }),
				"",
				w("shipped.returns"),
				lookup,
			);
		case "return_update": {
			const ids = { return: mail.returnNumber, order };
			const amount =
				mail.amountMinor !== undefined && mail.currency !== undefined
					? [w("return.amount", { amount: formatMoney(mail.amountMinor, mail.currency, locale) })]
					: [];
			return message(
				w("return.subject", { ...ids, status: w(`return.status.${mail.status}`) }),
				w("return.heading", ids),
				"",
				w(`return.${mail.status}`),
				...amount,
				...(mail.status === "refunded" ? [w("return.bankDelay")] : []),
				"",
				lookup,
			);
		}
		case "consultation_reply":
			return message(
				order ? w("reply.subject.order", { order }) : w("reply.subject"),
				w("reply.intro"),
				"",
				quote(options.reply ?? ""),
				"",
				order ? lookup : w("reply.continue", { home }),
			);
	}
}
