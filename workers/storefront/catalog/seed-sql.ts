// Renders rows as literal INSERT statements for `wrangler d1 execute --file`, which takes SQL
// text rather than bound parameters. Only generated seed data goes through here, never
// shopper input. No relative runtime imports: scripts/seed-local.ts loads this under plain node.
import { getTableColumns, getTableName } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

export function sqlLiteral(value: unknown): string {
	if (value === null) return "NULL";
	if (typeof value === "boolean") return value ? "1" : "0";
	if (typeof value === "number" && Number.isFinite(value)) return String(value);
	if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
	throw new Error(`cannot write ${typeof value} as an SQL literal`);
}

/** INSERT statements for `rows` of `table`, a chunk of rows each; column names come from the drizzle table. */
export function insertStatements<T extends SQLiteTable>(
	table: T,
	rows: readonly T["$inferSelect"][],
	rowsPerStatement = 50,
): string[] {
	const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, name: column.name }));
	const head = `INSERT INTO "${getTableName(table)}" (${columns.map((c) => `"${c.name}"`).join(", ")}) VALUES`;
	const statements: string[] = [];
	for (let i = 0; i < rows.length; i += rowsPerStatement) {
		const values = rows.slice(i, i + rowsPerStatement).map((row) => {
			const record = row as Record<string, unknown>;
			return `(${columns.map((c) => sqlLiteral(record[c.key])).join(", ")})`;
		});
		statements.push(`${head}\n${values.join(",\n")};`);
	}
	return statements;
}
