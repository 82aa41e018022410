// Registering, signing in and asking for a new password: plain forms that work without
// JavaScript. What was typed comes back after a refusal (never a password), so the routes serve
// them with Cache-Control: no-store, and they stay out of search engines.
import {
	type FormErrors,
	type FormValues,
	LOGIN_FIELDS,
	type LoginField,
	REGISTER_FIELDS,
	REGISTER_TEXT,
	type RegisterField,
} from "../../accounts/account-forms";
import { ErrorSummary, hasErrors, TextField } from "../form-parts";
import { Layout } from "../layout";
import { CheckField, Done, NO_ERRORS } from "./form-parts";
import { ACCOUNT_PAGES_CSS } from "./styles";

const titled = (title: string, errors?: FormErrors<string>) =>
	hasErrors(errors) ? `Error: ${title}` : title;

type RegisterPageProps = { values?: FormValues<RegisterField>; errors?: FormErrors<RegisterField> };

export function RegisterPage({ values = {}, errors = NO_ERRORS }: RegisterPageProps) {
	const id = (field: RegisterField) => `r-${field}`;
	const fields = errors.fields;
	return (
		<Layout title={titled("Create an account", errors)} categories={[]} styles={ACCOUNT_PAGES_CSS} noindex>
			<h1>Create an account</h1>
			<ErrorSummary errors={errors} order={REGISTER_FIELDS} idOf={id} />
			<p>With an account you can check out with a saved address and see your orders in one place.</p>
			<form method="post" action="/account/register" class="account-form" novalidate>
				<TextField
					id={id("email")}
					name="email"
					type="email"
					label={REGISTER_TEXT.email.label}
					hint="We send a link to it to confirm the account."
					autocomplete="email"
					maxlength={254}
					value={values.email}
					error={fields.email}
				/>
				<TextField
					id={id("password")}
					name="password"
					type="password"
					label={REGISTER_TEXT.password.label}
					hint="At least 10 characters. Common passwords are refused."
					autocomplete="new-password"
					minlength={10}
					maxlength={128}
					error={fields.password}
				/>
				<TextField
					id={id("nickname")}
					name="nickname"
					label={REGISTER_TEXT.nickname.label}
					hint="A first name or a nickname: it is only used to greet you."
					autocomplete="nickname"
					maxlength={60}
					value={values.nickname}
					error={fields.nickname}
				/>
				<fieldset>
					<legend>Your choices (optional, and you can change them at any time)</legend>
					<CheckField
						id={id("analytics")}
						name="analytics"
						label={REGISTER_TEXT.analytics.label}
						hint="Counts of pages seen, never tied to you."
						checked={values.analytics === "on"}
					/>
					<CheckField
						id={id("marketing")}
						name="marketing"
						label={REGISTER_TEXT.marketing.label}
						checked={values.marketing === "on"}
					/>
				</fieldset>
				<CheckField
					id={id("acceptPolicy")}
					name="acceptPolicy"
					label={
						<>
							I have read the <a href="/privacy">privacy policy</a>
						</>
					}
					checked={values.acceptPolicy === "on"}
					error={fields.acceptPolicy}
					required
				/>
				<button type="submit">Create account</button>
			</form>
			<p>
				Already have an account? <a href="/account/login">Sign in</a>
			</p>
		</Layout>
	);
}

type LoginPageProps = {
	values?: FormValues<LoginField | "next">;
	errors?: FormErrors<LoginField>;
	done?: string;
};

export function LoginPage({ values = {}, errors = NO_ERRORS, done }: LoginPageProps) {
	const id = (field: LoginField) => `l-${field}`;
	return (
		<Layout title={titled("Sign in", errors)} categories={[]} styles={ACCOUNT_PAGES_CSS} noindex>
			<h1>Sign in</h1>
			<Done message={done} />
			<ErrorSummary errors={errors} order={LOGIN_FIELDS} idOf={id} />
			<form method="post" action="/account/login" class="account-form" novalidate>
				{values.next ? <input type="hidden" name="next" value={values.next} /> : null}
				<TextField
					id={id("email")}
					name="email"
					type="email"
					label="Email address"
					autocomplete="username"
					maxlength={254}
					value={values.email}
					error={errors.fields.email}
				/>
				<TextField
					id={id("password")}
					name="password"
					type="password"
					label="Password"
					autocomplete="current-password"
					maxlength={128}
					error={errors.fields.password}
				/>
				<button type="submit">Sign in</button>
			</form>
			<ul class="links">
				<li>
					<a href="/account/forgot">Forgot your password?</a>
				</li>
				<li>
					<a href="/account/register">Create an account</a>
				</li>
				<li>
					<a href="/orders/track">Track an order placed without an account</a>
				</li>
			</ul>
		</Layout>
	);
}

type ForgotPageProps = { values?: FormValues<"email">; errors?: FormErrors<"email"> };

export function ForgotPage({ values = {}, errors = NO_ERRORS }: ForgotPageProps) {
	return (
		<Layout
			title={titled("Forgot your password?", errors)}
			categories={[]}
			styles={ACCOUNT_PAGES_CSS}
			noindex
		>
			<h1>Forgot your password?</h1>
			<ErrorSummary errors={errors} order={["email"] as const} idOf={() => "f-email"} />
			<p>
				Enter the address you registered with. If it has an account, we send it a link to choose a new
				password.
			</p>
			<form method="post" action="/account/forgot" class="account-form" novalidate>
				<TextField
					id="f-email"
					name="email"
					type="email"
					label="Email address"
					autocomplete="email"
					maxlength={254}
					value={values.email}
					error={errors.fields.email}
				/>
				<button type="submit">Send me a link</button>
			</form>
			<p>
				<a href="/account/login">Back to sign in</a>
			</p>
		</Layout>
	);
}

/** After registering or asking for a reset: the same words whether or not the address is known. */
export function CheckEmailPage({ message }: { message: string }) {
	return (
		<Layout title="Check your email" categories={[]} styles={ACCOUNT_PAGES_CSS} noindex>
			<h1>Check your email</h1>
			<p class="lead">{message}</p>
			<p>Nothing arrived? Look in your spam folder, or ask again in a few minutes.</p>
			<p>
				<a href="/account/login">Sign in</a>
			</p>
		</Layout>
	);
}

/** A dead end inside the account (no such order or address): where to go instead. */
export function AccountMessagePage({
	title,
	message,
	back,
}: {
	title: string;
	message: string;
	back: { href: string; label: string };
}) {
	return (
		<Layout title={title} categories={[]} styles={ACCOUNT_PAGES_CSS} noindex>
			<h1>{title}</h1>
			<p class="lead">{message}</p>
			<p>
				<a href={back.href}>{back.label}</a>
			</p>
		</Layout>
	);
}
