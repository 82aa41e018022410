// An address as the destination country's post writes it (the Japanese one from the postal code
// down, the German one with the postcode before the town), with the country named in the
// shopper's language: the address book's cards and an order's delivery contact.
import type { DeliveryAddress } from "../../checkout/checkout-schemas";
import { countryName } from "../../i18n/formats";
import { useLocale } from "../../i18n/locale-context";
import { addressLines } from "../../markets/address-formats";

type AddressBlockProps = {
	name: string;
	address: DeliveryAddress;
	/** Written after the country, one a line: the phone, an email. */
	after?: readonly string[];
	/** The name in bold: a card among others. */
	strongName?: boolean;
};

export function AddressBlock({ name, address, after = [], strongName }: AddressBlockProps) {
	const l = useLocale();
	return (
		<address>
			{strongName ? <strong>{name}</strong> : name}
			{addressLines(address.country, address).map((line) => (
				<>
					<br />
					{line}
				</>
			))}
			<br />
			{countryName(address.country, l.tag)}
			{after.map((line) => (
				<>
					<br />
					{line}
				</>
			))}
		</address>
	);
}
