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
import { ErrorSummary, hasErrors, TextField } from "../form-parts";
import { AccountLayout } from "./account-layout";
import { Done, NO_ERRORS } from "./form-parts";
import { DateText } from "./orders-page";
import { ACCOUNT_PAGES_CSS } from "./styles";

type ProfilePageProps = {
	profile: { email: string; nickname: string; consents: Consents; createdAt: string };
	nickname?: { values: FormValues<"nickname">; errors: FormErrors<"nickname"> };
	password?: { errors: FormErrors<PasswordField> };
	done?: string;
};

const given = (yes: boolean) => (yes ? "Yes" : "No");

export function ProfilePage({ profile, nickname, password, done }: ProfilePageProps) {
	const failed = hasErrors(nickname?.errors) || hasErrors(password?.errors);
	const nicknameErrors: FormErrors<"nickname"> = nickname?.errors ?? NO_ERRORS;
	const passwordErrors: FormErrors<PasswordField> = password?.errors ?? NO_ERRORS;
	return (
		<AccountLayout
			title={failed ? "Error: Your profile" : "Your profile"}
			current="/account/profile"
			styles={ACCOUNT_PAGES_CSS}
		>
			<h1>Your profile</h1>
			<Done message={done} />
			<ErrorSummary errors={nicknameErrors} order={PROFILE_FIELDS} idOf={() => "p-nickname"} />
			<ErrorSummary errors={passwordErrors} order={PASSWORD_FIELDS} idOf={(field) => `p-${field}`} />
			<dl class="facts">
				<dt>Email address</dt>
				<dd>{profile.email}</dd>
				<dt>Member since</dt>
				<dd>
					<DateText iso={profile.createdAt} />
				</dd>
				<dt>Browsing statistics</dt>
				<dd>{given(profile.consents.analytics.given)}</dd>
				<dt>News and offers by email</dt>
				<dd>{given(profile.consents.marketing.given)}</dd>
			</dl>
			<p>
				Change your privacy choices, download your data or delete the account in the{" "}
				<a href="/privacy/center">privacy center</a>.
			</p>
			<h2 id="name-title">What we call you</h2>
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
					label="Name or nickname"
					autocomplete="nickname"
					maxlength={60}
					value={nickname?.values.nickname ?? profile.nickname}
					error={nicknameErrors.fields.nickname}
				/>
				<button type="submit">Save name</button>
			</form>
			<h2 id="password-title">Change your password</h2>
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
					label="Current password"
					autocomplete="current-password"
					maxlength={128}
					error={passwordErrors.fields.currentPassword}
				/>
				<TextField
					id="p-newPassword"
					name="newPassword"
					type="password"
					label="New password"
					hint="At least 10 characters. Your other devices are signed out."
					autocomplete="new-password"
					minlength={10}
					maxlength={128}
					error={passwordErrors.fields.newPassword}
				/>
				<button type="submit">Change password</button>
			</form>
		</AccountLayout>
	);
}
