// The personal-field registry is complete by construction: every table of every schema module is
// annotated, every column of it, and nothing is annotated that the schema does not have. A new
// column fails here (and in tsc) until someone says whether it is personal data.
import { getTableColumns, is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as analyticsSchema from "../../../workers/analytics/db/schema";
import type { Database } from "../../../workers/shared/personal-data/annotate";
import {
	PERSONAL_DATA_REGISTRY,
	personalFields,
	sealedFields,
} from "../../../workers/shared/personal-data/registry";
import {
	DATA_CATEGORIES,
	DATA_SUBJECTS,
	LEGAL_BASES,
	PROCESSING_PURPOSES,
	RECIPIENTS,
	RETENTION_RULES,
	SAFEGUARDS,
} from "../../../workers/shared/personal-data/vocabulary";
import * as commerceSchema from "../../../workers/storefront/db/schema";
import * as vaultSchema from "../../../workers/vault/db/schema";

const SCHEMAS: Record<Database, Record<string, unknown>> = {
	commerce: commerceSchema,
	vault: vaultSchema,
	analytics: analyticsSchema,
};

function schemaColumns(database: Database): string[] {
	return Object.values(SCHEMAS[database])
		.filter((value): value is SQLiteTable => is(value, SQLiteTable))
		.flatMap((table) =>
			Object.values(getTableColumns(table)).map((column) => `${getTableConfig(table).name}.${column.name}`),
		);
}

function registryColumns(database: Database): string[] {
	return PERSONAL_DATA_REGISTRY.filter((table) => table.database === database).flatMap((table) =>
		table.columns.map(({ column }) => `${table.table}.${column}`),
	);
}

describe("the personal-field registry", () => {
	for (const database of ["commerce", "vault", "analytics"] as const) {
		it(`annotates exactly the columns of the ${database} schema`, () => {
			const schema = schemaColumns(database).sort();
			expect(schema.length).toBeGreaterThan(0);
			expect(registryColumns(database).sort()).toEqual(schema);
		});
	}

	it("names each table once", () => {
		const names = PERSONAL_DATA_REGISTRY.map((table) => `${table.database}.${table.table}`);
		expect(new Set(names).size).toBe(names.length);
	});

	it("uses only the vocabulary's words", () => {
		for (const field of personalFields()) {
			const where = `${field.table}.${field.column}`;
			expect(DATA_CATEGORIES, where).toHaveProperty(field.category);
			expect(PROCESSING_PURPOSES, where).toHaveProperty(field.purpose);
			expect(LEGAL_BASES, where).toHaveProperty(field.basis);
			expect(RETENTION_RULES, where).toHaveProperty(field.retention);
			expect(SAFEGUARDS, where).toHaveProperty(field.safeguard);
			for (const subject of field.subjects) expect(DATA_SUBJECTS, where).toHaveProperty(subject);
			for (const recipient of field.sharedWith) expect(RECIPIENTS, where).toHaveProperty(recipient);
		}
	});

	it("marks every ciphertext column (`*_ct`) as sealed, and only those", () => {
		const ciphertextColumns = [...schemaColumns("commerce"), ...schemaColumns("vault")].filter((name) =>
			name.endsWith("_ct"),
		);
		const sealed = sealedFields().map((field) => `${field.table}.${field.column}`);
		expect(sealed.sort()).toEqual(ciphertextColumns.sort());
	});

	it("keeps the analytics database free of personal data", () => {
		expect(personalFields("analytics")).toEqual([]);
	});
});
