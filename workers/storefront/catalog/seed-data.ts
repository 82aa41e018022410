// The demo catalog, generated rather than stored: a pure function of a seed, so local dev,
// tests and any fresh database get byte-identical rows (stable ids 1..n) without shipping a
// data file. Only type imports here: scripts/seed-local.ts runs this file under plain node.
import type { Category, Product, Variant } from "../db/schema";

export type CatalogData = {
	categories: Category[];
	products: Product[];
	variants: Variant[];
};

export const CATALOG_SEED = 0x1005_ea5e;
export const CATALOG_CURRENCY = "USD";

const PRODUCTS_PER_CATEGORY = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
// Collections launch in fortnightly drops, so several products share a createdAt (as in a real shop).
const FIRST_DROP_MS = Date.UTC(2024, 0, 15);
const DROP_INTERVAL_MS = 14 * DAY_MS;
const DROP_COUNT = 52;

/** mulberry32: a tiny, well-mixed 32-bit PRNG; plenty for demo data, never for secrets. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Random = () => number;

function pick<T>(rand: Random, items: readonly T[]): T {
	const item = items[Math.floor(rand() * items.length)];
	if (item === undefined) throw new Error("pick from an empty list");
	return item;
}

function intBetween(rand: Random, min: number, max: number): number {
	return min + Math.floor(rand() * (max - min + 1));
}

function shuffled<T>(rand: Random, items: readonly T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[out[i], out[j]] = [out[j] as T, out[i] as T];
	}
	return out;
}

export function slugify(text: string): string {
	return text
		.toLowerCase()
		.replace(/&/g, " and ")
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-+|-+$/g, "");
}

/** Sizes in ascending size order, with the base price (USD cents) of a mid-range rug of that size. */
const SIZE_BASE_PRICE = {
	"20x32in": 2900,
	"2x3": 3900,
	"24x40in": 4400,
	"24x60in": 5900,
	"3x5": 7900,
	"2.5x7": 8900,
	"4x6": 11900,
	"2.5x10": 12900,
	"5x7": 17900,
	"6-round": 19900,
	"6x9": 25900,
	"8x10": 34900,
	"9x12": 44900,
} as const;
type SizeCode = keyof typeof SIZE_BASE_PRICE;
/** Every size code the demo catalog uses, smallest first. */
export const SIZE_CODES = Object.keys(SIZE_BASE_PRICE) as SizeCode[];

type MaterialSpec = {
	name: string;
	pileMm: readonly [number, number];
	washC: number;
	machineWashable: boolean;
	stainResistant: boolean;
	priceFactor: number;
	blurb: string;
	care: string;
};

const MATERIALS = {
	cotton: {
		name: "cotton",
		pileMm: [3, 6],
		washC: 40,
		machineWashable: true,
		stainResistant: false,
		priceFactor: 0.9,
		blurb: "soft, breathable flat-woven cotton",
		care: "Machine wash warm (40 °C) on a gentle cycle with mild detergent. Tumble dry low or hang to dry. Expect a little shrinkage on the first wash.",
	},
	recycledPolyester: {
		name: "recycled polyester",
		pileMm: [4, 9],
		washC: 30,
		machineWashable: true,
		stainResistant: true,
		priceFactor: 1,
		blurb: "recycled polyester spun from post-consumer bottles",
		care: "Machine wash cold (30 °C) on a gentle cycle. Hang or lay flat to dry; do not tumble dry. Blot spills straight away.",
	},
	polypropylene: {
		name: "polypropylene",
		pileMm: [3, 7],
		washC: 30,
		machineWashable: true,
		stainResistant: true,
		priceFactor: 0.85,
		blurb: "solution-dyed polypropylene that shrugs off sun and spills",
		care: "Machine wash cold (30 °C) or hose down outdoors. Dry flat in the shade. Mild soap lifts most stains.",
	},
	woolBlend: {
		name: "wool blend",
		pileMm: [6, 12],
		washC: 30,
		machineWashable: true,
		stainResistant: false,
		priceFactor: 1.35,
		blurb: "a wool and recycled-nylon blend that keeps wool's warmth",
		care: "Machine wash cold (30 °C) on the wool cycle with a wool-safe detergent. Reshape and dry flat; never tumble dry.",
	},
	juteBlend: {
		name: "jute blend",
		pileMm: [5, 10],
		washC: 30,
		machineWashable: false,
		stainResistant: false,
		priceFactor: 1.1,
		blurb: "a jute and cotton blend with natural texture",
		care: "Hand wash cold (30 °C) in a bathtub with mild soap, or spot clean. Dry flat away from direct heat. Not for the washing machine.",
	},
	chenille: {
		name: "chenille",
		pileMm: [5, 10],
		washC: 30,
		machineWashable: true,
		stainResistant: true,
		priceFactor: 1.15,
		blurb: "plush, velvety chenille",
		care: "Machine wash cold (30 °C) on a gentle cycle, inside a large laundry bag. Tumble dry low or hang to dry.",
	},
	microfiber: {
		name: "microfiber",
		pileMm: [12, 20],
		washC: 60,
		machineWashable: true,
		stainResistant: false,
		priceFactor: 0.8,
		blurb: "thirsty microfiber that soaks up splashes fast",
		care: "Machine wash hot (60 °C) with like colours; skip fabric softener so it stays absorbent. Tumble dry low.",
	},
} as const satisfies Record<string, MaterialSpec>;
type MaterialKey = keyof typeof MATERIALS;

