// The record of processing (GDPR Art. 30) is the registry's, not a list someone keeps: every
// personal column is in it under its category, purpose, retention rule and safeguard; a new
// annotation shows up without touching the record; and the committed docs/record-of-processing.md
// fails here when it is stale (`npm run privacy:record` rewrites it).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
	buildRecordOfProcessing,
	fieldName,
	RecordOfProcessingSchema,
	recordOfProcessing,
	renderRecordOfProcessing,
} from "../../../workers/shared/personal-data/record";
import { type PersonalField, personalFields } from "../../../workers/shared/personal-data/registry";
import { RECIPIENTS, RETENTION_RULES } from "../../../workers/shared/personal-data/vocabulary";

const record = recordOfProcessing();
const allFields = personalFields().map(fieldName).sort();

describe("docs/record-of-processing.md", () => {
	it("is the registry's record as it stands (run `npm run privacy:record` when this fails)", () => {
		expect(readFileSync(join(process.cwd(), "docs/record-of-processing.md"), "utf8")).toBe(
			renderRecordOfProcessing(record),
		);
	});
});

describe("the record of processing", () => {
	it("has the shape the privacy center serves", () => {
		expect(RecordOfProcessingSchema.parse(record)).toEqual(record);
	});

	for (const section of ["categories", "purposes", "retention", "safeguards"] as const) {
		it(`files every personal column under exactly one of its ${section}`, () => {
			const filed = record[section].flatMap((entry) => entry.fields).sort();
			expect(filed).toEqual(allFields);
		});
	}

	it("names every data subject of every personal column", () => {
		for (const field of personalFields()) {
			for (const subject of field.subjects) {
				const entry = record.subjects.find((candidate) => candidate.id === subject);
				expect(entry?.categories, fieldName(field)).toContain(field.category);
			}
		}
	});

	it("gives each purpose the legal bases of its columns", () => {
		for (const field of personalFields()) {
			const purpose = record.purposes.find((entry) => entry.id === field.purpose);
			expect(
				purpose?.legalBases.map((basis) => basis.id),
				fieldName(field),
			).toContain(field.basis);
		}
	});

	it("says which job ends each retention period", () => {
		for (const entry of record.retention) {
			expect(entry.job).toBe(RETENTION_RULES[entry.rule as keyof typeof RETENTION_RULES].job);
			expect(entry.period.length).toBeGreaterThan(0);
		}
	});

	// DESIGN P10: every recipient and the fields it receives, pinned.
	it("lists every recipient with exactly the columns shared with it", () => {
		const received = Object.fromEntries(record.recipients.map((entry) => [entry.id, entry.fields]));
		expect(Object.keys(received)).toEqual(Object.keys(RECIPIENTS));
		expect(received).toEqual({
			logistics: [
				"commerce.order_contacts.name_ct",
				"commerce.order_contacts.phone_ct",
				"commerce.order_contacts.address_ct",
			],
			payment: [],
			mail: [
				"commerce.order_contacts.email_ct",
				"commerce.consultations.reply_email_ct",
				"vault.credentials.email_ct",
			],
			public: ["commerce.reviews.text_ct", "commerce.reviews.nickname_ct"],
			authorities: ["vault.disclosures.subject_id"],
		});
	});

	it("follows a new annotation without anyone editing the record", () => {
		const added: PersonalField = {
			database: "commerce",
			table: "gift_notes",
			column: "note_ct",
			key: "noteCt",
			personal: true,
			category: "support_text",
			subjects: ["staff"],
			purpose: "privacy_rights",
			basis: "legal_obligation",
			retention: "disclosure",
			sharedWith: ["payment"],
			safeguard: "sealed",
			sealedField: "note",
		};
		const grown = buildRecordOfProcessing([...personalFields(), added]);
		const name = "commerce.gift_notes.note_ct";
		expect(grown.categories.find((entry) => entry.id === "support_text")?.fields).toContain(name);
		expect(grown.subjects.find((entry) => entry.id === "staff")?.categories).toContain("support_text");
		expect(grown.purposes.find((entry) => entry.id === "privacy_rights")?.fields).toContain(name);
		expect(grown.recipients.find((entry) => entry.id === "payment")?.fields).toEqual([name]);
		expect(grown.retention.find((entry) => entry.rule === "disclosure")?.fields).toContain(name);
		expect(renderRecordOfProcessing(grown)).toContain(name);
		expect(renderRecordOfProcessing(grown)).not.toBe(renderRecordOfProcessing(record));
	});

	it("leaves out what no column uses", () => {
		const onlyCarts = buildRecordOfProcessing(personalFields().filter((field) => field.table === "carts"));
		expect(onlyCarts.categories.map((entry) => entry.id)).toEqual(["identifier"]);
		expect(onlyCarts.retention.map((entry) => entry.rule)).toEqual(["cart"]);
		expect(onlyCarts.recipients.every((entry) => entry.fields.length === 0)).toBe(true);
	});
});
