// The frame of every signed-in page: the shop's layout, kept out of search engines, with the
// account's own navigation. Pages using it are personal: their routes send `no-store`.
import type { Child } from "hono/jsx";
import { Layout, type NavCategory } from "../layout";
import { SideNav } from "../side-nav";

export const ACCOUNT_NAV = [
	{ href: "/account", label: "Overview" },
	{ href: "/account/orders", label: "Orders" },
	{ href: "/account/returns", label: "Returns" },
	{ href: "/account/addresses", label: "Addresses" },
	{ href: "/account/profile", label: "Profile" },
	{ href: "/account/consultations", label: "Messages" },
	{ href: "/account/reviews", label: "Reviews" },
	{ href: "/privacy/center", label: "Privacy" },
] as const;

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
	return (
		<Layout title={title} categories={categories} styles={ACCOUNT_CSS + styles} noindex>
			<div class="account">
				<SideNav label="Your account" items={ACCOUNT_NAV} current={current} signOutAction="/account/logout" />
				<div>{children}</div>
			</div>
		</Layout>
	);
}
