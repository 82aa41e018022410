// The logistics manifest (issue #8, DESIGN P10): exactly the order number, consignee name, address,
// phone and parcel contents of packed orders, opened through one vault `open` for the purpose
// fulfilment, audited per export; CSV that is RFC 4180 and safe in a spreadsheet.
import { describe, expect, it } from "vitest";
import {
	csvCell,
	MANIFEST_COLUMNS,
	manifestConsignee,
	manifestCsv,
	type Parcel,
	parseSealedAddress,
} from "../../../workers/storefront/fulfilment/manifest";
import { asRole, auditHead, auditSince, orderAt, recordingVault, staffRequest } from "./fulfilment-fixtures";

const HEADER =
	"order_number,consignee_name,address_line1,address_line2,city,region,postal_code,country,phone,contents,address_label";

const PARCEL: Parcel = {
	orderNumber: "LW-7K2M-9QXA-4TPB",
	consignee: {
		name: "Ada Lovelace",
		phone: "+1 415 555 0100",
		address: {
			line1: "1 Market St",
			city: "San Francisco",
			region: "CA",
			postalCode: "94103",
			country: "US",
		},
		addressLines: ["1 Market St", "San Francisco CA 94103"],
	},
	contents: [
		{ sku: "SKU-1", quantity: 2, productName: "Aster rug", size: "5x7", colour: "sand" },
		{ sku: "SKU-2", quantity: 1, productName: "Birch runner", size: "2.5x8", colour: "heather-grey" },
	],
};

type ManifestJson = { parcels: Parcel[]; nextCursor: string | null };

function manifest(token: string | null, query: string, vault?: Env["VAULT"]) {
	return staffRequest(token, `/api/v1/staff/orders/manifest?${query}`, { vault });
}

/** The rows of a CSV without quoted line breaks (what these tests export). */
function csvLines(text: string): string[] {
	expect(text.endsWith("\r\n")).toBe(true);
	return text.slice(0, -2).split("\r\n");
}

describe("the manifest CSV (pure)", () => {
	it("has exactly these columns, in this order", () => {
		expect(MANIFEST_COLUMNS.join(",")).toBe(HEADER);
		expect(csvLines(manifestCsv([]))).toEqual([HEADER]);
	});

	it("writes one row per parcel, formula-safe and quoted as RFC 4180 asks", () => {
		expect(csvLines(manifestCsv([PARCEL]))).toEqual([
			HEADER,
			"LW-7K2M-9QXA-4TPB,Ada Lovelace,1 Market St,,San Francisco,CA,94103,US,'+1 415 555 0100," +
				'"SKU-1 × 2 Aster rug (5x7, sand); SKU-2 × 1 Birch runner (2.5x8, heather-grey)",' +
				'"1 Market St\nSan Francisco CA 94103"',
		]);
	});

	it("writes the label as the destination's post does: Japan's postcode first, Britain's last", () => {
		const japan = manifestConsignee("山田 花子", "03-1234-5678", {
			line1: "丸の内1-1-1",
			line2: "丸の内ビル 5F",
			city: "千代田区",
			region: "東京都",
			postalCode: "100-0005",
			country: "JP",
		});
		expect(japan.addressLines).toEqual(["100-0005", "東京都 千代田区", "丸の内1-1-1", "丸の内ビル 5F"]);
		expect(japan.phone).toBe("+81312345678");
		const britain = manifestConsignee("Grace Hopper", "020 7946 0958", {
			line1: "7 Harbour Road",
			city: "Leith",
			postalCode: "EH6 6AA",
			country: "GB",
		});
		expect(britain.addressLines).toEqual(["7 Harbour Road", "Leith", "EH6 6AA"]);
		expect(britain.phone).toBe("+442079460958");
		// The structured fields stay as they were, for a carrier's import.
		expect(britain.address).toEqual({
			line1: "7 Harbour Road",
			city: "Leith",
			postalCode: "EH6 6AA",
			country: "GB",
		});

		const [, row] = csvLines(
			manifestCsv([{ orderNumber: "LW-7K2M-9QXA-4TPB", consignee: japan, contents: PARCEL.contents }]),
		);
		expect(row).toMatch(/,'\+81312345678,"[^"]+","100-0005\n東京都 千代田区\n丸の内1-1-1\n丸の内ビル 5F"$/);
	});

	it("writes the phone in E.164, keeping one that fits no rule as the shopper gave it", () => {
		const address = PARCEL.consignee.address;
		expect(manifestConsignee("A", "(415) 555-0100", address).phone).toBe("+14155550100");
		expect(manifestConsignee("A", "1-415-555-0100", address).phone).toBe("+14155550100");
		// A number from another country, written internationally, stays that country's.
		expect(manifestConsignee("A", "0044 20 7946 0958", address).phone).toBe("+442079460958");
		expect(manifestConsignee("A", "555 0100", address).phone).toBe("555 0100");
		expect(manifestConsignee("A", "ext. 12", address).phone).toBe("ext. 12");
	});

	it("neutralises every formula trigger and quotes separators, quotes and line breaks", () => {
		expect(csvCell('=HYPERLINK("http://evil.example")')).toBe('"\'=HYPERLINK(""http://evil.example"")"');
		expect(csvCell("+SUM(A1)")).toBe("'+SUM(A1)");
		expect(csvCell("-2+3")).toBe("'-2+3");
		expect(csvCell("@cmd")).toBe("'@cmd");
		expect(csvCell("\tTAB")).toBe("'\tTAB");
		expect(csvCell("\rCR")).toBe('"\'\rCR"');
		expect(csvCell("a,b")).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell("two\nlines")).toBe('"two\nlines"');
		expect(csvCell("Plain 1=1")).toBe("Plain 1=1");
	});

	it("passes on only the address's own fields, and refuses an address it cannot read", () => {
		expect(
			parseSealedAddress(JSON.stringify({ ...PARCEL.consignee.address, line2: "", note: "ring twice" })),
		).toEqual(PARCEL.consignee.address);
		expect(parseSealedAddress("not json")).toBeNull();
		expect(parseSealedAddress(JSON.stringify({ line1: "x" }))).toBeNull();
	});
});

