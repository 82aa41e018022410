// Pieces the after-sales pages share: dates, the status words shoppers read, and their notices
// (the error summary and field messages are the shop-wide ones in ../form-parts). The words are
// the shopper's language's, from the catalogs' `after.` keys.
import type { Child } from "hono/jsx";
import type { ConsultationView } from "../../consultations/consultation-schemas";
import { formatDate, formatDateTime as formatMoment } from "../../i18n/formats";
import { type PageLocale, useLocale } from "../../i18n/locale-context";
import { AccountLayout } from "../account/account-layout";
import { ErrorSummary } from "../form-parts";
import { type FormErrors, hasErrors } from "./forms";
import { AFTER_SALES_CSS } from "./styles";

// English pages keep the day-first dates they have always shown ("3 Mar 2025", whichever English
// market); other languages write the day in their own order (3 mars 2025, 2025/03/03).
const tagOf = (l: PageLocale) => (l.language === "en" ? "en-GB" : l.tag);

/** A day as shoppers read it ("3 Mar 2025"), from an ISO string or epoch milliseconds. */
export const formatDay = (at: string | number) => formatDate(new Date(at), "en-GB");
export const formatDateTime = (at: string | number) => `${formatMoment(new Date(at), "en-GB")} UTC`;

/** A day in the shopper's language, from an ISO string or epoch milliseconds. */
export const dayIn = (l: PageLocale, at: string | number) => formatDate(new Date(at), tagOf(l));

/** A moment (day and time, UTC) in the shopper's language. */
export const dateTimeIn = (l: PageLocale, at: string | number) =>
	`${formatMoment(new Date(at), tagOf(l))} UTC`;

/** In English, for the staff console; shoppers read `after.kind.<kind>`. */
export const CONSULTATION_KIND_TEXT: Record<ConsultationView["kind"], string> = {
	pre_sales: "Before buying",
	after_sales: "About a purchase",
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
	const l = useLocale();
	return (
		<AccountLayout
			title={hasErrors(errors) ? l.t("after.errorTitle", { title }) : title}
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
