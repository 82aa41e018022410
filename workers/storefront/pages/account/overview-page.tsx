// The account's front page: a greeting, news of a newer privacy policy (told once), the latest
// orders and the way to everything else. Personal: served with Cache-Control: no-store.
import { useLocale } from "../../i18n/locale-context";
import type { OrderSummary } from "../../orders/order-view";
import type { PolicySummary } from "../../privacy/policy";
import { AccountLayout } from "./account-layout";
import { Done, LinkedText } from "./form-parts";
import { OrdersTable } from "./orders-page";
import { ACCOUNT_PAGES_CSS } from "./styles";

type OverviewProps = {
	nickname: string;
	recentOrders: OrderSummary[];
	policyNotice: PolicySummary | null;
	done?: string | undefined;
};

export function OverviewPage({ nickname, recentOrders, policyNotice, done }: OverviewProps) {
	const l = useLocale();
	const { t } = l;
	return (
		<AccountLayout title={t("account.title")} current="/account" styles={ACCOUNT_PAGES_CSS}>
			<h1>{t("account.overview.hello", { name: nickname })}</h1>
			<Done message={done} />
			{policyNotice ? (
				<section class="notice" aria-labelledby="policy-notice">
					<h2 id="policy-notice">{t("account.overview.policyChanged")}</h2>
					{/* The summary is the policy's own text: published in English, like the policy. */}
					<p>
						{t("account.overview.policyVersion", {
							version: policyNotice.version,
							date: l.date(Date.parse(policyNotice.effectiveAt)),
						})}{" "}
						{policyNotice.summary}
					</p>
					<p>
						<a href="/privacy">{t("account.overview.readPolicy")}</a>
					</p>
				</section>
			) : null}
			<h2>{t("account.overview.recentOrders")}</h2>
			{recentOrders.length === 0 ? (
				<p>
					<LinkedText
						text={t("account.overview.noOrders")}
						href={l.href("/")}
						label={t("account.browseRugs")}
					/>
				</p>
			) : (
				<>
					<OrdersTable orders={recentOrders} caption={t("account.overview.latestOrders")} />
					<p>
						<a href="/account/orders">{t("account.orders.all")}</a>
					</p>
				</>
			)}
			<h2>{t("account.overview.details")}</h2>
			<ul class="links">
				<li>
					<LinkedText
						text={t("account.overview.addresses")}
						href="/account/addresses"
						label={t("account.overview.addressesLink")}
					/>
				</li>
				<li>
					<a href="/account/profile">{t("account.overview.profile")}</a>
				</li>
				<li>
					<a href="/account/consultations">{t("account.overview.messages")}</a>
				</li>
				<li>
					<a href="/privacy/center">{t("account.overview.privacy")}</a>
				</li>
			</ul>
		</AccountLayout>
	);
}
