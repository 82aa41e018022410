// The frame of every signed-in page: the shop's layout, kept out of search engines, with the
// account's own navigation. Pages using it are personal: their routes send `no-store`.
import type { Child } from "hono/jsx";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/translate";
import { Layout, type NavCategory } from "../layout";
import { SideNav } from "../side-nav";

export const ACCOUNT_NAV: readonly { href: string; label: MessageKey }[] = [
	{ href: "/account", label: "account.nav.overview" },
	{ href: "/account/orders", label: "account.nav.orders" },
	{ href: "/account/returns", label: "account.nav.returns" },
	{ href: "/account/addresses", label: "account.nav.addresses" },
	{ href: "/account/profile", label: "account.nav.profile" },
	{ href: "/account/consultations", label: "account.nav.messages" },
	{ href: "/account/reviews", label: "account.nav.reviews" },
	{ href: "/privacy/center", label: "account.nav.privacy" },
];

const ACCOUNT_CSS = `.account{display:grid;gap:1rem 2rem;grid-template-columns:minmax(10rem,14rem) minmax(0,1fr);align-items:start}
.account nav ul{list-style:none;padding:0;margin:0;display:grid;gap:.35rem}
.account nav a[aria-current=page]{font-weight:700;text-decoration:none}
@media (max-width:40rem){.account{grid-template-columns:1fr}.account nav ul{display:flex;flex-wrap:wrap;gap:.5rem 1rem}}`;

type AccountLayoutProps = {
	title: string;
	/** The nav entry to mark as the current page. */
	current?: string;
	categories?: NavCategory[];
	styles?: string;
	children?: Child;
};

export function AccountLayout({
	title,
	current,
	categories = [],
	styles = "",
	children,
}: AccountLayoutProps) {
	const { t } = useLocale();
	const items = ACCOUNT_NAV.map((item) => ({ href: item.href, label: t(item.label) }));
	return (
		<Layout title={title} categories={categories} styles={ACCOUNT_CSS + styles} noindex>
			<div class="account">
				<SideNav label={t("account.title")} items={items} current={current} signOutAction="/account/logout" />
				<div>{children}</div>
			</div>
		</Layout>
	);
}
