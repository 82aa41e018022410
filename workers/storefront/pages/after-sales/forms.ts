// The after-sales pages' forms: flat text fields in, the JSON API's own schema applied to them
// (as the checkout form does), and its issues turned into one plain sentence per field. Pure, so
// the pages and the tests share it. The sentences are the shopper's language's (`l.t`); the
// English catalog holds the very sentences these pages have always shown.
import { z } from "@hono/zod-openapi";
import {
	AccountConsultationRequestSchema,
	MessageRequestSchema,
} from "../../consultations/consultation-schemas";
import type { RETURN_REASONS } from "../../db/schema";
import { ReturnRequestSchema } from "../../returns/return-schemas";
import { MAX_REVIEW_TEXT, WriteReviewSchema } from "../../reviews/review-schemas";
import { afterSalesRefusal, type RefusalLocale } from "./refusals";

type Issue = z.core.$ZodIssue;

/** Messages by field name (in the order found), and messages about the form as a whole. */
export type FormErrors = { fields: Record<string, string>; form: string[] };
/** What was typed, by field name, to put back after a refusal. */
export type FormValues = Record<string, string>;

export const noErrors = (): FormErrors => ({ fields: {}, form: [] });
export const hasErrors = (errors: FormErrors | undefined): boolean =>
	errors !== undefined && (errors.form.length > 0 || Object.keys(errors.fields).length > 0);

/** The English sentence (the tests' reference); pages show `after.form.unknownFields` in their language. */
export const UNKNOWN_FIELDS = "The form had fields we don't know. Please check it and send it again.";

// Longer than any field the API accepts, so a long value gets that field's own message; the
// 32 KiB body limit bounds the whole form.
const MAX_RAW_TEXT = 10_000;
const rawText = z.string().max(MAX_RAW_TEXT).optional();
const MAX_RETURN_DETAILS = 2000;
const MAX_MESSAGE = 4000;

type Described = { field: string; message: string } | { form: string };

function describeIssues(issues: readonly Issue[], describe: (issue: Issue) => Described): FormErrors {
	const errors = noErrors();
	for (const issue of issues) {
		const described = describe(issue);
		if ("form" in described) {
			if (!errors.form.includes(described.form)) errors.form.push(described.form);
		} else {
			errors.fields[described.field] ??= described.message;
		}
	}
	return errors;
}

/** The free-text fields, each with its own four sentences (no language builds them from parts alike). */
type TextField = "details" | "message" | "review";

function textMessage(l: RefusalLocale, issue: Issue, field: TextField, max: number): string {
	// A form field is always text: a missing one is the only wrong type it can have.
	if (issue.code === "too_small" || issue.code === "invalid_type") return l.t(`after.form.${field}.missing`);
	if (issue.code === "too_big") return l.t(`after.form.${field}.tooLong`, { max });
	if (issue.code === "custom") return l.t(`after.form.${field}.control`);
	return l.t(`after.form.${field}.plain`);
}

const unknownFields = (l: RefusalLocale) => ({ form: l.t("after.form.unknownFields") });

/** What the shopper typed, to put back in the form: text fields only, bounded. */
export function echoValues(raw: unknown, keep: (field: string) => boolean): FormValues {
	if (raw === null || typeof raw !== "object") return {};
	const values: FormValues = {};
	for (const [field, value] of Object.entries(raw)) {
		if (typeof value === "string" && keep(field)) values[field] = value.slice(0, MAX_RAW_TEXT);
	}
	return values;
}

// ---- Returns: a reason, optional details, and a quantity field per line (`qty-<variantId>`).

/** The reasons in English, for the staff console; shoppers read `after.reason.<reason>`. */
export const RETURN_REASON_TEXT = {
	damaged: "It arrived damaged",
	wrong_item: "I received the wrong item",
	not_as_described: "It is not as described",
	size_or_colour: "The size or colour is not right",
	changed_mind: "I changed my mind",
	other: "Another reason",
} as const satisfies Record<(typeof RETURN_REASONS)[number], string>;

const QTY_FIELD = /^qty-([1-9]\d{0,15})$/;
export const qtyField = (variantId: number) => `qty-${variantId}`;

const RawReturnFormSchema = z
	.object({ reason: rawText, details: rawText })
	.catchall(z.string().max(MAX_RAW_TEXT))
	.superRefine((form, ctx) => {
		for (const key of Object.keys(form)) {
			if (key !== "reason" && key !== "details" && !QTY_FIELD.test(key)) {
				ctx.addIssue({ code: "custom", path: [key], message: "Unknown field" });
			}
		}
	});

/** The quantity fields asking for something, in form order: 0 or blank asks for nothing. */
function requestedLines(
	form: Record<string, unknown>,
): { field: string; variantId: number; quantity: unknown }[] {
	return Object.entries(form).flatMap(([field, value]) => {
		const id = QTY_FIELD.exec(field)?.[1];
		if (!id || typeof value !== "string") return [];
		const typed = value.trim();
		if (typed === "" || /^0+$/.test(typed)) return [];
		// Anything but a plain whole number stays a string, for ReturnRequestSchema to refuse.
		return [{ field, variantId: Number(id), quantity: /^\d{1,3}$/.test(typed) ? Number(typed) : typed }];
	});
}

export function toReturnRequest(form: Record<string, unknown>) {
	const details = typeof form.details === "string" ? form.details : undefined;
	return {
		reason: form.reason === "" ? undefined : form.reason,
		details: details?.trim() ? details : undefined,
		lines: requestedLines(form).map(({ variantId, quantity }) => ({ variantId, quantity })),
	};
}

