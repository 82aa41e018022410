import { describe, expect, it } from "vitest";
import { checkAddressForCountry, normalizeAddress } from "../../workers/storefront/checkout/countries";
import {
	newOrderNumber,
	normalizeOrderNumber,
	ORDER_NUMBER_PATTERN,
} from "../../workers/storefront/checkout/order-number";
import type { OrderStatus } from "../../workers/storefront/db/schema";
import { canTransition, ORDER_TRANSITIONS, sourcesOf } from "../../workers/storefront/orders/status-machine";

describe("postal codes", () => {
	const valid: [Parameters<typeof checkAddressForCountry>[0], string, string?][] = [
		["US", "94103", "CA"],
		["US", "94103-1234", "ny"],
		["CA", "K1A 0B1", "ON"],
		["CA", "k1a0b1", "qc"],
		["GB", "SW1A 1AA"],
		["GB", "M1 1AE"],
		["GB", "ec1a1bb"],
		["DE", "10115"],
		["FR", "75001"],
		["AU", "2000", "NSW"],
		["AU", "0800", "NT"],
		["JP", "100-0001", "Tokyo"],
		["JP", "1000001", "Tokyo"],
		["NL", "1012 AB"],
		["IE", "D02 X285"],
		["IE", "d6wxy12"],
		["IE", "A65 F4E2"],
	];
	it.each(valid)("accepts %s %s", (country, code, region) => {
		expect(checkAddressForCountry(country, code, region)).toEqual([]);
	});

	const invalid: [Parameters<typeof checkAddressForCountry>[0], string, string?][] = [
		["US", "9410", "CA"],
		["US", "94103-12", "CA"],
		["US", "ABCDE", "CA"],
		["CA", "D1A 0B1", "ON"],
		["CA", "K1A 0B", "ON"],
		["GB", "SW1A"],
		["GB", "12345"],
		["DE", "00123"],
		["DE", "1011"],
		["FR", "99000"],
		["FR", "7500"],
		["AU", "200", "NSW"],
		["AU", "0100", "NSW"],
		["JP", "100-00", "Tokyo"],
		["JP", "10000001", "Tokyo"],
		["IE", "D02"],
		["IE", "B12 AB34"],
		["IE", "D02 X28"],
	];
	it.each(invalid)("refuses %s %s", (country, code, region) => {
		expect(checkAddressForCountry(country, code, region).map((p) => p.field)).toContain("postalCode");
	});

	it("requires a region where the post needs one", () => {
		for (const [country, code] of [
			["US", "94103"],
			["CA", "K1A 0B1"],
			["AU", "2000"],
			["JP", "100-0001"],
		] as const) {
			expect(checkAddressForCountry(country, code, undefined)).toEqual([
				{ field: "region", message: expect.any(String) },
			]);
		}
		expect(checkAddressForCountry("US", "94103", "XX").map((p) => p.field)).toEqual(["region"]);
		expect(checkAddressForCountry("GB", "SW1A 1AA", undefined)).toEqual([]);
	});

	it("normalizes case and spacing", () => {
		expect(normalizeAddress({ country: "CA", postalCode: " k1a  0b1 ", region: "on" })).toEqual({
			country: "CA",
			postalCode: "K1A 0B1",
			region: "ON",
		});
		expect(normalizeAddress({ country: "JP", postalCode: "100-0001", region: "Tōkyō" }).region).toBe("Tōkyō");
	});
});

describe("order numbers", () => {
	it("are LW-XXXX-XXXX-XXXX in Crockford base32", () => {
		const seen = new Set<string>();
		for (let i = 0; i < 500; i++) {
			const number = newOrderNumber();
			expect(number).toMatch(ORDER_NUMBER_PATTERN);
			seen.add(number);
		}
		expect(seen.size).toBe(500);
		expect(newOrderNumber((b) => b.fill(255))).toBe("LW-ZZZZ-ZZZZ-ZZZZ");
		expect(newOrderNumber((b) => b.fill(0))).toBe("LW-0000-0000-0000");
	});

	it("normalize what people type", () => {
		expect(normalizeOrderNumber(" lw-7k2m-9qxa-4tpb ")).toBe("LW-7K2M-9QXA-4TPB");
		expect(normalizeOrderNumber("LW-O0IL-0000-0000")).toBe("LW-0011-0000-0000");
	});
});

describe("order status machine", () => {
	const all = Object.keys(ORDER_TRANSITIONS) as OrderStatus[];
	const legal = new Set([
		"placed>paid",
		"placed>cancelled",
		"paid>packed",
		"paid>cancelled",
		"packed>shipped",
		"shipped>delivered",
		// A late payment reinstates a cancelled order when its stock is still there (issue #8).
		"cancelled>paid",
	]);

	it("allows exactly the lifecycle transitions", () => {
		for (const from of all) {
			for (const to of all) {
				expect(canTransition(from, to), `${from} > ${to}`).toBe(legal.has(`${from}>${to}`));
			}
		}
	});

	it("knows where a status can be reached from", () => {
		expect(sourcesOf("cancelled").sort()).toEqual(["paid", "placed"]);
		expect(sourcesOf("placed")).toEqual([]);
	});
});
