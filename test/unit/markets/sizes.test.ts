import { describe, expect, it } from "vitest";
import { SIZE_CODES } from "../../../workers/storefront/catalog/seed-data";
import { marketSizeLabel, metricSizeLabel } from "../../../workers/storefront/markets/sizes";

describe("rug sizes per market", () => {
	it("writes feet and inches as whole centimetres", () => {
		expect(metricSizeLabel("5x7")).toBe("152 × 213 cm");
		expect(metricSizeLabel("2.5x10")).toBe("76 × 305 cm");
		expect(metricSizeLabel("20x32in")).toBe("51 × 81 cm");
		expect(metricSizeLabel("6-round")).toBe("Ø 183 cm");
	});

	it("keeps feet for the US and centimetres elsewhere, for every size the catalog sells", () => {
		for (const code of SIZE_CODES) {
			expect(marketSizeLabel(code, "metric"), code).toMatch(/^(Ø )?\d+( × \d+)? cm$/);
			expect(marketSizeLabel(code, "imperial"), code).toMatch(/[′″]/);
		}
	});
});
