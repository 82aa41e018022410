import type { LocalPaymentSessionRow } from "../db/payments";
import { CommerceLayout, formatAmount } from "./commerce-layout";

export function LocalPaymentPage({ session }: { session: LocalPaymentSessionRow }) {
	const action = `/pay/local/${session.id}`;
	return (
		<CommerceLayout title="Test payment">
			<h1>Test payment</h1>
			<p>This stands in for a hosted payment page. No card details are asked for or sent anywhere.</p>
			<p>
				Order <strong>{session.orderNumber}</strong>:{" "}
				<strong>{formatAmount(session.amountMinor, session.currency)}</strong>
			</p>
			{session.status === "open" ? (
				<div>
					<form method="post" action={action} style="display:inline">
						<input type="hidden" name="decision" value="pay" />
						<button type="submit">Pay {formatAmount(session.amountMinor, session.currency)}</button>
					</form>
					<form method="post" action={action} style="display:inline">
						<input type="hidden" name="decision" value="decline" />
						<button type="submit">Decline</button>
					</form>
				</div>
			) : (
				<p>This payment session is closed ({session.status}).</p>
			)}
		</CommerceLayout>
	);
}
