// The page a guest's privacy-request mail links to: what the link is for, and one form that
// completes it (a GET alone changes nothing: mail scanners follow links). No JavaScript; the
// token is in the path, so the page is never cached. In the guest's language (`privacy.request.`).
import type { PrivacyRequestKind } from "../../shared/vault-contract";
import { useLocale } from "../i18n/locale-context";
import { Layout } from "./layout";

type Props = { token: string; kind: PrivacyRequestKind; orderNumber: string; error?: string };

export function PrivacyRequestPage({ token, kind, orderNumber, error }: Props) {
	const l = useLocale();
	const title = l.t(`privacy.request.title.${kind}`);
	return (
		<Layout title={title} categories={[]}>
			<h1>{title}</h1>
			<p class="lead">{l.t("privacy.request.order", { number: orderNumber })}</p>
			<p>{l.t(`privacy.request.explain.${kind}`)}</p>
			{error ? <p role="alert">{error}</p> : null}
			<form method="post" action={`/privacy/requests/${token}`}>
				{kind === "correction" ? (
					<label>
						{l.t("privacy.request.correction")}
						<textarea name="correction" minlength={1} maxlength={2000} rows={6} required />
					</label>
				) : null}
				<button type="submit">{l.t(`privacy.request.button.${kind}`)}</button>
			</form>
		</Layout>
	);
}
