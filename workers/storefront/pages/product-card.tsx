import { badgeLabel, formatPrice } from "../catalog/format";
import type { ProductCard as Card } from "../catalog/schemas";

/** A decorative colour block stands in for photography; the hue comes from the id so it is stable. */
function swatchStyle(id: number): string {
	const hue = (id * 47) % 360;
	return `background:linear-gradient(135deg,hsl(${hue} 35% 78%),hsl(${(hue + 40) % 360} 30% 62%))`;
}

export function ProductCard({ product }: { product: Card }) {
	return (
		<article class="card">
			<div class="swatch" style={swatchStyle(product.id)} aria-hidden="true" />
			<h3>
				<a href={`/p/${product.slug}`}>{product.name}</a>
			</h3>
			<p class="price">From {formatPrice(product.minPriceMinor, product.currency)}</p>
			<p class="muted">{product.category.name}</p>
			{product.inStock ? null : <p class="out">Out of stock</p>}
			{product.badges.length > 0 ? (
				<ul class="badges" aria-label="Features">
					{product.badges.map((b) => (
						<li>{badgeLabel(b)}</li>
					))}
				</ul>
			) : null}
		</article>
	);
}

export function ProductGrid({ products }: { products: Card[] }) {
	return (
		<ul class="grid">
			{products.map((p) => (
				<li>
					<ProductCard product={p} />
				</li>
			))}
		</ul>
	);
}
