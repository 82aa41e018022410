// Local sign-in to the staff console. In production Cloudflare Access signs staff in before any
// /staff page is reached; locally there is no Access, so the developer pastes a token the
// `staff:token` script prints. The token is never put back into the form after a refusal: it
// is a credential, and a page that echoes it could be cached or screenshotted.
import { Layout } from "../layout";
import { ErrorSummary, FieldError, type FormErrors, hasErrors, invalid, NO_ERRORS } from "./staff-layout";
import { STAFF_CSS } from "./styles";

export function StaffSignInPage({ errors = NO_ERRORS }: { errors?: FormErrors }) {
	const failed = hasErrors(errors);
	return (
		<Layout title={`${failed ? "Error: " : ""}Staff sign-in`} categories={[]} styles={STAFF_CSS} noindex>
			<h1>Staff sign-in</h1>
			<ErrorSummary errors={errors} />
			<p class="lead">
				In production, Cloudflare Access signs you in before this console opens. On a local copy there is no
				Access: make a token for a role and paste it here.
			</p>
			<pre>
				<code>npm run -s staff:token -- --role admin</code>
			</pre>
			<p class="hint">
				Roles: admin, support, fulfilment, compliance. The token is checked by the vault and kept in a cookie
				for this console only, for an hour at most.
			</p>
			<form method="post" action="/staff/sign-in" novalidate>
				<div class="field">
					<label for="token">Access token</label>
					<FieldError id="token" errors={errors} />
					<input
						id="token"
						name="token"
						type="text"
						autocomplete="off"
						required
						{...invalid("token", errors)}
					/>
				</div>
				<button type="submit">Sign in</button>
			</form>
		</Layout>
	);
}
