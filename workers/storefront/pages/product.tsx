import { RecommendationsWidget } from "../analytics/widget";
import { MAX_LINE_QUANTITY } from "../cart/cart-rules";
import { badgeLabel, colorLabel, formatPrice, sizeLabel } from "../catalog/format";
import { rugPatternFor } from "../catalog/rug-art";
import type { ProductDetail, ProductWithReviews } from "../catalog/schemas";
import { Layout, type NavCategory } from "./layout";
import { ProductReviews } from "./product-reviews";
import { ProductHead } from "./shop/product-meta";
import { Rug, RugDefinitions } from "./shop/rug";

const yesNo = (value: boolean) => (value ? "Yes" : "No");

/** One form for every in-stock variant; sold-out ones are not offered. Same for every shopper. */
function AddToCartForm({ product }: { product: ProductDetail }) {
	const offered = product.variants.filter((v) => v.inStock);
	if (offered.length === 0) return null;
	return (
		<form class="buy" method="post" action="/cart/items" aria-label="Add to cart">
			<div class="field">
				<label for="variant">Size and colour</label>
				<select id="variant" name="variantId" required>
					{offered.map((v) => (
						<option value={String(v.id)}>
							{`${sizeLabel(v.size)}, ${colorLabel(v.color)}: ${formatPrice(v.priceMinor, v.currency)}`}
						</option>
					))}
				</select>
			</div>
			<div class="qty">
				<label for="quantity">Quantity</label>
				<input
					id="quantity"
					name="quantity"
					type="number"
					inputmode="numeric"
					min="1"
					max={String(MAX_LINE_QUANTITY)}
					value="1"
					required
				/>
			</div>
			<button type="submit">Add to cart</button>
		</form>
	);
}

/**
 * The rug drawn in its default variant's colour (the one the form preselects), then in each of its
 * colours, so a shopper sees every choice before picking one.
 */
function RugGallery({ product }: { product: ProductDetail }) {
	const pattern = rugPatternFor(product.slug);
	const colours = [...new Set(product.variants.map((v) => v.color))];
	const main = product.variants.find((v) => v.inStock)?.color ?? colours[0] ?? "sand";
	return (
		<div class="rug-gallery">
			<RugDefinitions patterns={[pattern]} />
			<Rug pattern={pattern} color={main} className="rug rug-main" />
			{colours.length > 1 ? (
				<ul class="rug-colours" aria-label="Colours">
					{colours.map((color) => (
						<li>
							<Rug pattern={pattern} color={color} />
							<span>{colorLabel(color)}</span>
						</li>
					))}
				</ul>
			) : null}
		</div>
	);
}

export function ProductPage({
	product,
	categories,
	origin,
}: {
	product: ProductWithReviews;
	categories: NavCategory[];
	/** The site's origin, for the canonical address and the social and structured data. */
	origin: string;
}) {
	return (
		<Layout
			title={product.name}
			description={product.description}
			categories={categories}
			head={<ProductHead product={product} origin={origin} />}
		>
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
				<RugGallery product={product} />
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
				<AddToCartForm product={product} />

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

				<ProductReviews slug={product.slug} rating={product.rating} reviews={product.reviews} />
			</article>
			<RecommendationsWidget productId={product.id} />
		</Layout>
	);
}
