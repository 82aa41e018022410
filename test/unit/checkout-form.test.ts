import { describe, expect, it } from "vitest";
import {
	CheckoutFormSchema,
	checkoutFormValues,
	describeCheckoutIssues,
	echoCheckoutValues,
	toCheckoutRequest,
} from "../../workers/storefront/checkout/checkout-form";
import { CheckoutSchema } from "../../workers/storefront/checkout/checkout-schemas";
import { quoteShipping } from "../../workers/storefront/checkout/shipping";

const FORM = {
	email: " sam@example.com ",
	phone: "+44 20 7946 0000",
	name: "Sam Sample",
	line1: "1 Test Street",
	line2: "",
	city: "London",
	region: "",
	postalCode: "sw1a 1aa",
	country: "GB",
	shippingMethod: "standard",
};

function errorsFor(form: unknown) {
	const result = CheckoutFormSchema.safeParse(form);
	if (result.success) throw new Error("expected a refusal");
	return describeCheckoutIssues(result.error.issues, form);
}

describe("the checkout form", () => {
	it("nests the flat fields into exactly what the JSON API validates", () => {
		const parsed = CheckoutFormSchema.parse(FORM);
		expect(parsed).toEqual(CheckoutSchema.parse(toCheckoutRequest(FORM)));
		expect(parsed.email).toBe("sam@example.com");
		expect(parsed.address).toMatchObject({ line1: "1 Test Street", country: "GB", postalCode: "sw1a 1aa" });
	});

	it("round-trips a validated input back to the form's fields", () => {
		const values = checkoutFormValues(CheckoutFormSchema.parse(FORM));
		expect(values).toMatchObject({ email: "sam@example.com", city: "London", shippingMethod: "standard" });
		expect(CheckoutFormSchema.parse(values)).toEqual(CheckoutFormSchema.parse(FORM));
	});

	it("gives one plain message per field, from the same rules as the API", () => {
		const errors = errorsFor({ ...FORM, email: "sam", postalCode: "nope", country: "US", phone: "123" });
		expect(errors.form).toEqual([]);
		expect(errors.fields).toEqual({
			email: "Enter an email address like name@example.com",
			phone: "Enter a phone number of 6 to 15 digits; spaces, dashes, brackets and a leading + are fine",
			postalCode: "Not a valid US postal code (e.g. 94103)",
			region: "A region is required for US",
		});
	});

	it("asks for every missing field, and none for the optional ones", () => {
		const errors = errorsFor({});
		expect(Object.keys(errors.fields).sort()).toEqual(
			["city", "country", "email", "line1", "name", "phone", "postalCode", "shippingMethod"].sort(),
		);
		expect(errors.fields.email).toBe("Enter your email address");
		expect(errors.fields.shippingMethod).toBe("Choose a shipping method");
	});

	it("names limits, unknown values, repeated keys and unknown fields", () => {
		expect(errorsFor({ ...FORM, city: "x".repeat(81) }).fields.city).toBe(
			"Town or city must be 80 characters or fewer",
		);
		expect(errorsFor({ ...FORM, phone: "+1 415 555 0100 12345" }).fields.phone).toBe(
			"A phone number has 6 to 15 digits",
		);
		expect(errorsFor({ ...FORM, country: "XX" }).fields.country).toBe("Choose a country we deliver to");
		expect(errorsFor({ ...FORM, name: ["a", "b"] }).fields.name).toBe("Full name is not valid");
		expect(errorsFor({ ...FORM, name: "Sam\u0000" }).fields.name).toBe("Must not contain control characters");
		const unknown = errorsFor({ ...FORM, birthday: "1900-01-01" });
		expect(unknown.fields).toEqual({});
		expect(unknown.form).toHaveLength(1);
	});

	it("echoes back only known text fields, bounded", () => {
		expect(echoCheckoutValues({ ...FORM, city: "y".repeat(5000), extra: "x", name: ["a"] })).toEqual({
			...FORM,
			city: "y".repeat(1000),
			name: undefined,
		});
		expect(echoCheckoutValues(null)).toEqual({});
		expect(echoCheckoutValues("email=x")).toEqual({});
	});
});

describe("quoteShipping", () => {
	it("prices every method in every zone, free standard above the threshold", () => {
		expect(quoteShipping("USD", 10_000)).toEqual([
			{
				method: "standard",
				prices: [
					{ zone: "north_america", priceMinor: 995 },
					{ zone: "europe", priceMinor: 1295 },
					{ zone: "asia_pacific", priceMinor: 1995 },
				],
			},
			{
				method: "express",
				prices: [
					{ zone: "north_america", priceMinor: 2495 },
					{ zone: "europe", priceMinor: 2995 },
					{ zone: "asia_pacific", priceMinor: 4495 },
				],
			},
		]);
		expect(quoteShipping("USD", 20_000)?.[0]?.prices.every((p) => p.priceMinor === 0)).toBe(true);
		expect(quoteShipping("XYZ", 1)).toBeNull();
	});
});
