// The side navigation of the signed-in areas (a shopper's account, the staff console): their
// pages, the current one marked for screen readers, and the sign-out button last.
import { useLocale } from "../i18n/locale-context";

export type NavItem = { href: string; label: string };

export function SideNav({
	label,
	items,
	current,
	signOutAction,
}: {
	label: string;
	items: readonly NavItem[];
	/** The entry to mark as the current page. */
	current?: string;
	signOutAction: string;
}) {
	const l = useLocale();
	return (
		<nav aria-label={label}>
			<ul>
				{items.map((item) => (
					<li>
						<a href={item.href} aria-current={item.href === current ? "page" : undefined}>
							{item.label}
						</a>
					</li>
				))}
				<li>
					<form method="post" action={signOutAction} class="inline">
						<button type="submit" class="link">
							{l.t("layout.signOut")}
						</button>
					</form>
				</li>
			</ul>
		</nav>
	);
}
