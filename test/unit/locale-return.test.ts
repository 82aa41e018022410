import { describe, expect, it } from "vitest";
import { shopLocale } from "../../workers/storefront/markets/shop-locale";
import { returnTarget } from "../../workers/storefront/routes/locale";

const french = shopLocale({ language: "fr", country: "FR" }).href;

describe("the selector's way back", () => {
	it("puts public pages under the chosen prefix and keeps private ones as they are", () => {
		expect(returnTarget("/p/rug", french)).toBe("/fr-fr/p/rug");
		expect(returnTarget("/de-de/c/kitchen?sort=price_asc", french)).toBe("/fr-fr/c/kitchen?sort=price_asc");
		expect(returnTarget("/", french)).toBe("/fr-fr");
		expect(returnTarget("/privacy", french)).toBe("/fr-fr/privacy");
		expect(returnTarget("/cart", french)).toBe("/cart");
		expect(returnTarget("/account/orders?page=2", french)).toBe("/account/orders?page=2");
	});

	it("never leaves the site, even once a prefix is taken off", () => {
		for (const hostile of [
			"/fr-fr//evil.example/x",
			"/en-us//evil.example",
			"/ja-jp//evil.example?x=1",
			"//evil.example",
		])
			expect(returnTarget(hostile, french), hostile).toBe("/fr-fr");
	});
});
