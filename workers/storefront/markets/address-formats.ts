// How each country writes an address and a phone number (issue #13): the order of the fields on
// the page and on the logistics manifest, what the fields are called, and the national phone
// rules a carrier needs. Pure data and pure checks; postal code and region rules stay in
// checkout/countries.ts, which the checkout schema already applies.
import type { MessageKey } from "../i18n/translate";

export type AddressField = "line1" | "line2" | "city" | "region" | "postalCode";

export type AddressFormat = {
	/** Lines as the post reads them, each a group of fields written on one line. */
	lines: readonly (readonly AddressField[])[];
	postalLabel: MessageKey;
	/** Only where the country's post uses a region. */
	regionLabel?: MessageKey;
	phone: { callingCode: string; nationalDigits: readonly [min: number, max: number]; trunkPrefix: string };
};

const STREET: readonly (readonly AddressField[])[] = [["line1"], ["line2"]];
const CITY_REGION_POSTAL = [...STREET, ["city", "region", "postalCode"]] as const;
const POSTAL_CITY = [...STREET, ["postalCode", "city"]] as const;

export const ADDRESS_FORMATS: Readonly<Record<string, AddressFormat>> = {
	US: {
		lines: CITY_REGION_POSTAL,
		postalLabel: "address.zip",
		regionLabel: "address.state",
		phone: { callingCode: "1", nationalDigits: [10, 10], trunkPrefix: "1" },
	},
	CA: {
		lines: CITY_REGION_POSTAL,
		postalLabel: "address.postalCode",
		regionLabel: "address.province",
		phone: { callingCode: "1", nationalDigits: [10, 10], trunkPrefix: "1" },
	},
	GB: {
		lines: [...STREET, ["city"], ["postalCode"]],
		postalLabel: "address.postcode",
		phone: { callingCode: "44", nationalDigits: [9, 10], trunkPrefix: "0" },
	},
	IE: {
		lines: [...STREET, ["city"], ["postalCode"]],
		postalLabel: "address.eircode",
		phone: { callingCode: "353", nationalDigits: [7, 9], trunkPrefix: "0" },
	},
	DE: { lines: POSTAL_CITY, postalLabel: "address.postcode", phone: phone("49", 6, 13) },
	AT: { lines: POSTAL_CITY, postalLabel: "address.postcode", phone: phone("43", 4, 13) },
	NL: { lines: POSTAL_CITY, postalLabel: "address.postcode", phone: phone("31", 9, 9) },
	BE: { lines: POSTAL_CITY, postalLabel: "address.postcode", phone: phone("32", 8, 9) },
	FR: { lines: POSTAL_CITY, postalLabel: "address.postcode", phone: phone("33", 9, 9) },
	ES: {
		lines: POSTAL_CITY,
		postalLabel: "address.postcode",
		phone: { ...phone("34", 9, 9), trunkPrefix: "" },
	},
	// Italian numbers keep their leading 0 after +39: there is no trunk prefix to drop.
	IT: {
		lines: POSTAL_CITY,
		postalLabel: "address.postcode",
		phone: { ...phone("39", 6, 11), trunkPrefix: "" },
	},
	AU: {
		lines: CITY_REGION_POSTAL,
		postalLabel: "address.postcode",
		regionLabel: "address.state",
		phone: phone("61", 9, 9),
	},
	NZ: {
		lines: [...STREET, ["city", "postalCode"]],
		postalLabel: "address.postcode",
		phone: phone("64", 8, 10),
	},
	// Japanese addresses run from the largest unit to the smallest: 〒 code, prefecture and city, then street.
	JP: {
		lines: [["postalCode"], ["region", "city"], ["line1"], ["line2"]],
		postalLabel: "address.postalCode",
		regionLabel: "address.prefecture",
		phone: phone("81", 9, 10),
	},
};

function phone(callingCode: string, min: number, max: number): AddressFormat["phone"] {
	return { callingCode, nationalDigits: [min, max], trunkPrefix: "0" };
}

/** The fields in the order the country writes them, flattened: the form's and the manifest's order. */
export function fieldOrder(country: string): AddressField[] {
	const format = ADDRESS_FORMATS[country.toUpperCase()];
	return format ? format.lines.flat() : ["line1", "line2", "city", "region", "postalCode"];
}

/** The address as the country's post writes it: one string per line, empty fields left out. */
export function addressLines(country: string, address: Partial<Record<AddressField, string>>): string[] {
	const format = ADDRESS_FORMATS[country.toUpperCase()];
	const lines = format?.lines ?? [["line1"], ["line2"], ["city", "region", "postalCode"]];
	return lines
		.map((group) =>
			group
				.map((field) => address[field]?.trim() ?? "")
				.filter(Boolean)
				.join(" "),
		)
		.filter(Boolean);
}

const INTERNATIONAL = /^(?:\+|00)([1-9]\d{5,14})$/;

/**
 * A phone number for the carrier in E.164 (+CCNNN…): international input is kept as it is (a
 * consignee may have a number from another country); national input must fit the delivery
 * country's length, its trunk prefix dropped. Undefined when it fits neither.
 */
export function normalizePhone(country: string, input: string): string | undefined {
	const compact = input.replace(/[\s().-]/g, "");
	const international = INTERNATIONAL.exec(compact);
	if (international) return `+${international[1]}`;
	const format = ADDRESS_FORMATS[country.toUpperCase()];
	if (!format || !/^\d+$/.test(compact)) return undefined;
	const { callingCode, nationalDigits, trunkPrefix } = format.phone;
	const national =
		trunkPrefix && compact.startsWith(trunkPrefix) ? compact.slice(trunkPrefix.length) : compact;
	const [min, max] = nationalDigits;
	return national.length >= min && national.length <= max ? `+${callingCode}${national}` : undefined;
}
