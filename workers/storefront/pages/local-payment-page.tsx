import type { LocalPaymentSessionRow } from "../db/payments";
import type { LocalDecision, LocalSessionState } from "../payments/local";
import { CommerceLayout, formatAmount } from "./commerce-layout";

function DecisionButton({
	action,
	decision,
	label,
}: {
	action: string;
	decision: LocalDecision;
	label: string;
}) {
	return (
		<form method="post" action={action} style="display:inline">
			<input type="hidden" name="decision" value={decision} />
			<button type="submit">{label}</button>
		</form>
	);
}

export function LocalPaymentPage({
	session,
	state,
}: {
	session: LocalPaymentSessionRow;
	state: LocalSessionState;
}) {
	const action = `/pay/local/${session.id}`;
	const amount = formatAmount(session.amountMinor, session.currency);
	return (
		<CommerceLayout title="Test payment">
			<h1>Test payment</h1>
			<p>This stands in for a hosted payment page. No card details are asked for or sent anywhere.</p>
			<p>
				Order <strong>{session.orderNumber}</strong>: <strong>{amount}</strong>
			</p>
			{state === "open" ? (
				<div>
					<DecisionButton action={action} decision="pay" label={`Pay ${amount}`} />
					<DecisionButton action={action} decision="transfer" label="Pay by bank transfer — settles later" />
					<DecisionButton action={action} decision="decline" label="Decline" />
				</div>
			) : state === "processing" ? (
				<div>
					<p>A bank transfer of {amount} is on its way. Play the bank:</p>
					<DecisionButton action={action} decision="transfer_arrives" label="Bank transfer arrives" />
					<DecisionButton action={action} decision="transfer_fails" label="Bank transfer fails" />
				</div>
			) : (
				<p>This payment session is closed ({state}).</p>
			)}
		</CommerceLayout>
	);
}
