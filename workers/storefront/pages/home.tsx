import type { ProductCard } from "../catalog/schemas";
import type { CategoryWithCount } from "../db/catalog";
import { useLocale } from "../i18n/locale-context";
import { Layout } from "./layout";
import { type CardColors, ProductGrid } from "./product-card";

export function HomePage({
	categories,
	popular,
	colors,
	origin,
}: {
	categories: CategoryWithCount[];
	popular: ProductCard[];
	colors: CardColors;
	/** The site's origin, for the canonical address and the locale alternates. */
	origin: string;
}) {
	const l = useLocale();
	return (
		<Layout
			title={l.t("home.title")}
			description={l.t("home.description")}
			categories={categories}
			origin={origin}
			canonicalPath="/"
		>
			<h1>{l.t("home.heading")}</h1>
			<p class="lead">{l.t("home.lead")}</p>
			<section aria-labelledby="categories-heading">
				<h2 id="categories-heading">{l.t("home.byRoom")}</h2>
				<ul class="grid">
					{categories.map((c) => (
						<li>
							<article class="card">
								<h3>
									<a href={l.href(`/c/${c.slug}`)}>{c.name}</a>
								</h3>
								<p>{c.description}</p>
								<p class="muted">
									{l.t(c.productCount === 1 ? "home.rugCount.one" : "home.rugCount.other", {
										count: l.number(c.productCount),
									})}
								</p>
							</article>
						</li>
					))}
				</ul>
			</section>
			<section aria-labelledby="popular-heading">
				<h2 id="popular-heading">{l.t("home.popular")}</h2>
				<ProductGrid products={popular} colors={colors} />
			</section>
		</Layout>
	);
}
