// Rugs are bought by eye, and the shop has no photographs: each product is drawn as a small SVG of
// its own pattern in a variant's colour. Pure string functions, so the drawing of a product is
// the same on every page and in every test. A page carries each pattern it uses once, as a
// <symbol>; a drawing is then a <use> of it with the colours set on it (the symbol's ground
// inherits `fill`, its motif `currentColor`), which keeps a grid of 24 cards to a few kilobytes.

/** Every motif the catalog names (seed-data's MOTIFS), in a stable order. */
export const RUG_PATTERNS = [
	"stripe",
	"trellis",
	"medallion",
	"diamond",
	"herringbone",
	"chevron",
	"floral",
	"kilim",
	"plaid",
	"border",
	"ikat",
	"lattice",
	"wave",
	"heirloom",
	"solid",
] as const;
export type RugPattern = (typeof RUG_PATTERNS)[number];

const W = 120;
const H = 80;

/** Hex colours of the catalog's colour names; an unknown name gets a stable colour of its own. */
export const RUG_COLORS: Readonly<Record<string, string>> = {
	ivory: "#ece4d3",
	charcoal: "#3b3c3e",
	sage: "#9cae89",
	terracotta: "#c0673f",
	navy: "#24324f",
	blush: "#e5b6ab",
	slate: "#6a7985",
	ochre: "#c8952c",
	moss: "#66703b",
	rust: "#a4472a",
	sand: "#d7c29f",
	denim: "#4e6c8e",
	cream: "#f2e9d2",
	graphite: "#49494e",
	olive: "#7a7a3a",
	coral: "#df765e",
	teal: "#2f7c79",
	mustard: "#d0a62c",
	"heather-grey": "#a6a3a0",
	clay: "#b3765a",
};

/** FNV-1a: a small stable hash, so a product without a named motif always gets the same one. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/** The motif named in the slug ("harbor-stripe-area-rug" → stripe), else one derived from it. */
export function rugPatternFor(slug: string): RugPattern {
	const words = new Set(slug.split("-"));
	const named = RUG_PATTERNS.find((p) => words.has(p));
	return named ?? (RUG_PATTERNS[hash(slug) % RUG_PATTERNS.length] as RugPattern);
}

const hex2 = (n: number) =>
	Math.round(Math.min(255, Math.max(0, n)))
		.toString(16)
		.padStart(2, "0");

function hslToHex(h: number, s: number, l: number): string {
	const a = s * Math.min(l, 1 - l);
	const f = (n: number) => {
		const k = (n + h / 30) % 12;
		return 255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
	};
	return `#${hex2(f(0))}${hex2(f(8))}${hex2(f(4))}`;
}

