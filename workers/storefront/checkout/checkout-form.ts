// The HTML checkout form: flat text fields in, the JSON API's CheckoutSchema applied to them, and
// its issues turned into one plain sentence per field in the shopper's language. Pure, so the
// page and tests share it.
import { z } from "@hono/zod-openapi";
import { type MessageKey, type Translator, translatorFor } from "../i18n/translate";
import { ADDRESS_FORMATS } from "../markets/address-formats";
import { type CheckoutInput, CheckoutSchema } from "./checkout-schemas";
import { COUNTRY_CODES, COUNTRY_RULES } from "./countries";

export const CHECKOUT_FIELDS = [
	"email",
	"phone",
	"name",
	"line1",
	"line2",
	"city",
	"region",
	"postalCode",
	"country",
	"shippingMethod",
] as const;

export type CheckoutField = (typeof CHECKOUT_FIELDS)[number];
export type CheckoutFormValues = Partial<Record<CheckoutField, string>>;
export type CheckoutFormErrors = { fields: Partial<Record<CheckoutField, string>>; form: string[] };

// Longer than any field CheckoutSchema accepts, so a long value gets that field's own message;
// the 32 KiB body limit bounds the whole form.
export const MAX_RAW_FIELD = 1000;
export const rawField = z.string().max(MAX_RAW_FIELD).optional();

/** A form body of these text fields only, each optional and bounded, before the API's schema. */
export function rawFieldsSchema<F extends string>(fields: readonly F[]) {
	return z
		.object(Object.fromEntries(fields.map((field) => [field, rawField])) as Record<F, typeof rawField>)
		.strict();
}

const RawCheckoutFormSchema = rawFieldsSchema(CHECKOUT_FIELDS);

/** The form's flat fields nested the way the JSON API takes them. */
export function toCheckoutRequest(form: CheckoutFormValues) {
	const { email, name, phone, shippingMethod, line1, line2, city, region, postalCode, country } = form;
	// Autofill and pasting leave stray spaces around an address; they are not part of it.
	return {
		email: email?.trim(),
		name,
		phone,
		shippingMethod,
		address: { line1, line2, city, region, postalCode, country },
	};
}

/** Form body → the same validated input the JSON checkout takes. */
// The nested value is `unknown` on purpose: whether it is a CheckoutInput is CheckoutSchema's call.
export const CheckoutFormSchema = RawCheckoutFormSchema.transform((form): unknown => toCheckoutRequest(form))
	.pipe(CheckoutSchema)
	.openapi("CheckoutForm");

type FieldText = { label: MessageKey; missing?: MessageKey; invalid?: MessageKey };

/** Each field's label and messages as catalog keys: the page and its refusals say the same words. */
export const CHECKOUT_FIELD_TEXT: Record<CheckoutField, FieldText> = {
	email: { label: "checkout.email", missing: "checkout.emailMissing", invalid: "checkout.emailInvalid" },
	phone: { label: "checkout.phone", missing: "checkout.phoneMissing", invalid: "checkout.phoneInvalid" },
	name: { label: "checkout.name", missing: "checkout.nameMissing" },
	line1: { label: "checkout.line1", missing: "checkout.line1Missing" },
	line2: { label: "checkout.line2" },
	city: { label: "checkout.city", missing: "checkout.cityMissing" },
	region: { label: "checkout.region", missing: "checkout.regionMissing" },
	postalCode: { label: "checkout.postalCode", missing: "checkout.postalCodeMissing" },
	country: {
		label: "address.country",
		missing: "checkout.countryMissing",
		invalid: "checkout.countryInvalid",
	},
	shippingMethod: {
		label: "checkout.shippingMethod",
		missing: "checkout.shippingMethodMissing",
		invalid: "checkout.shippingMethodMissing",
	},
};

// A postcode is a ZIP code in the US and an Eircode in Ireland: the label and the prompt follow
// the country's own word (markets/address-formats.ts) once the country is known.
const POSTAL_MISSING: Partial<Record<MessageKey, MessageKey>> = {
	"address.zip": "checkout.zipMissing",
	"address.postcode": "checkout.postcodeMissing",
	"address.eircode": "checkout.eircodeMissing",
};

/** A field's text for a delivery to `country`: its own postal and region words where it has them. */
export function fieldText(field: CheckoutField, country: string | undefined): FieldText {
	const text = CHECKOUT_FIELD_TEXT[field];
	const format = country ? ADDRESS_FORMATS[country.toUpperCase()] : undefined;
	if (field === "postalCode" && format) {
		const label = format.postalLabel;
		return { label, missing: POSTAL_MISSING[label] ?? text.missing };
	}
	// A blank region is the country rules' own refusal ("A region is required for US"): only the label.
	if (field === "region" && format?.regionLabel) return { ...text, label: format.regionLabel };
	return text;
}

const ENGLISH = translatorFor("en");

type Issue = z.core.$ZodIssue;

function fieldOf(path: readonly PropertyKey[]): CheckoutField | undefined {
	const key = path[0] === "address" ? path[1] : path[0];
	return CHECKOUT_FIELDS.find((field) => field === key);
}

function isBlank(value: unknown): boolean {
	return value === undefined || (typeof value === "string" && value.trim() === "");
}

const CONTROL_CHARACTERS = "Must not contain control characters";

/**
 * The schemas' own refinements (checkout-schemas.ts, countries.ts) carry English sentences; each
 * is said again here in the shopper's language, from what the field and the form tell.
 */
