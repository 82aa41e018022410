import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { CatalogData } from "../../workers/storefront/catalog/seed-data";
import type { Product } from "../../workers/storefront/db/schema";
import { seedCatalog } from "./fixtures/catalog";

const base = "https://loomwash.test";

type Card = {
	id: number;
	slug: string;
	name: string;
	category: { slug: string; name: string };
	minPriceMinor: number;
	currency: string;
	badges: string[];
	inStock: boolean;
};
type Page = { items: Card[]; nextCursor: string | null };
type ErrorBody = {
	error: { code: string; message: string; requestId: string; issues?: { path: unknown[] }[] };
};

let data: CatalogData;

beforeAll(async () => {
	data = await seedCatalog(env.DB);
	// A second run must change nothing (hooks and setup files can repeat).
	await seedCatalog(env.DB);
});

const get = (path: string, init?: RequestInit) => exports.default.fetch(`${base}${path}`, init);

/** Follows nextCursor from the first page to the last and returns every card in order. */
async function walk(params: Record<string, string>): Promise<Card[]> {
	const cards: Card[] = [];
	let cursor: string | null = null;
	for (let pages = 0; pages < 200; pages++) {
		const search = new URLSearchParams({ ...params, ...(cursor ? { cursor } : {}) });
		const res = await get(`/api/v1/products?${search}`);
		expect(res.status).toBe(200);
		const page = (await res.json()) as Page;
		cards.push(...page.items);
		cursor = page.nextCursor;
		if (!cursor) return cards;
	}
	throw new Error("pagination did not end");
}

const categoryOf = (p: Product) => data.categories.find((c) => c.id === p.categoryId)?.slug;
const variantsOf = (p: Product) => data.variants.filter((v) => v.productId === p.id);
const idsWhere = (keep: (p: Product) => boolean) =>
	data.products
		.filter(keep)
		.map((p) => p.id)
		.sort((a, b) => a - b);
const sortedIds = (cards: Card[]) => cards.map((c) => c.id).sort((a, b) => a - b);

async function expectValidationError(path: string, field?: string) {
	const res = await get(path);
	expect(res.status, path).toBe(400);
	expect(res.headers.get("cache-control")).toBeNull();
	const body = (await res.json()) as ErrorBody;
	expect(body.error.code).toBe("validation_failed");
	expect(body.error.requestId).toMatch(/.+/);
	if (field)
		expect(
			body.error.issues?.some((i) => i.path[0] === field),
			path,
		).toBe(true);
}

describe("GET /api/v1/categories", () => {
	it("lists every category with its product count", async () => {
		const res = await get("/api/v1/categories");
		expect(res.status).toBe(200);
		const body = (await res.json()) as { categories: { slug: string; productCount: number }[] };
		expect(body.categories.map((c) => c.slug)).toEqual(data.categories.map((c) => c.slug));
		for (const c of body.categories) {
			expect(c.productCount).toBe(data.products.filter((p) => categoryOf(p) === c.slug).length);
		}
	});
});

