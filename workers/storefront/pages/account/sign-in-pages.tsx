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
import { useLocale } from "../../i18n/locale-context";
import { ErrorSummary, TextField } from "../form-parts";
import { Layout } from "../layout";
import { CheckField, Done, LinkedText, NO_ERRORS, titled } from "./form-parts";
import { ACCOUNT_PAGES_CSS } from "./styles";

type RegisterPageProps = { values?: FormValues<RegisterField>; errors?: FormErrors<RegisterField> };

export function RegisterPage({ values = {}, errors = NO_ERRORS }: RegisterPageProps) {
	const { t } = useLocale();
	const id = (field: RegisterField) => `r-${field}`;
	const fields = errors.fields;
	const title = t("account.register.title");
	return (
		<Layout title={titled(t, title, errors)} categories={[]} styles={ACCOUNT_PAGES_CSS} noindex>
			<h1>{title}</h1>
			<ErrorSummary errors={errors} order={REGISTER_FIELDS} idOf={id} />
			<p>{t("account.register.intro")}</p>
			<form method="post" action="/account/register" class="account-form" novalidate>
				<TextField
					id={id("email")}
					name="email"
					type="email"
					label={t(REGISTER_TEXT.email.label)}
					hint={t("account.register.emailHint")}
					autocomplete="email"
					maxlength={254}
					value={values.email}
					error={fields.email}
				/>
				<TextField
					id={id("password")}
					name="password"
					type="password"
					label={t(REGISTER_TEXT.password.label)}
					hint={t("account.register.passwordHint")}
					autocomplete="new-password"
					minlength={10}
					maxlength={128}
					error={fields.password}
				/>
				<TextField
					id={id("nickname")}
					name="nickname"
					label={t(REGISTER_TEXT.nickname.label)}
					hint={t("account.register.nicknameHint")}
					autocomplete="nickname"
					maxlength={60}
					value={values.nickname}
					error={fields.nickname}
				/>
				<fieldset>
					<legend>{t("account.register.choices")}</legend>
					<CheckField
						id={id("analytics")}
						name="analytics"
						label={t(REGISTER_TEXT.analytics.label)}
						hint={t("account.register.analyticsHint")}
						checked={values.analytics === "on"}
					/>
					<CheckField
						id={id("marketing")}
						name="marketing"
						label={t(REGISTER_TEXT.marketing.label)}
						checked={values.marketing === "on"}
					/>
				</fieldset>
				<CheckField
					id={id("acceptPolicy")}
					name="acceptPolicy"
					label={
						<LinkedText
							text={t("account.register.acceptPolicy")}
							href="/privacy"
							label={t("account.register.policyLink")}
						/>
					}
					checked={values.acceptPolicy === "on"}
					error={fields.acceptPolicy}
					required
				/>
				<button type="submit">{t("account.register.submit")}</button>
			</form>
			<p>
				<LinkedText
					text={t("account.register.haveAccount")}
					href="/account/login"
					label={t("account.signIn")}
				/>
			</p>
		</Layout>
	);
}

type LoginPageProps = {
	values?: FormValues<LoginField | "next">;
	errors?: FormErrors<LoginField>;
	done?: string | undefined;
};

export function LoginPage({ values = {}, errors = NO_ERRORS, done }: LoginPageProps) {
	const { t } = useLocale();
	const id = (field: LoginField) => `l-${field}`;
	const title = t("account.signIn");
	return (
		<Layout title={titled(t, title, errors)} categories={[]} styles={ACCOUNT_PAGES_CSS} noindex>
			<h1>{title}</h1>
			<Done message={done} />
			<ErrorSummary errors={errors} order={LOGIN_FIELDS} idOf={id} />
			<form method="post" action="/account/login" class="account-form" novalidate>
				{values.next ? <input type="hidden" name="next" value={values.next} /> : null}
				<TextField
					id={id("email")}
					name="email"
					type="email"
					label={t("account.field.email")}
					autocomplete="username"
					maxlength={254}
					value={values.email}
					error={errors.fields.email}
				/>
				<TextField
					id={id("password")}
					name="password"
					type="password"
					label={t("account.field.password")}
					autocomplete="current-password"
					maxlength={128}
					error={errors.fields.password}
				/>
				<button type="submit">{t("account.signIn")}</button>
			</form>
			<ul class="links">
				<li>
					<a href="/account/forgot">{t("account.forgot.title")}</a>
				</li>
				<li>
					<a href="/account/register">{t("account.register.title")}</a>
				</li>
				<li>
					<a href="/orders/track">{t("account.login.trackGuestOrder")}</a>
				</li>
			</ul>
		</Layout>
	);
}

type ForgotPageProps = { values?: FormValues<"email">; errors?: FormErrors<"email"> };

export function ForgotPage({ values = {}, errors = NO_ERRORS }: ForgotPageProps) {
	const { t } = useLocale();
	const title = t("account.forgot.title");
	return (
		<Layout title={titled(t, title, errors)} categories={[]} styles={ACCOUNT_PAGES_CSS} noindex>
			<h1>{title}</h1>
			<ErrorSummary errors={errors} order={["email"] as const} idOf={() => "f-email"} />
			<p>{t("account.forgot.intro")}</p>
			<form method="post" action="/account/forgot" class="account-form" novalidate>
				<TextField
					id="f-email"
					name="email"
					type="email"
					label={t("account.field.email")}
					autocomplete="email"
					maxlength={254}
					value={values.email}
					error={errors.fields.email}
				/>
				<button type="submit">{t("account.forgot.submit")}</button>
			</form>
			<p>
				<a href="/account/login">{t("account.forgot.back")}</a>
			</p>
		</Layout>
	);
}

/** After registering or asking for a reset: the same words whether or not the address is known. */
export function CheckEmailPage() {
	const { t } = useLocale();
	const title = t("account.checkEmail.title");
	return (
		<Layout title={title} categories={[]} styles={ACCOUNT_PAGES_CSS} noindex>
			<h1>{title}</h1>
			<p class="lead">{t("account.checkEmail.message")}</p>
			<p>{t("account.checkEmail.nothingArrived")}</p>
			<p>
				<a href="/account/login">{t("account.signIn")}</a>
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
