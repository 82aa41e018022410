import type { LocalPaymentSessionRow } from "../db/payments";
import { useLocale } from "../i18n/locale-context";
import type { MessageKey } from "../i18n/translate";
import type { LocalDecision, LocalSessionState } from "../payments/local";
import { CommerceLayout } from "./commerce-layout";
import { OrderTotals, type OrderTotalsSource } from "./order-status-page";

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

const CLOSED_STATE: Record<Exclude<LocalSessionState, "open" | "processing">, MessageKey> = {
	paid: "pay.state.paid",
	failed: "pay.state.failed",
	expired: "pay.state.expired",
};

/** The stand-in for a hosted payment page; `order` adds the breakdown (tax lines) of the amount. */
export function LocalPaymentPage({
	session,
	state,
	order,
}: {
	session: LocalPaymentSessionRow;
	state: LocalSessionState;
	order?: OrderTotalsSource | null;
}) {
	const l = useLocale();
	const action = `/pay/local/${session.id}`;
	const amount = l.money(session.amountMinor, session.currency);
	return (
		<CommerceLayout title={l.t("pay.title")}>
			<h1>{l.t("pay.title")}</h1>
			<p>{l.t("pay.standIn")}</p>
			<p>
				{l.t("order.orderLabel")} <strong>{session.orderNumber}</strong>: <strong>{amount}</strong>
			</p>
			{order ? <OrderTotals order={order} /> : null}
			{state === "open" ? (
				<div>
					<DecisionButton action={action} decision="pay" label={l.t("pay.pay", { amount })} />
					<DecisionButton action={action} decision="transfer" label={l.t("pay.transfer")} />
					<DecisionButton action={action} decision="decline" label={l.t("pay.decline")} />
				</div>
			) : state === "processing" ? (
				<div>
					<p>{l.t("pay.transferOnItsWay", { amount })}</p>
					<DecisionButton action={action} decision="transfer_arrives" label={l.t("pay.transferArrives")} />
					<DecisionButton action={action} decision="transfer_fails" label={l.t("pay.transferFails")} />
				</div>
			) : (
				<p>{l.t("pay.closed", { state: l.t(CLOSED_STATE[state]) })}</p>
			)}
		</CommerceLayout>
	);
}