type CategorySpec = {
	slug: string;
	name: string;
	description: string;
	noun: string;
	place: string;
	sizes: readonly SizeCode[];
	materials: readonly MaterialKey[];
	petFriendlyShare: number;
};

const CATEGORY_SPECS: readonly CategorySpec[] = [
	{
		slug: "living-room",
		name: "Living room",
		description:
			"Statement area rugs for sofas, coffee tables and reading corners, woven low enough to go in a home washing machine when the popcorn goes flying.",
		noun: "Area Rug",
		place: "the living room",
		sizes: ["3x5", "4x6", "5x7", "6x9", "8x10", "9x12"],
		materials: ["recycledPolyester", "woolBlend", "chenille", "cotton", "juteBlend"],
		petFriendlyShare: 0.35,
	},
	{
		slug: "kitchen",
		name: "Kitchen",
		description:
			"Cushioned, grippy mats that sit in front of the sink and stove, catch drips and crumbs, and come clean on a cold cycle.",
		noun: "Kitchen Mat",
		place: "the kitchen",
		sizes: ["2x3", "24x60in", "3x5", "2.5x7"],
		materials: ["polypropylene", "recycledPolyester", "cotton"],
		petFriendlyShare: 0.3,
	},
	{
		slug: "runners",
		name: "Runners",
		description:
			"Long, narrow rugs for hallways, galley kitchens and the side of the bed, with backing that keeps them from creeping.",
		noun: "Runner",
		place: "hallways and galley kitchens",
		sizes: ["2.5x7", "2.5x10"],
		materials: ["recycledPolyester", "cotton", "chenille", "woolBlend"],
		petFriendlyShare: 0.35,
	},
	{
		slug: "bath",
		name: "Bath",
		description:
			"Absorbent bath mats and small rugs that dry quickly, stay put on tile and can take a hot wash.",
		noun: "Bath Mat",
		place: "the bathroom",
		sizes: ["20x32in", "24x40in", "24x60in"],
		materials: ["microfiber", "cotton", "chenille"],
		petFriendlyShare: 0.15,
	},
	{
		slug: "kids-nursery",
		name: "Kids & nursery",
		description:
			"Soft, playful rugs for nurseries and playrooms, dyed without harsh chemicals and made for the wash after every art project.",
		noun: "Play Rug",
		place: "the nursery or playroom",
		sizes: ["3x5", "4x6", "5x7", "6-round", "6x9"],
		materials: ["cotton", "recycledPolyester", "chenille"],
		petFriendlyShare: 0.4,
	},
	{
		slug: "entryway",
		name: "Entryway",
		description:
			"Hard-wearing doormats and entry rugs that trap grit and rain at the front door, then rinse clean in the machine.",
		noun: "Entry Rug",
		place: "the front door",
		sizes: ["2x3", "24x60in", "3x5", "4x6"],
		materials: ["polypropylene", "recycledPolyester", "juteBlend"],
		petFriendlyShare: 0.3,
	},
	{
		slug: "outdoor",
		name: "Outdoor",
		description:
			"Fade-resistant rugs for patios, balconies and porches that dry fast after rain and can be hosed down or machine washed.",
		noun: "Outdoor Rug",
		place: "the patio or balcony",
		sizes: ["3x5", "4x6", "5x7", "6x9", "8x10"],
		materials: ["polypropylene", "recycledPolyester"],
		petFriendlyShare: 0.3,
	},
	{
		slug: "pet-friendly",
		name: "Pet-friendly",
		description:
			"Tight, low-pile rugs that resist claws, release fur in the wash and forgive the occasional accident.",
		noun: "Pet Rug",
		place: "homes with cats and dogs",
		sizes: ["2x3", "3x5", "5x7", "6x9", "8x10"],
		materials: ["recycledPolyester", "polypropylene", "chenille"],
		petFriendlyShare: 1,
	},
];

