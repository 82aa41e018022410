// The refusal pattern of the shop's own forms (search, order tracking): a summary with a link to
// each bad field, the message beside the field, and aria-invalid on it.

/** Messages by field; `form` holds what belongs to no one field. */
export type FormErrors<F extends string> = { fields: Partial<Record<F, string>>; form: string[] };

export function hasErrors<F extends string>(errors: FormErrors<F> | undefined): errors is FormErrors<F> {
	return errors !== undefined && (errors.form.length > 0 || Object.keys(errors.fields).length > 0);
}

export function ErrorSummary<F extends string>({
	errors,
	order,
	idOf,
}: {
	errors: FormErrors<F> | undefined;
	order: readonly F[];
	idOf: (field: F) => string;
}) {
	if (!hasErrors(errors)) return null;
	const fields = order.filter((field) => errors.fields[field]);
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

/** The message under a field's label; its id is the field id + "-error", for aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
	if (!message) return null;
	return (
		<span class="error" id={`${id}-error`}>
			<span class="visually-hidden">Error: </span>
			{message}
		</span>
	);
}
