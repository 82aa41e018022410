// The address book: the saved addresses, each with its own edit page and a delete button, and a
// form to add one, with the checkout form's fields, labels and messages (the same rules apply).
import type { SavedAddress } from "../../accounts/address-book";
import type { CheckoutFormErrors, CheckoutFormValues } from "../../checkout/checkout-form";
import { AddressLineFields, CheckoutErrorSummary, countryName, TextField } from "../checkout-page";
import { hasErrors } from "../form-parts";
import { AccountLayout } from "./account-layout";
import { Done } from "./form-parts";
import { ACCOUNT_PAGES_CSS } from "./styles";

type AddressFormState = { values: CheckoutFormValues; errors: CheckoutFormErrors };
const EMPTY: AddressFormState = { values: {}, errors: { fields: {}, form: [] } };

export function AddressText({ address }: { address: SavedAddress }) {
	const { line1, line2, city, region, postalCode, country } = address.address;
	return (
		<address>
			<strong>{address.name}</strong>
			<br />
			{line1}
			<br />
			{line2 ? (
				<>
					{line2}
					<br />
				</>
			) : null}
			{[city, region, postalCode].filter(Boolean).join(" ")}
			<br />
			{countryName(country)}
			<br />
			{address.phone}
		</address>
	);
}

/** The fields of one address form: there is one such form per page, so the ids are the checkout's. */
function AddressFields({ values, errors }: AddressFormState) {
	const field = { values, errors: errors.fields };
	return (
		<>
			<TextField field="name" autocomplete="shipping name" {...field} />
			<TextField
				field="phone"
				type="tel"
				autocomplete="shipping tel"
				hint="For the carrier, with the country code, e.g. +44 20 7946 0000."
				{...field}
			/>
			<AddressLineFields {...field} />
		</>
	);
}

type AddressesPageProps = {
	addresses: SavedAddress[];
	max: number;
	form?: AddressFormState;
	/** A refusal that is not about a field (the book is full, an address is gone). */
	error?: string;
	done?: string;
};

export function AddressesPage({ addresses, max, form = EMPTY, error, done }: AddressesPageProps) {
	const errors = error ? { ...form.errors, form: [...form.errors.form, error] } : form.errors;
	const full = addresses.length >= max;
	return (
		<AccountLayout
			title={hasErrors(errors) ? "Error: Your addresses" : "Your addresses"}
			current="/account/addresses"
			styles={ACCOUNT_PAGES_CSS}
		>
			<h1>Your addresses</h1>
			<Done message={done} />
			<CheckoutErrorSummary errors={errors} />
			{addresses.length === 0 ? (
				<p>No saved addresses yet. Save one to check out faster.</p>
			) : (
				<ul class="addresses" aria-label="Saved addresses">
					{addresses.map((address) => (
						<li class="card" data-address-id={address.id}>
							<AddressText address={address} />
							<div class="actions">
								<a href={`/account/addresses/${address.id}`}>
									Edit<span class="visually-hidden"> the address of {address.name}</span>
								</a>
								<form method="post" action={`/account/addresses/${address.id}/delete`} class="inline">
									<button type="submit" class="link">
										Delete<span class="visually-hidden"> the address of {address.name}</span>
									</button>
								</form>
							</div>
						</li>
					))}
				</ul>
			)}
			<h2 id="add-title">Add an address</h2>
			{full ? (
				<p>Your address book is full ({max} addresses). Delete one to add another.</p>
			) : (
				<form
					method="post"
					action="/account/addresses"
					class="account-form"
					aria-labelledby="add-title"
					novalidate
				>
					<AddressFields {...form} />
					<button type="submit">Save address</button>
				</form>
			)}
		</AccountLayout>
	);
}

type AddressEditPageProps = { address: SavedAddress; form?: AddressFormState; error?: string };

export function AddressEditPage({ address, form, error }: AddressEditPageProps) {
	const state = form ?? {
		values: { name: address.name, phone: address.phone, ...address.address },
		errors: EMPTY.errors,
	};
	const errors = error ? { ...state.errors, form: [...state.errors.form, error] } : state.errors;
	return (
		<AccountLayout
			title={hasErrors(errors) ? "Error: Edit an address" : "Edit an address"}
			current="/account/addresses"
			styles={ACCOUNT_PAGES_CSS}
		>
			<h1>Edit an address</h1>
			<CheckoutErrorSummary errors={errors} />
			<form method="post" action={`/account/addresses/${address.id}`} class="account-form" novalidate>
				<AddressFields values={state.values} errors={errors} />
				<button type="submit">Save changes</button>
			</form>
			<p>
				<a href="/account/addresses">Back to your addresses</a>
			</p>
		</AccountLayout>
	);
}
