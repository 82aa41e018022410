import { describe, expect, it } from "vitest";
import { COUNTRY_RULES } from "../../../workers/storefront/checkout/countries";
import {
	ADDRESS_FORMATS,
	addressLines,
	fieldOrder,
	normalizePhone,
} from "../../../workers/storefront/markets/address-formats";
import { MARKET_IDS, MARKETS } from "../../../workers/storefront/markets/markets";

describe("address formats", () => {
	it("has a format for every country of every market, each field exactly once", () => {
		for (const id of MARKET_IDS) {
			for (const country of MARKETS[id].countries) {
				const order = fieldOrder(country);
				const expected = [
					"city",
					"line1",
					"line2",
					"postalCode",
					...(ADDRESS_FORMATS[country]?.regionLabel ? ["region"] : []),
				];
				expect([...order].sort(), country).toEqual(expected.sort());
			}
		}
	});

	it("asks for a region exactly where the postal rules require one", () => {
		for (const [country, rules] of Object.entries(COUNTRY_RULES)) {
			expect(Boolean(ADDRESS_FORMATS[country]?.regionLabel), country).toBe("regions" in rules);
		}
	});

	it("writes the lines in each country's order", () => {
		const address = { line1: "Rue de Rivoli 1", city: "Paris", postalCode: "75001" };
		expect(addressLines("FR", address)).toEqual(["Rue de Rivoli 1", "75001 Paris"]);
		expect(
			addressLines("US", { line1: "1 Market St", city: "San Francisco", region: "CA", postalCode: "94103" }),
		).toEqual(["1 Market St", "San Francisco CA 94103"]);
		expect(
			addressLines("JP", {
				postalCode: "100-0001",
				region: "東京都",
				city: "千代田区",
				line1: "千代田1-1",
				line2: " ",
			}),
		).toEqual(["100-0001", "東京都 千代田区", "千代田1-1"]);
	});
});

describe("phone numbers for the carrier", () => {
	it("turns national numbers into E.164 with the country's code, trunk prefix dropped", () => {
		expect(normalizePhone("FR", "01 23 45 67 89")).toBe("+33123456789");
		expect(normalizePhone("DE", "030 1234567")).toBe("+49301234567");
		expect(normalizePhone("US", "(415) 555-0123")).toBe("+14155550123");
		expect(normalizePhone("US", "1 415 555 0123")).toBe("+14155550123");
		expect(normalizePhone("JP", "03-1234-5678")).toBe("+81312345678");
	});

	it("keeps Italy's leading zero, which is part of the number", () => {
		expect(normalizePhone("IT", "06 1234 5678")).toBe("+390612345678");
	});

	it("keeps international numbers from any country", () => {
		expect(normalizePhone("FR", "+44 20 7946 0958")).toBe("+442079460958");
		expect(normalizePhone("JP", "0049 30 1234567")).toBe("+49301234567");
	});

	it("refuses numbers of the wrong length or with letters", () => {
		expect(normalizePhone("FR", "01 23 45")).toBeUndefined();
		expect(normalizePhone("NL", "06 1234 56789")).toBeUndefined();
		expect(normalizePhone("US", "415-CALL-NOW")).toBeUndefined();
		expect(normalizePhone("BR", "11 91234 5678")).toBeUndefined();
		expect(normalizePhone("FR", "+0 12345678")).toBeUndefined();
	});
});
