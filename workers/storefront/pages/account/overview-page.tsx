// The account's front page: a greeting, news of a newer privacy policy (told once), the latest
// orders and the way to everything else. Personal: served with Cache-Control: no-store.
import type { OrderSummary } from "../../orders/order-view";
import type { PolicySummary } from "../../privacy/policy";
import { AccountLayout } from "./account-layout";
import { Done } from "./form-parts";
import { OrdersTable } from "./orders-page";
import { ACCOUNT_PAGES_CSS } from "./styles";

type OverviewProps = {
	nickname: string;
	recentOrders: OrderSummary[];
	policyNotice: PolicySummary | null;
	done?: string;
};

export function OverviewPage({ nickname, recentOrders, policyNotice, done }: OverviewProps) {
	return (
		<AccountLayout title="Your account" current="/account" styles={ACCOUNT_PAGES_CSS}>
			<h1>Hello, {nickname}</h1>
			<Done message={done} />
			{policyNotice ? (
				<section class="notice" aria-labelledby="policy-notice">
					<h2 id="policy-notice">Our privacy policy has changed</h2>
					<p>
						Version {policyNotice.version} applies from {policyNotice.effectiveAt.slice(0, 10)}.{" "}
						{policyNotice.summary}
					</p>
					<p>
						<a href="/privacy">Read the privacy policy</a>
					</p>
				</section>
			) : null}
			<h2>Recent orders</h2>
			{recentOrders.length === 0 ? (
				<p>
					No orders yet. <a href="/">Browse the rugs</a>.
				</p>
			) : (
				<>
					<OrdersTable orders={recentOrders} caption="Your latest orders" />
					<p>
						<a href="/account/orders">All your orders</a>
					</p>
				</>
			)}
			<h2>Your details</h2>
			<ul class="links">
				<li>
					<a href="/account/addresses">Delivery addresses</a>: saved for a quicker checkout
				</li>
				<li>
					<a href="/account/profile">Profile and password</a>
				</li>
				<li>
					<a href="/account/consultations">Messages with customer service</a>
				</li>
				<li>
					<a href="/privacy/center">Privacy choices, your data and deleting the account</a>
				</li>
			</ul>
		</AccountLayout>
	);
}
