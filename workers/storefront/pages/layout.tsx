import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { CSS } from "./styles";

export type NavCategory = { slug: string; name: string };

type LayoutProps = {
	title: string;
	description?: string;
	categories: NavCategory[];
	children?: Child;
};

/** The document shell: landmarks, skip link, category navigation and the inline stylesheet. */
export function Layout({ title, description, categories, children }: LayoutProps) {
	return (
		<>
			{raw("<!doctype html>")}
			<html lang="en">
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<title>{`${title} · Loomwash`}</title>
					{/* No icon yet; without this link browsers ask for /favicon.ico and log its 404. */}
					<link rel="icon" href="data:," />
					{description ? <meta name="description" content={description} /> : null}
					<style>{raw(CSS)}</style>
				</head>
				<body>
					<a class="skip" href="#main">
						Skip to content
					</a>
					<header class="site">
						<div class="wrap">
							<a class="brand" href="/">
								Loomwash
							</a>
							<nav aria-label="Categories">
								<ul>
									{categories.map((c) => (
										<li>
											<a href={`/c/${c.slug}`}>{c.name}</a>
										</li>
									))}
								</ul>
							</nav>
							{/* A plain link: a per-shopper item count would make every public page uncacheable. */}
							<a class="cart-link" href="/cart">
								Cart
							</a>
						</div>
					</header>
					<main id="main" class="wrap">
						{children}
					</main>
					<footer class="site">
						<div class="wrap">
							<p>Loomwash: washable rugs, and a privacy policy the code keeps.</p>
							<p>
								<a href="/privacy">Privacy policy</a>
							</p>
						</div>
					</footer>
				</body>
			</html>
		</>
	);
}
