// The privacy pages (issue #10): the policy (public, cached), the privacy center for a guest and
// for a customer, and the deletion's confirmation step. (The HTML 404 answers 404, which the
// tour, asserting 200, cannot visit; test/storefront/pages/error-pages.test.ts covers it.)
import type { TourPage } from "./types.ts";

export const privacyPages: TourPage[] = [
	{ name: "privacy-policy", as: "guest", path: "/privacy", personal: false },
	{ name: "privacy-policy-version", as: "guest", path: "/privacy/versions/2026-11-01", personal: false },
	{ name: "privacy-center-guest", as: "guest", path: "/privacy/center", personal: true },
	{ name: "privacy-center-customer", as: "customer", path: "/privacy/center", personal: true },
	{ name: "privacy-delete-account", as: "customer", path: "/privacy/center/delete", personal: true },
	{ name: "privacy-account-deleted", as: "guest", path: "/privacy/center/deleted", personal: true },
];
