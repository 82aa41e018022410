// Guest checkout without JavaScript: contact, delivery address and shipping method, with an
// error summary linking to each field the server refused. The values typed so far are put back,
// which is why the route serves this page with Cache-Control: no-store.
//
// The page sells in the cart's market (issue #13): only its countries are offered, the address
// is asked for in the order and with the words of the chosen country (without JavaScript, the
// preselected one), and shipping and tax are that country's.

import type { Child } from "hono/jsx";
import type { CartView } from "../cart/cart-view";
import {
	CHECKOUT_FIELDS,
	type CheckoutField,
	type CheckoutFormErrors,
	type CheckoutFormValues,
	fieldText,
} from "../checkout/checkout-form";
import { COUNTRY_CODES, COUNTRY_RULES, type CountryCode, type CountryRules } from "../checkout/countries";
import { type OrderPricing, priceOrder } from "../checkout/order-pricing";
import { SHIPPING_METHODS, type ShippingMethod } from "../checkout/shipping";
import { countryName } from "../i18n/formats";
import { type PageLocale, useLocale } from "../i18n/locale-context";
import { type AddressField, fieldOrder } from "../markets/address-formats";
import { MARKETS, type MarketId, marketOfCountry } from "../markets/markets";
import { FREE_STANDARD_FROM_MINOR, type ShippingOption, shippingOptions } from "../markets/shipping-rates";
import {
	type MethodChoice,
	SAVED_CHOICE_CSS,
	SavedAddressChoice,
	type SavedAddressChoiceState,
} from "./account/saved-address-choice";
import { colourName, errorTitle, TaxNote } from "./cart-page";
import { describedBy, ErrorSummary, FieldMessages, TextField as SharedTextField } from "./form-parts";
import { Layout, type NavCategory } from "./layout";
import { OrderTotals } from "./order-status-page";

export type CheckoutPageProps = {
	cart: CartView;
	categories: NavCategory[];
	values: CheckoutFormValues;
	errors?: CheckoutFormErrors;
	/** A signed-in customer's saved addresses, offered above the form; null for a guest. */
	saved?: SavedAddressChoiceState | null;
};

const METHOD_LABEL = { standard: "shipping.standard", express: "shipping.express" } as const;

const isCountryCode = (code: string | undefined): code is CountryCode =>
	COUNTRY_CODES.some((known) => known === code);

/**
 * The country the form is drawn for: the one typed (a re-render) when the market sells there,
 * else the shopper's own when it is in the market, else the market's home country.
 */
export function checkoutCountry(l: PageLocale, market: MarketId, typed: string | undefined): CountryCode {
	const countries = MARKETS[market].countries.filter(isCountryCode);
	const upper = typed?.trim().toUpperCase();
	const chosen = countries.find((code) => code === upper) ?? countries.find((code) => code === l.country);
	return chosen ?? countries[0] ?? "US";
}

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
	/** The delivery country, whose words the postal code and region fields take. */
	country?: string | undefined;
	list?: string;
};

/** A checkout field: its label in the shopper's language, its id `f-<field>`, the typed value put back. */
export function TextField({
	field,
	values,
	errors,
	autocomplete,
	type = "text",
	hint,
	optional,
	country,
	list,
}: FieldProps) {
	const l = useLocale();
	return (
		<SharedTextField
			id={`f-${field}`}
			name={field}
			label={l.t(fieldText(field, country).label)}
			type={type}
			value={values[field]}
			error={errors[field]}
			hint={hint}
			required={!optional}
			autocomplete={autocomplete}
			list={list}
		/>
	);
}

type CountryProps = Pick<FieldProps, "values" | "errors"> & {
	/** The countries offered; every country the shop delivers to by default (the address book). */
	countries?: readonly string[];
	/** Preselected when the typed value is none of them; without it, "Choose a country" first. */
	selected?: string;
	hint?: string;
};

export function CountryField({ values, errors, countries = COUNTRY_CODES, selected, hint }: CountryProps) {
	const l = useLocale();
	const error = errors.country;
	const typed = values.country?.trim().toUpperCase();
	const current = countries.includes(typed ?? "") ? typed : selected;
	const byName = [...countries]
		.map((code) => ({ code, name: countryName(code, l.tag) }))
		.sort((a, b) => a.name.localeCompare(b.name, l.tag));
	return (
		<div class="field">
			<label for="f-country">{l.t("address.country")}</label>
			<FieldMessages id="f-country" hint={hint} error={error} />
			<select
				id="f-country"
				name="country"
				autocomplete="shipping country"
				required
				aria-invalid={error ? "true" : undefined}
				aria-describedby={describedBy("f-country", Boolean(hint), Boolean(error))}
			>
				{current ? null : <option value="">{l.t("checkout.chooseCountry")}</option>}
				{byName.map(({ code, name }) => (
					<option value={code} selected={current === code}>
						{name}
					</option>
				))}
			</select>
		</div>
	);
}

// A typical code of each country whose post needs a region, for the hint.
const REGION_EXAMPLE: Partial<Record<CountryCode, string>> = { US: "CA", CA: "ON", AU: "NSW" };

