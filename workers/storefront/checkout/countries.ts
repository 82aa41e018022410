// Countries we deliver to, with what their addresses need: a postal code format and, where the
// post requires one, a region from a closed list (or free text for Japanese prefectures).

export type CountryRules = {
	/** Matched against the normalized code (upper case, single spaces). */
	postalCode: RegExp;
	postalExample: string;
	/** Region is required when present: a list of codes, or "free" for free text. */
	regions?: readonly string[] | "free";
};

// Two-letter USPS codes: states, DC, territories and military (AA, AE, AP).
const US_STATES = (
	"AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH " +
	"OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP AA AE AP"
).split(" ");
const CA_PROVINCES = "AB BC MB NB NL NS NT NU ON PE QC SK YT".split(" ");
const AU_STATES = "ACT NSW NT QLD SA TAS VIC WA".split(" ");

export const COUNTRY_RULES = {
	US: { postalCode: /^\d{5}(-\d{4})?$/, postalExample: "94103", regions: US_STATES },
	CA: {
		postalCode: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/,
		postalExample: "K1A 0B1",
		regions: CA_PROVINCES,
	},
	GB: {
		postalCode: /^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})$/,
		postalExample: "SW1A 1AA",
	},
	DE: { postalCode: /^(0[1-9]|[1-9]\d)\d{3}$/, postalExample: "10115" },
	FR: { postalCode: /^(0[1-9]|[1-8]\d|9[0-8])\d{3}$/, postalExample: "75001" },
	NL: { postalCode: /^[1-9]\d{3} ?[A-Z]{2}$/, postalExample: "1012 AB" },
	BE: { postalCode: /^[1-9]\d{3}$/, postalExample: "1000" },
	AT: { postalCode: /^[1-9]\d{3}$/, postalExample: "1010" },
	IT: { postalCode: /^\d{5}$/, postalExample: "00184" },
	ES: { postalCode: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, postalExample: "28001" },
	// Eircode: a routing key (a letter and two digits, or D6W) and a four-character identifier.
	IE: {
		postalCode: /^([AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$/,
		postalExample: "D02 X285",
	},
	AU: {
		postalCode: /^(0[289]\d{2}|[1-9]\d{3})$/,
		postalExample: "2000",
		regions: AU_STATES,
	},
	NZ: { postalCode: /^\d{4}$/, postalExample: "6011" },
	JP: { postalCode: /^\d{3}-?\d{4}$/, postalExample: "100-0001", regions: "free" },
} as const satisfies Record<string, CountryRules>;

export type CountryCode = keyof typeof COUNTRY_RULES;
export const COUNTRY_CODES = Object.keys(COUNTRY_RULES) as [CountryCode, ...CountryCode[]];

export function normalizePostalCode(code: string): string {
	return code.trim().toUpperCase().replace(/\s+/g, " ");
}

export type AddressProblem = { field: "postalCode" | "region"; message: string };

/** Country-specific checks of an address; an empty list means it is deliverable as written. */
export function checkAddressForCountry(country: CountryCode, postalCode: string, region: string | undefined) {
	const rules: CountryRules = COUNTRY_RULES[country];
	const problems: AddressProblem[] = [];
	if (!rules.postalCode.test(normalizePostalCode(postalCode))) {
		problems.push({
			field: "postalCode",
			message: `Not a valid ${country} postal code (e.g. ${rules.postalExample})`,
		});
	}
	if (rules.regions && !region) {
		problems.push({ field: "region", message: `A region is required for ${country}` });
	} else if (Array.isArray(rules.regions) && region && !rules.regions.includes(region.toUpperCase())) {
		problems.push({ field: "region", message: `Not a ${country} region code` });
	}
	return problems;
}

/** The address as we keep it: postal code in canonical case and spacing, region codes upper case, no empty fields. */
export function normalizeAddress<
	A extends {
		country: CountryCode;
		postalCode: string;
		region?: string | undefined;
		line2?: string | undefined;
	},
>(address: A): A {
	const rules: CountryRules = COUNTRY_RULES[address.country];
	const { region, line2, ...rest } = address;
	const normalizedRegion = Array.isArray(rules.regions) && region ? region.toUpperCase() : region;
	return {
		...rest,
		...(line2 ? { line2 } : {}),
		postalCode: normalizePostalCode(address.postalCode),
		...(normalizedRegion ? { region: normalizedRegion } : {}),
	} as A;
}
