// Guest checkout without JavaScript: contact, delivery address and shipping method, with an
// error summary linking to each field the server refused. The values typed so far are put back,
// which is why the route serves this page with Cache-Control: no-store.
import type { CartView } from "../cart/cart-view";
import { colorLabel, formatPrice, sizeLabel } from "../catalog/format";
import {
	CHECKOUT_FIELD_TEXT,
	CHECKOUT_FIELDS,
	type CheckoutField,
	type CheckoutFormErrors,
	type CheckoutFormValues,
} from "../checkout/checkout-form";
import { COUNTRY_CODES, COUNTRY_RULES, type CountryCode, type ShippingZone } from "../checkout/countries";
import {
	priceShipping,
	quoteShipping,
	SHIPPING_METHODS,
	type ShippingMethod,
	type ShippingQuote,
} from "../checkout/shipping";
import {
	type MethodChoice,
	SAVED_CHOICE_CSS,
	SavedAddressChoice,
	type SavedAddressChoiceState,
} from "./account/saved-address-choice";
import { describedBy, ErrorSummary, FieldMessages, TextField as SharedTextField } from "./form-parts";
import { Layout, type NavCategory } from "./layout";

export type CheckoutPageProps = {
	cart: CartView;
	categories: NavCategory[];
	values: CheckoutFormValues;
	errors?: CheckoutFormErrors;
	/** A signed-in customer's saved addresses, offered above the form; null for a guest. */
	saved?: SavedAddressChoiceState | null;
};

const METHOD_LABEL: Record<ShippingMethod, string> = { standard: "Standard", express: "Express" };
const ZONE_LABEL: Record<ShippingZone, string> = {
	north_america: "US and Canada",
	europe: "UK and Europe",
	asia_pacific: "Australia, New Zealand and Japan",
};

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
export const countryName = (code: CountryCode) => regionNames.of(code) ?? code;
const COUNTRIES_BY_NAME = [...COUNTRY_CODES].sort((a, b) => countryName(a).localeCompare(countryName(b)));

const fieldId = (field: CheckoutField) =>
	field === "shippingMethod" ? `f-shippingMethod-${SHIPPING_METHODS[0]}` : `f-${field}`;

type FieldProps = {
	field: CheckoutField;
	values: CheckoutFormValues;
	errors: CheckoutFormErrors["fields"];
	autocomplete: string;
	type?: "text" | "email" | "tel";
	hint?: string;
	optional?: boolean;
};

/** A checkout field: its label from CHECKOUT_FIELD_TEXT, its id `f-<field>`, the typed value put back. */
export function TextField({
	field,
	values,
	errors,
	autocomplete,
	type = "text",
	hint,
	optional,
}: FieldProps) {
	return (
		<SharedTextField
			id={`f-${field}`}
			name={field}
			label={CHECKOUT_FIELD_TEXT[field].label}
			type={type}
			value={values[field]}
			error={errors[field]}
			hint={hint}
			required={!optional}
			autocomplete={autocomplete}
		/>
	);
}

export function CountryField({ values, errors }: Pick<FieldProps, "values" | "errors">) {
	const error = errors.country;
	return (
		<div class="field">
			<label for="f-country">{CHECKOUT_FIELD_TEXT.country.label}</label>
			<FieldMessages id="f-country" error={error} />
			<select
				id="f-country"
				name="country"
				autocomplete="shipping country"
				required
				aria-invalid={error ? "true" : undefined}
				aria-describedby={describedBy("f-country", false, Boolean(error))}
			>
				<option value="">Choose a country</option>
				{COUNTRIES_BY_NAME.map((code) => (
					<option value={code} selected={values.country === code}>
						{countryName(code)}
					</option>
				))}
			</select>
		</div>
	);
}

/** The address below the recipient's name, here and in the address book (the same rules apply). */
export function AddressLineFields(field: Pick<FieldProps, "values" | "errors">) {
	return (
		<>
			<TextField field="line1" autocomplete="shipping address-line1" {...field} />
			<TextField field="line2" autocomplete="shipping address-line2" optional {...field} />
			<TextField field="city" autocomplete="shipping address-level2" {...field} />
			<TextField
				field="region"
				autocomplete="shipping address-level1"
				hint="Needed in the US, Canada, Australia and Japan: a code such as CA, ON or NSW, or the prefecture."
				optional
				{...field}
			/>
			<TextField field="postalCode" autocomplete="shipping postal-code" {...field} />
			<CountryField {...field} />
		</>
	);
}

function shippingPriceText(prices: ShippingQuote["prices"], currency: string): string {
	if (prices.every((p) => p.priceMinor === 0)) return "Free for this order";
	const priceOf = (minor: number) => (minor === 0 ? "free" : formatPrice(minor, currency));
	return prices.map((p) => `${ZONE_LABEL[p.zone]} ${priceOf(p.priceMinor)}`).join(" · ");
}

