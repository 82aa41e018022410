// Issue #13: price lists per currency, carts in one market's currency, orders priced for the
// destination's market with its shipping and taxes, and the market chosen from the shopper's
// choice or request.cf.country.
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { CatalogData } from "../../workers/storefront/catalog/seed-data";
import { CURRENCIES, type Currency, MARKET_IDS, MARKETS } from "../../workers/storefront/markets/markets";
import { listPrice } from "../../workers/storefront/markets/price-lists";
import { shippingOptions } from "../../workers/storefront/markets/shipping-rates";
import { taxLines, taxRuleFor } from "../../workers/storefront/markets/taxes";
import { seedCatalog } from "./fixtures/catalog";
import {
	BASE,
	type CartBody,
	type CheckoutBody,
	checkoutBody,
	createVariant,
	type ErrorBody,
	Shopper,
} from "./fixtures/commerce";

type Cart = CartBody["cart"] & { market: string; currency: string };

let data: CatalogData;
beforeAll(async () => {
	data = await seedCatalog(env.DB);
});

async function priceOf(variantId: number, currency: string): Promise<number | undefined> {
	const row = await env.DB.prepare(
		"select price_minor from variant_prices where variant_id = ? and currency = ?",
	)
		.bind(variantId, currency)
		.first<{ price_minor: number }>();
	return row?.price_minor;
}

const used = new Set<number>();

/** A seeded variant with at least `stock` in stock, a different one each call (orders take stock). */
function inStockVariant(stock = 3) {
	const variant = data.variants.find((v) => v.stock >= stock && !used.has(v.id));
	if (variant) used.add(variant.id);
	if (!variant) throw new Error("no variant in stock");
	return variant;
}

async function cartOf(shopper: Shopper): Promise<Cart> {
	return ((await (await shopper.fetch("/api/v1/cart")).json()) as { cart: Cart }).cart;
}