function customMessage(t: Translator, field: CheckoutField, issue: Issue, raw: unknown, country: string) {
	if (issue.message === CONTROL_CHARACTERS) return t("checkout.controlCharacters");
	const known = COUNTRY_CODES.find((code) => code === country);
	if (field === "postalCode" && known)
		return t("checkout.postalInvalid", { country: known, example: COUNTRY_RULES[known].postalExample });
	if (field === "region" && known)
		return t(isBlank(raw) ? "checkout.regionRequired" : "checkout.regionInvalid", { country: known });
	if (field === "phone") return t("checkout.phoneDigits");
	return undefined;
}

function messageFor(
	t: Translator,
	field: CheckoutField,
	issue: Issue,
	raw: unknown,
	country: string,
): string {
	const text = fieldText(field, country);
	const label = t(text.label);
	if (typeof raw !== "string" && raw !== undefined) return t("checkout.notValid", { label });
	if (issue.code === "custom") {
		const custom = customMessage(t, field, issue, raw, country);
		if (custom) return custom;
	}
	if (isBlank(raw) && text.missing) return t(text.missing);
	if (issue.code === "too_big") return t("checkout.tooLong", { label, max: Number(issue.maximum) });
	return text.invalid ? t(text.invalid) : t("checkout.notValid", { label });
}

/**
 * One message per field (the first issue wins) plus messages about the form as a whole, in the
 * language of `t` (English when none is given: the JSON API's callers and the address book).
 */
export function describeCheckoutIssues(
	issues: readonly Issue[],
	raw: unknown,
	t: Translator = ENGLISH,
): CheckoutFormErrors {
	const values = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
	const country = typeof values.country === "string" ? values.country.trim().toUpperCase() : "";
	const errors: CheckoutFormErrors = { fields: {}, form: [] };
	for (const issue of issues) {
		const field = fieldOf(issue.path);
		if (!field) {
			const message = t("checkout.unknownFields");
			if (!errors.form.includes(message)) errors.form.push(message);
		} else {
			errors.fields[field] ??= messageFor(t, field, issue, values[field], country);
		}
	}
	return errors;
}

/** What the shop pages say about a refused cart change or checkout (an AppError's code and message). */
export type Refusal = { code: string; message: string };

/**
 * A refusal in the shopper's language. The services word their AppErrors in English for the JSON
 * API; each one a shopper can meet on these pages is recognised here by its code and sentence, and
 * anything unforeseen gets its code's general sentence rather than English in a French page.
 */
export function describeRefusal(t: Translator, refusal: Refusal): string {
	const { code, message } = refusal;
	const count = (pattern: RegExp) => pattern.exec(message)?.[1];
	switch (code) {
		case "out_of_stock": {
			const left = count(/^Only (\d+) left in stock$/);
			if (left) return t("cart.onlyLeftInStock", { count: Number(left) });
			if (message === "Out of stock") return t("cart.outOfStock");
			if (message.startsWith("Some items sold out")) return t("checkout.soldOutMeanwhile");
			return t("checkout.noLongerAvailable");
		}
		case "conflict": {
			const lines = count(/^A cart holds at most (\d+) different items$/);
			if (lines) return t("cart.tooManyLines", { max: Number(lines) });
			const perLine = count(/^At most (\d+) of one item per order$/);
			if (perLine) return t("cart.atMostPerLine", { max: Number(perLine) });
			const currency = count(/^This item is not sold in ([A-Z]{3})$/);
			if (currency) return t("cart.notSoldIn", { currency });
			const some = count(/^Some items are not sold in ([A-Z]{3})$/);
			if (some) return t("checkout.notSoldIn", { currency: some });
			const other = /^Delivery to ([A-Z]{2}) is sold in ([A-Z]{3})/.exec(message);
			if (other?.[1] && other[2]) return t("checkout.otherMarket", { country: other[1], currency: other[2] });
			return t("checkout.refused");
		}
		case "not_found":
			if (message === "No such variant") return t("cart.noSuchVariant");
			if (message.startsWith("That item is not in")) return t("cart.notInCart");
			return t("cart.notFound");
		case "rate_limited": {
			const unpaid = count(/^You have (\d+) unpaid orders/);
			if (unpaid) return t("checkout.tooManyUnpaid", { max: Number(unpaid) });
			if (message.startsWith("Too many new carts")) return t("cart.tooManyCarts");
			return t("checkout.tooManyCheckouts");
		}
		case "invalid_state":
			return t(message === "The cart is empty" ? "checkout.cartEmpty" : "checkout.alreadyPlaced");
		case "validation_failed": {
			const country = count(/^We do not deliver to ([A-Z]{2})$/);
			return country ? t("checkout.noDelivery", { country }) : t("checkout.refused");
		}
		case "payment_unavailable":
			return t("checkout.paymentUnavailable");
		default:
			return t("checkout.refused");
	}
}

/** What the shopper typed, to put back in the form: known text fields only, bounded. */
export function echoCheckoutValues(raw: unknown): CheckoutFormValues {
	if (raw === null || typeof raw !== "object") return {};
	const values: CheckoutFormValues = {};
	for (const field of CHECKOUT_FIELDS) {
		const value = (raw as Record<string, unknown>)[field];
		if (typeof value === "string") values[field] = value.slice(0, MAX_RAW_FIELD);
	}
	return values;
}

/** A validated checkout back in the form's flat fields, to show again after a refusal. */
export function checkoutFormValues(input: CheckoutInput): CheckoutFormValues {
	const { address, email, name, phone, shippingMethod } = input;
	return { email, name, phone, shippingMethod, ...address };
}
