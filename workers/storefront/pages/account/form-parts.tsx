// The account forms' building blocks, in the checkout form's pattern: a label per control, the
// hint and the error beside it (aria-describedby), and an error summary linking to each field.
import type { Child } from "hono/jsx";
import type { FormErrors } from "../../accounts/account-forms";

export const NO_ERRORS: FormErrors<never> = { fields: {}, form: [] };

export function hasErrors(errors: FormErrors<string> | undefined): boolean {
	return Boolean(errors && (errors.form.length > 0 || Object.keys(errors.fields).length > 0));
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
	const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
	return ids.length > 0 ? ids.join(" ") : undefined;
}

function Messages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
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

type FieldProps = {
	id: string;
	name: string;
	label: string;
	type?: "text" | "email" | "password";
	value?: string;
	error?: string;
	hint?: string;
	autocomplete: string;
	maxlength?: number;
	minlength?: number;
};

export function Field({ id, name, label, type = "text", value, error, hint, ...rest }: FieldProps) {
	return (
		<div class="field">
			<label for={id}>{label}</label>
			<Messages id={id} hint={hint} error={error} />
			<input
				id={id}
				name={name}
				type={type}
				// A password is never written back into the page.
				value={type === "password" ? undefined : (value ?? "")}
				required
				aria-invalid={error ? "true" : undefined}
				aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
				{...rest}
			/>
		</div>
	);
}

type CheckFieldProps = {
	id: string;
	name: string;
	label: Child;
	checked: boolean;
	error?: string;
	hint?: string;
	required?: boolean;
};

export function CheckField({ id, name, label, checked, error, hint, required }: CheckFieldProps) {
	return (
		<div class="field">
			<Messages id={id} hint={hint} error={error} />
			<label for={id} class="check">
				<input
					id={id}
					name={name}
					type="checkbox"
					checked={checked}
					required={required}
					aria-invalid={error ? "true" : undefined}
					aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
				/>
				<span>{label}</span>
			</label>
		</div>
	);
}

/** The summary at the top of a refused form: form-wide messages, then a link to each bad field. */
export function ErrorSummary<F extends string>({
	errors,
	order,
	idOf,
}: {
	errors: FormErrors<F>;
	order: readonly F[];
	idOf: (field: F) => string;
}) {
	const fields = order.filter((field) => errors.fields[field]);
	if (fields.length === 0 && errors.form.length === 0) return null;
	return (
		<div class="notice" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
			<h2 id="error-summary-title">There is a problem</h2>
			<ul>
				{errors.form.map((message) => (
					<li>{message}</li>
				))}
				{fields.map((field) => (
					<li>
						<a href={`#${idOf(field)}`}>{errors.fields[field]}</a>
					</li>
				))}
			</ul>
		</div>
	);
}

/** A one-line confirmation after a change (post/redirect/get carries it as `?done=`). */
export function Done({ message }: { message?: string }) {
	return message ? (
		<p class="done" role="status">
			{message}
		</p>
	) : null;
}
