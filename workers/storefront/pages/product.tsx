import { RecommendationsWidget } from "../analytics/widget";
import { MAX_LINE_QUANTITY } from "../cart/cart-rules";
import { translatedColorLabel } from "../catalog/format";
import { rugPatternFor } from "../catalog/rug-art";
import type { ProductDetail, ProductWithReviews } from "../catalog/schemas";
import { countryName, formatCelsius, formatList } from "../i18n/formats";
import { useLocale } from "../i18n/locale-context";
import { MARKETS } from "../markets/markets";
import { FREE_STANDARD_FROM_MINOR, shippingOptions } from "../markets/shipping-rates";
import { localeSegment } from "../markets/shop-locale";
import { Layout, type NavCategory } from "./layout";
import { TaxNote } from "./product-card";
import { ProductReviews } from "./product-reviews";
import { ProductHead } from "./shop/product-meta";
import { Rug, RugDefinitions } from "./shop/rug";

/**
 * One form for every in-stock variant; sold-out ones are not offered. The same for every shopper
 * of the page's locale, which the button sends so the cart follows the market whose prices the
 * shopper saw (a button's value, not a hidden field: every field a shopper page shows is labelled).
 */
function AddToCartForm({ product }: { product: ProductDetail }) {
	const l = useLocale();
	const offered = product.variants.filter((v) => v.inStock);
	if (offered.length === 0) return null;
	return (
		<form class="buy" method="post" action="/cart/items" aria-label={l.t("product.addToCart")}>
			<div class="field">
				<label for="variant">{l.t("product.sizeAndColour")}</label>
				<select id="variant" name="variantId" required>
					{offered.map((v) => (
						<option value={String(v.id)}>
							{`${l.size(v.size)}, ${translatedColorLabel(v.color, l.t)}: ${l.money(v.priceMinor, v.currency)}`}
						</option>
					))}
				</select>
			</div>
			<div class="qty">
				<label for="quantity">{l.t("product.quantity")}</label>
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
			<button type="submit" name="locale" value={localeSegment({ language: l.language, country: l.country })}>
				{l.t("product.addToCart")}
			</button>
		</form>
	);
}

/**
 * Where this page's market delivers, and what delivery to its country costs and takes: from the
 * URL's locale alone, so the page stays the same for every shopper who asks for it.
 */
function DeliveryNote() {
	const l = useLocale();
	const quote = shippingOptions(l.country, 0);
	if (!quote) return null;
	const countries = formatList(
		MARKETS[l.market].countries.map((code) => countryName(code, l.tag)),
		l.tag,
	);
	const { standard } = quote.options;
	return (
		<div class="delivery" data-delivery="">
			<p>
				{l.t("product.delivery", {
					country: countryName(l.country, l.tag),
					price: l.money(standard.priceMinor),
					min: standard.minDays,
					max: standard.maxDays,
					free: l.money(FREE_STANDARD_FROM_MINOR[l.currency]),
				})}
			</p>
			<p class="hint">{l.t("product.deliversTo", { countries })}</p>
		</div>
	);
}

/**
 * The rug drawn in its default variant's colour (the one the form preselects), then in each of its
 * colours, so a shopper sees every choice before picking one.
 */
