import { describe, expect, it } from "vitest";
import { type EventEnvelope, parseEnvelope } from "../../../analytics/event-schema";
import { MAX_PURCHASE_ITEMS, MAX_RECENT } from "../../../analytics/limits";
import { boundedProductIds, stripEvent } from "../../../analytics/strip";

const at = Date.UTC(2026, 10, 29, 14, 37, 12, 345);
const base = {
	v: 1,
	id: "0b0e4d55-8e5c-4b8e-9a47-3f2d1c0b9a87",
	at,
	device: "mobile",
	country: "FR",
} as const;

/** Every string value anywhere in a value. */
function strings(value: unknown): string[] {
	if (typeof value === "string") return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === "object") return Object.values(value).flatMap(strings);
	return [];
}

describe("stripEvent", () => {
	it("keeps only coarse dimensions: hour bucket, device class, country", () => {
		const out = stripEvent({ ...base, type: "view", productId: 7, recent: [3, 4] });
		expect(out).toStrictEqual({
			type: "view",
			productId: 7,
			recent: [3, 4],
			hour: Math.floor(at / 3_600_000),
			device: "mobile",
			country: "FR",
		});
		expect(JSON.stringify(out)).not.toContain(base.id);
		expect(JSON.stringify(out)).not.toContain(String(at));
	});

	it("drops unknown fields even when they slip past the schema", () => {
		const hostile = {
			...base,
			type: "page",
			path: "/p/:slug",
			ip: "198.51.100.23",
			userAgent: "Mozilla/5.0 (X11; Linux x86_64) Marker/1.0",
			email: "jane.doe@example.com",
			accountId: "acct_123456",
			sessionId: "sess_abcdef",
			cookie: "lw_session=secret",
			referrer: "https://search.example/?q=jane.doe@example.com",
		} as unknown as EventEnvelope;
		const out = stripEvent(hostile);
		expect(Object.keys(out ?? {}).sort()).toStrictEqual(["country", "device", "hour", "path", "type"]);
		for (const s of strings(out)) {
			expect(s).not.toMatch(/198\.51|Marker|jane|acct_|sess_|secret|search\.example/);
		}
	});

	it("reduces a raw path with identifiers to its route template", () => {
		const hostile = {
			...base,
			type: "page",
			path: "/orders/LW-1234?email=jane@example.com",
		} as unknown as EventEnvelope;
		expect(stripEvent(hostile)).toMatchObject({ path: "/orders/:number" });
		const unknown = { ...base, type: "page", path: "/jane@example.com" } as unknown as EventEnvelope;
		expect(stripEvent(unknown)).toMatchObject({ path: "/other" });
	});

	it("bounds a huge recent list, dedupes it and drops the viewed product and invalid ids", () => {
		const recent = [7, 7, 2, -1, 2.5, "3", null, 3, ...Array.from({ length: 100_000 }, (_, i) => i + 10)];
		const hostile = { ...base, type: "view", productId: 7, recent } as unknown as EventEnvelope;
		const out = stripEvent(hostile);
		expect(out?.type === "view" && out.recent).toStrictEqual([2, 3, 10, 11, 12, 13, 14, 15]);
		expect(out?.type === "view" && out.recent.length).toBe(MAX_RECENT);
	});

	it("returns null for wrong types instead of counting them", () => {
		expect(stripEvent({ ...base, type: "view", productId: "7" } as unknown as EventEnvelope)).toBeNull();
		expect(stripEvent({ ...base, type: "cart_add", productId: 0 } as unknown as EventEnvelope)).toBeNull();
		expect(
			stripEvent({ ...base, type: "purchase", productIds: "1,2" } as unknown as EventEnvelope),
		).toBeNull();
		expect(stripEvent({ ...base, type: "page", path: 42 } as unknown as EventEnvelope)).toBeNull();
		expect(
			stripEvent({ ...base, at: "yesterday", type: "page", path: "/" } as unknown as EventEnvelope),
		).toBeNull();
		expect(stripEvent({ ...base, type: "signup" } as unknown as EventEnvelope)).toBeNull();
	});

	it("coerces unknown device classes and countries to coarse defaults", () => {
		const hostile = {
			...base,
			device: "iPhone 15 Pro, iOS 18.1",
			country: "Berlin",
			type: "cart_add",
			productId: 5,
		} as unknown as EventEnvelope;
		expect(stripEvent(hostile)).toMatchObject({ device: "other", country: "XX" });
	});

	it("bounds purchase items", () => {
		const productIds = Array.from({ length: 500 }, (_, i) => i + 1);
		const out = stripEvent({ ...base, type: "purchase", productIds } as unknown as EventEnvelope);
		expect(out?.type === "purchase" && out.productIds.length).toBe(MAX_PURCHASE_ITEMS);
	});

	it("is pure: same input, same output, input untouched", () => {
		const input = { ...base, type: "view" as const, productId: 9, recent: [1, 2, 2] };
		const snapshot = structuredClone(input);
		expect(stripEvent(input)).toStrictEqual(stripEvent(input));
		expect(input).toStrictEqual(snapshot);
	});
});

describe("boundedProductIds", () => {
	it("handles non-arrays and hostile items", () => {
		expect(boundedProductIds("1,2,3", 5)).toStrictEqual([]);
		expect(boundedProductIds({ length: 3 }, 5)).toStrictEqual([]);
		expect(boundedProductIds([Number.NaN, Infinity, 2 ** 40, 1], 5)).toStrictEqual([1]);
	});
});

describe("parseEnvelope", () => {
	it("accepts a well-formed envelope", () => {
		expect(parseEnvelope({ ...base, type: "cart_add", productId: 3 }).ok).toBe(true);
	});

	it("rejects unknown fields, naming the reason", () => {
		expect(parseEnvelope({ ...base, type: "cart_add", productId: 3, ip: "203.0.113.1" })).toStrictEqual({
			ok: false,
			reason: "invalid_fields",
		});
	});

	it("rejects wrong types, unknown versions, unknown types and non-objects", () => {
		expect(parseEnvelope({ ...base, type: "cart_add", productId: "3" })).toMatchObject({
			reason: "invalid_fields",
		});
		expect(parseEnvelope({ ...base, v: 2, type: "cart_add", productId: 3 })).toMatchObject({
			reason: "unknown_version",
		});
		expect(parseEnvelope({ ...base, type: "signup" })).toMatchObject({ reason: "unknown_type" });
		expect(parseEnvelope([1, 2])).toMatchObject({ reason: "not_an_object" });
		expect(parseEnvelope(null)).toMatchObject({ reason: "not_an_object" });
	});

	it("rejects a recent list longer than the bound and a raw path instead of a template", () => {
		const recent = Array.from({ length: MAX_RECENT + 1 }, (_, i) => i + 1);
		expect(parseEnvelope({ ...base, type: "view", productId: 99, recent }).ok).toBe(false);
		expect(parseEnvelope({ ...base, type: "page", path: "/orders/LW-1" }).ok).toBe(false);
	});
});
