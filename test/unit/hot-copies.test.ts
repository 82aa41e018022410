import { describe, expect, it } from "vitest";
import { HotCopies } from "../../workers/storefront/middleware/hot-copies";

const copy = (bytes: number, tag = "x") => ({
	body: new Uint8Array(bytes).fill(1).buffer,
	headers: new Headers({ etag: `"${tag}"` }),
});

describe("the isolate's hot copies", () => {
	it("answers with a copy for its hold, then drops it", () => {
		const hot = new HotCopies({ holdMs: 5_000, maxEntries: 10, maxBytes: 1_000 });
		hot.hold("a", copy(10, "a"), 1_000);
		expect(hot.get("a", 5_999)?.headers.get("etag")).toBe('"a"');
		expect(hot.get("a", 6_000)).toBeUndefined();
		expect(hot.size).toBe(0);
		expect(hot.bytes).toBe(0);
	});

	it("lets the least recently used go first when the count is full", () => {
		const hot = new HotCopies({ holdMs: 5_000, maxEntries: 2, maxBytes: 1_000 });
		hot.hold("a", copy(10), 0);
		hot.hold("b", copy(10), 0);
		hot.get("a", 1); // a is now the most recently used
		hot.hold("c", copy(10), 1);
		expect([hot.get("a", 2), hot.get("b", 2), hot.get("c", 2)].map(Boolean)).toEqual([true, false, true]);
	});

	it("keeps within its byte budget and never holds one page of more than an eighth of it", () => {
		const hot = new HotCopies({ holdMs: 5_000, maxEntries: 100, maxBytes: 800 });
		for (const key of ["a", "b", "c", "d", "e"]) hot.hold(key, copy(100), 0);
		hot.hold("f", copy(100), 0);
		hot.hold("g", copy(100), 0);
		hot.hold("h", copy(100), 0);
		hot.hold("i", copy(100), 0);
		expect(hot.bytes).toBeLessThanOrEqual(800);
		expect(hot.get("a", 1)).toBeUndefined();
		expect(hot.get("i", 1)).toBeDefined();
		hot.hold("big", copy(101), 0);
		expect(hot.get("big", 1)).toBeUndefined();
	});

	it("replaces a key's copy without counting it twice", () => {
		const hot = new HotCopies({ holdMs: 5_000, maxEntries: 10, maxBytes: 1_000 });
		hot.hold("a", copy(50, "old"), 0);
		hot.hold("a", copy(30, "new"), 0);
		expect(hot.bytes).toBe(30);
		expect(hot.get("a", 1)?.headers.get("etag")).toBe('"new"');
		hot.delete("a");
		expect(hot.bytes).toBe(0);
	});
});
