// On the checkout page of a signed-in customer: deliver to one of the saved addresses, in one
// step, without typing it again (POST /checkout/saved-address places the order as the account's,
// as POST /api/v1/me/checkout does).
import type { SavedAddress } from "../../accounts/address-book";
import type { ShippingMethod } from "../../checkout/shipping";
import { countryName } from "../../i18n/formats";
import { useLocale } from "../../i18n/locale-context";

export type SavedAddressChoiceState = {
	addresses: SavedAddress[];
	values?: { addressId?: string; shippingMethod?: string };
	error?: string;
};

export type MethodChoice = { method: ShippingMethod; label: string; priceText: string };

function oneLine(address: SavedAddress, tag: string): string {
	const { line1, city, postalCode, country } = address.address;
	return `${address.name}, ${line1}, ${city} ${postalCode}, ${countryName(country, tag)}`;
}

export function SavedAddressChoice({
	saved,
	methods,
}: {
	saved: SavedAddressChoiceState;
	methods: MethodChoice[];
}) {
	const l = useLocale();
	const { addresses, values = {}, error } = saved;
	const chosen = values.addressId ?? addresses[0]?.id;
	return (
		<section class="summary saved-choice" aria-labelledby="saved-title">
			<h2 id="saved-title">{l.t("checkout.savedTitle")}</h2>
			{error ? (
				<div class="notice" role="alert" id="saved-error" tabindex={-1}>
					<p>{error}</p>
				</div>
			) : null}
			{addresses.length === 0 ? (
				<p>
					{l.t("checkout.savedNone")} <a href="/account/addresses">{l.t("checkout.savedAdd")}</a>
				</p>
			) : (
				<form method="post" action="/checkout/saved-address">
					<fieldset>
						<legend>{l.t("checkout.savedAddress")}</legend>
						{addresses.map((address, i) => (
							<label for={`s-address-${i}`} class="radio">
								<input
									id={`s-address-${i}`}
									type="radio"
									name="addressId"
									value={address.id}
									checked={address.id === chosen}
									required
								/>
								<span>{oneLine(address, l.tag)}</span>
							</label>
						))}
					</fieldset>
					<fieldset>
						<legend>{l.t("checkout.shippingMethod")}</legend>
						{methods.map(({ method, label, priceText }) => (
							<label for={`s-shippingMethod-${method}`} class="radio">
								<input
									id={`s-shippingMethod-${method}`}
									type="radio"
									name="shippingMethod"
									value={method}
									checked={(values.shippingMethod ?? methods[0]?.method) === method}
									required
								/>
								<span>
									<strong>{label}</strong>
									<span class="hint">{priceText}</span>
								</span>
							</label>
						))}
					</fieldset>
					<button type="submit">{l.t("checkout.savedSubmit")}</button>
				</form>
			)}
			<h2>{l.t("checkout.savedOther")}</h2>
			<p class="muted">{l.t("checkout.savedNotInHistory")}</p>
		</section>
	);
}

/** Outside the checkout grid, so it brings the few rules the grid gives its own fieldsets. */
export const SAVED_CHOICE_CSS = `.saved-choice{max-width:48rem;margin:0 0 1.5rem}
.saved-choice fieldset{border:0;padding:0;margin:0 0 1rem}
.saved-choice legend{font-weight:700;padding:0}
.saved-choice .radio{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.35rem 0}
.saved-choice h2+p.muted{margin-bottom:0}`;
