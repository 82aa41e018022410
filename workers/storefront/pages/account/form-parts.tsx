// The account pages' own form pieces; the refusal pattern they share with checkout is in
// ../form-parts.
import type { Child } from "hono/jsx";
import type { FormErrors } from "../../accounts/account-forms";
import { describedBy, FieldMessages } from "../form-parts";

export const NO_ERRORS: FormErrors<never> = { fields: {}, form: [] };

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
			<FieldMessages id={id} hint={hint} error={error} />
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

/** A one-line confirmation after a change (post/redirect/get carries it as `?done=`). */
export function Done({ message }: { message?: string }) {
	return message ? (
		<p class="done" role="status">
			{message}
		</p>
	) : null;
}
