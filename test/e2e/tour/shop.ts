// The shop's browse pages and the issue #10 additions (search, guest tracking), for the browser
// tour. Home, category and product pages are listed too: they now carry rug drawings, folded
// filters and structured data, so their screenshots and axe results matter.
import type { TourPage } from "./types";

export const shopPages: TourPage[] = [
	{ name: "shop-home", as: "guest", path: "/", personal: false },
	{ name: "shop-category", as: "guest", path: "/c/{category}", personal: false },
	{
		name: "shop-category-filtered",
		as: "guest",
		path: "/c/{category}?washable=true&sort=price_asc",
		personal: false,
	},
	{ name: "shop-product", as: "guest", path: "/p/{product}", personal: false },
	{ name: "shop-search", as: "guest", path: "/search?q=stripe", personal: false },
	{ name: "shop-search-empty", as: "guest", path: "/search", personal: false },
	{ name: "shop-search-no-results", as: "guest", path: "/search?q=zebraskin", personal: false },
	// Issue #13: the same pages in other markets and languages (their own URLs, equally public).
	{ name: "shop-home-fr", as: "guest", path: "/fr-fr", personal: false },
	{ name: "shop-category-de", as: "guest", path: "/de-de/c/{category}?sort=price_asc", personal: false },
	{ name: "shop-product-ja", as: "guest", path: "/ja-jp/p/{product}", personal: false },
	{ name: "shop-search-es", as: "guest", path: "/es-es/search?q=stripe", personal: false },
	{ name: "shop-track-order", as: "guest", path: "/orders/track", personal: true },
	// The browser that placed the order sees it; another gets the form (both are no-store).
	{ name: "shop-tracked-order", as: "customer", path: "/orders/track/{order}", personal: true },
];
