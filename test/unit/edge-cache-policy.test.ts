// The edge cache's pure decisions (workers/storefront/middleware/edge-cache-policy.ts): the key,
// the switch, what may be stored, freshness at its boundaries, If-None-Match, and the widget
// script's content hash.
import { describe, expect, it } from "vitest";
import { contentHash } from "../../workers/storefront/analytics/content-hash";
import {
	cacheKeyUrl,
	carriesFreeText,
	edgeCacheEnabled,
	freshnessOf,
	ifNoneMatchHits,
	mayStore,
	servedHeaders,
	storedAtOf,
	storedHeaders,
} from "../../workers/storefront/middleware/edge-cache-policy";

const lifetime = { ttlSeconds: 60, swrSeconds: 300 };

describe("cacheKeyUrl", () => {
	it("keeps origin and path, sorts parameters by name and keeps the order of repeated ones", () => {
		expect(
			cacheKeyUrl("https://shop.test/api/v1/products?sort=popular&color=red&category=x&color=blue"),
		).toBe("https://shop.test/api/v1/products?category=x&color=red&color=blue&sort=popular");
		expect(cacheKeyUrl("https://shop.test/p/rug?")).toBe("https://shop.test/p/rug");
		expect(cacheKeyUrl("https://shop.test/p/rug#frag")).toBe("https://shop.test/p/rug");
		expect(cacheKeyUrl("https://a.test/p/rug")).not.toBe(cacheKeyUrl("https://b.test/p/rug"));
	});

	it("keeps only the parameters a route reads when it names them", () => {
		expect(cacheKeyUrl("https://shop.test/p/rug?utm_source=x&b=1", [])).toBe("https://shop.test/p/rug");
		expect(
			cacheKeyUrl("https://shop.test/c/hall?utm_source=x&sort=newest&color=red", ["sort", "color"]),
		).toBe("https://shop.test/c/hall?color=red&sort=newest");
	});
});

describe("carriesFreeText", () => {
	it("is true only when the search words are there", () => {
		expect(carriesFreeText("https://shop.test/search?q=blue+rug")).toBe(true);
		expect(carriesFreeText("https://shop.test/search?sort=newest&q=x")).toBe(true);
		expect(carriesFreeText("https://shop.test/search?q=&sort=newest")).toBe(false);
		expect(carriesFreeText("https://shop.test/c/hall?color=red")).toBe(false);
	});
});

describe("edgeCacheEnabled", () => {
	it("is on when unset or on, off for off and for anything it does not know", () => {
		expect([undefined, "", "on"].map(edgeCacheEnabled)).toEqual([true, true, true]);
		expect(["off", "false", "0", "ON"].map(edgeCacheEnabled)).toEqual([false, false, false, false]);
	});
});

describe("mayStore", () => {
	const res = (status: number, headers: Record<string, string> = {}) => ({
		status,
		headers: new Headers(headers),
	});
	it("stores a plain 200 only", () => {
		expect(mayStore(res(200))).toBe(true);
		expect(mayStore(res(200, { "cache-control": "public, max-age=60" }))).toBe(true);
		for (const status of [201, 204, 301, 304, 400, 404, 500])
			expect(mayStore(res(status)), String(status)).toBe(false);
		expect(mayStore(res(200, { "set-cookie": "a=b" }))).toBe(false);
		for (const cc of ["private", "no-store", "no-cache", "public, private", "max-age=0,no-store"]) {
			expect(mayStore(res(200, { "cache-control": cc })), cc).toBe(false);
		}
	});
});

describe("freshnessOf", () => {
	it("fresh below the TTL, stale below TTL + SWR, then expired; age in whole seconds", () => {
		const at = 1_000_000;
		expect(freshnessOf(at, at, lifetime)).toEqual({ state: "fresh", ageSeconds: 0 });
		expect(freshnessOf(at, at + 59_999, lifetime)).toEqual({ state: "fresh", ageSeconds: 59 });
		expect(freshnessOf(at, at + 60_000, lifetime)).toEqual({ state: "stale", ageSeconds: 60 });
		expect(freshnessOf(at, at + 359_999, lifetime)).toEqual({ state: "stale", ageSeconds: 359 });
		expect(freshnessOf(at, at + 360_000, lifetime)).toEqual({ state: "expired", ageSeconds: 360 });
		// A clock that went back never makes a negative age.
		expect(freshnessOf(at, at - 5_000, lifetime)).toEqual({ state: "fresh", ageSeconds: 0 });
	});
});

describe("stored and served headers", () => {
	it("drop everything per request, record when, and give clients their own Cache-Control and Age", () => {
		const route = new Headers({
			"content-type": "text/html",
			"x-request-id": "r1",
			"server-timing": 'd1;dur=1.0;desc="1 round trips"',
			age: "12",
		});
		const stored = storedHeaders(route, '"abc"', 1234, lifetime);
		expect(Object.fromEntries(stored)).toEqual({
			"content-type": "text/html",
			etag: '"abc"',
			"lw-edge-stored-at": "1234",
			"cache-control": "public, max-age=360",
		});
		expect(storedAtOf(stored)).toBe(1234);
		expect(storedAtOf(new Headers({ "lw-edge-stored-at": "12abc" }))).toBeNull();
		expect(Object.fromEntries(servedHeaders(stored, "public, max-age=60", 7))).toEqual({
			"content-type": "text/html",
			etag: '"abc"',
			"cache-control": "public, max-age=60",
			age: "7",
		});
	});
});

describe("ifNoneMatchHits", () => {
	it("compares weakly, in a list, and takes *", () => {
		expect(ifNoneMatchHits('"a"', '"a"')).toBe(true);
		expect(ifNoneMatchHits('W/"a"', '"a"')).toBe(true);
		expect(ifNoneMatchHits('"x", W/"a"', '"a"')).toBe(true);
		expect(ifNoneMatchHits("*", '"a"')).toBe(true);
		expect(ifNoneMatchHits('"b"', '"a"')).toBe(false);
		expect(ifNoneMatchHits("a", '"a"')).toBe(false);
		expect(ifNoneMatchHits(undefined, '"a"')).toBe(false);
	});
});

describe("contentHash", () => {
	it("is stable for one text and differs for another", () => {
		expect(contentHash("console.log(1)")).toBe(contentHash("console.log(1)"));
		expect(contentHash("console.log(1)")).not.toBe(contentHash("console.log(2)"));
		expect(contentHash("x")).toMatch(/^[0-9a-z]{1,11}$/);
	});
});
