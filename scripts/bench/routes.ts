// What npm run bench asks of the shop: one request factory per route. Every request comes from a
// client address of its own (CF-Connecting-IP, as Cloudflare sends it) with a browser's
// User-Agent, so the per-client limits (new carts 20/min, checkouts 10/min and 3 unpaid orders,
// events 120/min and 400/day) measure the shop's work instead of refusing a crowd that looks like
// one client, and analytics runs as it does for a shopper. Writes draw on carts made by the run
// itself: "cart create" fills a pool, "add to cart" puts one rug in each, "checkout" orders them.
import type { RouteKind } from "../../bench/report.ts";

export type BenchRequest = {
	method: "GET" | "POST";
	path: string;
	headers: Record<string, string>;
	body?: string;
};

export type RouteSpec = {
	/** What --routes selects it by. */
	key: string;
	name: string;
	kind: RouteKind;
	/** For the report: the path its requests go to. */
	path: string;
	/** The next request, or null when the carts it needs ran out. */
	next(): BenchRequest | null;
	/** What a response leaves for later routes (a cart cookie). */
	onResponse?(request: BenchRequest, status: number, headers: Headers): void;
	expectedStatus: number;
};

/** What the routes need to know of the catalog, read from the running shop. */
export type CatalogPick = {
	categorySlug: string;
	productSlug: string;
	productId: number;
	variantId: number;
};

const USER_AGENT =
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
const CART_COOKIE = "__Host-lw_cart";

let clientCount = 0;

/** A fresh client address for every request of the run: 10.0.0.1, 10.0.0.2, … */
export function nextClientIp(): string {
	clientCount += 1;
	return `10.${(clientCount >> 16) & 255}.${(clientCount >> 8) & 255}.${clientCount & 255}`;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
	return { "user-agent": USER_AGENT, "cf-connecting-ip": nextClientIp(), ...extra };
}

const json = { "content-type": "application/json", accept: "application/json" };

/** The cart cookie a response set, as `name=value` to send back. */
export function cartCookieOf(setCookie: string | null): string | null {
	if (!setCookie) return null;
	const match = new RegExp(`(?:^|[,\\s])${CART_COOKIE}=([^;,\\s]+)`).exec(setCookie);
	return match?.[1] ? `${CART_COOKIE}=${match[1]}` : null;
}

function get(key: string, name: string, kind: RouteKind, path: string): RouteSpec {
	return {
		key,
		name,
		kind,
		path,
		expectedStatus: 200,
		next: () => ({ method: "GET", path, headers: headers({ accept: "*/*" }) }),
	};
}

/** The public reads the edge cache may serve (the goals apply to these). */
export function publicReadRoutes(pick: CatalogPick): RouteSpec[] {
	const category = encodeURIComponent(pick.categorySlug);
	return [
		get(
			"list",
			"catalog list (50, filtered)",
			"public",
			`/api/v1/products?category=${category}&sort=popular&limit=50`,
		),
		get(
			"detail",
			"product detail (API)",
			"public",
			`/api/v1/products/${encodeURIComponent(pick.productSlug)}`,
		),
		get("product-page", "product page", "public", `/p/${encodeURIComponent(pick.productSlug)}`),
		get("category-page", "category page", "public", `/c/${category}`),
	];
}

/** Per-shopper reads: measured, never cached at the edge. */
export function privateReadRoutes(pick: CatalogPick): RouteSpec[] {
	return [
		get(
			"recommendations",
			"recommendations",
			"read",
			`/api/v1/recommendations?product=${pick.productId}&limit=4`,
		),
	];
}

/** The writes, in the order they must run: each consumes the carts of the one before. */
export function writeRoutes(pick: CatalogPick): RouteSpec[] {
	const emptyCarts: string[] = [];
	const filledCarts: string[] = [];
	const cookieOf = (request: BenchRequest) => request.headers.cookie ?? null;
	return [
		{
			key: "cart-create",
			path: "/api/v1/cart",
			name: "cart create",
			kind: "write",
			expectedStatus: 201,
			next: () => ({ method: "POST", path: "/api/v1/cart", headers: headers(json) }),
			onResponse: (_request, status, response) => {
				const cookie = cartCookieOf(response.get("set-cookie"));
				if (status === 201 && cookie) emptyCarts.push(cookie);
			},
		},
		{
			key: "add-to-cart",
			path: "/api/v1/cart/items",
			name: "add to cart",
			kind: "write",
			expectedStatus: 200,
			next: () => {
				const cookie = emptyCarts.shift();
				if (!cookie) return null;
				return {
					method: "POST",
					path: "/api/v1/cart/items",
					headers: headers({ ...json, cookie }),
					body: JSON.stringify({ variantId: pick.variantId, quantity: 1 }),
				};
			},
			onResponse: (request, status) => {
				const cookie = cookieOf(request);
				if (status === 200 && cookie) filledCarts.push(cookie);
			},
		},
		{
			key: "checkout",
			path: "/api/v1/checkout",
			name: "checkout start",
			kind: "write",
			expectedStatus: 201,
			next: () => {
				const cookie = filledCarts.shift();
				if (!cookie) return null;
				return {
					method: "POST",
					path: "/api/v1/checkout",
					headers: headers({ ...json, cookie }),
					body: JSON.stringify({
						email: "bench@example.com",
						name: "Bench Shopper",
						phone: "+1 415 555 0100",
						address: {
							line1: "1 Example St",
							city: "San Francisco",
							region: "CA",
							postalCode: "94105",
							country: "US",
						},
						shippingMethod: "standard",
					}),
				};
			},
		},
		{
			key: "events",
			path: "/api/v1/events",
			name: "event ingest (beacon)",
			kind: "write",
			expectedStatus: 202,
			next: () => ({
				method: "POST",
				path: "/api/v1/events",
				headers: headers(json),
				body: JSON.stringify({
					events: [
						{ type: "page", path: `/p/${pick.productSlug}` },
						{ type: "view", productId: pick.productId },
					],
				}),
			}),
		},
	];
}
