// The pages the emailed links open: confirm a registration, set a new password. Each is one form
// posting the link's token back (a GET alone changes nothing: mail scanners follow links), and
// both work without JavaScript. They carry a token, so they are never cached.
import { useLocale } from "../i18n/locale-context";
import { Layout } from "./layout";

type Props = { token: string; error?: string | undefined };

export function ConfirmAccountPage({ token, error }: Props) {
	const { t } = useLocale();
	const title = t("account.confirm.title");
	return (
		<Layout title={title} categories={[]}>
			<h1>{title}</h1>
			{error ? <p role="alert">{error}</p> : null}
			<form method="post" action="/account/confirm">
				<input type="hidden" name="token" value={token} />
				<label>
					{t("account.confirm.password")}
					<input type="password" name="password" autocomplete="current-password" maxlength={128} required />
				</label>
				<button type="submit">{t("account.confirm.submit")}</button>
			</form>
		</Layout>
	);
}

export function ResetPasswordPage({ token, error }: Props) {
	const { t } = useLocale();
	const title = t("account.reset.title");
	return (
		<Layout title={title} categories={[]}>
			<h1>{title}</h1>
			{error ? <p role="alert">{error}</p> : null}
			<form method="post" action="/account/reset">
				<input type="hidden" name="token" value={token} />
				<label>
					{t("account.reset.password")}
					<input
						type="password"
						name="password"
						autocomplete="new-password"
						minlength={10}
						maxlength={128}
						required
					/>
				</label>
				<button type="submit">{t("account.reset.submit")}</button>
			</form>
		</Layout>
	);
}

export function RequestResetPage({ error }: { error?: string | undefined }) {
	const { t } = useLocale();
	const title = t("account.forgot.title");
	return (
		<Layout title={title} categories={[]}>
			<h1>{title}</h1>
			{error ? <p role="alert">{error}</p> : null}
			<form method="post" action="/account/reset/request">
				<label>
					{t("account.field.email")}
					<input type="email" name="email" autocomplete="email" maxlength={254} required />
				</label>
				<button type="submit">{t("account.forgot.submit")}</button>
			</form>
		</Layout>
	);
}