function rgb(hex: string): [number, number, number] {
	const n = Number.parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The ground (the variant's colour) and the ink the motif is drawn in: darker on light, lighter on dark. */
export function rugColors(color: string): { ground: string; ink: string } {
	const ground = RUG_COLORS[color] ?? hslToHex(hash(color) % 360, 0.35, 0.6);
	const [r, g, b] = rgb(ground);
	const light = 0.2126 * r + 0.7152 * g + 0.0722 * b > 128;
	const [target, share] = light ? [0, 0.45] : [255, 0.55];
	const mix = (c: number) => c + (target - c) * share;
	return { ground, ink: `#${hex2(mix(r))}${hex2(mix(g))}${hex2(mix(b))}` };
}

export function escapeXml(text: string): string {
	return text
		.replaceAll("&", "&amp;")
		.replaceAll("<", "&lt;")
		.replaceAll(">", "&gt;")
		.replaceAll('"', "&quot;")
		.replaceAll("'", "&#39;");
}

const range = (from: number, to: number, step: number) => {
	const out: number[] = [];
	for (let v = from; v <= to; v += step) out.push(v);
	return out;
};

const stroke = (d: string, width: number, extra = "") =>
	`<path d="${d}" fill="none" stroke="currentColor" stroke-width="${width}"${extra}/>`;
const fillPath = (d: string, extra = "") => `<path d="${d}" fill="currentColor"${extra}/>`;

/** The motif of each pattern, drawn over the ground in a 120×80 box. */
const MOTIF_DRAWINGS: Record<RugPattern, () => string> = {
	stripe: () =>
		stroke(
			range(14, 106, 16)
				.map((x) => `M${x} 0v${H}`)
				.join(""),
			5,
		),
	trellis: () =>
		stroke(
			range(0, W, 20)
				.flatMap((x) => range(0, H, 20).map((y) => `M${x} ${y - 10}a10 10 0 0 1 0 20a10 10 0 0 1 0-20`))
				.join(""),
			2,
		),
	medallion: () =>
		`${fillPath(`M60 12L92 40L60 68L28 40Z`)}${stroke("M60 22L80 40L60 58L40 40Z", 3, ' stroke-opacity=".6"')}${fillPath(
			"M0 0h18L0 14ZM120 0h-18L120 14ZM0 80h18L0 66ZM120 80h-18L120 66Z",
		)}`,
	diamond: () =>
		fillPath(
			range(10, 110, 20)
				.flatMap((x) => range(10, 70, 20).map((y) => `M${x} ${y - 6}l6 6l-6 6l-6-6z`))
				.join(""),
		),
	herringbone: () =>
		stroke(
			range(0, 100, 20)
				.flatMap((x) => range(0, 70, 10).map((y) => `M${x} ${y}l10 10l10-10`))
				.join(""),
			2.5,
		),
	chevron: () =>
		stroke(
			range(10, 70, 15)
				.map((y) => `M0 ${y}${"l15 10l15-10".repeat(4)}`)
				.join(""),
			4,
		),
	floral: () =>
		[
			[24, 20],
			[78, 16],
			[50, 44],
			[100, 54],
			[20, 62],
			[70, 70],
		]
			.map(
				([x, y]) =>
					`<g transform="translate(${x} ${y}) scale(1.5)"><path d="M0-7a3.5 3.5 0 0 1 0 7a3.5 3.5 0 0 1 0-7M0 7a3.5 3.5 0 0 1 0-7a3.5 3.5 0 0 1 0 7M-7 0a3.5 3.5 0 0 1 7 0a3.5 3.5 0 0 1-7 0M7 0a3.5 3.5 0 0 1-7 0a3.5 3.5 0 0 1 7 0" fill="currentColor"/><circle r="2"/></g>`,
			)
			.join(""),
	kilim: () =>
		fillPath(
			[
				...range(0, 108, 12).map((x) => `M${x} 0h12l-6 10z`),
				...range(0, 108, 12).map((x) => `M${x} 80h12l-6-10z`),
				"M60 20h6v6h6v6h6v8h-6v6h-6v6h-6h-6v-6h-6v-6h-6v-8h6v-6h6v-6z",
				"M20 34h8v12h-8zM92 34h8v12h-8z",
			].join(""),
		),
	plaid: () =>
		`${fillPath(
			range(10, 100, 30)
				.map((x) => `M${x} 0h12v${H}h-12z`)
				.join(""),
			' fill-opacity=".35"',
		)}${fillPath(
			range(8, 68, 30)
				.map((y) => `M0 ${y}h${W}v12h-${W}z`)
				.join(""),
			' fill-opacity=".35"',
		)}${stroke(
			range(16, 106, 30)
				.map((x) => `M${x} 0v${H}`)
				.join(""),
			1,
		)}`,
	border: () =>
		`${stroke("M6 6h108v68h-108z", 4)}${stroke("M14 14h92v52h-92z", 1.5)}${fillPath("M56 36h8v8h-8z")}`,
	ikat: () =>
		stroke(
			range(15, 105, 30)
				.flatMap((x) => [20, 60].map((y) => `M${x} ${y - 16}c10 8 10 24 0 32c-10-8-10-24 0-32`))
				.join(""),
			5,
			' stroke-dasharray="3 2"',
		),
	lattice: () =>
		stroke(
			[
				...range(-80, 120, 20).map((x) => `M${x} 0l80 80`),
				...range(0, 200, 20).map((x) => `M${x} 0l-80 80`),
			].join(""),
			1.5,
		),
	wave: () =>
		stroke(
			range(12, 72, 15)
				.map((y) => `M0 ${y}q15-10 30 0t30 0t30 0t30 0`)
				.join(""),
			3,
		),
	heirloom: () =>
		`${fillPath("M60 18l30 22l-30 22l-30-22z", ' fill-opacity=".55"')}${stroke("M10 10h100v60h-100z", 3, ' stroke-opacity=".55"')}${fillPath(
			[
				[18, 24],
				[33, 66],
				[47, 14],
				[88, 20],
				[102, 58],
				[74, 66],
				[20, 48],
				[96, 38],
			]
				.map(([x, y]) => `M${x} ${y}h3v2h-3z`)
				.join(""),
		)}`,
	solid: () =>
		stroke(
			range(4, 76, 4)
				.map((y) => `M0 ${y}h${W}`)
				.join(""),
			1,
			' stroke-opacity=".35"',
		),
};

/** The fringe at both short ends, common to every rug, drawn outside the woven ground. */
const FRINGE = `<path d="${range(14, 66, 6)
	.map((y) => `M0 ${y}h4M${W + 4} ${y}h4`)
	.join("")}" stroke="currentColor" stroke-width="1.5"/>`;

export function rugSymbolId(pattern: RugPattern): string {
	return `rug-${pattern}`;
}

/** One pattern as a symbol: a ground that takes the `fill` of its <use>, the motif in `color`. */
export function rugSymbol(pattern: RugPattern): string {
	return `<symbol id="${rugSymbolId(pattern)}" viewBox="0 0 ${W + 8} ${H}">${FRINGE}<svg x="4" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}"/>${MOTIF_DRAWINGS[pattern]()}</svg></symbol>`;
}

/** The hidden definitions a page needs for its drawings: each pattern once, whatever the count. */
export function rugDefinitions(patterns: Iterable<RugPattern>): string {
	const unique = [...new Set(patterns)].sort();
	if (unique.length === 0) return "";
	return `<svg class="rug-defs" width="0" height="0" aria-hidden="true" focusable="false">${unique.map(rugSymbol).join("")}</svg>`;
}

export type RugDrawingInput = { pattern: RugPattern; color: string; label: string; className?: string };

/** A drawing that refers to its pattern's symbol (the page must include rugDefinitions for it). */
export function rugDrawing({ pattern, color, label, className = "rug" }: RugDrawingInput): string {
	const { ground, ink } = rugColors(color);
	return `<svg class="${escapeXml(className)}" viewBox="0 0 ${W + 8} ${H}" role="img" aria-label="${escapeXml(label)}"><use href="#${rugSymbolId(pattern)}" fill="${ground}" color="${ink}"/></svg>`;
}

/** A self-contained drawing (definition included): for a page with a single rug, or a file. */
export function rugSvg(input: RugDrawingInput): string {
	return rugDrawing(input)
		.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ')
		.replace("<use ", `<defs>${rugSymbol(input.pattern)}</defs><use `);
}
