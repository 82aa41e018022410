// The account pages' own form pieces; the refusal pattern they share with checkout is in
// ../form-parts.
import type { Child } from "hono/jsx";
import type { FormErrors } from "../../accounts/account-forms";
import type { Translator } from "../../i18n/translate";
import { describedBy, FieldMessages, hasErrors } from "../form-parts";

export const NO_ERRORS: FormErrors<never> = { fields: {}, form: [] };

/** A page's title, marked when the form on it was refused (read first by screen readers). */
export const titled = (t: Translator, title: string, errors?: FormErrors<string>) =>
	hasErrors(errors) ? t("account.errorTitle", { title }) : title;

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
export function Done({ message }: { message?: string | undefined }) {
	return message ? (
		<p class="done" role="status">
			{message}
		</p>
	) : null;
}

/**
 * A translated sentence with one link in it, wherever the language puts the `{link}`: "No orders
 * yet. {link}." in English, "まだ注文はありません。{link}" in Japanese.
 */
export function LinkedText({ text, href, label }: { text: string; href: string; label: string }) {
	const at = text.indexOf("{link}");
	if (at < 0) return <>{text}</>;
	return (
		<>
			{text.slice(0, at)}
			<a href={href}>{label}</a>
			{text.slice(at + "{link}".length)}
		</>
	);
}
