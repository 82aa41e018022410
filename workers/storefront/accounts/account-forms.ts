// The account pages' HTML forms: flat text fields in, the JSON API's own body schemas applied to
// them (so a rule lives in one place), and each issue turned into one plain sentence per field.
// Pure, so the pages, the routes and the tests share it.
import { z } from "@hono/zod-openapi";
import {
	type CheckoutField,
	type CheckoutFormValues,
	describeCheckoutIssues,
	echoCheckoutValues,
	MAX_RAW_FIELD,
	rawField,
	rawFieldsSchema,
} from "../checkout/checkout-form";
import {
	AccountCheckoutSchema,
	AddressIdSchema,
	ChangePasswordBodySchema,
	LoginBodySchema,
	ProfileUpdateSchema,
	RegisterBodySchema,
	ResetBodySchema,
	SavedAddressInputSchema,
} from "./account-schemas";

/** A checkbox sends "on" when ticked and nothing otherwise; anything else is not our form. */
const checkbox = z.literal("on").optional();

export type FormErrors<F extends string> = { fields: Partial<Record<F, string>>; form: string[] };
export type FormValues<F extends string> = Partial<Record<F, string>>;
type FieldText = { label: string; missing: string; invalid?: string; tooShort?: string };

const UNKNOWN_FIELDS = "The form had fields we don't know. Please check the details and send it again.";

/** One message per field (the first issue wins), the rest about the form as a whole. */
function describeIssues<F extends string>(
	fields: readonly F[],
	text: Record<F, FieldText>,
	issues: readonly z.core.$ZodIssue[],
	raw: unknown,
): FormErrors<F> {
	const values = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
	const errors: FormErrors<F> = { fields: {}, form: [] };
	for (const issue of issues) {
		const field = fields.find((name) => name === issue.path[0]);
		if (!field) {
			if (!errors.form.includes(UNKNOWN_FIELDS)) errors.form.push(UNKNOWN_FIELDS);
			continue;
		}
		const value = values[field];
		const t = text[field];
		const blank = value === undefined || (typeof value === "string" && value.trim() === "");
		let message: string;
		if (typeof value !== "string" && value !== undefined) message = `${t.label} is not valid`;
		else if (blank) message = t.missing;
		else if (issue.code === "too_small" && t.tooShort) message = t.tooShort;
		else if (issue.code === "too_big") message = `${t.label} must be ${issue.maximum} characters or fewer`;
		else if (issue.code === "custom") message = issue.message;
		else message = t.invalid ?? `${t.label} is not valid`;
		errors.fields[field] ??= message;
	}
	return errors;
}

/** What was typed, to put back in the form: the known text fields only, bounded, never a password. */
function echoValues<F extends string>(fields: readonly F[], raw: unknown): FormValues<F> {
	if (raw === null || typeof raw !== "object") return {};
	const values: FormValues<F> = {};
	for (const field of fields) {
		const value = (raw as Record<string, unknown>)[field];
		if (typeof value === "string") values[field] = value.slice(0, MAX_RAW_FIELD);
	}
	return values;
}

const EMAIL_TEXT: FieldText = {
	label: "Email address",
	missing: "Enter your email address",
	invalid: "Enter an email address like name@example.com",
};
const NEW_PASSWORD_TEXT: FieldText = {
	label: "Password",
	missing: "Choose a password",
	tooShort: "Choose a password of at least 10 characters",
};
const NICKNAME_TEXT: FieldText = {
	label: "What should we call you?",
	missing: "Enter a name for us to call you",
};

// --- Register -------------------------------------------------------------------------------

export const REGISTER_FIELDS = [
	"email",
	"password",
	"nickname",
	"analytics",
	"marketing",
	"acceptPolicy",
] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];
export const REGISTER_TEXT: Record<RegisterField, FieldText> = {
	email: EMAIL_TEXT,
	password: NEW_PASSWORD_TEXT,
	nickname: NICKNAME_TEXT,
	analytics: { label: "Anonymous browsing statistics", missing: "" },
	marketing: { label: "News and offers by email", missing: "" },
	acceptPolicy: {
		label: "I have read the privacy policy",
		missing: "Agree to the privacy policy to create an account",
		invalid: "Agree to the privacy policy to create an account",
	},
};

export const RegisterFormSchema = z
	.object({
		email: rawField,
		password: rawField,
		nickname: rawField,
		analytics: checkbox,
		marketing: checkbox,
		acceptPolicy: checkbox,
	})
	.strict()
	.transform((form): unknown => ({
		email: form.email?.trim(),
		password: form.password,
		nickname: form.nickname,
		consents: { analytics: form.analytics === "on", marketing: form.marketing === "on" },
		// Unticked is absent: the API's literal `true` then refuses it with the field's message.
		...(form.acceptPolicy === "on" ? { acceptPolicy: true } : {}),
	}))
	.pipe(RegisterBodySchema)
	.openapi("RegisterForm");

