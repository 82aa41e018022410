// The account pages of issue #10: signing in and registering as a guest sees them, the rest as the
// tour's customer (one delivered order, bought with a saved address). All are personal: no-store.
import type { TourPage } from "./types.ts";

export const accountPages: TourPage[] = [
	{ name: "account-register", as: "guest", path: "/account/register", personal: true },
	{ name: "account-login", as: "guest", path: "/account/login", personal: true },
	{ name: "account-forgot", as: "guest", path: "/account/forgot", personal: true },
	{ name: "account-check-email", as: "guest", path: "/account/check-email", personal: true },
	{ name: "account-overview", as: "customer", path: "/account", personal: true },
	{ name: "account-profile", as: "customer", path: "/account/profile", personal: true },
	{ name: "account-addresses", as: "customer", path: "/account/addresses", personal: true },
	{ name: "account-orders", as: "customer", path: "/account/orders", personal: true },
	{ name: "account-order", as: "customer", path: "/account/orders/{order}", personal: true },
];
