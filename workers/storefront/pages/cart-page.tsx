// The shopper's cart, with a form per line to change its quantity or remove it. Works without
// JavaScript: every form posts, and the server answers with a 303 back here.
import { MAX_LINE_QUANTITY } from "../cart/cart-rules";
import type { CartView } from "../cart/cart-view";
import { colorLabel, formatPrice, sizeLabel } from "../catalog/format";
import { Layout, type NavCategory } from "./layout";

type CartLine = CartView["lines"][number];

export type CartPageProps = { cart: CartView | null; categories: NavCategory[]; error?: string };

const lineName = (line: CartLine) =>
	`${line.productName}, ${sizeLabel(line.size)}, ${colorLabel(line.color)}`;

function AvailabilityWarning({ line }: { line: CartLine }) {
	if (line.availability === "in_stock") return null;
	const text =
		line.availability === "limited"
			? `Only ${line.maxQuantity} left: lower the quantity to check out.`
			: "No longer in stock: remove it to check out.";
	return <span class="error">{text}</span>;
}

function LineRow({ line, currency }: { line: CartLine; currency: string }) {
	const quantityId = `qty-${line.variantId}`;
	const action = `/cart/items/${line.variantId}`;
	return (
		<tr data-variant-id={String(line.variantId)}>
			<th scope="row">
				<a href={`/p/${line.productSlug}`}>{line.productName}</a>
				<span class="hint">{`Size ${sizeLabel(line.size)} · Colour ${colorLabel(line.color)}`}</span>
				<AvailabilityWarning line={line} />
			</th>
			<td class="num">{formatPrice(line.unitPriceMinor ?? 0, currency)}</td>
			<td>
				<form class="inline" method="post" action={action}>
					<label for={quantityId}>
						<span class="visually-hidden">{`Quantity of ${lineName(line)}`}</span>
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
						Update<span class="visually-hidden">{` quantity of ${lineName(line)}`}</span>
					</button>
				</form>
			</td>
			<td class="num">{formatPrice(line.lineTotalMinor ?? 0, currency)}</td>
			<td>
				<form class="inline" method="post" action={`${action}/remove`}>
					<button type="submit" class="link">
						Remove<span class="visually-hidden">{` ${lineName(line)}`}</span>
					</button>
				</form>
			</td>
		</tr>
	);
}

export function CartPage({ cart, categories, error }: CartPageProps) {
	const lines = cart?.lines ?? [];
	const currency = cart?.currency ?? "USD";
	return (
		<Layout title={error ? "Error: Your cart" : "Your cart"} categories={categories}>
			<h1>Your cart</h1>
			{error ? (
				<div class="notice" role="alert">
					<p>{error}</p>
				</div>
			) : null}
			{cart === null || lines.length === 0 ? (
				<>
					<p class="lead" data-cart-empty="">
						Your cart is empty.
					</p>
					<p>
						<a href="/">Browse our washable rugs</a>
					</p>
				</>
			) : (
				<>
					<table>
						<caption class="visually-hidden">Items in your cart</caption>
						<thead>
							<tr>
								<th scope="col">Item</th>
								<th scope="col" class="num">
									Price
								</th>
								<th scope="col">Quantity</th>
								<th scope="col" class="num">
									Total
								</th>
								<th scope="col">
									<span class="visually-hidden">Remove</span>
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
									Subtotal
								</th>
								<td class="num" data-subtotal="">
									{formatPrice(cart.subtotalMinor, currency)}
								</td>
								<td />
							</tr>
						</tfoot>
					</table>
					<p class="muted">Shipping is added at checkout, once you choose where and how fast.</p>
					<div class="actions">
						{cart.readyForCheckout ? (
							<a class="button" href="/checkout">
								Checkout
							</a>
						) : (
							<p class="error">Change or remove the items marked above to check out.</p>
						)}
						<a href="/">Continue shopping</a>
					</div>
				</>
			)}
		</Layout>
	);
}
