// The staff console's pages for the browser tour, each seen by a role that may use it: admin,
// support (consultations, reviews) or compliance (disclosures, the access review). A return's own
// page is left out (the tour has no return number): test/storefront/pages/staff-after-sales-pages.test.ts
// covers it.
import type { TourPage } from "./types.ts";

export const staffPages: TourPage[] = [
	{ name: "staff-sign-in", as: "guest", path: "/staff/sign-in", personal: true },
	{ name: "staff-home", as: "staff", path: "/staff", personal: true },
	{ name: "staff-orders", as: "staff", path: "/staff/orders", personal: true },
	{ name: "staff-orders-paid", as: "staff", path: "/staff/orders?status=paid", personal: true },
	{ name: "staff-order-contact", as: "staff", path: "/staff/orders/{order}/contact", personal: true },
	{ name: "staff-audit-verify", as: "staff", path: "/staff/audit/verify", personal: true },
	{ name: "staff-analytics", as: "staff", path: "/staff/analytics", personal: true },
	{ name: "staff-members", as: "staff", path: "/staff/members", personal: true },
	{ name: "staff-returns", as: "staff", path: "/staff/returns", personal: true },
	{ name: "staff-retention", as: "staff", path: "/staff/retention", personal: true },
	{ name: "staff-keys", as: "staff", path: "/staff/keys", personal: true },
	{ name: "staff-consultations", as: "support", path: "/staff/consultations", personal: true },
	{ name: "staff-reviews", as: "support", path: "/staff/reviews", personal: true },
	{ name: "staff-disclosures", as: "compliance", path: "/staff/disclosures", personal: true },
	{ name: "staff-access-review", as: "compliance", path: "/staff/audit/review", personal: true },
];
