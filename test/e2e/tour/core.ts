// The browse-and-buy pages that existed before issue #10.
import type { TourPage } from "./types.ts";

export const corePages: TourPage[] = [
	{ name: "home", as: "guest", path: "/", personal: false },
	{ name: "category", as: "guest", path: "/c/{category}", personal: false },
	{ name: "product", as: "guest", path: "/p/{product}", personal: false },
	{ name: "cart", as: "guest", path: "/cart", personal: true },
	{ name: "checkout", as: "customer", path: "/checkout", personal: true },
];
