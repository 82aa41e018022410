import { RecommendationsWidget } from "../analytics/widget";
import { badgeLabel, colorLabel, formatPrice, sizeLabel } from "../catalog/format";
import type { ProductDetail } from "../catalog/schemas";
import { Layout, type NavCategory } from "./layout";

const yesNo = (value: boolean) => (value ? "Yes" : "No");

export function ProductPage({ product, categories }: { product: ProductDetail; categories: NavCategory[] }) {
	return (
		<Layout title={product.name} description={product.description} categories={categories}>
			<nav class="crumbs" aria-label="Breadcrumb">
				<ol>
					<li>
						<a href="/">Home</a>
					</li>
					<li>
						<a href={`/c/${product.category.slug}`}>{product.category.name}</a>
					</li>
					<li>
						<span aria-current="page">{product.name}</span>
					</li>
				</ol>
			</nav>
			<article aria-labelledby="product-heading">
				<h1 id="product-heading">{product.name}</h1>
				<p class="price">From {formatPrice(product.minPriceMinor, product.currency)}</p>
				{product.inStock ? null : <p class="out">Out of stock in every size and colour</p>}
				{product.badges.length > 0 ? (
					<ul class="badges" aria-label="Features">
						{product.badges.map((b) => (
							<li>{badgeLabel(b)}</li>
						))}
					</ul>
				) : null}
				<p class="lead">{product.description}</p>

				<section aria-labelledby="variants-heading">
					<h2 id="variants-heading">Sizes and colours</h2>
					<table>
						<caption class="visually-hidden">Price and availability of each size and colour</caption>
						<thead>
							<tr>
								<th scope="col">Size</th>
								<th scope="col">Colour</th>
								<th scope="col">Price</th>
								<th scope="col">Availability</th>
							</tr>
						</thead>
						<tbody>
							{product.variants.map((v) => (
								<tr data-variant-id={String(v.id)} data-sku={v.sku}>
									<th scope="row">{sizeLabel(v.size)}</th>
									<td>{colorLabel(v.color)}</td>
									<td>{formatPrice(v.priceMinor, v.currency)}</td>
									<td>{v.inStock ? `In stock (${v.stock})` : <span class="out">Out of stock</span>}</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>

				<section aria-labelledby="details-heading">
					<h2 id="details-heading">Details</h2>
					<dl class="specs">
						<dt>Material</dt>
						<dd>{product.material.charAt(0).toUpperCase() + product.material.slice(1)}</dd>
						<dt>Pile height</dt>
						<dd>{`${product.pileHeightMm} mm`}</dd>
						<dt>Machine washable</dt>
						<dd>
							{product.machineWashable ? `Yes, up to ${product.washTemperatureC} °C` : "No, hand wash only"}
						</dd>
						<dt>Stain resistant</dt>
						<dd>{yesNo(product.stainResistant)}</dd>
						<dt>Non-slip backing</dt>
						<dd>{yesNo(product.nonSlipBacking)}</dd>
						<dt>Pet friendly</dt>
						<dd>{yesNo(product.petFriendly)}</dd>
					</dl>
				</section>

				<section aria-labelledby="care-heading">
					<h2 id="care-heading">Care</h2>
					<p>{product.careText}</p>
				</section>
			</article>
			<RecommendationsWidget productId={product.id} />
		</Layout>
	);
}
