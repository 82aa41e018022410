import { describe, expect, it } from "vitest";
import {
	escapeXml,
	RUG_COLORS,
	RUG_PATTERNS,
	rugColors,
	rugDefinitions,
	rugDrawing,
	rugPatternFor,
	rugSvg,
	rugSymbol,
} from "../../workers/storefront/catalog/rug-art";
import { generateCatalog } from "../../workers/storefront/catalog/seed-data";

/** Well-formed XML in the small subset the drawings use: balanced tags, quoted attributes, no raw `<`/`&`. */
function expectWellFormed(svg: string) {
	const stack: string[] = [];
	const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
	let at = 0;
	while (at < svg.length) {
		const next = svg.indexOf("<", at);
		const text = svg.slice(at, next === -1 ? svg.length : next);
		expect(text, "text between tags").not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|#39;)/);
		if (next === -1) break;
		tag.lastIndex = next;
		const m = tag.exec(svg);
		expect(m, `a tag at ${svg.slice(next, next + 40)}`).not.toBeNull();
		if (!m) return;
		const [, closing, name = "", , selfClosing] = m;
		if (closing) expect(stack.pop()).toBe(name);
		else if (!selfClosing) stack.push(name);
		at = tag.lastIndex;
	}
	expect(stack).toEqual([]);
}

describe("rugPatternFor", () => {
	it("takes the motif the product's slug names", () => {
		expect(rugPatternFor("harbor-stripe-area-rug")).toBe("stripe");
		expect(rugPatternFor("sable-diamond-area-rug")).toBe("diamond");
		expect(rugPatternFor("wren-heirloom-bath-mat")).toBe("heirloom");
	});

	it("derives a stable pattern from a slug that names none", () => {
		const pattern = rugPatternFor("rug-123456");
		expect(RUG_PATTERNS).toContain(pattern);
		expect(rugPatternFor("rug-123456")).toBe(pattern);
		const spread = new Set(Array.from({ length: 200 }, (_, i) => rugPatternFor(`rug-${i}`)));
		expect(spread.size).toBeGreaterThan(10);
	});

	it("finds a named motif for every product of the demo catalog", () => {
		const { products } = generateCatalog();
		const patterns = new Set(products.map((p) => rugPatternFor(p.slug)));
		for (const p of products) expect(p.name.toLowerCase()).toContain(rugPatternFor(p.slug));
		expect(patterns.size).toBe(RUG_PATTERNS.length);
	});
});

describe("rugColors", () => {
	it("grounds the drawing in the variant's colour, with ink that stands out from it", () => {
		expect(rugColors("sage").ground).toBe(RUG_COLORS.sage);
		for (const color of Object.keys(RUG_COLORS)) {
			const { ground, ink } = rugColors(color);
			expect(ground).toMatch(/^#[0-9a-f]{6}$/);
			expect(ink).toMatch(/^#[0-9a-f]{6}$/);
			expect(ink).not.toBe(ground);
		}
		// Light grounds get darker ink, dark grounds lighter ink.
		const luminance = (hex: string) =>
			Number.parseInt(hex.slice(1, 3), 16) + Number.parseInt(hex.slice(3, 5), 16);
		expect(luminance(rugColors("ivory").ink)).toBeLessThan(luminance(rugColors("ivory").ground));
		expect(luminance(rugColors("navy").ink)).toBeGreaterThan(luminance(rugColors("navy").ground));
	});

	it("gives an unknown colour name a stable colour of its own", () => {
		const first = rugColors("aubergine");
		expect(first.ground).toMatch(/^#[0-9a-f]{6}$/);
		expect(rugColors("aubergine")).toEqual(first);
		expect(rugColors("pistachio").ground).not.toBe(first.ground);
	});
});

describe("drawings", () => {
	it("are deterministic and well-formed SVG for every pattern", () => {
		for (const pattern of RUG_PATTERNS) {
			const input = { pattern, color: "terracotta", label: "Harbor rug" };
			expect(rugDrawing(input)).toBe(rugDrawing(input));
			expectWellFormed(rugSymbol(pattern));
			expectWellFormed(rugSvg(input));
			expect(rugSvg(input)).toContain('xmlns="http://www.w3.org/2000/svg"');
		}
		expectWellFormed(rugDefinitions(RUG_PATTERNS));
	});

	it("draws every pattern differently", () => {
		const bodies = RUG_PATTERNS.map((p) => rugSymbol(p).replace(/id="[^"]+"/, ""));
		expect(new Set(bodies).size).toBe(RUG_PATTERNS.length);
	});

	it("applies the colour and names what it shows, as an image", () => {
		const svg = rugDrawing({ pattern: "chevron", color: "teal", label: "Chevron pattern in teal" });
		const { ground, ink } = rugColors("teal");
		expect(svg).toContain(`fill="${ground}"`);
		expect(svg).toContain(`color="${ink}"`);
		expect(svg).toContain('href="#rug-chevron"');
		expect(svg).toContain('role="img"');
		expect(svg).toContain('aria-label="Chevron pattern in teal"');
		expect(rugDrawing({ pattern: "chevron", color: "navy", label: "x" })).not.toContain(`fill="${ground}"`);
	});

	it("escapes the label, so a product name cannot break out of the attribute", () => {
		const svg = rugDrawing({ pattern: "wave", color: "sand", label: `"><script>alert('x')</script>&` });
		expect(svg).not.toContain("<script>");
		expect(svg).toContain("&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
		expectWellFormed(svg);
		expect(escapeXml(`a&b<"'>`)).toBe("a&amp;b&lt;&quot;&#39;&gt;");
	});

	it("includes each pattern's definition once, and stays small", () => {
		const defs = rugDefinitions(["wave", "stripe", "wave"]);
		expect(defs.match(/<symbol /g)).toHaveLength(2);
		expect(defs).toContain('aria-hidden="true"');
		expect(rugDefinitions([])).toBe("");
		for (const pattern of RUG_PATTERNS) expect(rugSymbol(pattern).length, pattern).toBeLessThan(2000);
		expect(rugDrawing({ pattern: "floral", color: "heather-grey", label: "A rug" }).length).toBeLessThan(250);
	});
});
