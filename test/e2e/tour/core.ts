// The buying pages that existed before issue #10 (browse pages are in shop.ts).
import type { TourPage } from "./types.ts";

export const corePages: TourPage[] = [
	{ name: "cart", as: "guest", path: "/cart", personal: true },
	{ name: "checkout", as: "customer", path: "/checkout", personal: true },
];