function ShippingFieldset({
	cart,
	values,
	errors,
}: Pick<CheckoutPageProps, "cart" | "values"> & FieldErrors) {
	const currency = cart.currency ?? "USD";
	const quotes = quoteShipping(currency, cart.subtotalMinor) ?? [];
	const error = errors.shippingMethod;
	return (
		<fieldset aria-describedby={describedBy("f-shippingMethod", false, Boolean(error))}>
			<legend>{CHECKOUT_FIELD_TEXT.shippingMethod.label}</legend>
			<FieldMessages id="f-shippingMethod" error={error} />
			{quotes.map(({ method, prices }) => {
				const id = `f-shippingMethod-${method}`;
				const priceText = shippingPriceText(prices, currency);
				return (
					<label for={id} class="radio">
						<input
							id={id}
							type="radio"
							name="shippingMethod"
							value={method}
							checked={values.shippingMethod === method}
							required
						/>
						<span>
							<strong>{METHOD_LABEL[method]}</strong>
							<span class="hint">{priceText}</span>
						</span>
					</label>
				);
			})}
		</fieldset>
	);
}

function methodChoices(cart: CartView): MethodChoice[] {
	const currency = cart.currency ?? "USD";
	return (quoteShipping(currency, cart.subtotalMinor) ?? []).map(({ method, prices }) => ({
		method,
		label: METHOD_LABEL[method],
		priceText: shippingPriceText(prices, currency),
	}));
}

type FieldErrors = { errors: CheckoutFormErrors["fields"] };

export function CheckoutErrorSummary({ errors }: { errors: CheckoutFormErrors }) {
	return <ErrorSummary errors={errors} order={CHECKOUT_FIELDS} idOf={fieldId} />;
}

/** The shipping price once a valid country and method are known, else null. */
function knownShipping(cart: CartView, values: CheckoutFormValues): number | null {
	const country = COUNTRY_CODES.find((code) => code === values.country);
	const method = SHIPPING_METHODS.find((m) => m === values.shippingMethod);
	if (!country || !method || !cart.currency) return null;
	return priceShipping(COUNTRY_RULES[country].zone, method, cart.currency, cart.subtotalMinor);
}

function OrderSummary({ cart, values }: Pick<CheckoutPageProps, "cart" | "values">) {
	const currency = cart.currency ?? "USD";
	const shipping = knownShipping(cart, values);
	return (
		<aside class="summary" aria-labelledby="summary-title">
			<h2 id="summary-title">Your order</h2>
			<ul>
				{cart.lines.map((line) => (
					<li>
						<a href={`/p/${line.productSlug}`}>{line.productName}</a>
						{` × ${line.quantity}: ${formatPrice(line.lineTotalMinor ?? 0, currency)}`}
						<span class="hint">{`${sizeLabel(line.size)} · ${colorLabel(line.color)}`}</span>
					</li>
				))}
			</ul>
			<dl class="totals">
				<dt>Subtotal</dt>
				<dd>{formatPrice(cart.subtotalMinor, currency)}</dd>
				<dt>Shipping</dt>
				<dd>{shipping === null ? "Not chosen yet" : formatPrice(shipping, currency)}</dd>
				{shipping === null ? null : (
					<>
						<dt>Total</dt>
						<dd>
							<strong>{formatPrice(cart.subtotalMinor + shipping, currency)}</strong>
						</dd>
					</>
				)}
			</dl>
			<p>
				<a href="/cart">Change your cart</a>
			</p>
		</aside>
	);
}

export function CheckoutPage({
	cart,
	categories,
	values,
	errors = { fields: {}, form: [] },
	saved,
}: CheckoutPageProps) {
	const failed = errors.form.length > 0 || Object.keys(errors.fields).length > 0 || Boolean(saved?.error);
	const field = { values, errors: errors.fields };
	return (
		<Layout
			title={failed ? "Error: Checkout" : "Checkout"}
			categories={categories}
			styles={saved ? SAVED_CHOICE_CSS : undefined}
		>
			<h1>Checkout</h1>
			<CheckoutErrorSummary errors={errors} />
			{saved ? <SavedAddressChoice saved={saved} methods={methodChoices(cart)} /> : null}
			<div class="checkout">
				<form method="post" action="/checkout" novalidate>
					<fieldset>
						<legend>Contact</legend>
						<TextField
							field="email"
							type="email"
							autocomplete="email"
							hint="For the order confirmation."
							{...field}
						/>
						<TextField
							field="phone"
							type="tel"
							autocomplete="tel"
							hint="For the carrier, with the country code, e.g. +44 20 7946 0000."
							{...field}
						/>
					</fieldset>
					<fieldset>
						<legend>Delivery address</legend>
						<TextField field="name" autocomplete="shipping name" {...field} />
						<AddressLineFields {...field} />
					</fieldset>
					<ShippingFieldset cart={cart} {...field} />
					<p class="muted">
						Your contact details and address are stored encrypted and used only for this order. See our{" "}
						<a href="/privacy">privacy policy</a>.
					</p>
					<button type="submit">Continue to payment</button>
				</form>
				<OrderSummary cart={cart} values={values} />
			</div>
		</Layout>
	);
}
