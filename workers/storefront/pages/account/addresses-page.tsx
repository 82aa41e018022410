// The address book: the saved addresses, each with its own edit page and a delete button, and a
// form to add one, with the checkout form's fields and messages (the same rules apply). Once the
// form knows the country, its fields come in the order and under the names that country uses
// (the postcode before the town in Germany, from the postal code down in Japan).
import type { SavedAddress } from "../../accounts/address-book";
import type { CheckoutFormErrors, CheckoutFormValues } from "../../checkout/checkout-form";
import { useLocale } from "../../i18n/locale-context";
import { AddressLineFields, CheckoutErrorSummary, TextField } from "../checkout-page";
import { hasErrors } from "../form-parts";
import { AccountLayout } from "./account-layout";
import { AddressBlock } from "./address-block";
import { Done } from "./form-parts";
import { ACCOUNT_PAGES_CSS } from "./styles";

type AddressFormState = { values: CheckoutFormValues; errors: CheckoutFormErrors };
const EMPTY: AddressFormState = { values: {}, errors: { fields: {}, form: [] } };

export function AddressText({ address }: { address: SavedAddress }) {
	return <AddressBlock name={address.name} address={address.address} after={[address.phone]} strongName />;
}

/**
 * The fields of one address form, the checkout's own (one such form per page, so the ids are the
 * checkout's too). A blank form fits any country; once it knows one (an address being corrected,
 * a refused form), it is drawn as that country writes its addresses.
 */
function AddressFields({ values, errors }: AddressFormState) {
	const { t } = useLocale();
	const field = { values, errors: errors.fields };
	return (
		<>
			<TextField field="name" autocomplete="shipping name" {...field} />
			<TextField
				field="phone"
				type="tel"
				autocomplete="shipping tel"
				hint={t("checkout.phoneHint")}
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
	error?: string | undefined;
	done?: string | undefined;
};

export function AddressesPage({ addresses, max, form = EMPTY, error, done }: AddressesPageProps) {
	const { t } = useLocale();
	const errors = error ? { ...form.errors, form: [...form.errors.form, error] } : form.errors;
	const full = addresses.length >= max;
	const title = t("account.addresses.title");
	return (
		<AccountLayout
			title={hasErrors(errors) ? t("account.errorTitle", { title }) : title}
			current="/account/addresses"
			styles={ACCOUNT_PAGES_CSS}
		>
			<h1>{title}</h1>
			<Done message={done} />
			<CheckoutErrorSummary errors={errors} />
			{addresses.length === 0 ? (
				<p>{t("account.addresses.none")}</p>
			) : (
				<ul class="addresses" aria-label={t("account.addresses.saved")}>
					{addresses.map((address) => (
						<li class="card" data-address-id={address.id}>
							<AddressText address={address} />
							<div class="actions">
								<a href={`/account/addresses/${address.id}`}>
									{t("account.addresses.edit")}
									<span class="visually-hidden">{t("account.addresses.ofName", { name: address.name })}</span>
								</a>
								<form method="post" action={`/account/addresses/${address.id}/delete`} class="inline">
									<button type="submit" class="link">
										{t("account.addresses.delete")}
										<span class="visually-hidden">
											{t("account.addresses.ofName", { name: address.name })}
										</span>
									</button>
								</form>
							</div>
						</li>
					))}
				</ul>
			)}
			<h2 id="add-title">{t("account.addresses.add")}</h2>
			{full ? (
				<p>{t("account.addresses.full", { max })}</p>
			) : (
				<form
					method="post"
					action="/account/addresses"
					class="account-form"
					aria-labelledby="add-title"
					novalidate
				>
					<AddressFields values={form.values} errors={errors} />
					<button type="submit">{t("account.addresses.save")}</button>
				</form>
			)}
		</AccountLayout>
	);
}

type AddressEditPageProps = { address: SavedAddress; form?: AddressFormState; error?: string | undefined };

export function AddressEditPage({ address, form, error }: AddressEditPageProps) {
	const { t } = useLocale();
	const state = form ?? {
		values: { name: address.name, phone: address.phone, ...address.address },
		errors: EMPTY.errors,
	};
	const errors = error ? { ...state.errors, form: [...state.errors.form, error] } : state.errors;
	const title = t("account.addresses.editTitle");
	return (
		<AccountLayout
			title={hasErrors(errors) ? t("account.errorTitle", { title }) : title}
			current="/account/addresses"
			styles={ACCOUNT_PAGES_CSS}
		>
			<h1>{title}</h1>
			<CheckoutErrorSummary errors={errors} />
			<form method="post" action={`/account/addresses/${address.id}`} class="account-form" novalidate>
				<AddressFields values={state.values} errors={errors} />
				<button type="submit">{t("account.addresses.saveChanges")}</button>
			</form>
			<p>
				<a href="/account/addresses">{t("account.addresses.back")}</a>
			</p>
		</AccountLayout>
	);
}
