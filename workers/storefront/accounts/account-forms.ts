// The account pages' HTML forms: flat text fields in, the JSON API's own body schemas applied to
// them (so a rule lives in one place), and each issue turned into one plain sentence per field,
// in the shopper's language. Pure, so the pages, the routes and the tests share it.
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
import type { AppError } from "../errors";
import type { MessageKey, Translator } from "../i18n/translate";
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
import { MAX_SAVED_ADDRESSES } from "./address-book";

/** A checkbox sends "on" when ticked and nothing otherwise; anything else is not our form. */
const checkbox = z.literal("on").optional();

export type FormErrors<F extends string> = { fields: Partial<Record<F, string>>; form: string[] };
export type FormValues<F extends string> = Partial<Record<F, string>>;
/** A field's words as catalog keys: the page's label and the sentences of its refusals. */
export type FieldText = {
	label: MessageKey;
	missing?: MessageKey;
	invalid?: MessageKey;
	tooShort?: MessageKey;
};

/**
 * The schemas' own refinements speak English (the JSON API answers with them); the one the account
 * fields use is known, so the page says it in the shopper's language. Any other stays as it is.
 */
const CUSTOM_MESSAGES: Readonly<Record<string, MessageKey>> = {
	"Must not contain control characters": "account.form.controlCharacters",
};

/** The catalog key of an English sentence the code knows (own keys only: "constructor" is none). */
const knownSentence = (sentences: Readonly<Record<string, MessageKey>>, sentence: string) =>
	Object.hasOwn(sentences, sentence) ? sentences[sentence] : undefined;

/** One message per field (the first issue wins), the rest about the form as a whole. */
function describeIssues<F extends string>(
	t: Translator,
	fields: readonly F[],
	text: Record<F, FieldText>,
	issues: readonly z.core.$ZodIssue[],
	raw: unknown,
): FormErrors<F> {
	const values = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
	const errors: FormErrors<F> = { fields: {}, form: [] };
	const unknownFields = t("account.form.unknownFields");
	for (const issue of issues) {
		const field = fields.find((name) => name === issue.path[0]);
		if (!field) {
			if (!errors.form.includes(unknownFields)) errors.form.push(unknownFields);
			continue;
		}
		const value = values[field];
		const { label, missing, invalid, tooShort } = text[field];
		const notValid = () => t("account.form.notValid", { label: t(label) });
		const blank = value === undefined || (typeof value === "string" && value.trim() === "");
		let message: string;
		if (typeof value !== "string" && value !== undefined) message = notValid();
		else if (blank && missing) message = t(missing);
		else if (issue.code === "too_small" && tooShort) message = t(tooShort);
		else if (issue.code === "too_big")
			message = t("account.form.tooLong", { label: t(label), max: String(issue.maximum) });
		else if (issue.code === "custom") {
			const key = knownSentence(CUSTOM_MESSAGES, issue.message);
			message = key ? t(key) : issue.message;
		} else message = invalid ? t(invalid) : notValid();
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
	label: "account.field.email",
	missing: "account.field.emailMissing",
	invalid: "account.field.emailInvalid",
};
const NEW_PASSWORD_TEXT: FieldText = {
	label: "account.field.password",
	missing: "account.field.passwordMissing",
	tooShort: "account.field.passwordTooShort",
};
const NICKNAME_TEXT: FieldText = {
	label: "account.field.nickname",
	missing: "account.field.nicknameMissing",
};

/**
 * The refusals the shop's own code and the vault send in English (the JSON API's words), each
 * known sentence said in the shopper's language on the page; an unknown one stays as it came.
 * The vault's password policy is matched by its sentences: it names no code per rule.
 */
const REFUSALS: Readonly<Record<string, MessageKey>> = {
	"Use at least 10 characters for your password": "account.refused.passwordTooShort",
	"Use at most 128 characters for your password": "account.refused.passwordTooLong",
	"That password is too common and easy to guess; choose another": "account.refused.passwordTooCommon",
	"Your password must not be your email address": "account.refused.passwordIsEmail",
	[`An address book holds at most ${MAX_SAVED_ADDRESSES} addresses`]: "account.refused.addressBookFull",
};

/** A refusal (a 4xx AppError) as one sentence for the page, in the shopper's language. */
export function refusalText(t: Translator, err: AppError): string {
	const key = knownSentence(REFUSALS, err.message);
	if (key) return t(key, { max: MAX_SAVED_ADDRESSES });
	if (err.code === "rate_limited") return t("account.refused.rateLimited");
	return err.message;
}

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
	analytics: { label: "account.field.analytics" },
	marketing: { label: "account.field.marketing" },
	acceptPolicy: {
		label: "account.field.acceptPolicy",
		missing: "account.field.acceptPolicyMissing",
		invalid: "account.field.acceptPolicyMissing",
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

export const describeRegisterIssues = (t: Translator, issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeIssues(t, REGISTER_FIELDS, REGISTER_TEXT, issues, raw);
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
	password: { label: "account.field.password", missing: "account.field.passwordEnter" },
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
export const describeLoginIssues = (t: Translator, issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeIssues(
		t,
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
export const describeForgotIssues = (t: Translator, issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeIssues(t, FORGOT_FIELDS, { email: EMAIL_TEXT }, issues, raw);
export const echoForgotValues = (raw: unknown) => echoValues(FORGOT_FIELDS, raw);

// --- Profile ----------------------------------------------------------------------------------

export const PROFILE_FIELDS = ["nickname"] as const;
export const ProfileFormSchema = z
	.object({ nickname: rawField })
	.strict()
	.transform((form): unknown => ({ nickname: form.nickname }))
	.pipe(ProfileUpdateSchema)
	.openapi("ProfileForm");
export const describeProfileIssues = (t: Translator, issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeIssues(t, PROFILE_FIELDS, { nickname: NICKNAME_TEXT }, issues, raw);
export const echoProfileValues = (raw: unknown) => echoValues(PROFILE_FIELDS, raw);

export const PASSWORD_FIELDS = ["currentPassword", "newPassword"] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];
export const PasswordFormSchema = z
	.object({ currentPassword: rawField, newPassword: rawField })
	.strict()
	.pipe(ChangePasswordBodySchema)
	.openapi("ChangePasswordForm");
export const describePasswordIssues = (t: Translator, issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeIssues(
		t,
		PASSWORD_FIELDS,
		{
			currentPassword: {
				label: "account.field.currentPassword",
				missing: "account.field.currentPasswordMissing",
			},
			newPassword: {
				...NEW_PASSWORD_TEXT,
				label: "account.field.newPassword",
				missing: "account.field.newPasswordMissing",
			},
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
export const describeAddressIssues = (t: Translator, issues: readonly z.core.$ZodIssue[], raw: unknown) =>
	describeCheckoutIssues(issues, raw, t);
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
