import { describe, expect, it } from "vitest";
import { MARKET_IDS, MARKETS } from "../../../workers/storefront/markets/markets";
import { addedTaxMinor, taxLines, taxRuleFor } from "../../../workers/storefront/markets/taxes";
import { returnedAddedTaxMinor } from "../../../workers/storefront/returns/return-rules";

function rule(country: string, region?: string) {
	const found = taxRuleFor(country, region);
	if (!found) throw new Error(`no tax rule for ${country}`);
	return found;
}

describe("tax rules", () => {
	it("knows every market country, inclusive exactly where the market shows tax in prices", () => {
		for (const id of MARKET_IDS) {
			for (const country of MARKETS[id].countries) {
				const region = country === "US" ? "CA" : country === "CA" ? "ON" : undefined;
				expect(rule(country, region).included, country).toBe(MARKETS[id].pricesIncludeTax);
			}
		}
		expect(taxRuleFor("BR")).toBeUndefined();
	});

	it("charges no line in a US state without sales tax", () => {
		expect(rule("US", "OR").rates).toEqual([]);
		expect(rule("US", "or").rates).toEqual([]);
		expect(rule("US", "TX").rates).toEqual([{ name: "Sales tax", rateE5: 6_250 }]);
	});

	it("splits Canadian tax into GST and the province's part", () => {
		expect(rule("CA", "QC").rates.map((r) => r.name)).toEqual(["GST", "QST"]);
		expect(rule("CA", "ON").rates).toEqual([{ name: "HST", rateE5: 13_000 }]);
		expect(rule("CA", "AB").rates).toEqual([{ name: "GST", rateE5: 5_000 }]);
	});
});

describe("tax lines", () => {
	it("adds US sales tax on top, rounded half up once", () => {
		// $128.99 + $9.95 shipping in California at 7.25 %: 13894 × 0.0725 = 1007.315 → 1007.
		const ca = rule("US", "CA");
		const lines = taxLines(ca, 13_894);
		expect(lines).toEqual([{ name: "Sales tax", rateE5: 7_250, amountMinor: 1_007 }]);
		expect(addedTaxMinor(ca, lines)).toBe(1_007);
		// 200 × 0.0625 = 12.5 → 13: halves go up.
		expect(taxLines(rule("US", "TX"), 200)[0]?.amountMinor).toBe(13);
	});

	it("charges both Québec taxes on the same base", () => {
		const lines = taxLines(rule("CA", "QC"), 10_000);
		expect(lines.map((l) => l.amountMinor)).toEqual([500, 998]); // 997.5 → 998
	});

	it("extracts included VAT from a gross price and adds nothing", () => {
		const de = rule("DE");
		// 149.00 € gross at 19 %: 14900 × 19/119 = 2378.99… → 2379.
		const lines = taxLines(de, 14_900);
		expect(lines).toEqual([{ name: "MwSt.", rateE5: 19_000, amountMinor: 2_379 }]);
		expect(addedTaxMinor(de, lines)).toBe(0);
	});

	it("stays exact in yen, which has no minor digits", () => {
		// ¥21,900 at 10 % included: 21900 / 11 = 1990.9… → ¥1,991.
		expect(taxLines(rule("JP"), 21_900)[0]?.amountMinor).toBe(1_991);
		expect(Number.isInteger(taxLines(rule("JP"), 999_999)[0]?.amountMinor)).toBe(true);
	});

	it("refuses amounts that are not whole minor units", () => {
		expect(() => taxLines(rule("FR"), 10.5)).toThrow(RangeError);
		expect(() => taxLines(rule("FR"), -1)).toThrow(RangeError);
	});
});

describe("returnedAddedTaxMinor", () => {
	it("gives back the sales tax added on returned goods, and nothing where it was inside the price", () => {
		const quebec = { taxIncluded: false, taxLines: [{ rateE5: 5_000 }, { rateE5: 9_975 }] };
		// 10,000 returned: GST 500 + QST 997.5 → 998.
		expect(returnedAddedTaxMinor(10_000, quebec)).toBe(1_498);
		expect(returnedAddedTaxMinor(10_000, { taxIncluded: true, taxLines: [{ rateE5: 20_000 }] })).toBe(0);
		expect(returnedAddedTaxMinor(10_000, { taxIncluded: false, taxLines: [] })).toBe(0);
	});
});
