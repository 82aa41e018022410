// How a schema says which of its columns are personal data (issue #9): every column of every table
// gets an annotation beside the schema, typed so that a table cannot gain a column the
// annotations do not name (TypeScript), nor a table go unannotated (test/unit/personal-data).
import { getTableColumns } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type {
	DataCategory,
	DataSubject,
	LegalBasis,
	ProcessingPurpose,
	Recipient,
	RetentionRuleId,
	Safeguard,
} from "./vocabulary";

export type Database = "commerce" | "vault" | "analytics";

export type PersonalColumn = {
	personal: true;
	category: DataCategory;
	subjects: readonly DataSubject[];
	purpose: ProcessingPurpose;
	basis: LegalBasis;
	retention: RetentionRuleId;
	sharedWith: readonly Recipient[];
	safeguard: Safeguard;
	/** Sealed columns: the field name the vault binds the ciphertext to (`email` for `email_ct`). */
	sealedField?: string;
	/** Why an inquiry (the export) leaves this column out, when it does. */
	notExported?: string;
};

export type NonPersonalColumn = { personal: false; why: string };
export type ColumnAnnotation = PersonalColumn | NonPersonalColumn;

/** One annotation per column, keyed as the drizzle table names its columns. */
export type TableAnnotations<T extends SQLiteTable> = {
	[K in keyof T["$inferSelect"]]-?: ColumnAnnotation;
};

export type AnnotatedColumn = { key: string; column: string; annotation: ColumnAnnotation };
export type AnnotatedTable = {
	database: Database;
	table: string;
	/** What the table is, for the record of processing. */
	description: string;
	columns: readonly AnnotatedColumn[];
};

export function annotate<T extends SQLiteTable>(
	database: Database,
	table: T,
	description: string,
	annotations: TableAnnotations<T>,
): AnnotatedTable {
	const columns = Object.entries(getTableColumns(table)).map(([key, column]) => {
		const annotation = (annotations as Record<string, ColumnAnnotation | undefined>)[key];
		if (!annotation) throw new Error(`${getTableConfig(table).name}.${column.name} is not annotated`);
		return { key, column: column.name, annotation };
	});
	return { database, table: getTableConfig(table).name, description, columns };
}

export function nonPersonal(why: string): NonPersonalColumn {
	return { personal: false, why };
}

export type PersonalTraits = Omit<PersonalColumn, "personal">;

export function personal(traits: PersonalTraits): PersonalColumn {
	return { personal: true, ...traits };
}

/** A ciphertext column: personal, sealed under the subject's key, bound to `field`. */
export function sealed(
	field: string,
	traits: Omit<PersonalTraits, "safeguard" | "sealedField">,
): PersonalColumn {
	return { personal: true, ...traits, safeguard: "sealed", sealedField: field };
}

// Presets both databases' registries use, so the record of processing states the account's
// processing and a row's timestamps in one wording, whichever database holds the column.

/** An account holder's data, kept for the account's lifetime to provide it (contract). */
export const accountData = {
	subjects: ["customers"],
	purpose: "account",
	basis: "contract",
	retention: "account_lifetime",
	sharedWith: [],
} as const satisfies Omit<PersonalTraits, "category" | "safeguard">;

export const TIMESTAMP = nonPersonal(
	"when the row changed; personal only through the row's owner, named elsewhere",
);