describe("GET /api/v1/staff/orders/manifest", () => {
	it("lists packed orders only, with exactly the manifest's fields, through one audited vault open", async () => {
		const packed = await orderAt("packed", {
			body: {
				name: "Grace Hopper",
				phone: "020 7946 0958",
				address: {
					line1: "7 Harbour Road",
					line2: "Flat 2",
					city: "Leith",
					postalCode: "EH6 6AA",
					country: "GB",
				},
			},
		});
		const paid = await orderAt("paid");
		const shipped = await orderAt("shipped");
		const token = await asRole("fulfilment");
		const { vault, calls } = recordingVault();
		const seq = await auditHead();

		const res = await manifest(token, "format=json", vault);
		expect(res.status).toBe(200);
		expect(res.headers.get("cache-control")).toBe("no-store");
		expect(res.headers.get("content-disposition")).toMatch(
			/^attachment; filename="loomwash-manifest-\d{8}-\d{4}\.json"$/,
		);
		const body = (await res.json()) as ManifestJson;
		const numbers = body.parcels.map((p) => p.orderNumber);
		expect(numbers).toContain(packed.number);
		expect(numbers).not.toContain(paid.number);
		expect(numbers).not.toContain(shipped.number);
		const parcel = body.parcels.find((p) => p.orderNumber === packed.number);
		expect(parcel).toEqual({
			orderNumber: packed.number,
			consignee: {
				name: "Grace Hopper",
				// As the shopper typed it nationally; the carrier gets E.164.
				phone: "+442079460958",
				address: {
					line1: "7 Harbour Road",
					line2: "Flat 2",
					city: "Leith",
					postalCode: "EH6 6AA",
					country: "GB",
				},
				// A British label: town, then the postcode on a line of its own.
				addressLines: ["7 Harbour Road", "Flat 2", "Leith", "EH6 6AA"],
			},
			contents: [
				{
					sku: expect.stringMatching(/^SKU-\d+$/),
					quantity: 1,
					productName: expect.stringMatching(/^Washable rug \d+$/),
					size: "120x180",
					colour: "sand",
				},
			],
		});
		// Never the email, nor money.
		expect(JSON.stringify(body)).not.toMatch(/@|totalMinor|priceMinor/);

		// One open for the whole export, for fulfilment, of name, phone and address only.
		const opens = calls.filter((call) => call.method === "open");
		expect(opens).toHaveLength(1);
		const request = opens[0]?.request as { purpose: string; items: { field: string; table: string }[] };
		expect(request.purpose).toBe("fulfilment");
		expect(new Set(request.items.map((item) => `${item.table}.${item.field}`))).toEqual(
			new Set(["order_contacts.name", "order_contacts.phone", "order_contacts.address"]),
		);
		expect(request.items).toHaveLength(body.parcels.length * 3);

		// And one audit entry for it, naming every parcel's subject and the fields.
		const entries = (await auditSince(seq)).filter((e) => e.action === "open");
		expect(entries).toEqual([
			expect.objectContaining({
				actor_role: "fulfilment",
				purpose: "fulfilment",
				outcome: "allowed",
				fields: JSON.stringify(["order_contacts.address", "order_contacts.name", "order_contacts.phone"]),
				item_count: body.parcels.length * 3,
			}),
		]);
		expect((JSON.parse(entries[0]?.subjects ?? "[]") as string[]).length).toBe(body.parcels.length);
	});

	it("exports CSV with the pinned columns, neutralising formulas a shopper typed", async () => {
		const hostile = await orderAt("packed", {
			body: {
				name: '=HYPERLINK("http://evil.example","Click")',
				address: { line1: "@SUM(1+1)", city: "-Reno", region: "NV", postalCode: "89501", country: "US" },
			},
		});
		const token = await asRole("fulfilment");
		const seq = await auditHead();
		const res = await manifest(token, "format=csv");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
		expect(res.headers.get("content-disposition")).toMatch(
			/^attachment; filename="loomwash-manifest-[\d-]+\.csv"$/,
		);
		expect(res.headers.get("cache-control")).toBe("no-store");
		const lines = csvLines(await res.text());
		expect(lines[0]).toBe(HEADER);
		const row = lines.find((line) => line.startsWith(hostile.number));
		expect(row).toMatch(
			new RegExp(
				`^${hostile.number},"'=HYPERLINK\\(""http://evil.example"",""Click""\\)",'@SUM\\(1\\+1\\),,'-Reno,NV,89501,US,'\\+14155550100,"SKU-\\d+ × 1 Washable rug \\d+ \\(120x180, sand\\)","'@SUM\\(1\\+1\\)\\n-Reno NV 89501"$`,
			),
		);
		expect(
			lines.slice(1).every((line) => !/^[=+\-@]/.test(line) && !line.includes(",=") && !line.includes(",@")),
		).toBe(true);
		expect(
			(await auditSince(seq)).filter((e) => e.action === "open" && e.purpose === "fulfilment"),
		).toHaveLength(1);
	});

	it("exports a Japanese parcel with its label in Japan's order and its phone in E.164", async () => {
		const japan = await orderAt("packed", {
			body: {
				name: "山田 花子",
				phone: "090-1234-5678",
				address: {
					line1: "丸の内1-1-1",
					city: "千代田区",
					region: "東京都",
					postalCode: "100-0005",
					country: "JP",
				},
			},
		});
		const token = await asRole("fulfilment");
		const body = (await (await manifest(token, "format=json")).json()) as ManifestJson;
		expect(body.parcels.find((p) => p.orderNumber === japan.number)?.consignee).toMatchObject({
			name: "山田 花子",
			phone: "+819012345678",
			addressLines: ["100-0005", "東京都 千代田区", "丸の内1-1-1"],
		});
		const lines = csvLines(await (await manifest(token, "format=csv")).text());
		expect(lines.find((line) => line.startsWith(japan.number))).toMatch(
			/,JP,'\+819012345678,"[^"]+","100-0005\n東京都 千代田区\n丸の内1-1-1"$/,
		);
	});

	it("pages by cursor, each page its own audited export", async () => {
		const token = await asRole("fulfilment");
		await orderAt("packed");
		await orderAt("packed");
		const seq = await auditHead();
		const first = await manifest(token, "format=json&limit=1");
		const page1 = (await first.json()) as ManifestJson;
		expect(page1.parcels).toHaveLength(1);
		expect(page1.nextCursor).toMatch(/^\d+\.[0-9a-f-]{36}$/);
		expect(first.headers.get("x-next-cursor")).toBe(page1.nextCursor);
		const page2 = (await (
			await manifest(token, `format=json&limit=1&cursor=${page1.nextCursor}`)
		).json()) as ManifestJson;
		expect(page2.parcels).toHaveLength(1);
		expect(page2.parcels[0]?.orderNumber).not.toBe(page1.parcels[0]?.orderNumber);
		expect(
			(await auditSince(seq)).filter((e) => e.action === "open" && e.outcome === "allowed"),
		).toHaveLength(2);
	});

	it("is refused to other roles (audited) and to bad queries, opening nothing", async () => {
		await orderAt("packed");
		for (const role of ["support", "compliance", "admin"] as const) {
			const seq = await auditHead();
			expect((await manifest(await asRole(role), "format=csv")).status, role).toBe(403);
			const entries = await auditSince(seq);
			expect(entries).toContainEqual(expect.objectContaining({ action: "orders.fulfil", outcome: "denied" }));
			expect(entries.filter((e) => e.action === "open")).toEqual([]);
		}
		expect((await manifest(null, "format=csv")).status).toBe(401);
		const token = await asRole("fulfilment");
		for (const query of [
			"",
			"format=xlsx",
			"format=csv&limit=0",
			"format=csv&limit=167",
			"format=csv&cursor=x",
			"format=csv&extra=1",
		]) {
			expect((await manifest(token, query)).status, query).toBe(400);
		}
	});
});
