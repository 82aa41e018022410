import { rugPatternFor } from "../catalog/rug-art";
import type { ProductCard as Card } from "../catalog/schemas";
import { type PageLocale, useLocale } from "../i18n/locale-context";
import type { MessageKey } from "../i18n/translate";
import type { MarketId } from "../markets/markets";
import { Rug, RugDefinitions } from "./shop/rug";

/** The colour of each card's default variant (db/catalog.ts, read with the cards); a card without one is drawn in sand. */
export type CardColors = ReadonlyMap<number, string>;
const FALLBACK_COLOR = "sand";

/** The tax a market's shown prices include, in words its shoppers know; undefined where tax is added. */
const INCLUDED_TAX: Readonly<Record<MarketId, MessageKey | undefined>> = {
	us: undefined,
	ca: undefined,
	uk: "price.vat",
	eu: "price.vat",
	au: "price.gst",
	nz: "price.gst",
	jp: "price.consumptionTax",
};

export function taxNote(l: PageLocale): string {
	const tax = INCLUDED_TAX[l.market];
	return l.pricesIncludeTax && tax ? l.t("price.taxIncluded", { tax: l.t(tax) }) : l.t("price.taxAdded");
}

/** Whether the prices above include tax: shoppers compare them with other shops' prices. */
export function TaxNote() {
	return <p class="muted">{taxNote(useLocale())}</p>;
}

export function ProductCard({ product, color }: { product: Card; color: string }) {
	const l = useLocale();
	return (
		<article class="card">
			<Rug pattern={rugPatternFor(product.slug)} color={color} />
			<h3>
				<a href={l.href(`/p/${product.slug}`)}>{product.name}</a>
			</h3>
			<p class="price">{l.t("price.from", { price: l.money(product.minPriceMinor, product.currency) })}</p>
			<p class="muted">{product.category.name}</p>
			{product.inStock ? null : <p class="out">{l.t("product.outOfStock")}</p>}
			{product.badges.length > 0 ? (
				<ul class="badges" aria-label={l.t("product.features")}>
					{product.badges.map((b) => (
						<li>{l.t(`badge.${b}`)}</li>
					))}
				</ul>
			) : null}
		</article>
	);
}

/** The cards, with the pattern definitions their drawings use (one grid per page), and the tax note. */
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
			<TaxNote />
		</>
	);
}