describe("price lists", () => {
	it("hold every seeded variant in every currency, at the list's shop rounding", async () => {
		const counts = await env.DB.prepare(
			"select currency, count(*) as n from variant_prices where variant_id <= ? group by currency order by currency",
		)
			.bind(data.variants.length)
			.all<{ currency: string; n: number }>();
		expect(Object.fromEntries(counts.results.map((r) => [r.currency, r.n]))).toEqual(
			Object.fromEntries([...CURRENCIES].sort().map((c) => [c, data.variants.length])),
		);
		for (const variant of data.variants.slice(0, 40)) {
			for (const currency of CURRENCIES) {
				expect(await priceOf(variant.id, currency)).toBe(listPrice(variant.priceMinor, currency));
			}
		}
		const yen = await env.DB.prepare(
			"select count(*) as n from variant_prices where currency = 'JPY' and price_minor % 100 <> 90 and price_minor % 1000 <> 900",
		).first<{ n: number }>();
		expect(yen?.n).toBe(0);
	});

	it("keep each product's lowest price per currency in step with its variants", async () => {
		const mismatches = await env.DB.prepare(
			`select count(*) as n from product_prices pp where pp.min_price_minor <> (
				select min(vp.price_minor) from variant_prices vp join variants v on v.id = vp.variant_id
				where v.product_id = pp.product_id and vp.currency = pp.currency)`,
		).first<{ n: number }>();
		expect(mismatches?.n).toBe(0);
		const products = await env.DB.prepare(
			"select count(distinct product_id) as n from product_prices where currency = 'EUR' and product_id <= ?",
		)
			.bind(data.products.length)
			.first<{ n: number }>();
		expect(products?.n).toBe(data.products.length);
	});

	it("keep each product's lowest price in step as prices change, go or move to another product", async () => {
		const a = await createVariant({ priceMinor: 10_000 });
		const b = await createVariant({ priceMinor: 20_000 });
		const min = async (productId: number, currency = "EUR") =>
			(
				await env.DB.prepare(
					"select min_price_minor as m from product_prices where product_id = ? and currency = ?",
				)
					.bind(productId, currency)
					.first<{ m: number }>()
			)?.m;
		const setPrice = (variantId: number, price: number) =>
			env.DB.prepare("update variant_prices set price_minor = ? where variant_id = ? and currency = 'EUR'")
				.bind(price, variantId)
				.run();
		expect(await min(a.productId)).toBe(listPrice(10_000, "EUR"));
		await setPrice(a.variantId, 5_000);
		expect(await min(a.productId)).toBe(5_000);
		await setPrice(a.variantId, 30_000);
		expect(await min(a.productId)).toBe(30_000);
		// The variant moves to b's product: a has no variant left, b's lowest price is the lower of two.
		await env.DB.prepare("update variants set product_id = ? where id = ?")
			.bind(b.productId, a.variantId)
			.run();
		expect(await min(a.productId)).toBeUndefined();
		expect(await min(b.productId)).toBe(Math.min(30_000, listPrice(20_000, "EUR")));
		// Its euro price goes: b is priced by its own variant again; without one it would not be sold in euros.
		await env.DB.prepare("delete from variant_prices where variant_id = ? and currency = 'EUR'")
			.bind(a.variantId)
			.run();
		expect(await min(b.productId)).toBe(listPrice(20_000, "EUR"));
		await env.DB.prepare("delete from variant_prices where variant_id = ? and currency = 'EUR'")
			.bind(b.variantId)
			.run();
		expect(await min(b.productId)).toBeUndefined();
		expect((await exports.default.fetch(`${BASE}/api/v1/products/rug-${b.productId}?market=eu`)).status).toBe(
			404,
		);
		expect((await exports.default.fetch(`${BASE}/api/v1/products/rug-${b.productId}?market=uk`)).status).toBe(
			200,
		);
	});

	it("serve the API in the market's currency, sorted and filtered by that list", async () => {
		const res = await exports.default.fetch(`${BASE}/api/v1/products?market=jp&sort=price_asc&limit=10`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as { items: { id: number; minPriceMinor: number; currency: string }[] };
		expect(body.items.every((item) => item.currency === "JPY")).toBe(true);
		const prices = body.items.map((item) => item.minPriceMinor);
		expect(prices).toEqual([...prices].sort((a, b) => a - b));
		const product = data.products[0];
		const detail = await exports.default.fetch(`${BASE}/api/v1/products/${product?.slug}?market=uk`);
		const shown = (await detail.json()) as {
			currency: string;
			variants: { id: number; priceMinor: number; currency: string }[];
		};
		expect(shown.currency).toBe("GBP");
		for (const variant of shown.variants) expect(variant.priceMinor).toBe(await priceOf(variant.id, "GBP"));
		const unknown = await exports.default.fetch(`${BASE}/api/v1/products?market=mars`);
		expect(unknown.status).toBe(400);
	});
});

describe("carts in one market", () => {
	it("are created in the shopper's chosen market, else their country's, else the US", async () => {
		const chosen = new Shopper();
		chosen.cookies.set("__Host-lw_locale", "de-de");
		expect((await (await chosen.createCart()).json()) as { cart: Cart }).toMatchObject({
			cart: { market: "eu", currency: "EUR" },
		});
		const plain = new Shopper();
		expect(((await (await plain.createCart()).json()) as { cart: Cart }).cart).toMatchObject({
			market: "us",
			currency: "USD",
		});
		// A cookie that names no market we sell in is ignored, not trusted.
		const forged = new Shopper();
		forged.cookies.set("__Host-lw_locale", "xx-zz");
		expect(((await (await forged.createCart()).json()) as { cart: Cart }).cart.market).toBe("us");
	});

	it("are priced again, line by line, when the shopper changes market, never mixing currencies", async () => {
		const shopper = new Shopper();
		await shopper.createCart();
		const first = inStockVariant();
		const second = data.variants.find((v) => v.stock >= 2 && v.id !== first.id) ?? first;
		await shopper.addItem(first.id, 1);
		await shopper.addItem(second.id, 2);
		for (const market of ["jp", "uk", "eu", "us"] as const) {
			const res = await shopper.json("/api/v1/cart/market", "PUT", { market });
			expect(res.status).toBe(200);
			const { cart } = (await res.json()) as { cart: Cart };
			const currency: Currency = MARKETS[market].currency;
			expect(cart).toMatchObject({ market, currency });
			let subtotal = 0;
			for (const line of cart.lines) {
				const expected = await priceOf(line.variantId, currency);
				expect(line.unitPriceMinor).toBe(expected);
				subtotal += (expected ?? 0) * line.quantity;
			}
			expect(cart.subtotalMinor).toBe(subtotal);
			expect(await cartOf(shopper)).toEqual(cart);
		}
		const bad = await shopper.json("/api/v1/cart/market", "PUT", { market: "MARS" });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as ErrorBody).error.code).toBe("validation_failed");
		expect((await cartOf(shopper)).market).toBe("us");
	});

	it("show a line the market's price list lacks as unavailable, and refuse to check it out", async () => {
		const usOnly = await createVariant({ stock: 3, onlyOwnCurrency: true });
		const shopper = new Shopper();
		await shopper.createCart();
		await shopper.addItem(usOnly.variantId, 1);
		const moved = (await (await shopper.json("/api/v1/cart/market", "PUT", { market: "eu" })).json()) as {
			cart: Cart;
		};
		expect(moved.cart.lines[0]).toMatchObject({ availability: "unavailable", unitPriceMinor: null });
		expect(moved.cart.readyForCheckout).toBe(false);
		const refused = await shopper.json("/api/v1/cart/items", "POST", {
			variantId: usOnly.variantId,
			quantity: 1,
		});
		expect(refused.status).toBe(409);
		const checkout = await shopper.json(
			"/api/v1/checkout",
			"POST",
			checkoutBody({
				address: { line1: "1 rue de Rivoli", city: "Paris", postalCode: "75001", country: "FR" },
			}),
		);
		expect(checkout.status).toBe(409);
	});
});

