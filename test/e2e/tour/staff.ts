// The staff console's pages for the browser tour, seen by an admin (the tour's staff member). The
// access review is compliance's alone (an admin gets the vault's refusal), so it is left out here;
// test/e2e/staff-pages.test.ts visits it as a compliance officer. So are consultations, reviews
// and disclosures (customer service's and compliance's), and a return's own page (the tour has no
// return number): test/storefront/pages/staff-after-sales-pages.test.ts and
// staff-privacy-pages.test.ts cover those for their roles.
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
];
