// What the account holds about the person and what they may change here: the name we greet them
// by and the password. The email is the sign-in name (kept by the vault; changing it is not
// offered by the API), privacy choices live in the privacy center.
import {
	type FormErrors,
	type FormValues,
	PASSWORD_FIELDS,
	type PasswordField,
	PROFILE_FIELDS,
} from "../../accounts/account-forms";
import type { Consents } from "../../accounts/profile";
import { useLocale } from "../../i18n/locale-context";
import { ErrorSummary, hasErrors, TextField } from "../form-parts";
import { AccountLayout } from "./account-layout";
import { Done, LinkedText, NO_ERRORS } from "./form-parts";
import { DateText } from "./orders-page";
import { ACCOUNT_PAGES_CSS } from "./styles";

type ProfilePageProps = {
	profile: { email: string; nickname: string; consents: Consents; createdAt: string };
	nickname?: { values: FormValues<"nickname">; errors: FormErrors<"nickname"> };
	password?: { errors: FormErrors<PasswordField> };
	done?: string | undefined;
};

export function ProfilePage({ profile, nickname, password, done }: ProfilePageProps) {
	const { t } = useLocale();
	const given = (yes: boolean) => t(yes ? "common.yes" : "common.no");
	const title = t("account.profile.title");
	const failed = hasErrors(nickname?.errors) || hasErrors(password?.errors);
	const nicknameErrors: FormErrors<"nickname"> = nickname?.errors ?? NO_ERRORS;
	const passwordErrors: FormErrors<PasswordField> = password?.errors ?? NO_ERRORS;
	return (
		<AccountLayout
			title={failed ? t("account.errorTitle", { title }) : title}
			current="/account/profile"
			styles={ACCOUNT_PAGES_CSS}
		>
			<h1>{title}</h1>
			<Done message={done} />
			<ErrorSummary errors={nicknameErrors} order={PROFILE_FIELDS} idOf={() => "p-nickname"} />
			<ErrorSummary errors={passwordErrors} order={PASSWORD_FIELDS} idOf={(field) => `p-${field}`} />
			<dl class="facts">
				<dt>{t("account.field.email")}</dt>
				<dd>{profile.email}</dd>
				<dt>{t("account.profile.memberSince")}</dt>
				<dd>
					<DateText iso={profile.createdAt} />
				</dd>
				<dt>{t("account.profile.statistics")}</dt>
				<dd>{given(profile.consents.analytics.given)}</dd>
				<dt>{t("account.field.marketing")}</dt>
				<dd>{given(profile.consents.marketing.given)}</dd>
			</dl>
			<p>
				<LinkedText
					text={t("account.profile.privacy")}
					href="/privacy/center"
					label={t("account.profile.privacyLink")}
				/>
			</p>
			<h2 id="name-title">{t("account.profile.nameTitle")}</h2>
			<form
				method="post"
				action="/account/profile"
				class="account-form"
				aria-labelledby="name-title"
				novalidate
			>
				<TextField
					id="p-nickname"
					name="nickname"
					label={t("account.profile.nameLabel")}
					autocomplete="nickname"
					maxlength={60}
					value={nickname?.values.nickname ?? profile.nickname}
					error={nicknameErrors.fields.nickname}
				/>
				<button type="submit">{t("account.profile.saveName")}</button>
			</form>
			<h2 id="password-title">{t("account.profile.passwordTitle")}</h2>
			<form
				method="post"
				action="/account/password"
				class="account-form"
				aria-labelledby="password-title"
				novalidate
			>
				<TextField
					id="p-currentPassword"
					name="currentPassword"
					type="password"
					label={t("account.field.currentPassword")}
					autocomplete="current-password"
					maxlength={128}
					error={passwordErrors.fields.currentPassword}
				/>
				<TextField
					id="p-newPassword"
					name="newPassword"
					type="password"
					label={t("account.field.newPassword")}
					hint={t("account.profile.newPasswordHint")}
					autocomplete="new-password"
					minlength={10}
					maxlength={128}
					error={passwordErrors.fields.newPassword}
				/>
				<button type="submit">{t("account.profile.changePassword")}</button>
			</form>
		</AccountLayout>
	);
}
