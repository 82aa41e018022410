// Pieces the after-sales pages share: the error summary and a field's messages (the checkout
// page's pattern), dates, and the status words shoppers read.
import type { Child } from "hono/jsx";
import type { ConsultationView } from "../../consultations/consultation-schemas";
import type { ReturnView } from "../../returns/return-schemas";
import type { OwnReview } from "../../reviews/review-schemas";
import { AccountLayout } from "../account/account-layout";
import type { FormErrors } from "./forms";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
	dateStyle: "medium",
	timeStyle: "short",
	timeZone: "UTC",
});

/** A day as shoppers read it ("3 Mar 2025"), from an ISO string or epoch milliseconds. */
export const formatDay = (at: string | number) => dateFormat.format(new Date(at));
export const formatDateTime = (at: string | number) => `${dateTimeFormat.format(new Date(at))} UTC`;

export const RETURN_STATUS_TEXT: Record<ReturnView["status"], string> = {
	requested: "requested",
	approved: "approved",
	received: "received",
	refunded: "refunded",
	rejected: "rejected",
};

export const REJECTION_TEXT: Record<NonNullable<ReturnView["rejection"]>, string> = {
	outside_window: "The 60-day return window had closed.",
	not_received: "The parcel did not reach us.",
	used_or_damaged: "The item came back used or damaged.",
	not_eligible: "This item cannot be returned.",
	other: "Customer service will explain by email.",
};

export const CONSULTATION_KIND_TEXT: Record<ConsultationView["kind"], string> = {
	pre_sales: "Before buying",
	after_sales: "About a purchase",
};

export const REVIEW_STATUS_TEXT: Record<OwnReview["status"], string> = {
	pending: "waiting for moderation",
	published: "published",
	rejected: "not published",
};

/** Hint and error ids for aria-describedby, in reading order. */
export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
	const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
	return ids.length > 0 ? ids.join(" ") : undefined;
}

export function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
	return (
		<>
			{hint ? (
				<span class="hint" id={`${id}-hint`}>
					{hint}
				</span>
			) : null}
			{error ? (
				<span class="error" id={`${id}-error`}>
					<span class="visually-hidden">Error: </span>
					{error}
				</span>
			) : null}
		</>
	);
}

/** The list of what was wrong, each field's message a link to that field (its id `f-<field>`). */
export function ErrorSummary({
	errors,
	idOf = (field) => `f-${field}`,
}: {
	errors?: FormErrors;
	idOf?: (field: string) => string;
}) {
	if (!errors) return null;
	const fields = Object.entries(errors.fields);
	if (fields.length === 0 && errors.form.length === 0) return null;
	return (
		<div class="notice" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
			<h2 id="error-summary-title">There is a problem</h2>
			<ul>
				{errors.form.map((message) => (
					<li>{message}</li>
				))}
				{fields.map(([field, message]) => (
					<li>
						<a href={`#${idOf(field)}`}>{message}</a>
					</li>
				))}
			</ul>
		</div>
	);
}

/** A page's notice that is not an error: a success or a plain statement. */
export function Notice({ title, children }: { title: string; children?: Child }) {
	return (
		<div class="notice" role="status">
			<h2>{title}</h2>
			{children}
		</div>
	);
}

/** A signed-in page with one sentence: not found, refused, nothing to show. */
export function AccountMessagePage({
	title,
	message,
	back,
	current,
}: {
	title: string;
	message: string;
	back: { href: string; label: string };
	current?: string;
}) {
	return (
		<AccountLayout title={title} current={current}>
			<h1>{title}</h1>
			<p class="lead">{message}</p>
			<p>
				<a href={back.href}>{back.label}</a>
			</p>
		</AccountLayout>
	);
}
