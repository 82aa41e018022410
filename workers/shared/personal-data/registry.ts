// The personal-field registry (issue #9, DESIGN P12): the annotations of all three databases, and
// the questions the rest of the code asks of them. Export, erasure, retention, the raw-state scans
// and the record of processing derive from this one module, so a new personal column is either
// annotated (and then handled everywhere) or fails the registry's completeness test.
import { ANALYTICS_PERSONAL_DATA } from "../../analytics/db/personal-data";
import { COMMERCE_PERSONAL_DATA } from "../../storefront/db/personal-data";
import { VAULT_PERSONAL_DATA } from "../../vault/db/personal-data";
import type { AnnotatedTable, Database, PersonalColumn } from "./annotate";

export const PERSONAL_DATA_REGISTRY: readonly AnnotatedTable[] = [
	...COMMERCE_PERSONAL_DATA,
	...VAULT_PERSONAL_DATA,
	...ANALYTICS_PERSONAL_DATA,
];

export type PersonalField = {
	database: Database;
	table: string;
	column: string;
	/** The drizzle key of the column (`emailCt`). */
	key: string;
} & PersonalColumn;

/** Every personal column of every database, in registry order. */
export function personalFields(database?: Database): PersonalField[] {
	return PERSONAL_DATA_REGISTRY.filter((table) => !database || table.database === database).flatMap((table) =>
		table.columns.flatMap(({ key, column, annotation }) =>
			annotation.personal
				? [{ database: table.database, table: table.table, column, key, ...annotation }]
				: [],
		),
	);
}

/** Sealed columns: `table.field` as the vault binds them, with their column. */
export function sealedFields(database?: Database): (PersonalField & { sealedField: string })[] {
	return personalFields(database).filter(
		(field): field is PersonalField & { sealedField: string } => field.sealedField !== undefined,
	);
}

/** What an inquiry (GDPR Art. 15/20) must contain: personal columns not explicitly left out. */
export function exportedFields(database?: Database): PersonalField[] {
	return personalFields(database).filter((field) => field.notExported === undefined);
}

export function annotatedTable(database: Database, table: string): AnnotatedTable | undefined {
	return PERSONAL_DATA_REGISTRY.find((entry) => entry.database === database && entry.table === table);
}
