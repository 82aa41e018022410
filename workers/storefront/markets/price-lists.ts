// Price lists per currency (issue #13): set per variant and stored, never converted while a
// shopper looks. This is how the seed derives them from the US list price: a fixed reference
// rate, the tax a tax-inclusive market's shoppers expect inside the price, then rounding up to a
// price a shop would print (129.00 €, ¥18,900). Pure and integer-exact in minor units.
// Only type imports: scripts/seed-local.ts runs this file under plain node.
import type { Currency } from "./markets";

type ListRule = {
	/** Units of the currency per US dollar, fixed for the price list (not a live rate). */
	perUsd: number;
	/** The tax shoppers of this currency's market expect included in a shown price. */
	includedTax: number;
	/** Minor units per major unit: 100, or 1 for the yen. */
	minorPerMajor: number;
};

const LIST_RULES: Readonly<Record<Currency, ListRule>> = {
	USD: { perUsd: 1, includedTax: 0, minorPerMajor: 100 },
	CAD: { perUsd: 1.38, includedTax: 0, minorPerMajor: 100 },
	GBP: { perUsd: 0.79, includedTax: 0.2, minorPerMajor: 100 },
	EUR: { perUsd: 0.92, includedTax: 0.2, minorPerMajor: 100 },
	AUD: { perUsd: 1.53, includedTax: 0.1, minorPerMajor: 100 },
	NZD: { perUsd: 1.68, includedTax: 0.15, minorPerMajor: 100 },
	JPY: { perUsd: 150, includedTax: 0.1, minorPerMajor: 1 },
};

export function minorPerMajor(currency: Currency): number {
	return LIST_RULES[currency].minorPerMajor;
}

/**
 * A shop's price just above `major`: whole units ending in 9 (29, 129, 1,249 → 1,249) for the
 * two-decimal currencies, and for the yen hundreds ending in 900 from ¥1,000 up (¥18,900),
 * tens ending in 90 below.
 */
export function shopRounding(major: number, currency: Currency): number {
	if (currency === "JPY") {
		if (major < 1_000) return Math.ceil((major + 10) / 100) * 100 - 10;
		return Math.ceil((major + 100) / 1_000) * 1_000 - 100;
	}
	return Math.ceil((major + 1) / 10) * 10 - 1;
}

/** The list price of a variant in `currency`, in its minor units, from its US price in cents. */
export function listPrice(usdMinor: number, currency: Currency): number {
	if (!Number.isSafeInteger(usdMinor) || usdMinor <= 0)
		throw new RangeError("usdMinor must be a positive whole amount");
	if (currency === "USD") return usdMinor;
	const rule = LIST_RULES[currency];
	const major = (usdMinor / 100) * rule.perUsd * (1 + rule.includedTax);
	return shopRounding(major, currency) * rule.minorPerMajor;
}

/** Every currency's list price for one US price: what the seed stores per variant. */
export function listPrices(usdMinor: number): Record<Currency, number> {
	return Object.fromEntries(
		(Object.keys(LIST_RULES) as Currency[]).map((currency) => [currency, listPrice(usdMinor, currency)]),
	) as Record<Currency, number>;
}

export type VariantPriceRow = { variantId: number; currency: string; priceMinor: number };

/**
 * The price-list rows of the seeded catalog: every currency but the variant's own, whose row the
 * database writes itself when the variant is inserted (migration 0011's trigger).
 */
export function seedPriceRows(
	variants: readonly { id: number; priceMinor: number; currency: string }[],
): VariantPriceRow[] {
	return variants.flatMap((variant) =>
		Object.entries(listPrices(variant.priceMinor))
			.filter(([currency]) => currency !== variant.currency)
			.map(([currency, priceMinor]) => ({ variantId: variant.id, currency, priceMinor })),
	);
}
