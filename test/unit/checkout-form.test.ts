import { describe, expect, it } from "vitest";
import { checkLineQuantity, MAX_CART_LINES, planAddItem } from "../../workers/storefront/cart/cart-rules";
import {
	CheckoutFormSchema,
	checkoutFormValues,
	describeCheckoutIssues,
	describeRefusal,
	echoCheckoutValues,
	toCheckoutRequest,
} from "../../workers/storefront/checkout/checkout-form";
import { CheckoutSchema } from "../../workers/storefront/checkout/checkout-schemas";
import { marketForDelivery, priceOrder } from "../../workers/storefront/checkout/order-pricing";
import type { CartLineRow, VariantForCart } from "../../workers/storefront/db/carts";
import { AppError } from "../../workers/storefront/errors";
import { type Translator, translatorFor } from "../../workers/storefront/i18n/translate";

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

function errorsFor(form: unknown, t?: Translator) {
	const result = CheckoutFormSchema.safeParse(form);
	if (result.success) throw new Error("expected a refusal");
	return describeCheckoutIssues(result.error.issues, form, t);
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

describe("the checkout form in the shopper's language", () => {
	it("says each field's message in French, from the same rules", () => {
		const fr = translatorFor("fr");
		const errors = errorsFor({ ...FORM, email: "", postalCode: "nope", country: "FR" }, fr);
		expect(errors.fields).toEqual({
			email: "Saisissez votre adresse e-mail",
			postalCode: "Code postal FR non valide (p. ex. 75001)",
		});
		expect(errorsFor({ ...FORM, name: ["a", "b"] }, fr).fields.name).toBe("Nom complet : valeur non valide");
		expect(errorsFor({ ...FORM, city: "x".repeat(81) }, fr).fields.city).toBe(
			"Ville : 80 caractères au maximum",
		);
		expect(errorsFor({ ...FORM, birthday: "x" }, translatorFor("ja")).form).toEqual([
			"フォームに不明な項目が含まれていました。内容をご確認のうえ、もう一度送信してください。",
		]);
	});

	it("asks for the postcode by the country's own word", () => {
		const missing = (country: string) => errorsFor({ ...FORM, country, postalCode: "" }).fields.postalCode;
		expect(missing("US")).toBe("Enter the ZIP code");
		expect(missing("IE")).toBe("Enter the Eircode");
		expect(missing("GB")).toBe("Enter the postcode");
		expect(missing("JP")).toBe("Enter the postal code");
		expect(errorsFor({ ...FORM, country: "JP", region: "" }, translatorFor("ja")).fields.region).toBe(
			"JPでは地域の入力が必要です",
		);
	});
});

describe("describeRefusal", () => {
	const variant: VariantForCart = {
		variantId: 1,
		productId: 1,
		productName: "Rug",
		productSlug: "rug",
		sku: "SKU-1",
		size: "5x7",
		color: "sand",
		unitPriceMinor: 12_900,
		currency: "EUR",
		stock: 3,
	};
	const line = (variantId: number): CartLineRow => ({ ...variant, variantId, quantity: 1, addedAt: 0 });
	const refusalOf = (refuse: () => unknown): AppError => {
		try {
			refuse();
		} catch (err) {
			if (err instanceof AppError) return err;
		}
		throw new Error("expected an AppError");
	};
	const fr = translatorFor("fr");

	// The refusals the cart and checkout services raise, raised by them: a reworded sentence there
	// must fail here rather than reach a shopper as the general fallback.
	it.each([
		["too many in the line", () => checkLineQuantity(variant, 4), "Plus que 3 en stock"],
		["sold out", () => checkLineQuantity({ stock: 0 }, 1), "Rupture de stock"],
		[
			"over the per-line limit",
			() => checkLineQuantity({ stock: 99 }, 11),
			"Au maximum 10 exemplaires d’un même article par commande",
		],
		[
			"a full cart",
			() =>
				planAddItem(
					Array.from({ length: MAX_CART_LINES }, (_, i) => line(i + 2)),
					variant,
					1,
				),
			`Un panier contient au maximum ${MAX_CART_LINES} articles différents`,
		],
		[
			"no price in the cart's currency",
			() => planAddItem([], { ...variant, unitPriceMinor: null }, 1),
			"Cet article n’est pas vendu en EUR",
		],
		["an empty cart", () => priceOrder([], { country: "FR" }, "standard"), "Le panier est vide"],
		[
			"a line not sold in the destination's currency",
			() =>
				priceOrder([{ unitPriceMinor: 100, quantity: 1, currency: "USD" }], { country: "FR" }, "standard"),
			"Certains articles ne sont pas vendus en EUR",
		],
		["a country outside every market", () => marketForDelivery("XX"), "Nous ne livrons pas ce pays (XX)"],
	])("says %s in the shopper's language", (_label, refuse, french) => {
		const refusal = refusalOf(refuse);
		expect(describeRefusal(fr, refusal)).toBe(french);
		// In English, the same sentence the JSON API gives.
		expect(describeRefusal(translatorFor("en"), refusal)).toBe(refusal.message);
	});

	it("gives a general sentence, never English, for a refusal it does not know", () => {
		expect(describeRefusal(fr, { code: "conflict", message: "Something new" })).toBe(
			"Cette modification n’a pas pu être effectuée. Veuillez réessayer.",
		);
		expect(describeRefusal(fr, { code: "payment_unavailable", message: "x" })).toBe(
			"Le service de paiement est indisponible ; veuillez réessayer",
		);
	});
});