export const describeRegisterIssues = (issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeIssues(REGISTER_FIELDS, REGISTER_TEXT, issues, raw);
/** The password is never sent back to the browser. */
export const echoRegisterValues = (raw: unknown) =>
	echoValues(["email", "nickname", "analytics", "marketing", "acceptPolicy"] as const, raw);

// --- Log in ---------------------------------------------------------------------------------

/** Where to go after signing in: only a path on this site, else the account overview. */
export function safeNext(next: string | undefined): string {
	if (!next || next.length > 512 || !next.startsWith("/") || next.startsWith("//")) return "/account";
	// Backslashes and control characters let some browsers read "/\evil.example" as another host.
	if (/[\\\p{Cc}]/u.test(next)) return "/account";
	const base = "https://loomwash.invalid";
	const url = new URL(next, base);
	return url.origin === base ? `${url.pathname}${url.search}` : "/account";
}

export const NextSchema = z.string().max(512).optional().openapi({
	description: "Where to go after signing in: a path on this site",
	example: "/account/orders",
});

export const LOGIN_FIELDS = ["email", "password"] as const;
export type LoginField = (typeof LOGIN_FIELDS)[number];
const LOGIN_TEXT: Record<LoginField, FieldText> = {
	email: EMAIL_TEXT,
	password: { label: "Password", missing: "Enter your password" },
};

export const LoginFormSchema = z
	.object({ email: rawField, password: rawField, next: NextSchema })
	.strict()
	.transform((form): unknown => ({
		body: { email: form.email?.trim(), password: form.password },
		next: form.next,
	}))
	.pipe(z.object({ body: LoginBodySchema, next: NextSchema }))
	.openapi("LoginForm");

/** The login schema's issues sit under `body`; the fields are the same names one level down. */
export const describeLoginIssues = (issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeIssues(
		LOGIN_FIELDS,
		LOGIN_TEXT,
		issues.map((issue) => (issue.path[0] === "body" ? { ...issue, path: issue.path.slice(1) } : issue)),
		raw,
	);
export const echoLoginValues = (raw: unknown) => echoValues(["email", "next"] as const, raw);

// --- Forgotten password -----------------------------------------------------------------------

export const FORGOT_FIELDS = ["email"] as const;
export const ForgotFormSchema = z
	.object({ email: rawField })
	.strict()
	.transform((form): unknown => ({ email: form.email?.trim() }))
	.pipe(ResetBodySchema)
	.openapi("ForgotPasswordForm");
export const describeForgotIssues = (issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeIssues(FORGOT_FIELDS, { email: EMAIL_TEXT }, issues, raw);
export const echoForgotValues = (raw: unknown) => echoValues(FORGOT_FIELDS, raw);

// --- Profile ----------------------------------------------------------------------------------

export const PROFILE_FIELDS = ["nickname"] as const;
export const ProfileFormSchema = z
	.object({ nickname: rawField })
	.strict()
	.transform((form): unknown => ({ nickname: form.nickname }))
	.pipe(ProfileUpdateSchema)
	.openapi("ProfileForm");
export const describeProfileIssues = (issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeIssues(PROFILE_FIELDS, { nickname: NICKNAME_TEXT }, issues, raw);
export const echoProfileValues = (raw: unknown) => echoValues(PROFILE_FIELDS, raw);

export const PASSWORD_FIELDS = ["currentPassword", "newPassword"] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];
export const PasswordFormSchema = z
	.object({ currentPassword: rawField, newPassword: rawField })
	.strict()
	.pipe(ChangePasswordBodySchema)
	.openapi("ChangePasswordForm");
export const describePasswordIssues = (issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeIssues(
		PASSWORD_FIELDS,
		{
			currentPassword: { label: "Current password", missing: "Enter your current password" },
			newPassword: { ...NEW_PASSWORD_TEXT, label: "New password", missing: "Choose a new password" },
		},
		issues,
		raw,
	);

// --- Address book -----------------------------------------------------------------------------

/** The address form's fields: the checkout form's delivery fields, with its labels and messages. */
export const ADDRESS_FIELDS = [
	"name",
	"phone",
	"line1",
	"line2",
	"city",
	"region",
	"postalCode",
	"country",
] as const satisfies readonly CheckoutField[];
export type AddressField = (typeof ADDRESS_FIELDS)[number];

const RawAddressFormSchema = rawFieldsSchema(ADDRESS_FIELDS);

/** Flat fields → the address book's body, as POST /api/v1/me/addresses takes it. */
function toSavedAddressInput(form: z.infer<typeof RawAddressFormSchema>): unknown {
	const { name, phone, line1, line2, city, region, postalCode, country } = form;
	return { name, phone, address: { line1, line2, city, region, postalCode, country } };
}

export const AddressFormSchema = RawAddressFormSchema.transform(toSavedAddressInput)
	.pipe(SavedAddressInputSchema)
	.openapi("AddressForm");

/** The checkout form's own wording for these fields (same schemas, same sentences). */
export const describeAddressIssues = (issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeCheckoutIssues(issues, raw);
export const echoAddressValues = (raw: unknown): CheckoutFormValues => {
	const all = echoCheckoutValues(raw);
	return Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, all[f]]).filter(([, v]) => v !== undefined));
};

export const AddressParamsSchema = z.object({ addressId: AddressIdSchema });

// --- Checkout with a saved address ------------------------------------------------------------

/** Which saved address and how to ship: the account checkout's saved-address body, from a form. */
export const SavedCheckoutFormSchema = z
	.object({ addressId: rawField, shippingMethod: rawField })
	.strict()
	.pipe(AccountCheckoutSchema)
	.openapi("SavedAddressCheckoutForm");
