// Pieces the after-sales pages share: dates, the status words shoppers read, and their notices
// (the error summary and field messages are the shop-wide ones in ../form-parts).
import type { Child } from "hono/jsx";
import type { ConsultationView } from "../../consultations/consultation-schemas";
import type { ReturnView } from "../../returns/return-schemas";
import type { OwnReview } from "../../reviews/review-schemas";
import { AccountLayout } from "../account/account-layout";
import { ErrorSummary } from "../form-parts";
import { type FormErrors, hasErrors } from "./forms";
import { AFTER_SALES_CSS } from "./styles";

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

/** A page's notice that is not an error: a success or a plain statement. */
export function Notice({ title, children }: { title: string; children?: Child }) {
	return (
		<div class="notice" role="status">
			<h2>{title}</h2>
			{children}
		</div>
	);
}

/** A signed-in page around a form: "Error: " leads its title and the summary heads it once refused. */
export function FormPage({
	title,
	current,
	errors,
	idOf,
	children,
}: {
	title: string;
	current: string;
	errors: FormErrors | undefined;
	idOf?: (field: string) => string;
	children?: Child;
}) {
	return (
		<AccountLayout
			title={hasErrors(errors) ? `Error: ${title}` : title}
			current={current}
			styles={AFTER_SALES_CSS}
		>
			<h1>{title}</h1>
			<ErrorSummary errors={errors} idOf={idOf} />
			{children}
		</AccountLayout>
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
