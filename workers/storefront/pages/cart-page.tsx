// The shopper's cart, with a form per line to change its quantity or remove it. Works without
// JavaScript: every form posts, and the server answers with a 303 back here. Prices are the
// cart's market's, in its one currency, written the way the shopper's language writes them.
import { MAX_LINE_QUANTITY } from "../cart/cart-rules";
import type { CartView } from "../cart/cart-view";
import { translatedColorLabel } from "../catalog/format";
import { type PageLocale, useLocale } from "../i18n/locale-context";
import { MARKETS, type MarketId } from "../markets/markets";
import { taxRuleFor } from "../markets/taxes";
import { Layout, type NavCategory } from "./layout";

type CartLine = CartView["lines"][number];

export type CartPageProps = { cart: CartView | null; categories: NavCategory[]; error?: string };

/** A colour's name in the shopper's language. */
export function colourName(l: PageLocale, slug: string): string {
	return translatedColorLabel(slug, l.t);
}

/** "Error: Your cart": a refused form's page says so first in its title. */
export function errorTitle(l: PageLocale, title: string, failed: boolean): string {
	return failed ? l.t("checkout.errorTitle", { title }) : title;
}

/**
 * The country whose tax a market's prices are written with: the shopper's own when it is in the
 * market, else the market's home country.
 */
export function taxCountry(l: PageLocale, market: MarketId, preferred?: string): string {
	const countries: readonly string[] = MARKETS[market].countries;
	if (preferred && countries.includes(preferred)) return preferred;
	return countries.includes(l.country) ? l.country : (countries[0] ?? l.country);
}

/** "Prices include VAT." or "Sales tax is added at checkout.", for the market's prices shown. */
export function TaxNote({ market, country }: { market: MarketId; country?: string }) {
	const l = useLocale();
	if (!MARKETS[market].pricesIncludeTax) return <p class="muted">{l.t("price.taxAdded")}</p>;
	const tax = taxRuleFor(taxCountry(l, market, country))?.rates[0]?.name;
	// "MwSt." and "USt." end in a full stop of their own: the sentence adds one.
	return tax ? <p class="muted">{l.t("price.taxIncluded", { tax: tax.replace(/\.$/, "") })}</p> : null;
}

const lineName = (l: PageLocale, line: CartLine) =>
	`${line.productName}, ${l.size(line.size)}, ${colourName(l, line.color)}`;

function AvailabilityWarning({ line, currency }: { line: CartLine; currency: string }) {
	const l = useLocale();
	if (line.availability === "in_stock") return null;
	const text =
		line.availability === "limited"
			? l.t("cart.onlyLeft", { count: line.maxQuantity })
			: line.availability === "unavailable"
				? l.t("cart.unavailable", { currency })
				: l.t("cart.noLongerInStock");
	return <span class="error">{text}</span>;
}

/** A line's price, or a dash where the cart's price list has none (the warning says why). */
function Money({ minor, currency }: { minor: number | null; currency: string }) {
	const l = useLocale();
	return <>{minor === null ? "—" : l.money(minor, currency)}</>;
}

function LineRow({ line, currency }: { line: CartLine; currency: string }) {
	const l = useLocale();
	const quantityId = `qty-${line.variantId}`;
	const action = `/cart/items/${line.variantId}`;
	const item = lineName(l, line);
	return (
		<tr data-variant-id={String(line.variantId)}>
			<th scope="row">
				<a href={l.href(`/p/${line.productSlug}`)}>{line.productName}</a>
				<span class="hint">
					{l.t("cart.lineHint", { size: l.size(line.size), colour: colourName(l, line.color) })}
				</span>
				<AvailabilityWarning line={line} currency={currency} />
			</th>
			<td class="num">
				<Money minor={line.unitPriceMinor} currency={currency} />
			</td>
			<td>
				<form class="inline" method="post" action={action}>
					<label for={quantityId}>
						<span class="visually-hidden">{l.t("cart.quantityOf", { item })}</span>
					</label>
					<input
						id={quantityId}
						name="quantity"
						type="number"
						inputmode="numeric"
						min="1"
						max={String(MAX_LINE_QUANTITY)}
						value={String(line.quantity)}
						required
					/>
					<button type="submit">
						{l.t("cart.update")}
						<span class="visually-hidden">{l.t("cart.updateHidden", { item })}</span>
					</button>
				</form>
			</td>
			<td class="num">
				<Money minor={line.lineTotalMinor} currency={currency} />
			</td>
			<td>
				<form class="inline" method="post" action={`${action}/remove`}>
					<button type="submit" class="link">
						{l.t("cart.remove")}
						<span class="visually-hidden">{l.t("cart.removeHidden", { item })}</span>
					</button>
				</form>
			</td>
		</tr>
	);
}

export function CartPage({ cart, categories, error }: CartPageProps) {
	const l = useLocale();
	const lines = cart?.lines ?? [];
	const currency = cart?.currency ?? l.currency;
	const title = l.t("cart.title");
	return (
		<Layout title={errorTitle(l, title, Boolean(error))} categories={categories}>
			<h1>{title}</h1>
			{error ? (
				<div class="notice" role="alert">
					<p>{error}</p>
				</div>
			) : null}
			{cart === null || lines.length === 0 ? (
				<>
					<p class="lead" data-cart-empty="">
						{l.t("cart.empty")}
					</p>
					<p>
						<a href={l.href("/")}>{l.t("cart.browse")}</a>
					</p>
				</>
			) : (
				<>
					<table>
						<caption class="visually-hidden">{l.t("cart.caption")}</caption>
						<thead>
							<tr>
								<th scope="col">{l.t("cart.item")}</th>
								<th scope="col" class="num">
									{l.t("cart.price")}
								</th>
								<th scope="col">{l.t("cart.quantity")}</th>
								<th scope="col" class="num">
									{l.t("cart.total")}
								</th>
								<th scope="col">
									<span class="visually-hidden">{l.t("cart.remove")}</span>
								</th>
							</tr>
						</thead>
						<tbody>
							{lines.map((line) => (
								<LineRow line={line} currency={currency} />
							))}
						</tbody>
						<tfoot>
							<tr>
								<th scope="row" colspan={3}>
									{l.t("cart.subtotal")}
								</th>
								<td class="num" data-subtotal="">
									{l.money(cart.subtotalMinor, currency)}
								</td>
								<td />
							</tr>
						</tfoot>
					</table>
					<TaxNote market={cart.market} />
					<p class="muted">{l.t("cart.shippingNote")}</p>
					<div class="actions">
						{cart.readyForCheckout ? (
							<a class="button" href="/checkout">
								{l.t("cart.checkout")}
							</a>
						) : (
							<p class="error">{l.t("cart.fixToCheckout")}</p>
						)}
						<a href={l.href("/")}>{l.t("cart.continue")}</a>
					</div>
				</>
			)}
		</Layout>
	);
}