describe("GET /api/v1/products", () => {
	it("returns 24 product cards by default with a cursor to more", async () => {
		const res = await get("/api/v1/products");
		expect(res.status).toBe(200);
		const page = (await res.json()) as Page;
		expect(page.items).toHaveLength(24);
		expect(page.nextCursor).toEqual(expect.any(String));
		const card = page.items[0] as Card;
		expect(Object.keys(card).sort()).toEqual(
			["badges", "category", "currency", "id", "inStock", "minPriceMinor", "name", "slug"].sort(),
		);
		const product = data.products.find((p) => p.id === card.id) as Product;
		expect(card).toMatchObject({
			slug: product.slug,
			name: product.name,
			minPriceMinor: product.minPriceMinor,
			currency: "USD",
			category: { slug: categoryOf(product) },
			inStock: variantsOf(product).some((v) => v.stock > 0),
		});
	});

	it("walks every page without duplicates or gaps, for every page size", async () => {
		const all = idsWhere(() => true);
		for (const limit of ["1", "7", "50"]) {
			const cards = await walk({ limit, sort: "newest" });
			expect(cards.map((c) => c.id)).toHaveLength(new Set(cards.map((c) => c.id)).size);
			expect(sortedIds(cards)).toEqual(all);
		}
	});

	it.each([
		["price_asc", (a: Product, b: Product) => a.minPriceMinor - b.minPriceMinor || a.id - b.id],
		["price_desc", (a: Product, b: Product) => b.minPriceMinor - a.minPriceMinor || b.id - a.id],
		["newest", (a: Product, b: Product) => b.createdAt - a.createdAt || b.id - a.id],
		["popular", (a: Product, b: Product) => b.popularity - a.popularity || b.id - a.id],
	] as const)("sorts by %s, ties broken by id, across pages", async (sort, compare) => {
		const expected = [...data.products].sort(compare).map((p) => p.id);
		const cards = await walk({ sort, limit: "13" });
		expect(cards.map((c) => c.id)).toEqual(expected);
	});

	it("sorts by popularity when no sort is given", async () => {
		const page = (await (await get("/api/v1/products?limit=5")).json()) as Page;
		const expected = [...data.products].sort((a, b) => b.popularity - a.popularity || b.id - a.id);
		expect(page.items.map((c) => c.id)).toEqual(expected.slice(0, 5).map((p) => p.id));
	});

	it("filters by category", async () => {
		const cards = await walk({ category: "runners", limit: "50" });
		expect(sortedIds(cards)).toEqual(idsWhere((p) => categoryOf(p) === "runners"));
		expect(cards.every((c) => c.category.slug === "runners")).toBe(true);
	});

	it("answers an unknown category with an empty page", async () => {
		const page = (await (await get("/api/v1/products?category=no-such-room")).json()) as Page;
		expect(page).toEqual({ items: [], nextCursor: null });
	});

	it("filters by colour", async () => {
		const cards = await walk({ color: "sage", limit: "50" });
		const expected = idsWhere((p) => variantsOf(p).some((v) => v.color === "sage"));
		expect(expected.length).toBeGreaterThan(0);
		expect(sortedIds(cards)).toEqual(expected);
	});

	it("filters by size", async () => {
		const cards = await walk({ size: "5x7", limit: "50" });
		const expected = idsWhere((p) => variantsOf(p).some((v) => v.size === "5x7"));
		expect(expected.length).toBeGreaterThan(0);
		expect(sortedIds(cards)).toEqual(expected);
	});

	it("combines colour and size as one variant", async () => {
		const cards = await walk({ color: "navy", size: "3x5", limit: "50" });
		const expected = idsWhere((p) => variantsOf(p).some((v) => v.color === "navy" && v.size === "3x5"));
		expect(sortedIds(cards)).toEqual(expected);
	});

	it.each([
		["washable", "machineWashable"],
		["stainResistant", "stainResistant"],
		["petFriendly", "petFriendly"],
	] as const)("filters by %s=true and %s=false", async (param, field) => {
		const yes = await walk({ [param]: "true", limit: "50" });
		const no = await walk({ [param]: "false", limit: "50" });
		expect(sortedIds(yes)).toEqual(idsWhere((p) => p[field]));
		expect(sortedIds(no)).toEqual(idsWhere((p) => !p[field]));
		expect(yes.length).toBeGreaterThan(0);
		expect(no.length).toBeGreaterThan(0);
	});

	it("filters by starting price range, inclusive", async () => {
		const cards = await walk({ minPrice: "5000", maxPrice: "12000", limit: "50" });
		const expected = idsWhere((p) => p.minPriceMinor >= 5000 && p.minPriceMinor <= 12000);
		expect(expected.length).toBeGreaterThan(0);
		expect(sortedIds(cards)).toEqual(expected);
		const exact = data.products[0] as Product;
		const only = await walk({ minPrice: String(exact.minPriceMinor), maxPrice: String(exact.minPriceMinor) });
		expect(only.map((c) => c.id)).toContain(exact.id);
		expect(only.every((c) => c.minPriceMinor === exact.minPriceMinor)).toBe(true);
	});

	it("matches every word of q in the name or description, case-insensitively", async () => {
		const matches = (p: Product, word: string) =>
			p.name.toLowerCase().includes(word) || p.description.toLowerCase().includes(word);
		const one = await walk({ q: "STRIPE", limit: "50" });
		expect(sortedIds(one)).toEqual(idsWhere((p) => matches(p, "stripe")));
		expect(one.length).toBeGreaterThan(0);
		const two = await walk({ q: "  stripe   runner ", limit: "50" });
		expect(sortedIds(two)).toEqual(idsWhere((p) => matches(p, "stripe") && matches(p, "runner")));
	});

	it("treats LIKE wildcards in q as literal characters", async () => {
		for (const q of ["%", "_", "%%", "\\", "a%b", "rug_"]) {
			const page = (await (await get(`/api/v1/products?${new URLSearchParams({ q })}`)).json()) as Page;
			expect(page.items, q).toEqual([]);
		}
	});

	it("searches with words of any length up to the limit (D1 refuses LIKE patterns over 50 bytes)", async () => {
		const product = data.products[0];
		const longWord = `${"a".repeat(100)}`;
		for (const q of [longWord, "%".repeat(100), "é".repeat(100), `${"ä".repeat(60)} rug`]) {
			const res = await get(`/api/v1/products?${new URLSearchParams({ q })}`);
			expect(res.status, q).toBe(200);
		}
		// A long query still finds what it names.
		const name = product?.name.toLowerCase() ?? "";
		const page = (await (await get(`/api/v1/products?${new URLSearchParams({ q: name })}`)).json()) as Page;
		expect(page.items.map((p) => p.id)).toContain(product?.id);
		const html = await get(`/c/bath?${new URLSearchParams({ q: "b".repeat(100) })}`);
		expect(html.status).toBe(200);
	});

	it("answers a unicode or hostile q with an empty page, not an error", async () => {
		for (const q of ["ковёр 🧶", "'; DROP TABLE products; --", '") OR 1=1 --']) {
			const res = await get(`/api/v1/products?${new URLSearchParams({ q })}`);
			expect(res.status, q).toBe(200);
			expect(((await res.json()) as Page).items).toEqual([]);
		}
	});

	it("accepts every filter at once, with a cursor and more words than it uses", async () => {
		const first = (await (await get("/api/v1/products?sort=newest&limit=1")).json()) as Page;
		const params = new URLSearchParams({
			category: "kitchen",
			color: "sage",
			size: "2x3",
			washable: "true",
			stainResistant: "true",
			petFriendly: "false",
			minPrice: "0",
			maxPrice: "1000000",
			q: "a b c d e f g h i j",
			sort: "newest",
			limit: "50",
			cursor: first.nextCursor as string,
		});
		const res = await get(`/api/v1/products?${params}`);
		expect(res.status).toBe(200);
	});

	it("survives malformed percent-encoding", async () => {
		for (const path of [
			"/api/v1/products?q=%E0%A4%A",
			"/api/v1/products?%ZZ=1",
			"/api/v1/products/%E0%A4%A",
		]) {
			const res = await get(path);
			expect(res.status, path).toBeLessThan(500);
		}
	});

	it("combines filters with paging", async () => {
		const params = { category: "living-room", stainResistant: "true", maxPrice: "30000", sort: "price_desc" };
		const cards = await walk({ ...params, limit: "3" });
		const expected = data.products
			.filter((p) => categoryOf(p) === "living-room" && p.stainResistant && p.minPriceMinor <= 30000)
			.sort((a, b) => b.minPriceMinor - a.minPriceMinor || b.id - a.id);
		expect(cards.map((c) => c.id)).toEqual(expected.map((p) => p.id));
	});

	it("marks sold-out products and lists their badges", async () => {
		const soldOut = data.products.find((p) => variantsOf(p).every((v) => v.stock === 0)) as Product;
		const cards = await walk({ q: soldOut.name, limit: "50" });
		const card = cards.find((c) => c.id === soldOut.id) as Card;
		expect(card.inStock).toBe(false);
		const badges = [
			soldOut.machineWashable && "machine-washable",
			soldOut.stainResistant && "stain-resistant",
			soldOut.nonSlipBacking && "non-slip",
			soldOut.petFriendly && "pet-friendly",
		].filter(Boolean);
		expect(card.badges).toEqual(badges);
	});

	describe("rejects bad query parameters with 400 in the shared shape", () => {
		it.each([
			["limit=0", "limit"],
			["limit=51", "limit"],
			["limit=abc", "limit"],
			["limit=1.5", "limit"],
			["limit=-1", "limit"],
			["limit=1e1", "limit"],
			["limit=", "limit"],
			["sort=bogus", "sort"],
			["sort=PRICE_ASC", "sort"],
			["washable=yes", "washable"],
			["washable=1", "washable"],
			["petFriendly=", "petFriendly"],
			["minPrice=abc", "minPrice"],
			["minPrice=-5", "minPrice"],
			["maxPrice=99999999999999999999", "maxPrice"],
			["minPrice=5000&maxPrice=100", "minPrice"],
			["category=Living%20Room", "category"],
			["category=../etc", "category"],
			["color=SAGE", "color"],
			["size=5x7%27", "size"],
			[`q=${"a".repeat(101)}`, "q"],
			["q=%20%20%20", "q"],
			["color=sage&color=navy", "color"],
			["tracking=1", undefined],
			["__proto__=1", undefined],
		])("?%s", async (query, field) => {
			await expectValidationError(`/api/v1/products?${query}`, field);
		});
	});

	describe("cursor", () => {
		const encode = (value: unknown) =>
			btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

		it("rejects garbage, tampered and foreign cursors", async () => {
			const bad = [
				"garbage!",
				"zzzz",
				encode("not an object"),
				encode({ s: "newest", k: 1, i: 1, extra: true }),
				encode({ s: "newest", k: "1", i: 1 }),
				encode({ s: "newest", k: 1.5, i: 1 }),
				encode({ s: "newest", k: -1, i: 1 }),
				encode({ s: "newest", k: 1, i: 0 }),
				encode({ s: "sideways", k: 1, i: 1 }),
				btoa("{not json").replace(/=+$/, ""),
				"A".repeat(201),
			];
			for (const cursor of bad) {
				await expectValidationError(
					`/api/v1/products?sort=newest&${new URLSearchParams({ cursor })}`,
					"cursor",
				);
			}
		});

		it("rejects a cursor issued for another sort order", async () => {
			const first = (await (await get("/api/v1/products?sort=price_asc&limit=2")).json()) as Page;
			expect(first.nextCursor).not.toBeNull();
			const cursor = first.nextCursor as string;
			await expectValidationError(`/api/v1/products?sort=newest&cursor=${cursor}`, "cursor");
			expect((await get(`/api/v1/products?sort=price_asc&cursor=${cursor}`)).status).toBe(200);
		});

		it("ends with a null cursor and an empty page after the last product", async () => {
			const last = [...data.products].sort((a, b) => a.minPriceMinor - b.minPriceMinor || a.id - b.id).at(-1);
			const cursor = encode({ s: "price_asc", k: last?.minPriceMinor, i: last?.id });
			const page = (await (await get(`/api/v1/products?sort=price_asc&cursor=${cursor}`)).json()) as Page;
			expect(page).toEqual({ items: [], nextCursor: null });
		});
	});
});

