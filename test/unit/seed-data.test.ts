import { afterEach, describe, expect, it, vi } from "vitest";
import { generateCatalog, mulberry32, SIZE_CODES, slugify } from "../../workers/storefront/catalog/seed-data";

const catalog = generateCatalog();
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe("generateCatalog", () => {
	afterEach(() => vi.restoreAllMocks());

	it("has the promised categories, products and variants", () => {
		expect(catalog.categories.map((c) => c.slug)).toEqual(
			expect.arrayContaining([
				"living-room",
				"kitchen",
				"runners",
				"bath",
				"kids-nursery",
				"entryway",
				"outdoor",
				"pet-friendly",
			]),
		);
		expect(catalog.categories.every((c) => c.description.length > 40)).toBe(true);
		expect(catalog.products.length).toBeGreaterThanOrEqual(150);
		expect(catalog.variants.length).toBeGreaterThanOrEqual(600);
	});

	it("is deterministic and never touches Math.random", () => {
		const random = vi.spyOn(Math, "random");
		expect(generateCatalog()).toStrictEqual(catalog);
		expect(random).not.toHaveBeenCalled();
		expect(generateCatalog(42)).not.toStrictEqual(catalog);
	});

	it("numbers ids 1..n in order", () => {
		for (const rows of [catalog.categories, catalog.products, catalog.variants]) {
			expect(rows.map((r) => r.id)).toEqual(rows.map((_, i) => i + 1));
		}
	});

	it("keeps slugs, names and SKUs unique and well-formed", () => {
		const slugs = catalog.products.map((p) => p.slug);
		expect(new Set(slugs).size).toBe(slugs.length);
		expect(slugs.every((s) => SLUG.test(s) && s.length <= 96)).toBe(true);
		expect(catalog.categories.every((c) => SLUG.test(c.slug))).toBe(true);
		expect(new Set(catalog.products.map((p) => p.name)).size).toBe(catalog.products.length);
		const skus = catalog.variants.map((v) => v.sku);
		expect(new Set(skus).size).toBe(skus.length);
		const combos = catalog.variants.map((v) => `${v.productId}/${v.size}/${v.color}`);
		expect(new Set(combos).size).toBe(combos.length);
	});

	it("stores each product's lowest variant price as minPriceMinor", () => {
		for (const product of catalog.products) {
			const prices = catalog.variants.filter((v) => v.productId === product.id).map((v) => v.priceMinor);
			expect(prices.length).toBeGreaterThanOrEqual(4);
			expect(product.minPriceMinor).toBe(Math.min(...prices));
		}
	});

	it("prices every size of a product above the smaller sizes, in whole minor units of USD", () => {
		for (const product of catalog.products) {
			const bySize = new Map<string, number>();
			for (const v of catalog.variants.filter((x) => x.productId === product.id)) {
				expect(Number.isInteger(v.priceMinor) && v.priceMinor > 0).toBe(true);
				expect(v.currency).toBe("USD");
				// One price per size, whatever the colour.
				expect(bySize.get(v.size) ?? v.priceMinor).toBe(v.priceMinor);
				bySize.set(v.size, v.priceMinor);
			}
			const order: readonly string[] = SIZE_CODES;
			const ordered = [...bySize].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
			const prices = ordered.map(([, price]) => price);
			expect(prices).toEqual([...prices].sort((a, b) => a - b));
			expect(new Set(prices).size).toBe(prices.length);
		}
	});

	it("links every row to an existing parent", () => {
		const categoryIds = new Set(catalog.categories.map((c) => c.id));
		const productIds = new Set(catalog.products.map((p) => p.id));
		expect(catalog.products.every((p) => categoryIds.has(p.categoryId))).toBe(true);
		expect(catalog.variants.every((v) => productIds.has(v.productId))).toBe(true);
		for (const id of categoryIds) {
			expect(catalog.products.filter((p) => p.categoryId === id).length).toBeGreaterThanOrEqual(10);
		}
	});

	it("has real out-of-stock variants and some fully sold-out products", () => {
		expect(catalog.variants.every((v) => Number.isInteger(v.stock) && v.stock >= 0)).toBe(true);
		expect(catalog.variants.some((v) => v.stock === 0)).toBe(true);
		expect(catalog.variants.filter((v) => v.stock > 0).length).toBeGreaterThan(catalog.variants.length / 2);
		const soldOut = catalog.products.filter((p) =>
			catalog.variants.filter((v) => v.productId === p.id).every((v) => v.stock === 0),
		);
		expect(soldOut.length).toBeGreaterThan(0);
	});

	it("varies every filterable attribute", () => {
		for (const key of ["machineWashable", "stainResistant", "nonSlipBacking", "petFriendly"] as const) {
			expect(new Set(catalog.products.map((p) => p[key]))).toEqual(new Set([true, false]));
		}
		expect(new Set(catalog.products.map((p) => p.material)).size).toBeGreaterThanOrEqual(6);
		expect(new Set(catalog.variants.map((v) => v.color)).size).toBeGreaterThanOrEqual(10);
		expect(catalog.products.every((p) => p.pileHeightMm > 0 && p.washTemperatureC >= 30)).toBe(true);
		expect(catalog.products.every((p) => p.careText.length > 20 && p.description.length > 80)).toBe(true);
	});

	it("spreads createdAt over more than a year", () => {
		const times = catalog.products.map((p) => p.createdAt);
		expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(365 * 24 * 3600 * 1000);
		expect(new Set(times).size).toBeGreaterThan(20);
	});
});

describe("mulberry32", () => {
	it("repeats its sequence for a seed and stays in [0, 1)", () => {
		const a = mulberry32(7);
		const b = mulberry32(7);
		const seq = Array.from({ length: 1000 }, () => a());
		expect(Array.from({ length: 1000 }, () => b())).toEqual(seq);
		expect(seq.every((x) => x >= 0 && x < 1)).toBe(true);
	});
});

describe("slugify", () => {
	it("keeps lowercase words joined by single dashes", () => {
		expect(slugify("Kids & Nursery")).toBe("kids-and-nursery");
		expect(slugify("  Heather--Grey 5'x7' ")).toBe("heather-grey-5-x7");
	});
});