describe("adding from a page of another market", () => {
	const addFromPage = (shopper: Shopper, variantId: number, locale: string) =>
		shopper.fetch("/cart/items", {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ variantId: String(variantId), quantity: "1", locale }).toString(),
		});

	it("moves the cart to that market when the add is accepted, and leaves it alone when refused", async () => {
		const shopper = new Shopper();
		await shopper.createCart();
		const kept = inStockVariant(2);
		await shopper.addItem(kept.id, 1);
		const usOnly = await createVariant({ stock: 3, onlyOwnCurrency: true });
		const refused = await addFromPage(shopper, usOnly.variantId, "en-gb");
		expect(refused.status).toBe(409);
		expect(await cartOf(shopper)).toMatchObject({
			market: "us",
			currency: "USD",
			lines: [{ variantId: kept.id }],
		});
		const added = await addFromPage(shopper, inStockVariant(2).id, "en-gb");
		expect(added.status).toBe(303);
		const cart = await cartOf(shopper);
		expect(cart).toMatchObject({ market: "uk", currency: "GBP" });
		expect(cart.lines).toHaveLength(2);
		for (const line of cart.lines) expect(line.unitPriceMinor).toBe(await priceOf(line.variantId, "GBP"));
	});
});

describe("orders for the destination's market", () => {
	async function buy(address: Record<string, string>, market?: string, method = "standard") {
		const shopper = new Shopper();
		await shopper.createCart();
		if (market) await shopper.json("/api/v1/cart/market", "PUT", { market });
		const variant = inStockVariant(2);
		await shopper.addItem(variant.id, 2);
		const res = await shopper.json(
			"/api/v1/checkout",
			"POST",
			checkoutBody({ address, shippingMethod: method }),
		);
		expect(res.status, await res.clone().text()).toBe(201);
		return { variant, order: ((await res.json()) as CheckoutBody).order };
	}

	it("prices a French order in euros with TVA inside the total, exactly", async () => {
		const { variant, order } = await buy(
			{ line1: "1 rue de Rivoli", city: "Paris", postalCode: "75001", country: "FR" },
			"eu",
		);
		const unit = listPrice(variant.priceMinor, "EUR");
		const subtotal = unit * 2;
		const shipping = shippingOptions("FR", subtotal)?.options.standard.priceMinor ?? -1;
		const lines = taxLines(taxRuleFor("FR") ?? { included: true, rates: [] }, subtotal + shipping);
		expect(order).toMatchObject({
			market: "eu",
			currency: "EUR",
			subtotalMinor: subtotal,
			shippingMinor: shipping,
			taxIncluded: true,
			taxLines: lines,
			taxMinor: lines[0]?.amountMinor,
			totalMinor: subtotal + shipping,
		});
		const row = await env.DB.prepare("select currency, tax_lines, language from orders where number = ?")
			.bind(order.number)
			.first<{ currency: string; tax_lines: string; language: string }>();
		expect(row?.currency).toBe("EUR");
		expect(JSON.parse(row?.tax_lines ?? "[]")).toEqual(lines);
		const lineRow = await env.DB.prepare(
			"select l.unit_price_minor as p from order_lines l join orders o on o.id = l.order_id where o.number = ?",
		)
			.bind(order.number)
			.first<{ p: number }>();
		expect(lineRow?.p).toBe(unit);
	});

	it("keeps yen whole from list price to total", async () => {
		const { variant, order } = await buy(
			{ line1: "1-1 Chiyoda", city: "Chiyoda-ku", region: "東京都", postalCode: "100-0001", country: "JP" },
			"jp",
			"express",
		);
		const subtotal = listPrice(variant.priceMinor, "JPY") * 2;
		expect(order.currency).toBe("JPY");
		expect(order.subtotalMinor).toBe(subtotal);
		expect(order.shippingMinor).toBe(1_900);
		expect(order.totalMinor).toBe(subtotal + 1_900);
		expect(order.taxLines[0]?.name).toBe("消費税");
	});

	it("refuses a delivery sold in another currency than the cart's, until the cart moves there", async () => {
		const shopper = new Shopper();
		await shopper.createCart();
		const variant = inStockVariant(2);
		await shopper.addItem(variant.id, 1);
		const london = { line1: "10 Downing St", city: "London", postalCode: "SW1A 2AA", country: "GB" };
		const orders = async () =>
			(await env.DB.prepare("select count(*) as n from orders").first<{ n: number }>())?.n ?? 0;
		const before = await orders();
		const refused = await shopper.json("/api/v1/checkout", "POST", checkoutBody({ address: london }));
		expect(refused.status).toBe(409);
		const body = (await refused.json()) as ErrorBody;
		expect(body.error.message).toMatch(/^Delivery to GB is sold in GBP/);
		expect(body.error.issues?.[0]?.path).toEqual(["address", "country"]);
		expect(await orders()).toBe(before);
		await shopper.json("/api/v1/cart/market", "PUT", { market: "uk" });
		const placed = await shopper.json("/api/v1/checkout", "POST", checkoutBody({ address: london }));
		expect(placed.status).toBe(201);
		const { order } = (await placed.json()) as CheckoutBody;
		expect(order.currency).toBe("GBP");
		expect(order.subtotalMinor).toBe(listPrice(variant.priceMinor, "GBP"));
		expect(order.taxLines).toEqual([expect.objectContaining({ name: "VAT", rateE5: 20_000 })]);
	});

	it("adds Canadian GST and the province's tax on top", async () => {
		const { order } = await buy(
			{ line1: "1 Rue", city: "Montréal", region: "QC", postalCode: "H2Y 1C6", country: "CA" },
			"ca",
		);
		expect(order.taxIncluded).toBe(false);
		expect(order.taxLines.map((l) => l.name)).toEqual(["GST", "QST"]);
		expect(order.totalMinor).toBe(order.subtotalMinor + order.shippingMinor + order.taxMinor);
	});
});

