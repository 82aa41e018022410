import type { Child } from "hono/jsx";
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

const HOME = { href: "/", label: "Back to the shop" };

/** Not-found and error pages: a heading, one sentence and a way back. */
export function MessagePage({
	title,
	message,
	categories = [],
	back = HOME,
	links = [],
	children,
	noindex,
}: MessagePageProps) {
	return (
		<Layout title={title} categories={categories} noindex={noindex}>
			<h1>{title}</h1>
			<p class="lead">{message}</p>
			{children}
			{links.length === 0 ? (
				<p>
					<a href={back.href}>{back.label}</a>
				</p>
			) : (
				<ul>
					{[back, ...links].map((link) => (
						<li>
							<a href={link.href}>{link.label}</a>
						</li>
					))}
				</ul>
			)}
		</Layout>
	);
}
