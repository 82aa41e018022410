// What a product page tells search engines and link previews: social meta and schema.org Product
// data, both at the page's address in its own locale (the layout writes the canonical link). The JSON-LD block is data, not script: browsers never execute it,
// so the CSP's script-src does not apply to it (checked in Chromium: no violation is reported).
import { raw } from "hono/html";
import type { ProductWithReviews } from "../../catalog/schemas";
import { minorDigits } from "../../i18n/formats";
import { useLocale } from "../../i18n/locale-context";

/** A price in major units as schema.org wants it ("129.99"), with the currency's own decimals. */
export function decimalPrice(minor: number, currency: string): string {
	const digits = minorDigits(currency);
	return (minor / 10 ** digits).toFixed(digits);
}

/**
 * JSON that is safe inside <script>: no "</script>", "<!--" or HTML-significant character can
 * appear literally, whatever a product's text holds (and U+2028/2029 stay escaped for old parsers).
 */
export function scriptSafeJson(value: unknown): string {
	return JSON.stringify(value)
		.replaceAll("<", "\\u003c")
		.replaceAll(">", "\\u003e")
		.replaceAll("&", "\\u0026")
		.replaceAll("\u2028", "\\u2028")
		.replaceAll("\u2029", "\\u2029");
}

export function productStructuredData(product: ProductWithReviews, url: string) {
	const prices = product.variants.map((v) => v.priceMinor);
	const low = Math.min(...prices, product.minPriceMinor);
	const high = Math.max(...prices, product.minPriceMinor);
	return {
		"@context": "https://schema.org",
		"@type": "Product",
		name: product.name,
		description: product.description,
		url,
		category: product.category.name,
		material: product.material,
		brand: { "@type": "Brand", name: "Loomwash" },
		offers: {
			"@type": "AggregateOffer",
			priceCurrency: product.currency,
			lowPrice: decimalPrice(low, product.currency),
			highPrice: decimalPrice(high, product.currency),
			offerCount: product.variants.length,
			availability: product.inStock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
		},
		...(product.rating.count > 0 && product.rating.average !== null
			? {
					aggregateRating: {
						"@type": "AggregateRating",
						ratingValue: product.rating.average,
						reviewCount: product.rating.count,
						bestRating: 5,
						worstRating: 1,
					},
				}
			: {}),
	};
}

export function ProductHead({ product, origin }: { product: ProductWithReviews; origin: string }) {
	const l = useLocale();
	const url = `${origin}${l.href(`/p/${product.slug}`)}`;
	return (
		<>
			<meta property="og:type" content="product" />
			<meta property="og:locale" content={l.tag.replace("-", "_")} />
			<meta property="og:site_name" content="Loomwash" />
			<meta property="og:title" content={product.name} />
			<meta property="og:description" content={product.description} />
			<meta property="og:url" content={url} />
			<meta name="twitter:card" content="summary" />
			<meta name="twitter:title" content={product.name} />
			<meta name="twitter:description" content={product.description} />
			<script type="application/ld+json">{raw(scriptSafeJson(productStructuredData(product, url)))}</script>
		</>
	);
}
