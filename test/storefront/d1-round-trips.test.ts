// Bounded D1 work per request (issue #11): every response that touched D1 says in its
// Server-Timing header how many round trips it took (each statement execution and each batch is
// one), and the shop's main requests stay within their budget. Every URL here is new to the edge
// cache (fresh slugs), so each answer is computed, not served from the cache.
import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../workers/storefront/db/schema";
import { placeOrder } from "./fixtures/checkout-flow";
import { BASE, checkoutBody, createVariant, Shopper, testDb } from "./fixtures/commerce";

const D1_TIMING = /(?:^|,)\s*d1;dur=(\d+\.\d);desc="(\d+) round trips"/;

/** The D1 round trips a response reports; 0 when it has no d1 entry (it touched no D1). */
function roundTrips(res: Response): number {
	const timing = res.headers.get("Server-Timing") ?? "";
	// A cached answer would measure nothing: every request here must have been computed.
	expect(timing, "served from the edge cache").not.toMatch(/cache;desc="(hit|stale)"/);
	const match = D1_TIMING.exec(timing);
	return match ? Number(match[2]) : 0;
}

// Writes and private reads report their round trips only when measuring (D1_TIMING=all): see
// d1-session.ts. The public reads are checked again below with the deployed setting.
const deployedSetting = env.D1_TIMING;
beforeAll(() => {
	env.D1_TIMING = "all";
});
afterAll(() => {
	env.D1_TIMING = deployedSetting;
});

let nextId = 0;
const runId = Math.floor(Math.random() * 1_000_000);

/** A category of three products, two colours and two sizes each: enough for facets and filters. */
async function createCategory() {
	const id = runId * 1000 + 500 + nextId++ * 10;
	const db = testDb();
	await db
		.insert(schema.categories)
		.values({ id, slug: `rt-cat-${id}`, name: `Room ${id}`, description: "Rugs" });
	const productIds = [id + 1, id + 2, id + 3];
	await db.insert(schema.products).values(
		productIds.map((productId, i) => ({
			id: productId,
			slug: `rt-rug-${productId}`,
			name: `Round trip rug ${productId}`,
			description: "A washable rug",
			categoryId: id,
			material: "cotton",
			pileHeightMm: 6,
			washTemperatureC: 30,
			machineWashable: true,
			stainResistant: i % 2 === 0,
			nonSlipBacking: true,
			petFriendly: true,
			careText: "Machine wash cold",
			currency: "USD",
			minPriceMinor: 5_000 + i * 1_000,
			createdAt: Date.now(),
		})),
	);
	await db.insert(schema.variants).values(
		productIds.flatMap((productId, i) =>
			["sand", "sage"].flatMap((color, c) =>
				["2x3", "5x7"].map((size, s) => ({
					id: productId * 10 + c * 2 + s,
					productId,
					sku: `RT-${productId}-${color}-${size}`,
					size,
					color,
					priceMinor: 5_000 + i * 1_000 + s * 4_000,
					currency: "USD",
					stock: c === 0 ? 3 : 0,
				})),
			),
		),
	);
	return { slug: `rt-cat-${id}`, productSlug: `rt-rug-${productIds[0]}`, variantId: (id + 1) * 10 };
}

/** Every request within its budget; the message shows all the measured counts. */
function expectWithin(measured: Record<string, number>, budgets: Record<string, number>) {
	for (const [request, budget] of Object.entries(budgets))
		expect(measured[request], `${request} (measured: ${JSON.stringify(measured)})`).toBeLessThanOrEqual(
			budget,
		);
}

const get = (path: string) => exports.default.fetch(`${BASE}${path}`);