/** Form body → the same validated input POST /api/v1/me/orders/{number}/returns takes. */
export const ReturnFormSchema = RawReturnFormSchema.transform((form): unknown => toReturnRequest(form))
	.pipe(ReturnRequestSchema)
	.openapi("ReturnForm", {
		description: "reason, optional details, and qty-<variantId> for each item to send back",
	});

/** The field a return issue belongs to; `lines` is the whole list of items. */
function returnIssue(l: RefusalLocale, issue: Issue, raw: Record<string, unknown>): Described {
	const [first, index] = issue.path;
	if (first === "reason") return { field: "reason", message: l.t("after.form.reason") };
	if (first === "details")
		return { field: "details", message: textMessage(l, issue, "details", MAX_RETURN_DETAILS) };
	if (first === "lines" && typeof index === "number") {
		const line = requestedLines(raw)[index];
		if (line)
			return {
				field: line.field,
				message:
					issue.code === "custom"
						? afterSalesRefusal(l, { message: issue.message })
						: l.t("after.form.wholeNumber"),
			};
	}
	if (first === "lines") {
		const message =
			issue.code === "too_small"
				? l.t("after.form.noLines")
				: afterSalesRefusal(l, { message: issue.message });
		return { field: "lines", message };
	}
	return unknownFields(l);
}

export function describeReturnIssues(l: RefusalLocale, issues: readonly Issue[], raw: unknown): FormErrors {
	const form = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
	return describeIssues(issues, (issue) => returnIssue(l, issue, form));
}

/** The domain's refusal of some lines ("At most 1 left to return"), put by the fields they came from. */
export function describeLineRefusals(
	l: RefusalLocale,
	issues: readonly { path: (string | number)[]; message: string }[],
	lines: readonly { variantId: number }[],
): FormErrors {
	const errors = noErrors();
	for (const issue of issues) {
		const message = afterSalesRefusal(l, issue);
		const line =
			issue.path[0] === "lines" && typeof issue.path[1] === "number" ? lines[issue.path[1]] : undefined;
		if (line) errors.fields[qtyField(line.variantId)] ??= message;
		else if (!errors.form.includes(message)) errors.form.push(message);
	}
	return errors;
}

export const isReturnField = (field: string) =>
	field === "reason" || field === "details" || QTY_FIELD.test(field);

// ---- Consultations: what it is about (before buying, after, or one of the shopper's orders) and the message.

export const ABOUT_PRE_SALES = "pre_sales";
export const ABOUT_AFTER_SALES = "after_sales";

const RawConsultationFormSchema = z.object({ about: rawText, message: rawText }).strict();

export function toConsultationRequest(form: { about?: string; message?: string }) {
	const { about, message } = form;
	if (about === ABOUT_PRE_SALES || about === ABOUT_AFTER_SALES) return { kind: about, message };
	if (about) return { kind: ABOUT_AFTER_SALES, orderNumber: about, message };
	return { message };
}

/** Form body → the same validated input POST /api/v1/me/consultations takes. */
export const ConsultationFormSchema = RawConsultationFormSchema.transform((form): unknown =>
	toConsultationRequest(form),
)
	.pipe(AccountConsultationRequestSchema)
	.openapi("ConsultationForm", {
		description: "about: pre_sales, after_sales or one of your order numbers; message",
	});

function messageIssue(l: RefusalLocale, issue: Issue): Described {
	if (issue.path[0] === "message")
		return { field: "message", message: textMessage(l, issue, "message", MAX_MESSAGE) };
	if (issue.path[0] === "kind" || issue.path[0] === "orderNumber") {
		return { field: "about", message: l.t("after.form.about") };
	}
	return unknownFields(l);
}

export function describeConsultationIssues(l: RefusalLocale, issues: readonly Issue[]): FormErrors {
	return describeIssues(issues, (issue) => messageIssue(l, issue));
}

/** Form body → the same validated input POST /api/v1/me/consultations/{id}/messages takes. */
export const ReplyFormSchema = z
	.object({ message: rawText })
	.strict()
	.pipe(MessageRequestSchema)
	.openapi("ConsultationReplyForm");

export const describeReplyIssues = describeConsultationIssues;

// ---- Reviews: the product (a hidden field), a rating of 1 to 5 and the text.

const RawReviewFormSchema = z.object({ productSlug: rawText, rating: rawText, text: rawText }).strict();

export function toReviewRequest(form: { productSlug?: string; rating?: string; text?: string }) {
	return {
		productSlug: form.productSlug || undefined,
		rating: form.rating && /^[1-5]$/.test(form.rating) ? Number(form.rating) : form.rating,
		text: form.text,
	};
}

/** Form body → the same validated input POST /api/v1/me/reviews takes. */
export const ReviewFormSchema = RawReviewFormSchema.transform((form): unknown => toReviewRequest(form))
	.pipe(WriteReviewSchema)
	.openapi("ReviewForm", { description: "productSlug, rating (1–5) and text" });

function reviewIssue(l: RefusalLocale, issue: Issue): Described {
	if (issue.path[0] === "rating") return { field: "rating", message: l.t("after.form.rating") };
	if (issue.path[0] === "text")
		return { field: "text", message: textMessage(l, issue, "review", MAX_REVIEW_TEXT) };
	if (issue.path[0] === "productSlug" || issue.path[0] === "productId") {
		return { form: l.t("after.form.whichProduct") };
	}
	return unknownFields(l);
}

export function describeReviewIssues(l: RefusalLocale, issues: readonly Issue[]): FormErrors {
	return describeIssues(issues, (issue) => reviewIssue(l, issue));
}
