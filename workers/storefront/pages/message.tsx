import { Layout, type NavCategory } from "./layout";

type MessagePageProps = {
	title: string;
	message: string;
	categories?: NavCategory[];
	back?: { href: string; label: string };
};

const HOME = { href: "/", label: "Back to the shop" };

/** Not-found and error pages: a heading, one sentence and a way back. */
export function MessagePage({ title, message, categories = [], back = HOME }: MessagePageProps) {
	return (
		<Layout title={title} categories={categories}>
			<h1>{title}</h1>
			<p class="lead">{message}</p>
			<p>
				<a href={back.href}>{back.label}</a>
			</p>
		</Layout>
	);
}
