// The JSON API's refusals are English sentences (clients read them as they are); the pages show
// them in the shopper's language. Each known sentence has a catalog key whose English text is the
// sentence itself, and an English page shows the API's sentence as it is. A sentence not known
// here (a new refusal, a library's message) is shown as the API wrote it rather than hidden, but
// for a rate limit, which every language can at least be told plainly.
import type { ErrorCode } from "../../errors";
import type { MessageKey } from "../../i18n/messages/en";
import type { Translator } from "../../i18n/translate";
import type { Language } from "../../markets/markets";

/** A sentence with one number in it ("At most 2 left to return"), matched by pattern. */
export type CountedRefusal = { pattern: RegExp; key: MessageKey };

export type RefusalTable = {
	exact: Readonly<Record<string, MessageKey>>;
	counted?: readonly CountedRefusal[];
};

/** What a page needs of its locale to word a refusal. */
export type RefusalLocale = { language: Language; t: Translator };

/** What the API refused with: its code and sentence (an AppError, or one of its issues). */
export type Refusal = { code?: ErrorCode; message: string };

export function refusalIn(table: RefusalTable, l: RefusalLocale, refusal: Refusal): string {
	const { message } = refusal;
	if (l.language === "en") return message;
	const key = Object.hasOwn(table.exact, message) ? table.exact[message] : undefined;
	if (key) return l.t(key);
	for (const counted of table.counted ?? []) {
		const count = counted.pattern.exec(message)?.[1];
		if (count !== undefined) return l.t(counted.key, { count });
	}
	return refusal.code === "rate_limited" ? l.t("after.refusal.tooMany") : message;
}

/** Returns, conversations and reviews (returns/, consultations/, reviews/). */
export const AFTER_SALES_REFUSALS: RefusalTable = {
	exact: {
		"Only a delivered order can be returned": "after.refusal.notDelivered",
		"The 60-day return window of this order has closed": "after.refusal.windowClosed",
		"This order already has a return in progress": "after.refusal.returnInProgress",
		"More than the order has left to return": "after.refusal.moreThanLeft",
		"Nothing of this item is left to return": "after.refusal.nothingLeft",
		"Each item at most once": "after.refusal.eachOnce",
		"This conversation is closed": "after.refusal.threadClosed",
		"This conversation was closed meanwhile": "after.refusal.threadClosedMeanwhile",
		"This conversation is full; start a new one": "after.refusal.threadFull",
		"This order has enough open questions; add to one of them": "after.refusal.orderQuestions",
		"You have enough open questions; add to one of them": "after.refusal.customerQuestions",
		"You have already reviewed this product": "after.refusal.alreadyReviewed",
		"Only a customer who has received this product can review it": "after.refusal.notReceived",
		"No such product": "after.refusal.noProduct",
	},
	counted: [{ pattern: /^At most (\d+) left to return$/, key: "after.refusal.atMostLeft" }],
};

export const afterSalesRefusal = (l: RefusalLocale, refusal: Refusal) =>
	refusalIn(AFTER_SALES_REFUSALS, l, refusal);