/** The region field where the country's post uses one: a code from its list, or a prefecture's name. */
function RegionField({
	country,
	...field
}: Pick<FieldProps, "values" | "errors"> & { country?: CountryCode }) {
	const l = useLocale();
	const autocomplete = "shipping address-level1";
	if (!country) {
		// The country is not known yet (the address book's blank form): the field for any of them.
		const hint = l.t("checkout.regionHintAny");
		return <TextField field="region" autocomplete={autocomplete} hint={hint} optional {...field} />;
	}
	const { regions }: CountryRules = COUNTRY_RULES[country];
	if (!regions) return null;
	if (regions === "free") {
		const hint = l.t("checkout.prefectureHint");
		return <TextField field="region" autocomplete={autocomplete} hint={hint} country={country} {...field} />;
	}
	const example = REGION_EXAMPLE[country] ?? regions[0] ?? "";
	return (
		<>
			<TextField
				field="region"
				autocomplete={autocomplete}
				hint={l.t("checkout.regionHint", { example })}
				country={country}
				list="f-region-list"
				{...field}
			/>
			<datalist id="f-region-list">
				{regions.map((code) => (
					<option value={code} />
				))}
			</datalist>
		</>
	);
}

type AddressProps = Pick<FieldProps, "values" | "errors"> & {
	/** The countries the form offers; all the shop delivers to by default (the address book). */
	countries?: readonly string[];
	/** The country the form is drawn for; else the typed one, else a form that fits any country. */
	country?: string;
	/** Under the country select: e.g. how to buy for a country of another market. */
	countryHint?: string;
};

/**
 * The address below the recipient's name, here and in the address book (the same rules apply):
 * the country first, then the fields in the order its post writes them, with its own words.
 */
export function AddressLineFields({ countries, country, countryHint, ...field }: AddressProps) {
	const l = useLocale();
	const typed = field.values.country?.trim().toUpperCase();
	const drawn = [country, typed].find(isCountryCode);
	const example = drawn ? COUNTRY_RULES[drawn].postalExample : undefined;
	const known = { ...field, country: drawn };
	const parts: Record<AddressField, () => Child> = {
		line1: () => <TextField field="line1" autocomplete="shipping address-line1" {...known} />,
		line2: () => <TextField field="line2" autocomplete="shipping address-line2" optional {...known} />,
		city: () => <TextField field="city" autocomplete="shipping address-level2" {...known} />,
		region: () => <RegionField {...field} country={drawn} />,
		postalCode: () => (
			<TextField
				field="postalCode"
				autocomplete="shipping postal-code"
				hint={example ? l.t("checkout.postalHint", { example }) : undefined}
				{...known}
			/>
		),
	};
	return (
		<>
			<CountryField {...field} countries={countries} selected={drawn} hint={countryHint} />
			{fieldOrder(drawn ?? "").map((name) => parts[name]())}
		</>
	);
}

function priceText(l: PageLocale, option: ShippingOption, currency: string): string {
	const price = option.priceMinor === 0 ? l.t("checkout.freeShipping") : l.money(option.priceMinor, currency);
	return `${price} · ${l.t("shipping.estimate", { min: option.minDays, max: option.maxDays })}`;
}

/** Each method with its price for this cart to `country` and its delivery estimate. */
function methodChoices(l: PageLocale, cart: CartView, country: string): MethodChoice[] {
	const quote = shippingOptions(country, cart.subtotalMinor);
	if (!quote) return [];
	return SHIPPING_METHODS.map((method) => ({
		method,
		label: l.t(METHOD_LABEL[method]),
		priceText: priceText(l, quote.options[method], cart.currency),
	}));
}

type FieldErrors = { errors: CheckoutFormErrors["fields"] };

function ShippingFieldset({
	cart,
	values,
	errors,
	country,
}: Pick<CheckoutPageProps, "cart" | "values"> & FieldErrors & { country: CountryCode }) {
	const l = useLocale();
	const error = errors.shippingMethod;
	const standard = shippingOptions(country, cart.subtotalMinor)?.options.standard;
	const freeFrom = FREE_STANDARD_FROM_MINOR[MARKETS[cart.market].currency];
	return (
		<fieldset aria-describedby={describedBy("f-shippingMethod", true, Boolean(error))}>
			<legend>{l.t("checkout.shippingMethod")}</legend>
			<FieldMessages
				id="f-shippingMethod"
				hint={l.t("checkout.shippingTo", { country: countryName(country, l.tag) })}
				error={error}
			/>
			{methodChoices(l, cart, country).map(({ method, label, priceText }) => {
				const id = `f-shippingMethod-${method}`;
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
							<strong>{label}</strong>
							<span class="hint">{priceText}</span>
						</span>
					</label>
				);
			})}
			{standard && standard.priceMinor > 0 ? (
				<p class="hint">{l.t("shipping.freeFrom", { amount: l.money(freeFrom, cart.currency) })}</p>
			) : null}
		</fieldset>
	);
}