const NAME_PREFIXES = [
	"Harbor",
	"Juniper",
	"Saltmarsh",
	"Meadow",
	"Cobble",
	"Fern",
	"Dune",
	"Linden",
	"Ember",
	"Tidewater",
	"Birch",
	"Quarry",
	"Orchard",
	"Heron",
	"Alder",
	"Willow",
	"Cedar",
	"Marigold",
	"Sorrel",
	"Pebble",
	"Lark",
	"Fjord",
	"Mesa",
	"Cove",
	"Thistle",
	"Clover",
	"Bramble",
	"Sable",
	"Hollis",
	"Wren",
] as const;

const MOTIFS = [
	{ name: "Stripe", phrase: "breezy stripes" },
	{ name: "Trellis", phrase: "an airy trellis" },
	{ name: "Medallion", phrase: "a faded medallion" },
	{ name: "Diamond", phrase: "a quiet diamond repeat" },
	{ name: "Herringbone", phrase: "a tailored herringbone" },
	{ name: "Chevron", phrase: "a bold chevron" },
	{ name: "Floral", phrase: "a scattered floral" },
	{ name: "Kilim", phrase: "a kilim-inspired geometric" },
	{ name: "Plaid", phrase: "a relaxed plaid" },
	{ name: "Border", phrase: "a simple framed border" },
	{ name: "Ikat", phrase: "a softly blurred ikat" },
	{ name: "Lattice", phrase: "an open lattice" },
	{ name: "Wave", phrase: "a rolling wave" },
	{ name: "Heirloom", phrase: "a distressed heirloom pattern" },
	{ name: "Solid", phrase: "a tonal solid weave" },
] as const;

const COLORS = [
	"ivory",
	"charcoal",
	"sage",
	"terracotta",
	"navy",
	"blush",
	"slate",
	"ochre",
	"moss",
	"rust",
	"sand",
	"denim",
	"cream",
	"graphite",
	"olive",
	"coral",
	"teal",
	"mustard",
	"heather-grey",
	"clay",
] as const;

const CATEGORY_COUNT = CATEGORY_SPECS.length;

type Motif = (typeof MOTIFS)[number];

function uniqueName(rand: Random, noun: string, taken: Set<string>): { name: string; motif: Motif } {
	// Retry with fresh picks; the name space (30 × 15 per noun) dwarfs 20 products per noun.
	for (;;) {
		const motif = pick(rand, MOTIFS);
		const name = `${pick(rand, NAME_PREFIXES)} ${motif.name} ${noun}`;
		if (!taken.has(name)) {
			taken.add(name);
			return { name, motif };
		}
	}
}

function describe(
	name: string,
	motifPhrase: string,
	spec: CategorySpec,
	material: MaterialSpec,
	flags: { nonSlipBacking: boolean; petFriendly: boolean; stainResistant: boolean },
	pileHeightMm: number,
): string {
	const sentences = [
		`The ${name} brings ${motifPhrase} to ${spec.place}.`,
		`Made from ${material.blurb}, it has ${/^(8|11|18)$/.test(String(pileHeightMm)) ? "an" : "a"} ${pileHeightMm} mm pile that lies flat under doors and chair legs.`,
		material.machineWashable
			? `When life happens, it goes straight into a home washing machine at ${material.washC} °C.`
			: "Spills lift with a damp cloth, and a cool hand wash refreshes it completely.",
	];
	if (flags.stainResistant)
		sentences.push("A stain-resistant finish buys you time to blot coffee and juice.");
	if (flags.nonSlipBacking)
		sentences.push("A rubberised non-slip backing keeps it in place without a separate pad.");
	if (flags.petFriendly)
		sentences.push("The tight weave stands up to claws and lets pet hair vacuum right off.");
	return sentences.join(" ");
}

