// Rug sizes as each market measures them (issue #13). The catalog's size codes are in US units
// ("5x7" feet, "20x32in" inches, "6-round"); metric markets see whole centimetres.
import { sizeLabel } from "../catalog/format";
import type { Market } from "./markets";

const CM_PER_FOOT = 30.48;
const CM_PER_INCH = 2.54;

function centimetres(value: string, perUnit: number): number {
	return Math.round(Number(value) * perUnit);
}

/** "5x7" → "152 × 213 cm", "20x32in" → "51 × 81 cm", "6-round" → "Ø 183 cm". */
export function metricSizeLabel(code: string): string {
	const inches = /^(\d+)x(\d+)in$/.exec(code);
	if (inches?.[1] && inches[2]) {
		return `${centimetres(inches[1], CM_PER_INCH)} × ${centimetres(inches[2], CM_PER_INCH)} cm`;
	}
	const rect = /^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)$/.exec(code);
	if (rect?.[1] && rect[2]) {
		return `${centimetres(rect[1], CM_PER_FOOT)} × ${centimetres(rect[2], CM_PER_FOOT)} cm`;
	}
	const round = /^(\d+(?:\.\d+)?)-round$/.exec(code);
	if (round?.[1]) return `Ø ${centimetres(round[1], CM_PER_FOOT)} cm`;
	return code;
}

/** The size as the shopper's market writes it. */
export function marketSizeLabel(code: string, units: Market["units"]): string {
	return units === "metric" ? metricSizeLabel(code) : sizeLabel(code);
}
