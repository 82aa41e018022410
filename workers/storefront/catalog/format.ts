// Display text for catalog values. Pure, so pages and tests share one spelling.
import { formatMoney } from "../i18n/formats";
import { en, type MessageKey } from "../i18n/messages/en";
import type { Translator } from "../i18n/translate";
import type { Badge } from "./listing";

/** Minor units to display money, using the currency's own number of decimals (2 for USD, 0 for JPY). */
export function formatPrice(minor: number, currency: string): string {
	return formatMoney(minor, currency, "en-US");
}

function feet(value: string): string {
	const n = Number(value);
	const whole = Math.floor(n);
	const inches = Math.round((n - whole) * 12);
	return inches === 0 ? `${whole}′` : `${whole}′${inches}″`;
}

/** "5x7" → 5′ × 7′, "2.5x10" → 2′6″ × 10′, "20x32in" → 20″ × 32″, "6-round" → 6′ round. */
export function sizeLabel(code: string): string {
	const inches = /^(\d+)x(\d+)in$/.exec(code);
	if (inches) return `${inches[1]}″ × ${inches[2]}″`;
	const rect = /^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)$/.exec(code);
	if (rect?.[1] && rect[2]) return `${feet(rect[1])} × ${feet(rect[2])}`;
	const round = /^(\d+(?:\.\d+)?)-round$/.exec(code);
	if (round?.[1]) return `${feet(round[1])} round`;
	return code;
}

/** "heather-grey" → "Heather grey". */
export function colorLabel(slug: string): string {
	const words = slug.split("-").join(" ");
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A colour in the shopper's language ("heather-grey" → "Gris chiné"). A colour the catalogs do not
 * name yet (added to the catalog data later) shows its English words rather than a message key.
 */
export function translatedColorLabel(slug: string, t: Translator): string {
	const key = `colour.${slug}`;
	return Object.hasOwn(en, key) ? t(key as MessageKey) : colorLabel(slug);
}

const BADGE_LABELS: Record<Badge, string> = {
	"machine-washable": "Machine washable",
	"stain-resistant": "Stain resistant",
	"non-slip": "Non-slip backing",
	"pet-friendly": "Pet friendly",
};

export function badgeLabel(badge: Badge): string {
	return BADGE_LABELS[badge];
}
