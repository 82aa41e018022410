import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { CSS } from "./styles";

export type NavCategory = { slug: string; name: string };

type LayoutProps = {
	title: string;
	description?: string;
	categories: NavCategory[];
	/** The area's own rules (account, privacy, staff…), inlined after the shared sheet. */
	styles?: string;
	/** Extra head elements of one page: canonical link, social meta, structured data. */
	head?: Child;
	/** Personal and form-result pages stay out of search engines. */
	noindex?: boolean;
	children?: Child;
};

/** The document shell: landmarks, skip link, category navigation and the inline stylesheet. */
export function Layout({ title, description, categories, styles, head, noindex, children }: LayoutProps) {
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
					{noindex ? <meta name="robots" content="noindex" /> : null}
					{head}
					<style>{raw(styles ? CSS + styles : CSS)}</style>
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
							<search>
								<form class="search" method="get" action="/search">
									<label for="site-q">
										<span class="visually-hidden">Search rugs</span>
									</label>
									<input id="site-q" name="q" type="search" maxlength={100} placeholder="Search rugs" />
									<button type="submit">Search</button>
								</form>
							</search>
							{/* Plain links: a per-shopper name or item count would make every public page uncacheable. */}
							<a class="account-link" href="/account">
								Account
							</a>
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
							<ul class="footer-links">
								<li>
									<a href="/privacy">Privacy policy</a>
								</li>
								<li>
									<a href="/privacy/center">Privacy center</a>
								</li>
								<li>
									<a href="/orders/track">Track an order</a>
								</li>
							</ul>
						</div>
					</footer>
				</body>
			</html>
		</>
	);
}
