import type { Child } from "hono/jsx";
import { useLocale } from "../i18n/locale-context";
import { Layout, type NavCategory } from "./layout";

type Link = { href: string; label: string };

type MessagePageProps = {
	title: string;
	message: string;
	categories?: NavCategory[];
	back?: Link;
	/** Further ways on, listed after the way back (the 404 page's search, say). */
	links?: Link[];
	/** What follows the message: a request id to quote, a next step. */
	children?: Child;
	noindex?: boolean;
};

/** Not-found and error pages: a heading, one sentence and a way back. */
export function MessagePage({
	title,
	message,
	categories = [],
	back,
	links = [],
	children,
	noindex,
}: MessagePageProps) {
	const l = useLocale();
	const way = back ?? { href: l.href("/"), label: l.t("message.backToShop") };
	return (
		<Layout title={title} categories={categories} noindex={noindex}>
			<h1>{title}</h1>
			<p class="lead">{message}</p>
			{children}
			{links.length === 0 ? (
				<p>
					<a href={way.href}>{way.label}</a>
				</p>
			) : (
				<ul>
					{[way, ...links].map((link) => (
						<li>
							<a href={link.href}>{link.label}</a>
						</li>
					))}
				</ul>
			)}
		</Layout>
	);
}
