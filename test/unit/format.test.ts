import { describe, expect, it } from "vitest";
import { badgeLabel, colorLabel, formatPrice, sizeLabel } from "../../workers/storefront/catalog/format";

describe("formatPrice", () => {
	it("uses the currency's own minor unit", () => {
		expect(formatPrice(12999, "USD")).toBe("$129.99");
		expect(formatPrice(0, "USD")).toBe("$0.00");
		expect(formatPrice(1500, "JPY")).toBe("¥1,500");
	});
});

describe("sizeLabel", () => {
	it.each([
		["5x7", "5′ × 7′"],
		["2.5x10", "2′6″ × 10′"],
		["20x32in", "20″ × 32″"],
		["6-round", "6′ round"],
		["odd-size", "odd-size"],
	])("%s → %s", (code, label) => {
		expect(sizeLabel(code)).toBe(label);
	});
});

describe("labels", () => {
	it("turns slugs into words", () => {
		expect(colorLabel("heather-grey")).toBe("Heather grey");
		expect(badgeLabel("non-slip")).toBe("Non-slip backing");
	});
});
