import { badgeLabel, formatPrice } from "../catalog/format";
import { rugPatternFor } from "../catalog/rug-art";
import type { ProductCard as Card } from "../catalog/schemas";
import { Rug, RugDefinitions } from "./shop/rug";

/** The colour of each card's default variant (db/catalog.ts, read with the cards); a card without one is drawn in sand. */
export type CardColors = ReadonlyMap<number, string>;
const FALLBACK_COLOR = "sand";

export function ProductCard({ product, color }: { product: Card; color: string }) {
	return (
		<article class="card">
			<Rug pattern={rugPatternFor(product.slug)} color={color} />
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

/** The cards, with the pattern definitions their drawings use (one grid per page). */
export function ProductGrid({ products, colors }: { products: Card[]; colors: CardColors }) {
	return (
		<>
			<RugDefinitions patterns={products.map((p) => rugPatternFor(p.slug))} />
			<ul class="grid">
				{products.map((p) => (
					<li>
						<ProductCard product={p} color={colors.get(p.id) ?? FALLBACK_COLOR} />
					</li>
				))}
			</ul>
		</>
	);
}
