// How every shopper form shows a refusal, first written for checkout: an error summary at the top
// linking to each bad field, each field's hint and message beside it (referenced by
// aria-describedby), and aria-invalid on the control. One copy so the pages cannot drift apart.
// Its own words follow the page's locale (English where a page renders without one: staff).
import { useLocale } from "../i18n/locale-context";

/** Messages by field; `form` holds what belongs to no one field. */
export type FormErrors<F extends string = string> = { fields: Partial<Record<F, string>>; form: string[] };

export function hasErrors<F extends string>(errors: FormErrors<F> | undefined): errors is FormErrors<F> {
	return errors !== undefined && (errors.form.length > 0 || Object.keys(errors.fields).length > 0);
}

/** Hint and error ids for aria-describedby, in reading order. */
export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
	const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
	return ids.length > 0 ? ids.join(" ") : undefined;
}

/** The message under a field's label; its id is the field id + "-error", for aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
	const l = useLocale();
	if (!message) return null;
	return (
		<span class="error" id={`${id}-error`}>
			<span class="visually-hidden">{`${l.t("checkout.errorLabel")} `}</span>
			{message}
		</span>
	);
}

/** A field's hint, then its error, with the ids `describedBy` names. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
	return (
		<>
			{hint ? (
				<span class="hint" id={`${id}-hint`}>
					{hint}
				</span>
			) : null}
			<FieldError id={id} message={error} />
		</>
	);
}

type TextFieldProps = {
	id: string;
	name: string;
	label: string;
	type?: "text" | "email" | "password" | "tel";
	value?: string;
	error?: string;
	hint?: string;
	required?: boolean;
	autocomplete: string;
	maxlength?: number;
	minlength?: number;
	/** A <datalist> id: suggestions the field accepts (region codes), typed or picked. */
	list?: string;
};

export function TextField({
	id,
	name,
	label,
	type = "text",
	value,
	error,
	hint,
	required = true,
	...rest
}: TextFieldProps) {
	return (
		<div class="field">
			<label for={id}>{label}</label>
			<FieldMessages id={id} hint={hint} error={error} />
			<input
				id={id}
				name={name}
				type={type}
				// A password is never written back into the page.
				value={type === "password" ? undefined : (value ?? "")}
				required={required}
				aria-invalid={error ? "true" : undefined}
				aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
				{...rest}
			/>
		</div>
	);
}

/** A text area with its label and messages; what was typed is put back after a refusal. */
export function TextAreaField({
	id,
	name,
	label,
	hint,
	value,
	error,
	required = true,
	maxlength,
}: {
	id: string;
	name: string;
	label: string;
	hint?: string;
	value?: string;
	error?: string;
	required?: boolean;
	maxlength: number;
}) {
	return (
		<div class="field">
			<label for={id}>{label}</label>
			<FieldMessages id={id} hint={hint} error={error} />
			<textarea
				id={id}
				name={name}
				required={required}
				maxlength={maxlength}
				aria-invalid={error ? "true" : undefined}
				aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
			>
				{value ?? ""}
			</textarea>
		</div>
	);
}

/**
 * The summary at the top of a refused form: form-wide messages, then a link to each bad field,
 * in `order` when given, else in the order the messages were found. Field ids default to
 * `f-<field>`, the shop's convention.
 */
export function ErrorSummary<F extends string>({
	errors,
	order,
	idOf = (field) => `f-${field}`,
}: {
	errors: FormErrors<F> | undefined;
	order?: readonly F[];
	idOf?: (field: F) => string;
}) {
	const l = useLocale();
	if (!errors) return null;
	const fields = (order ?? (Object.keys(errors.fields) as F[])).filter((field) => errors.fields[field]);
	if (fields.length === 0 && errors.form.length === 0) return null;
	return (
		<div class="notice" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
			<h2 id="error-summary-title">{l.t("checkout.problem")}</h2>
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
