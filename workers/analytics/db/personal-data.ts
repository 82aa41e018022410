// The personal-field registry of the analytics database (issue #9, P4/P5): nothing here is
// personal. Events are stripped of identifiers before they are counted, and only counts are kept.
import { annotate, nonPersonal } from "../../shared/personal-data/annotate";
import * as t from "./schema";

const COUNT = nonPersonal("a count over all shoppers, noised when published");
const DIMENSION = nonPersonal("a coarse dimension shared by many shoppers");
const TIME = nonPersonal("an hour or a day");

const productCounts = {
	productId: DIMENSION,
	views: COUNT,
	cartAdds: COUNT,
	cartRemoves: COUNT,
	purchases: COUNT,
};
const pairCounts = { day: TIME, productA: DIMENSION, productB: DIMENSION, count: COUNT };
const pageViews = { path: DIMENSION, device: DIMENSION, country: DIMENSION, count: COUNT };

export const ANALYTICS_PERSONAL_DATA = [
	annotate("analytics", t.productHourly, "Product counts per hour", { ...productCounts, hour: TIME }),
	annotate("analytics", t.productDaily, "Product counts per day", { ...productCounts, day: TIME }),
	annotate("analytics", t.coViewsDaily, "Products viewed together, per day", pairCounts),
	annotate("analytics", t.coPurchasesDaily, "Products bought together, per day", pairCounts),
	annotate("analytics", t.pageViewsHourly, "Page views per hour", { ...pageViews, hour: TIME }),
	annotate("analytics", t.pageViewsDaily, "Page views per day", { ...pageViews, day: TIME }),
	annotate("analytics", t.processedEvents, "Event ids already counted (dedupe, expire within days)", {
		id: nonPersonal("a random event id minted per event, never per shopper"),
		hour: TIME,
	}),
	annotate("analytics", t.rejectedEvents, "Events refused, by reason", {
		reason: DIMENSION,
		day: TIME,
		count: COUNT,
	}),
	annotate("analytics", t.noiseSalts, "The day's salt of the published noise", {
		day: TIME,
		salt: nonPersonal("random bytes"),
	}),
];
