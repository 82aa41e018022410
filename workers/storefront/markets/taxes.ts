// Tax rates and tax lines (issue #13). Pure, integer minor units throughout.
//
// Coarse by design, and documented as such: one standard rate per country; in the US the
// state's base sales tax only (no county or city rates, no product exemptions); in Canada GST
// with each province's HST, PST or QST. Rates are in parts per 100,000 so that Québec's
// 9.975 % stays an integer. Rates as of 2026.

type Rate = { name: string; rateE5: number };

/** VAT, GST and consumption tax: included in the prices shoppers see. */
const INCLUSIVE_RATES: Readonly<Record<string, Rate>> = {
	GB: { name: "VAT", rateE5: 20_000 },
	DE: { name: "MwSt.", rateE5: 19_000 },
	FR: { name: "TVA", rateE5: 20_000 },
	NL: { name: "btw", rateE5: 21_000 },
	BE: { name: "TVA/btw", rateE5: 21_000 },
	AT: { name: "USt.", rateE5: 20_000 },
	IT: { name: "IVA", rateE5: 22_000 },
	ES: { name: "IVA", rateE5: 21_000 },
	IE: { name: "VAT", rateE5: 23_000 },
	AU: { name: "GST", rateE5: 10_000 },
	NZ: { name: "GST", rateE5: 15_000 },
	JP: { name: "消費税", rateE5: 10_000 },
};

// State base sales tax (no local rates). States without a sales tax, and territories and
// military addresses, are 0 and produce no tax line.
const US_STATE_RATES_E5: Readonly<Record<string, number>> = {
	AL: 4_000,
	AZ: 5_600,
	AR: 6_500,
	CA: 7_250,
	CO: 2_900,
	CT: 6_350,
	DC: 6_000,
	FL: 6_000,
	GA: 4_000,
	HI: 4_000,
	ID: 6_000,
	IL: 6_250,
	IN: 7_000,
	IA: 6_000,
	KS: 6_500,
	KY: 6_000,
	LA: 5_000,
	ME: 5_500,
	MD: 6_000,
	MA: 6_250,
	MI: 6_000,
	MN: 6_875,
	MS: 7_000,
	MO: 4_225,
	NE: 5_500,
	NV: 6_850,
	NJ: 6_625,
	NM: 4_875,
	NY: 4_000,
	NC: 4_750,
	ND: 5_000,
	OH: 5_750,
	OK: 4_500,
	PA: 6_000,
	RI: 7_000,
	SC: 6_000,
	SD: 4_200,
	TN: 7_000,
	TX: 6_250,
	UT: 6_100,
	VT: 6_000,
	VA: 5_300,
	WA: 6_500,
	WV: 6_000,
	WI: 5_000,
	WY: 4_000,
};

const CA_GST: Rate = { name: "GST", rateE5: 5_000 };
const CA_PROVINCE_RATES: Readonly<Record<string, readonly Rate[]>> = {
	ON: [{ name: "HST", rateE5: 13_000 }],
	NB: [{ name: "HST", rateE5: 15_000 }],
	NL: [{ name: "HST", rateE5: 15_000 }],
	NS: [{ name: "HST", rateE5: 14_000 }],
	PE: [{ name: "HST", rateE5: 15_000 }],
	BC: [CA_GST, { name: "PST", rateE5: 7_000 }],
	MB: [CA_GST, { name: "RST", rateE5: 7_000 }],
	SK: [CA_GST, { name: "PST", rateE5: 6_000 }],
	QC: [CA_GST, { name: "QST", rateE5: 9_975 }],
	AB: [CA_GST],
	NT: [CA_GST],
	NU: [CA_GST],
	YT: [CA_GST],
};

export type TaxRule = { included: boolean; rates: readonly Rate[] };

/**
 * What tax applies to a delivery to this country (and region, for the US and Canada), or
 * undefined when the shop does not know the country. An empty list of rates means none.
 */
export function taxRuleFor(country: string, region?: string | undefined): TaxRule | undefined {
	const upper = country.toUpperCase();
	const inclusive = INCLUSIVE_RATES[upper];
	if (inclusive) return { included: true, rates: [inclusive] };
	const code = region?.toUpperCase() ?? "";
	if (upper === "US") {
		const rateE5 = US_STATE_RATES_E5[code] ?? 0;
		return { included: false, rates: rateE5 > 0 ? [{ name: "Sales tax", rateE5 }] : [] };
	}
	// A Canadian address always has a province (the address rules require one): GST alone is
	// what an unknown code would owe at least.
	if (upper === "CA") return { included: false, rates: CA_PROVINCE_RATES[code] ?? [CA_GST] };
	return undefined;
}

export type TaxLine = { name: string; rateE5: number; amountMinor: number };

/** Half away from zero on a non-negative integer ratio, without floating point. */
function divideRounded(numerator: number, denominator: number): number {
	return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * The tax lines of an order whose taxable amount (goods and shipping, in minor units of its
 * currency) is `baseMinor`. Included taxes are the part of the price that is tax; added taxes
 * are charged on top, each rounded once on the whole order (not per line).
 */
export function taxLines(rule: TaxRule, baseMinor: number): TaxLine[] {
	if (!Number.isSafeInteger(baseMinor) || baseMinor < 0)
		throw new RangeError("baseMinor must be a whole amount");
	if (rule.included) {
		const totalE5 = rule.rates.reduce((sum, rate) => sum + rate.rateE5, 0);
		return rule.rates.map((rate) => ({
			...rate,
			amountMinor: divideRounded(baseMinor * rate.rateE5, 100_000 + totalE5),
		}));
	}
	return rule.rates.map((rate) => ({
		...rate,
		amountMinor: divideRounded(baseMinor * rate.rateE5, 100_000),
	}));
}

/** What the shopper pays on top of the prices shown: zero where prices already include it. */
export function addedTaxMinor(rule: TaxRule, lines: readonly TaxLine[]): number {
	return rule.included ? 0 : lines.reduce((sum, line) => sum + line.amountMinor, 0);
}
