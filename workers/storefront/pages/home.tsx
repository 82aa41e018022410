import type { ProductCard } from "../catalog/schemas";
import type { CategoryWithCount } from "../db/catalog";
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
	/** The site's origin, for the canonical address. */
	origin: string;
}) {
	return (
		<Layout
			title="Washable rugs"
			description="Rugs for kitchens, hallways, nurseries and homes with pets, all made to go in the wash."
			categories={categories}
			head={<link rel="canonical" href={`${origin}/`} />}
		>
			<h1>Washable rugs for real life</h1>
			<p class="lead">
				Spills, muddy paws and art projects happen. Every Loomwash rug is made to be cleaned at home, most of
				them in an ordinary washing machine.
			</p>
			<section aria-labelledby="categories-heading">
				<h2 id="categories-heading">Shop by room</h2>
				<ul class="grid">
					{categories.map((c) => (
						<li>
							<article class="card">
								<h3>
									<a href={`/c/${c.slug}`}>{c.name}</a>
								</h3>
								<p>{c.description}</p>
								<p class="muted">{`${c.productCount} rugs`}</p>
							</article>
						</li>
					))}
				</ul>
			</section>
			<section aria-labelledby="popular-heading">
				<h2 id="popular-heading">Popular right now</h2>
				<ProductGrid products={popular} colors={colors} />
			</section>
		</Layout>
	);
}
