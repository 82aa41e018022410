// A staff form's text fields with their label, hint and error, wired for assistive technology:
// aria-invalid once refused, aria-describedby naming the hint and then the error, in reading order.
import type { Child } from "hono/jsx";
import { FieldError, type FormErrors, invalid } from "./staff-layout";

/** The ids aria-describedby names: the hint (when the field has one), then the error (when refused). */
export function describedBy(id: string, errors: FormErrors, hint = false): string | undefined {
	const ids = [hint ? `${id}-hint` : "", errors.fields[id] ? `${id}-error` : ""].filter(Boolean);
	return ids.length > 0 ? ids.join(" ") : undefined;
}

type TextInputProps = {
	id: string;
	name: string;
	label: string;
	value: string;
	errors: FormErrors;
	hint?: Child;
	type?: "text" | "email" | "date" | "number";
	inputmode?: "numeric" | "decimal";
	autocomplete?: "off";
	min?: number;
	required?: boolean;
	/** Set off in a row of inline fields (the filters, a table row's form), which have no `field` box. */
	boxed?: boolean;
};

export function TextInput({
	id,
	name,
	label,
	value,
	errors,
	hint,
	type = "text",
	inputmode,
	autocomplete,
	min,
	required,
	boxed = true,
}: TextInputProps) {
	return (
		<div class={boxed ? "field" : undefined}>
			<label for={id}>{label}</label>
			{hint === undefined ? null : (
				<span class="hint" id={`${id}-hint`}>
					{hint}
				</span>
			)}
			<FieldError id={id} errors={errors} />
			<input
				id={id}
				name={name}
				type={type}
				inputmode={inputmode}
				min={min}
				value={value}
				autocomplete={autocomplete}
				required={required}
				{...invalid(id, errors)}
				aria-describedby={describedBy(id, errors, hint !== undefined)}
			/>
		</div>
	);
}

type TextAreaProps = {
	id: string;
	name: string;
	label: string;
	hint: Child;
	value: string;
	errors: FormErrors;
	maxlength: number;
};

/** A required free-text answer (a reply, a decision's reason), with the hint that states its limit. */
export function TextArea({ id, name, label, hint, value, errors, maxlength }: TextAreaProps) {
	return (
		<div class="field">
			<label for={id}>{label}</label>
			<span class="hint" id={`${id}-hint`}>
				{hint}
			</span>
			<FieldError id={id} errors={errors} />
			<textarea
				id={id}
				name={name}
				required
				maxlength={maxlength}
				{...invalid(id, errors)}
				aria-describedby={describedBy(id, errors, true)}
			>
				{value}
			</textarea>
		</div>
	);
}