describe("D1 round trips per request", () => {
	it("reports D1 work in Server-Timing, and nothing on a response that touched no D1", async () => {
		const category = await createCategory();
		const res = await get(`/api/v1/products?category=${category.slug}`);
		expect(res.status).toBe(200);
		expect(res.headers.get("Server-Timing")).toMatch(D1_TIMING);
		expect(roundTrips(res)).toBeGreaterThan(0);
		const robots = await get("/robots.txt");
		expect(robots.status).toBe(200);
		expect(robots.headers.get("Server-Timing") ?? "").not.toMatch(/d1;/);
	});

	it("keeps the catalog reads within budget", async () => {
		const category = await createCategory();
		const measured: Record<string, number> = {};
		const filtered = await get(
			`/api/v1/products?category=${category.slug}&color=sand&size=5x7&washable=true&minPrice=1000&maxPrice=900000&q=rug&sort=price_asc&limit=50`,
		);
		expect(filtered.status).toBe(200);
		expect(((await filtered.json()) as { items: unknown[] }).items).toHaveLength(3);
		measured["catalog list (filtered)"] = roundTrips(filtered);

		const detail = await get(`/api/v1/products/${category.productSlug}`);
		expect(detail.status).toBe(200);
		measured["product detail"] = roundTrips(detail);

		const page = await get(`/p/${category.productSlug}`);
		expect(page.status).toBe(200);
		measured["product page"] = roundTrips(page);

		// The category page: the room's products as cards with its colour and size filters, and
		// the navigation's category list.
		const room = await get(`/c/${category.slug}?color=sand&sort=price_desc`);
		expect(room.status).toBe(200);
		measured["category page"] = roundTrips(room);

		expectWithin(measured, {
			"catalog list (filtered)": 2,
			"product detail": 2,
			"product page": 3,
			"category page": 2,
		});
	});

	it("keeps adding to the cart within budget, and reports checkout and order lookup", async () => {
		const rug = await createVariant({ stock: 5 });
		const other = await createVariant({ stock: 5 });
		const shopper = new Shopper();
		expect((await shopper.createCart()).status).toBe(201);
		const first = await shopper.addItem(rug.variantId, 1);
		expect(first.status).toBe(200);
		const merged = await shopper.addItem(rug.variantId, 1);
		expect(merged.status).toBe(200);
		const second = await shopper.addItem(other.variantId, 2);
		expect(second.status).toBe(200);
		const changed = await shopper.json(`/api/v1/cart/items/${other.variantId}`, "PATCH", { quantity: 1 });
		expect(changed.status).toBe(200);
		const measured: Record<string, number> = {
			"add to cart (new line)": roundTrips(first),
			"add to cart (merge)": roundTrips(merged),
			"add to cart (second line)": roundTrips(second),
			"change quantity": roundTrips(changed),
		};
		const checkout = await shopper.json("/api/v1/checkout", "POST", checkoutBody());
		expect(checkout.status).toBe(201);
		measured["checkout start"] = roundTrips(checkout);

		const { checkout: placed } = await placeOrder();
		const lookup = await new Shopper().json("/api/v1/orders/lookup", "POST", {
			orderNumber: placed.order.number,
			email: checkoutBody().email,
		});
		expect(lookup.status).toBe(200);
		measured["order lookup"] = roundTrips(lookup);

		expectWithin(measured, {
			"add to cart (new line)": 3,
			"add to cart (merge)": 3,
			"add to cart (second line)": 3,
			"change quantity": 3,
			// Not in the budget; held where they are so they cannot quietly grow.
			"checkout start": 6,
			"order lookup": 3,
		});
	});

	it("as deployed, says nothing of D1 on a private answer: the count would tell which branch ran", async () => {
		env.D1_TIMING = deployedSetting;
		try {
			const category = await createCategory();
			const listing = await get(`/api/v1/products?category=${category.slug}`);
			expect(listing.headers.get("Server-Timing")).toMatch(D1_TIMING);

			const { checkout: placed } = await placeOrder();
			const shopper = new Shopper();
			const right = await shopper.json("/api/v1/orders/lookup", "POST", {
				orderNumber: placed.order.number,
				email: checkoutBody().email,
			});
			const wrong = await shopper.json("/api/v1/orders/lookup", "POST", {
				orderNumber: placed.order.number,
				email: "someone.else@example.com",
			});
			expect([right.status, wrong.status]).toEqual([200, 404]);
			for (const res of [right, wrong]) expect(res.headers.get("Server-Timing") ?? "").not.toMatch(/d1;/);
			const cart = await shopper.createCart();
			expect(cart.headers.get("Server-Timing") ?? "").not.toMatch(/d1;/);
		} finally {
			env.D1_TIMING = "all";
		}
	});
});