export function CheckoutErrorSummary({ errors }: { errors: CheckoutFormErrors }) {
	return <ErrorSummary errors={errors} order={CHECKOUT_FIELDS} idOf={fieldId} />;
}

/**
 * The order as it would be placed with what the form holds so far, once it can be known: a
 * method is chosen and, where tax is added (US, Canada), a valid state or province is given.
 */
function quoteOrder(cart: CartView, values: CheckoutFormValues, country: CountryCode): OrderPricing | null {
	const method = SHIPPING_METHODS.find((m) => m === values.shippingMethod);
	if (!method) return null;
	const region = values.region?.trim().toUpperCase() ?? "";
	const { regions }: CountryRules = COUNTRY_RULES[country];
	const taxKnown =
		MARKETS[cart.market].pricesIncludeTax || (Array.isArray(regions) && regions.includes(region));
	if (!taxKnown) return null;
	const lines = cart.lines.map((line) => ({ ...line, currency: cart.currency }));
	try {
		return priceOrder(lines, { country, region }, method);
	} catch {
		// A line without a price in the cart's currency: the cart page says which.
		return null;
	}
}

function shippingSoFar(cart: CartView, values: CheckoutFormValues, country: string): number | null {
	const method = SHIPPING_METHODS.find((m): m is ShippingMethod => m === values.shippingMethod);
	return method ? (shippingOptions(country, cart.subtotalMinor)?.options[method].priceMinor ?? null) : null;
}

function OrderSummary({
	cart,
	values,
	country,
}: Pick<CheckoutPageProps, "cart" | "values"> & { country: CountryCode }) {
	const l = useLocale();
	const money = (minor: number) => l.money(minor, cart.currency);
	const priced = quoteOrder(cart, values, country);
	const shipping = shippingSoFar(cart, values, country);
	return (
		<aside class="summary" aria-labelledby="summary-title">
			<h2 id="summary-title">{l.t("checkout.yourOrder")}</h2>
			<ul>
				{cart.lines.map((line) => (
					<li>
						<a href={l.href(`/p/${line.productSlug}`)}>{line.productName}</a>
						{` × ${l.number(line.quantity)}: ${line.lineTotalMinor === null ? "—" : money(line.lineTotalMinor)}`}
						<span class="hint">{`${l.size(line.size)} · ${colourName(l, line.color)}`}</span>
					</li>
				))}
			</ul>
			{priced ? (
				<OrderTotals order={priced} />
			) : (
				<dl class="totals">
					<dt>{l.t("cart.subtotal")}</dt>
					<dd>{money(cart.subtotalMinor)}</dd>
					<dt>{l.t("checkout.shipping")}</dt>
					<dd>{shipping === null ? l.t("checkout.notChosen") : money(shipping)}</dd>
				</dl>
			)}
			<TaxNote market={cart.market} country={country} />
			<p>
				<a href="/cart">{l.t("checkout.changeCart")}</a>
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
	const l = useLocale();
	const failed = errors.form.length > 0 || Object.keys(errors.fields).length > 0 || Boolean(saved?.error);
	const field = { values, errors: errors.fields };
	const country = checkoutCountry(l, cart.market, values.country);
	const countries = MARKETS[cart.market].countries;
	const title = l.t("checkout.title");
	return (
		<Layout
			title={errorTitle(l, title, failed)}
			categories={categories}
			styles={saved ? SAVED_CHOICE_CSS : undefined}
		>
			<h1>{title}</h1>
			<CheckoutErrorSummary errors={errors} />
			{saved ? (
				<SavedAddressChoice
					// Only addresses of the cart's market: its prices are the ones the shopper saw.
					saved={{
						...saved,
						addresses: saved.addresses.filter((a) => marketOfCountry(a.address.country) === cart.market),
					}}
					methods={methodChoices(l, cart, country)}
				/>
			) : null}
			<div class="checkout">
				<form method="post" action="/checkout" novalidate>
					<fieldset>
						<legend>{l.t("checkout.contact")}</legend>
						<TextField
							field="email"
							type="email"
							autocomplete="email"
							hint={l.t("checkout.emailHint")}
							{...field}
						/>
						<TextField
							field="phone"
							type="tel"
							autocomplete="tel"
							hint={l.t("checkout.phoneHint")}
							{...field}
						/>
					</fieldset>
					<fieldset>
						<legend>{l.t("checkout.deliveryAddress")}</legend>
						<TextField field="name" autocomplete="shipping name" {...field} />
						<AddressLineFields
							{...field}
							countries={countries}
							country={country}
							countryHint={l.t("checkout.otherMarkets")}
						/>
					</fieldset>
					<ShippingFieldset cart={cart} country={country} {...field} />
					<p class="muted">
						{l.t("checkout.privacyNote")} <a href="/privacy">{l.t("checkout.privacyLink")}</a>
					</p>
					<button type="submit">{l.t("checkout.submit")}</button>
				</form>
				<OrderSummary cart={cart} values={values} country={country} />
			</div>
		</Layout>
	);
}
