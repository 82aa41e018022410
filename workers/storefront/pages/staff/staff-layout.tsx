// The frame of every signed-in staff page: the shop's layout, kept out of search engines, with
// the sections the member's role may use and a sign-out button. Every page using it is personal
// or role-dependent: its route sends `no-store`.
import type { Child } from "hono/jsx";
import type { StaffIdentity } from "../../../shared/vault-contract";
import { Layout } from "../layout";
import { sectionsFor } from "./sections";
import { STAFF_CSS } from "./styles";

export const ROLE_LABEL = {
	support: "Customer service",
	fulfilment: "Fulfilment",
	compliance: "Compliance",
	admin: "Admin",
} as const;

type StaffLayoutProps = {
	title: string;
	staff: StaffIdentity;
	/** The nav entry to mark as the current page. */
	current?: string;
	/** A refused form: the title says so first, as screen readers announce it. */
	failed?: boolean;
	children?: Child;
};

export function StaffLayout({ title, staff, current, failed, children }: StaffLayoutProps) {
	return (
		<Layout title={`${failed ? "Error: " : ""}${title} · Staff`} categories={[]} styles={STAFF_CSS} noindex>
			<div class="staff">
				<nav aria-label="Staff console">
					<ul>
						<li>
							<a href="/staff" aria-current={current === "/staff" ? "page" : undefined}>
								Console home
							</a>
						</li>
						{sectionsFor(staff.role).map((section) => (
							<li>
								<a href={section.href} aria-current={section.href === current ? "page" : undefined}>
									{section.label}
								</a>
							</li>
						))}
						<li>
							<form method="post" action="/staff/sign-out" class="inline">
								<button type="submit" class="link">
									Sign out
								</button>
							</form>
						</li>
					</ul>
				</nav>
				<div>
					<p class="who">{`Signed in as staff ${staff.id} · ${ROLE_LABEL[staff.role]}`}</p>
					{children}
				</div>
			</div>
		</Layout>
	);
}

export type FormErrors = {
	/** Field id → message, in the form's order. */
	fields: Record<string, string>;
	/** Messages about the form as a whole. */
	form: string[];
};

export const NO_ERRORS: FormErrors = { fields: {}, form: [] };

export const hasErrors = (errors: FormErrors) =>
	errors.form.length > 0 || Object.keys(errors.fields).length > 0;

/** The error summary: focusable, announced, with a link to each field it names. */
export function ErrorSummary({ errors }: { errors: FormErrors }) {
	if (!hasErrors(errors)) return null;
	return (
		<div class="notice" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
			<h2 id="error-summary-title">There is a problem</h2>
			<ul>
				{errors.form.map((message) => (
					<li>{message}</li>
				))}
				{Object.entries(errors.fields).map(([id, message]) => (
					<li>
						<a href={`#${id}`}>{message}</a>
					</li>
				))}
			</ul>
		</div>
	);
}

/** The message by a field, referenced by its aria-describedby. */
export function FieldError({ id, errors }: { id: string; errors: FormErrors }) {
	const message = errors.fields[id];
	if (!message) return null;
	return (
		<span class="error" id={`${id}-error`}>
			<span class="visually-hidden">Error: </span>
			{message}
		</span>
	);
}

/** aria-invalid and aria-describedby of a field, when it was refused. */
export function invalid(id: string, errors: FormErrors) {
	return errors.fields[id] ? { "aria-invalid": "true" as const, "aria-describedby": `${id}-error` } : {};
}

export const dateTime = (ms: number | null | undefined) =>
	ms ? new Date(ms).toISOString().slice(0, 16).replace("T", " ") : "—";
