import { describe, expect, it } from "vitest";
import * as zod from "zod";
import * as zodCore from "zod/v4/core";
import * as shim from "../../workers/storefront/zod-without-locales";
import * as shimCore from "../../workers/storefront/zod-without-locales/core";

// The storefront bundles the shim in zod's place (wrangler.toml [alias]); the tests run the real
// zod. What keeps the two the same is this: every export but `locales`, the very same values.
/** Each export by name: comparing them all, not tree-shaking, is the point here. */
const exportsOf = (module: object) => new Map(Object.entries(module));

describe("the storefront's zod without locales", () => {
	it("re-exports every export of zod but locales, as the same values", () => {
		const expected = Object.keys(zod).filter((name) => name !== "locales" && name !== "core");
		expect(
			Object.keys(shim)
				.filter((name) => name !== "core")
				.sort(),
		).toEqual(expected.sort());
		const [ours, real] = [exportsOf(shim), exportsOf(zod)];
		for (const name of expected.filter((n) => n !== "z" && n !== "default")) {
			expect(ours.get(name), name).toBe(real.get(name));
		}
		expect(shim.z).toBe(shim.default);
		expect(Object.keys(shim.z)).not.toContain("locales");
	});

	it("re-exports every export of zod's core but locales, as the same values", () => {
		const expected = Object.keys(zodCore).filter((name) => name !== "locales");
		expect(Object.keys(shimCore).sort()).toEqual(expected.sort());
		const [ours, real] = [exportsOf(shimCore), exportsOf(zodCore)];
		for (const name of expected) expect(ours.get(name), name).toBe(real.get(name));
		expect(shim.core).toBe(shim.z.core);
	});

	it("still answers in English, the one language the shop speaks", () => {
		const result = shim.z.strictObject({ n: shim.z.number().int().min(1) }).safeParse({ n: 0, x: 1 });
		expect(result.error?.issues.map((issue) => issue.message)).toEqual([
			"Too small: expected number to be >=1",
			'Unrecognized key: "x"',
		]);
	});
});