describe("every market can be chosen by request.cf.country", () => {
	it("creates the cart in the market of the country Cloudflare saw", async () => {
		for (const id of MARKET_IDS) {
			const country = MARKETS[id].countries.at(-1) as string;
			const res = await exports.default.fetch(`${BASE}/api/v1/cart`, {
				method: "POST",
				headers: { origin: BASE, "CF-Connecting-IP": `198.18.9.${MARKET_IDS.indexOf(id)}` },
				cf: { country },
			} as RequestInit);
			expect(res.status).toBe(201);
			expect(((await res.json()) as { cart: Cart }).cart.market, country).toBe(id);
		}
	});
});

describe("the product page, by the market of its URL", () => {
	it("says where the market delivers and what delivery to its country costs and takes", async () => {
		const slug = data.products[2]?.slug;
		const page = async (path: string) => (await exports.default.fetch(`${BASE}${path}`)).text();
		const us = await page(`/p/${slug}`);
		expect(us).toContain("Delivery to United States: standard $9.95, 3–6 working days; free from $200.00.");
		const france = await page(`/fr-fr/p/${slug}`);
		expect(france).toMatch(
			/Livraison en France : standard 9,95\s€, 3 à 5 jours ouvrés ; offerte dès 199,00\s€\./,
		);
		expect(france).toMatch(
			/Nous livrons vers : Allemagne, France, Pays-Bas, Belgique, Autriche, Italie, Espagne et Irlande\./,
		);
		const japan = await page(`/ja-jp/p/${slug}`);
		expect(japan).toContain("日本へのお届け：通常便 ￥900、2〜4営業日。￥30,000以上で送料無料。");
	});
});

describe("a shopper in a country the shop does not deliver to", () => {
	const fromBrazil = (path: string) =>
		exports.default.fetch(`${BASE}${path}`, {
			headers: { origin: BASE },
			cf: { country: "BR" },
		} as RequestInit);

	it("is told so on their own pages, never on a page stored for everyone", async () => {
		const cart = await (await fromBrazil("/cart")).text();
		expect(cart).toContain("We do not deliver to Brazil yet.");
		const product = data.products[1];
		const page = await fromBrazil(`/p/${product?.slug}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).not.toContain("Brazil");
		expect(html).toContain('<html lang="en-US"');
	});

	it("cannot check out to that country", async () => {
		const shopper = new Shopper();
		await shopper.createCart();
		await shopper.addItem(inStockVariant(1).id, 1);
		const address = { line1: "Av. Paulista 1", city: "São Paulo", postalCode: "01310-100", country: "BR" };
		const res = await shopper.json("/api/v1/checkout", "POST", checkoutBody({ address }));
		expect(res.status).toBe(400);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.issues?.some((issue) => issue.path.join(".") === "address.country")).toBe(true);
	});
});
