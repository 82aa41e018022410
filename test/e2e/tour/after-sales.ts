// The signed-in shopper's after-sales pages (issue #10): the return form of the customer's
// delivered order, the lists of returns, conversations and reviews, a new question about the
// order, and the review form. (A return's and a conversation's own page need ids the tour's
// customer does not have; test/e2e/after-sales-pages.test.ts opens both in a browser.)
import type { TourPage } from "./types.ts";

export const afterSalesPages: TourPage[] = [
	{ name: "account-return-form", as: "customer", path: "/account/orders/{order}/return", personal: true },
	{ name: "account-returns", as: "customer", path: "/account/returns", personal: true },
	{ name: "account-consultations", as: "customer", path: "/account/consultations", personal: true },
	{
		name: "account-consultation-new",
		as: "customer",
		path: "/account/consultations/new?order={order}",
		personal: true,
	},
	{ name: "account-reviews", as: "customer", path: "/account/reviews", personal: true },
	{
		name: "account-review-new",
		as: "customer",
		path: "/account/reviews/new?product={product}",
		personal: true,
	},
];