function priceMinor(size: SizeCode, factor: number): number {
	// Round to whole dollars minus one cent; base prices are far enough apart that order survives rounding.
	return Math.round((SIZE_BASE_PRICE[size] * factor) / 100) * 100 - 1;
}

function variantStock(rand: Random, soldOut: boolean): number {
	if (soldOut || rand() < 0.12) return 0;
	return intBetween(rand, 1, 40);
}

/** Generates the whole demo catalog; the same seed always yields the same rows. */
export function generateCatalog(seed: number = CATALOG_SEED): CatalogData {
	const rand = mulberry32(seed);
	const categories: Category[] = CATEGORY_SPECS.map((spec, i) => ({
		id: i + 1,
		slug: spec.slug,
		name: spec.name,
		description: spec.description,
	}));
	const products: Product[] = [];
	const variants: Variant[] = [];
	const takenNames = new Set<string>();

	for (let index = 0; index < CATEGORY_COUNT * PRODUCTS_PER_CATEGORY; index++) {
		const id = index + 1;
		// Interleave categories so no category owns a contiguous id range.
		const categoryIndex = index % CATEGORY_COUNT;
		const spec = CATEGORY_SPECS[categoryIndex] as CategorySpec;
		const material: MaterialSpec = MATERIALS[pick(rand, spec.materials)];
		const { name, motif } = uniqueName(rand, spec.noun, takenNames);
		const pileHeightMm = intBetween(rand, material.pileMm[0], material.pileMm[1]);
		const flags = {
			stainResistant: material.stainResistant || rand() < 0.25,
			nonSlipBacking: spec.slug !== "outdoor" && rand() < 0.7,
			petFriendly: rand() < spec.petFriendlyShare,
		};
		const productFactor = 0.85 + rand() * 0.4;
		const factor = material.priceFactor * productFactor;

		const sizeCount = Math.min(spec.sizes.length, intBetween(rand, 2, 4));
		const firstSize = intBetween(rand, 0, spec.sizes.length - sizeCount);
		const sizes = spec.sizes.slice(firstSize, firstSize + sizeCount);
		const colorCount = Math.max(rand() < 0.3 ? 3 : 2, Math.ceil(4 / sizeCount));
		const colors = shuffled(rand, COLORS).slice(0, colorCount);
		// Every 29th product is sold out entirely, so "out of stock" shows up on cards too.
		const soldOut = id % 29 === 0;

		let minPrice = Number.POSITIVE_INFINITY;
		for (const color of colors) {
			for (const size of sizes) {
				const price = priceMinor(size, factor);
				minPrice = Math.min(minPrice, price);
				variants.push({
					id: variants.length + 1,
					productId: id,
					sku: `LW-${String(id).padStart(4, "0")}-${size.toUpperCase()}-${color.toUpperCase()}`,
					size,
					color,
					priceMinor: price,
					currency: CATALOG_CURRENCY,
					stock: variantStock(rand, soldOut),
				});
			}
		}

		products.push({
			id,
			slug: slugify(name),
			name,
			description: describe(name, motif.phrase, spec, material, flags, pileHeightMm),
			categoryId: categoryIndex + 1,
			material: material.name,
			pileHeightMm,
			washTemperatureC: material.washC,
			machineWashable: material.machineWashable,
			stainResistant: flags.stainResistant,
			nonSlipBacking: flags.nonSlipBacking,
			petFriendly: flags.petFriendly,
			careText: material.care,
			currency: CATALOG_CURRENCY,
			minPriceMinor: minPrice,
			popularity: Math.floor(rand() ** 2 * 1000),
			createdAt: FIRST_DROP_MS + intBetween(rand, 0, DROP_COUNT - 1) * DROP_INTERVAL_MS,
		});
	}
	return { categories, products, variants };
}