function RugGallery({ product }: { product: ProductDetail }) {
	const l = useLocale();
	const pattern = rugPatternFor(product.slug);
	const colours = [...new Set(product.variants.map((v) => v.color))];
	const main = product.variants.find((v) => v.inStock)?.color ?? colours[0] ?? "sand";
	return (
		<div class="rug-gallery">
			<RugDefinitions patterns={[pattern]} />
			<Rug pattern={pattern} color={main} className="rug rug-main" />
			{colours.length > 1 ? (
				<ul class="rug-colours" aria-label={l.t("product.colours")}>
					{colours.map((color) => (
						<li>
							<Rug pattern={pattern} color={color} />
							<span>{translatedColorLabel(color, l.t)}</span>
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
	/** The site's origin, for the canonical address, the locale alternates and the social and structured data. */
	origin: string;
}) {
	const l = useLocale();
	const yesNo = (value: boolean) => l.t(value ? "common.yes" : "common.no");
	return (
		<Layout
			title={product.name}
			description={product.description}
			categories={categories}
			origin={origin}
			canonicalPath={`/p/${product.slug}`}
			head={<ProductHead product={product} origin={origin} />}
		>
			<nav class="crumbs" aria-label={l.t("crumbs.label")}>
				<ol>
					<li>
						<a href={l.href("/")}>{l.t("crumbs.home")}</a>
					</li>
					<li>
						<a href={l.href(`/c/${product.category.slug}`)}>{product.category.name}</a>
					</li>
					<li>
						<span aria-current="page">{product.name}</span>
					</li>
				</ol>
			</nav>
			<article aria-labelledby="product-heading">
				<h1 id="product-heading">{product.name}</h1>
				<RugGallery product={product} />
				<p class="price">{l.t("price.from", { price: l.money(product.minPriceMinor, product.currency) })}</p>
				<TaxNote />
				{product.inStock ? null : <p class="out">{l.t("product.soldOut")}</p>}
				{product.badges.length > 0 ? (
					<ul class="badges" aria-label={l.t("product.features")}>
						{product.badges.map((b) => (
							<li>{l.t(`badge.${b}`)}</li>
						))}
					</ul>
				) : null}
				<p class="lead">{product.description}</p>
				<AddToCartForm product={product} />
				<DeliveryNote />

				<section aria-labelledby="variants-heading">
					<h2 id="variants-heading">{l.t("product.variantsHeading")}</h2>
					<table>
						<caption class="visually-hidden">{l.t("product.variantsCaption")}</caption>
						<thead>
							<tr>
								<th scope="col">{l.t("product.size")}</th>
								<th scope="col">{l.t("product.colour")}</th>
								<th scope="col">{l.t("product.price")}</th>
								<th scope="col">{l.t("product.availability")}</th>
							</tr>
						</thead>
						<tbody>
							{product.variants.map((v) => (
								<tr data-variant-id={String(v.id)} data-sku={v.sku}>
									<th scope="row">{l.size(v.size)}</th>
									<td>{translatedColorLabel(v.color, l.t)}</td>
									<td>{l.money(v.priceMinor, v.currency)}</td>
									<td>
										{v.inStock ? (
											l.t("product.inStock", { count: l.number(v.stock) })
										) : (
											<span class="out">{l.t("product.outOfStock")}</span>
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>

				<section aria-labelledby="details-heading">
					<h2 id="details-heading">{l.t("product.details")}</h2>
					<dl class="specs">
						<dt>{l.t("product.material")}</dt>
						{/* Catalog data, written in English only. */}
						<dd>{product.material.charAt(0).toUpperCase() + product.material.slice(1)}</dd>
						<dt>{l.t("product.pileHeight")}</dt>
						{/* Millimetres in every market: the catalog measures pile height in them. */}
						<dd>{`${l.number(product.pileHeightMm)} mm`}</dd>
						<dt>{l.t("product.machineWashable")}</dt>
						<dd>
							{product.machineWashable
								? l.t("product.washUpTo", { temperature: formatCelsius(product.washTemperatureC, l.tag) })
								: l.t("product.handWash")}
						</dd>
						<dt>{l.t("product.stainResistant")}</dt>
						<dd>{yesNo(product.stainResistant)}</dd>
						<dt>{l.t("product.nonSlip")}</dt>
						<dd>{yesNo(product.nonSlipBacking)}</dd>
						<dt>{l.t("product.petFriendly")}</dt>
						<dd>{yesNo(product.petFriendly)}</dd>
					</dl>
				</section>

				<section aria-labelledby="care-heading">
					<h2 id="care-heading">{l.t("product.care")}</h2>
					<p>{product.careText}</p>
				</section>

				<ProductReviews slug={product.slug} rating={product.rating} reviews={product.reviews} />
			</article>
			<RecommendationsWidget productId={product.id} />
		</Layout>
	);
}
