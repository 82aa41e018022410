import { describe, expect, it } from "vitest";
import {
	decodeCursor,
	encodeCursor,
	MAX_QUERY_TERMS,
	productBadges,
	queryTerms,
	sortKey,
} from "../../workers/storefront/catalog/listing";
import { toListingRequest } from "../../workers/storefront/catalog/schemas";

describe("cursor", () => {
	it("round-trips through an opaque base64url string", () => {
		const cursor = { sort: "price_desc", key: 12999, id: 42 } as const;
		const raw = encodeCursor(cursor);
		expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(decodeCursor(raw)).toEqual(cursor);
	});

	it("round-trips large keys such as millisecond timestamps", () => {
		const cursor = { sort: "newest", key: 1_750_032_000_000, id: 160 } as const;
		expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
	});

	const b64 = (text: string) => btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

	it.each([
		["empty", ""],
		["not base64url", "ab+/"],
		["not JSON", b64("hello")],
		["JSON array", b64("[1,2,3]")],
		["unknown sort", b64('{"s":"random","k":1,"i":1}')],
		["extra field", b64('{"s":"newest","k":1,"i":1,"x":1}')],
		["missing id", b64('{"s":"newest","k":1}')],
		["fractional key", b64('{"s":"newest","k":1.5,"i":1}')],
		["negative key", b64('{"s":"newest","k":-1,"i":1}')],
		["zero id", b64('{"s":"newest","k":1,"i":0}')],
		["unsafe integer", b64('{"s":"newest","k":1e300,"i":1}')],
		["string key", b64('{"s":"newest","k":"1","i":1}')],
		["prototype pollution", b64('{"__proto__":{"s":"newest"},"k":1,"i":1}')],
		["too long", "A".repeat(201)],
	])("rejects a cursor that is %s", (_, raw) => {
		expect(decodeCursor(raw)).toBeNull();
	});
});

describe("sortKey", () => {
	const row = { id: 7, minPriceMinor: 4999, createdAt: 1000, popularity: 55 };
	it("picks the column each sort orders by", () => {
		expect(sortKey("price_asc", row)).toBe(4999);
		expect(sortKey("price_desc", row)).toBe(4999);
		expect(sortKey("newest", row)).toBe(1000);
		expect(sortKey("popular", row)).toBe(55);
	});
});

describe("queryTerms", () => {
	it("lowercases, splits on whitespace, drops duplicates and caps the count", () => {
		expect(queryTerms("  Stripe\tRUNNER stripe ")).toEqual(["stripe", "runner"]);
		expect(queryTerms("a b c d e f g h")).toHaveLength(MAX_QUERY_TERMS);
	});
});

describe("productBadges", () => {
	it("lists the features a product has, in a fixed order", () => {
		const none = { machineWashable: false, stainResistant: false, nonSlipBacking: false, petFriendly: false };
		expect(productBadges(none)).toEqual([]);
		expect(productBadges({ ...none, petFriendly: true, machineWashable: true })).toEqual([
			"machine-washable",
			"pet-friendly",
		]);
	});
});

describe("toListingRequest", () => {
	it("separates filters from the page and decodes the cursor", () => {
		const cursor = encodeCursor({ sort: "newest", key: 5, id: 9 });
		const request = toListingRequest({ sort: "newest", limit: 10, cursor, q: "Blue Rug", color: "navy" });
		expect(request).toEqual({
			filters: { color: "navy", terms: ["blue", "rug"] },
			page: { sort: "newest", limit: 10, after: { sort: "newest", key: 5, id: 9 } },
		});
	});
});
