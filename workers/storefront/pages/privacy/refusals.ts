// The privacy API's refusals (privacy/guest-requests.ts) in the shopper's language, as the
// after-sales pages word theirs: English pages show the API's sentence as it is.
import { LINK_NOT_VALID } from "../../privacy/guest-requests";
import { type Refusal, type RefusalLocale, type RefusalTable, refusalIn } from "../after-sales/refusals";

export const PRIVACY_REFUSALS: RefusalTable = {
	exact: {
		[LINK_NOT_VALID]: "privacy.refusal.linkNotValid",
		"This order is still in progress; its data can be deleted once it is delivered or cancelled.":
			"privacy.refusal.orderInProgress",
		"This order has a return or refund in progress; its data can be deleted once that is settled.":
			"privacy.refusal.settlementOpen",
		"Say what should be corrected (1 to 2000 characters)": "privacy.refusal.correction",
		"This order holds too much to export at once; please contact support": "privacy.refusal.tooMuch",
	},
};

export const privacyRefusal = (l: RefusalLocale, refusal: Refusal) => refusalIn(PRIVACY_REFUSALS, l, refusal);
