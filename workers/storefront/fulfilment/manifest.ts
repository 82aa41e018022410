// The logistics manifest (issue #8, DESIGN P10 "minimal sharing"): for each packed parcel exactly
// the order number, the consignee's name, address and phone, and the parcel's contents; never the
// email, prices or anything else. Pure: the export (export-manifest.ts) supplies opened values.
// The CSV is RFC 4180 (CRLF, quoted where needed) and safe to open in a spreadsheet: a cell that
// would start a formula (= + - @ tab CR) is prefixed with a quote (OWASP "CSV injection").
// Issue #13: the address also as the destination's post writes it (the label: field order per
// country, Japan's postcode first, Britain's last), and the phone in E.164 for the carrier.
import { z } from "@hono/zod-openapi";
import type { OrderLineRow } from "../db/orders";
import { addressLines, normalizePhone } from "../markets/address-formats";

export const ManifestAddressSchema = z
	.object({
		line1: z.string(),
		line2: z.string().optional(),
		city: z.string(),
		region: z.string().optional(),
		postalCode: z.string(),
		country: z.string(),
	})
	.openapi("ManifestAddress");

export const ParcelItemSchema = z
	.object({
		sku: z.string(),
		quantity: z.number().int(),
		productName: z.string(),
		size: z.string(),
		colour: z.string(),
	})
	.openapi("ManifestParcelItem");

export const ParcelSchema = z
	.object({
		orderNumber: z.string(),
		consignee: z.object({
			name: z.string(),
			/** E.164 (+4420…) when the number fits the country's rules, else as the shopper gave it. */
			phone: z.string(),
			address: ManifestAddressSchema,
			/** The address as the destination country writes it, one string per line of the label. */
			addressLines: z.array(z.string()),
		}),
		contents: z.array(ParcelItemSchema),
	})
	.openapi("ManifestParcel");

export type ManifestAddress = z.infer<typeof ManifestAddressSchema>;
export type Parcel = z.infer<typeof ParcelSchema>;

/** The CSV's columns, in order: what logistics receive, pinned by a test. */
export const MANIFEST_COLUMNS = [
	"order_number",
	"consignee_name",
	"address_line1",
	"address_line2",
	"city",
	"region",
	"postal_code",
	"country",
	"phone",
	"contents",
	// Last, so a reader of the ten columns before it reads what it always did.
	"address_label",
] as const;

/** Checkout seals the address as JSON; anything else is stored data that cannot be shipped to. */
export function parseSealedAddress(text: string): ManifestAddress | null {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return null;
	}
	const parsed = ManifestAddressSchema.safeParse(value);
	if (!parsed.success) return null;
	// Only the address's own fields: a stored extra key is not passed on.
	const { line1, line2, city, region, postalCode, country } = parsed.data;
	return {
		line1,
		...(line2 ? { line2 } : {}),
		city,
		...(region ? { region } : {}),
		postalCode,
		country,
	};
}

/** The consignee as logistics receive it: the label's lines in the country's order, an E.164 phone. */
export function manifestConsignee(
	name: string,
	phone: string,
	address: ManifestAddress,
): Parcel["consignee"] {
	return {
		name,
		phone: normalizePhone(address.country, phone) ?? phone,
		address,
		addressLines: addressLines(address.country, address),
	};
}

export function parcelContents(lines: readonly OrderLineRow[]): Parcel["contents"] {
	return lines.map((line) => ({
		sku: line.sku,
		quantity: line.quantity,
		productName: line.productName,
		size: line.size,
		colour: line.color,
	}));
}

/** "SKU-1 × 2 Aster rug (5x7, sand); SKU-2 × 1 …": one cell a packer can read. */
export function contentsText(contents: Parcel["contents"]): string {
	return contents
		.map((item) => `${item.sku} × ${item.quantity} ${item.productName} (${item.size}, ${item.colour})`)
		.join("; ");
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: formula triggers neutralised, then quoted (quotes doubled) where RFC 4180 needs it. */
export function csvCell(value: string): string {
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function manifestRow(parcel: Parcel): string[] {
	const { name, phone, address, addressLines: label } = parcel.consignee;
	return [
		parcel.orderNumber,
		name,
		address.line1,
		address.line2 ?? "",
		address.city,
		address.region ?? "",
		address.postalCode,
		address.country,
		phone,
		contentsText(parcel.contents),
		// One cell with a line per label line: RFC 4180 quotes it (csvCell).
		label.join("\n"),
	];
}

/** The manifest as CSV: a header row, then one row per parcel, every line ending in CRLF. */
export function manifestCsv(parcels: readonly Parcel[]): string {
	const rows = [[...MANIFEST_COLUMNS], ...parcels.map(manifestRow)];
	return rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
}
