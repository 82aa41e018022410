// The frame of every signed-in staff page: the shop's layout, kept out of search engines, with
// the sections the member's role may use and a sign-out button. Every page using it is personal
// or role-dependent: its route sends `no-store`.
import type { Child } from "hono/jsx";
import type { StaffIdentity } from "../../../shared/vault-contract";
import { FieldError as MessageUnderField, ErrorSummary as ShopErrorSummary } from "../form-parts";
import { Layout } from "../layout";
import { SideNav } from "../side-nav";
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
				<SideNav
					label="Staff console"
					items={[{ href: "/staff", label: "Console home" }, ...sectionsFor(staff.role)]}
					current={current}
					signOutAction="/staff/sign-out"
				/>
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
	// Staff forms key their errors by the control's id itself.
	return <ShopErrorSummary errors={errors} idOf={(id) => id} />;
}

/** The message by a field, referenced by its aria-describedby. */
export function FieldError({ id, errors }: { id: string; errors: FormErrors }) {
	return <MessageUnderField id={id} message={errors.fields[id]} />;
}

/** aria-invalid and aria-describedby of a field, when it was refused. */
export function invalid(id: string, errors: FormErrors) {
	return errors.fields[id] ? { "aria-invalid": "true" as const, "aria-describedby": `${id}-error` } : {};
}

export const dateTime = (ms: number | null | undefined) =>
	ms ? new Date(ms).toISOString().slice(0, 16).replace("T", " ") : "—";