describe("GET /api/v1/products/{slug}", () => {
	it("returns the product with its variants and stock, cheapest first", async () => {
		const product = data.products.find((p) => variantsOf(p).some((v) => v.stock === 0)) as Product;
		const res = await get(`/api/v1/products/${product.slug}`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as Card & {
			description: string;
			careText: string;
			material: string;
			variants: { sku: string; priceMinor: number; stock: number; inStock: boolean }[];
		};
		expect(body).toMatchObject({
			id: product.id,
			name: product.name,
			description: product.description,
			careText: product.careText,
			material: product.material,
			minPriceMinor: product.minPriceMinor,
			category: { slug: categoryOf(product) },
		});
		const expected = variantsOf(product);
		expect(body.variants.map((v) => v.sku).sort()).toEqual(expected.map((v) => v.sku).sort());
		const prices = body.variants.map((v) => v.priceMinor);
		expect(prices).toEqual([...prices].sort((a, b) => a - b));
		for (const v of body.variants) {
			expect(v.stock).toBe(expected.find((e) => e.sku === v.sku)?.stock);
			expect(v.inStock).toBe(v.stock > 0);
		}
	});

	it("answers an unknown slug with 404 in the shared shape", async () => {
		const res = await get("/api/v1/products/no-such-rug");
		expect(res.status).toBe(404);
		expect(res.headers.get("cache-control")).toBeNull();
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe("not_found");
		expect(body.error.requestId).toMatch(/.+/);
	});

	it.each(["Sable-Diamond", "a--b", "-leading", "%F0%9F%A7%B6", "a%20b", "x".repeat(97), "%27%20OR%201%3D1"])(
		"rejects the malformed slug %s with 400",
		async (slug) => {
			await expectValidationError(`/api/v1/products/${slug}`, "slug");
		},
	);
});

describe("edge caching", () => {
	it.each(["/api/v1/categories", "/api/v1/products?sort=newest", "/api/v1/products/sable-diamond-area-rug"])(
		"%s is public, tagged, and 304s on a matching If-None-Match",
		async (path) => {
			const res = await get(path);
			expect(res.status).toBe(200);
			expect(res.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=300");
			expect(res.headers.get("set-cookie")).toBeNull();
			const tag = res.headers.get("etag");
			expect(tag).toMatch(/^"[0-9a-f]+"$/);
			const body = await res.text();

			const again = await get(path);
			expect(again.headers.get("etag")).toBe(tag);
			expect(await again.text()).toBe(body);

			const cached = await get(path, { headers: { "If-None-Match": tag as string } });
			expect(cached.status).toBe(304);
			expect(await cached.text()).toBe("");
			expect(cached.headers.get("etag")).toBe(tag);
			expect(cached.headers.get("cache-control")).toContain("public");

			const stale = await get(path, { headers: { "If-None-Match": '"not-the-tag"' } });
			expect(stale.status).toBe(200);
		},
	);

	it("gives different pages different tags", async () => {
		const a = await get("/api/v1/products?sort=newest");
		const b = await get("/api/v1/products?sort=price_asc");
		expect(a.headers.get("etag")).not.toBe(b.headers.get("etag"));
	});
});

describe("OpenAPI document", () => {
	it("describes every catalog operation with its parameters and error responses", async () => {
		const doc = (await (await get("/api/v1/openapi.json")).json()) as {
			paths: Record<
				string,
				{ get?: { parameters?: { name: string }[]; responses: Record<string, unknown> } }
			>;
		};
		expect(doc.paths["/api/v1/categories"]?.get?.responses).toHaveProperty("200");
		const list = doc.paths["/api/v1/products"]?.get;
		expect(list?.parameters?.map((p) => p.name)).toEqual(
			expect.arrayContaining([
				"market",
				"category",
				"color",
				"size",
				"washable",
				"minPrice",
				"q",
				"sort",
				"limit",
				"cursor",
			]),
		);
		expect(list?.responses).toHaveProperty("400");
		const detail = doc.paths["/api/v1/products/{slug}"]?.get;
		expect(detail?.parameters?.map((p) => p.name)).toEqual(["slug", "market"]);
		expect(detail?.responses).toHaveProperty("404");
	});
});
