// The pieces of a refused form on the privacy pages, after the checkout page's pattern: an error
// summary linking to each field, and each field's message beside it.

export type FormErrors<F extends string> = { fields: Partial<Record<F, string>>; form: string[] };

export const noErrors = <F extends string>(): FormErrors<F> => ({ fields: {}, form: [] });

export const hasErrors = (errors: FormErrors<string>) =>
	errors.form.length > 0 || Object.keys(errors.fields).length > 0;

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

/** The summary at the top of a refused form; `targets` maps each field to the control to focus. */
export function ErrorSummary<F extends string>({
	errors,
	order,
	targets,
}: {
	errors: FormErrors<F>;
	order: readonly F[];
	targets: Record<F, string>;
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
						<a href={`#${targets[field]}`}>{errors.fields[field]}</a>
					</li>
				))}
			</ul>
		</div>
	);
}
