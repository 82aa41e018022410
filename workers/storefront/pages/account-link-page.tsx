// The pages the emailed links open: confirm a registration, set a new password. Each is one form
// posting the link's token back (a GET alone changes nothing: mail scanners follow links), and
// both work without JavaScript. They carry a token, so they are never cached.
import { Layout } from "./layout";

type Props = { token: string; error?: string };

export function ConfirmAccountPage({ token, error }: Props) {
	return (
		<Layout title="Confirm your account" categories={[]}>
			<h1>Confirm your account</h1>
			{error ? <p role="alert">{error}</p> : null}
			<form method="post" action="/account/confirm">
				<input type="hidden" name="token" value={token} />
				<label>
					The password you chose when registering
					<input type="password" name="password" autocomplete="current-password" maxlength={128} required />
				</label>
				<button type="submit">Confirm and log in</button>
			</form>
		</Layout>
	);
}

export function ResetPasswordPage({ token, error }: Props) {
	return (
		<Layout title="Choose a new password" categories={[]}>
			<h1>Choose a new password</h1>
			{error ? <p role="alert">{error}</p> : null}
			<form method="post" action="/account/reset">
				<input type="hidden" name="token" value={token} />
				<label>
					New password (at least 10 characters)
					<input
						type="password"
						name="password"
						autocomplete="new-password"
						minlength={10}
						maxlength={128}
						required
					/>
				</label>
				<button type="submit">Set password</button>
			</form>
		</Layout>
	);
}

export function RequestResetPage({ error }: { error?: string }) {
	return (
		<Layout title="Forgot your password?" categories={[]}>
			<h1>Forgot your password?</h1>
			{error ? <p role="alert">{error}</p> : null}
			<form method="post" action="/account/reset/request">
				<label>
					Email address
					<input type="email" name="email" autocomplete="email" maxlength={254} required />
				</label>
				<button type="submit">Send me a link</button>
			</form>
		</Layout>
	);
}
