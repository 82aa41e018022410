// The page a guest's privacy-request mail links to: what the link is for, and one form that
// completes it (a GET alone changes nothing: mail scanners follow links). No JavaScript; the
// token is in the path, so the page is never cached.
import type { PrivacyRequestKind } from "../../shared/vault-contract";
import { Layout } from "./layout";

const TITLES: Record<PrivacyRequestKind, string> = {
	export: "Download your order's personal data",
	correction: "Correct your order's personal data",
	deletion: "Delete your order's personal data",
};

const EXPLANATIONS: Record<PrivacyRequestKind, string> = {
	export:
		"You asked for a copy of the personal data we hold about this order: its contact details, return details and messages. It downloads as a JSON file.",
	correction:
		"You asked for a correction of the personal data we hold about this order. Say what should be corrected; our support team makes the change and answers by email.",
	deletion:
		"You asked for the deletion of the personal data we hold about this order. Once deleted it cannot be recovered; the order keeps only its number, items, totals, dates and destination country.",
};

const BUTTONS: Record<PrivacyRequestKind, string> = {
	export: "Download my data",
	correction: "Send the correction",
	deletion: "Delete my data",
};

type Props = { token: string; kind: PrivacyRequestKind; orderNumber: string; error?: string };

export function PrivacyRequestPage({ token, kind, orderNumber, error }: Props) {
	return (
		<Layout title={TITLES[kind]} categories={[]}>
			<h1>{TITLES[kind]}</h1>
			<p class="lead">Order {orderNumber}</p>
			<p>{EXPLANATIONS[kind]}</p>
			{error ? <p role="alert">{error}</p> : null}
			<form method="post" action={`/privacy/requests/${token}`}>
				{kind === "correction" ? (
					<label>
						What should be corrected
						<textarea name="correction" minlength={1} maxlength={2000} rows={6} required />
					</label>
				) : null}
				<button type="submit">{BUTTONS[kind]}</button>
			</form>
		</Layout>
	);
}
