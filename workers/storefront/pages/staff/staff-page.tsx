// The frame of a staff console page: the layout, marked failed while a form on it was refused (so
// the title says so), the heading, and the error summary right under it, where focus and screen
// readers land first. Pages without a form pass no errors, and the summary renders nothing.
import type { Child } from "hono/jsx";
import type { StaffIdentity } from "../../../shared/vault-contract";
import { ErrorSummary, type FormErrors, hasErrors, NO_ERRORS, StaffLayout } from "./staff-layout";

export function StaffPage({
	title,
	heading = title,
	staff,
	current,
	errors = NO_ERRORS,
	children,
}: {
	title: string;
	/** The h1, when it says more than the title. */
	heading?: string;
	staff: StaffIdentity;
	current: string;
	errors?: FormErrors;
	children?: Child;
}) {
	return (
		<StaffLayout title={title} staff={staff} current={current} failed={hasErrors(errors)}>
			<h1>{heading}</h1>
			<ErrorSummary errors={errors} />
			{children}
		</StaffLayout>
	);
}

/** Said on every page that shows what the vault just opened, with the audit entry to trace it by. */
export function LoggedAccess({ requestId, level = 3 }: { requestId: string | undefined; level?: 2 | 3 }) {
	const Heading = level === 2 ? "h2" : "h3";
	return (
		<div class="logged" role="status">
			<Heading>This access was logged</Heading>
			<p>
				The vault logged this opening under your name for the purpose support. Its audit entry carries the
				request id <code>{requestId}</code>.
			</p>
		</div>
	);
}
