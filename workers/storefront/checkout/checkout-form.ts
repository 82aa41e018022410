// The HTML checkout form: flat text fields in, the JSON API's CheckoutSchema applied to them, and
// its issues turned into one plain sentence per field. Pure, so the page and tests share it.
import { z } from "@hono/zod-openapi";
import { type CheckoutInput, CheckoutSchema } from "./checkout-schemas";

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

type FieldText = { label: string; missing: string; invalid?: string };

export const CHECKOUT_FIELD_TEXT: Record<CheckoutField, FieldText> = {
	email: {
		label: "Email address",
		missing: "Enter your email address",
		invalid: "Enter an email address like name@example.com",
	},
	phone: {
		label: "Phone number",
		missing: "Enter a phone number the carrier can call",
		invalid: "Enter a phone number of 6 to 15 digits; spaces, dashes, brackets and a leading + are fine",
	},
	name: { label: "Full name", missing: "Enter the name of the person receiving the order" },
	line1: { label: "Address line 1", missing: "Enter the street and number" },
	line2: { label: "Address line 2 (optional)", missing: "" },
	city: { label: "Town or city", missing: "Enter the town or city" },
	region: { label: "State, province or region", missing: "Enter the state, province or region" },
	postalCode: { label: "Postal code", missing: "Enter the postal code" },
	country: { label: "Country", missing: "Choose a country", invalid: "Choose a country we deliver to" },
	shippingMethod: {
		label: "Shipping method",
		missing: "Choose a shipping method",
		invalid: "Choose a shipping method",
	},
};

type Issue = z.core.$ZodIssue;

function fieldOf(path: readonly PropertyKey[]): CheckoutField | undefined {
	const key = path[0] === "address" ? path[1] : path[0];
	return CHECKOUT_FIELDS.find((field) => field === key);
}

function isBlank(value: unknown): boolean {
	return value === undefined || (typeof value === "string" && value.trim() === "");
}

function messageFor(field: CheckoutField, issue: Issue, raw: unknown): string {
	const text = CHECKOUT_FIELD_TEXT[field];
	if (typeof raw !== "string" && raw !== undefined) return `${text.label} is not valid`;
	if (issue.code === "custom") return issue.message;
	if (isBlank(raw) && text.missing) return text.missing;
	if (issue.code === "too_big") return `${text.label} must be ${issue.maximum} characters or fewer`;
	if (issue.code === "invalid_format" && !text.invalid && issue.format === "regex") return issue.message;
	return text.invalid ?? `${text.label} is not valid`;
}

/** One message per field (the first issue wins) plus messages about the form as a whole. */
export function describeCheckoutIssues(issues: readonly Issue[], raw: unknown): CheckoutFormErrors {
	const values = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
	const errors: CheckoutFormErrors = { fields: {}, form: [] };
	for (const issue of issues) {
		const field = fieldOf(issue.path);
		if (!field) {
			const message = "The form had fields we don't know. Please check the details and send it again.";
			if (!errors.form.includes(message)) errors.form.push(message);
		} else {
			errors.fields[field] ??= messageFor(field, issue, values[field]);
		}
	}
	return errors;
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
