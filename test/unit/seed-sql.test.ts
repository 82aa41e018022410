import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { generateCatalog } from "../../workers/storefront/catalog/seed-data";
import { insertStatements, sqlLiteral } from "../../workers/storefront/catalog/seed-sql";
import { categories, products, variants } from "../../workers/storefront/db/schema";

function migratedDatabase(): DatabaseSync {
	const db = new DatabaseSync(":memory:");
	const dir = join(import.meta.dirname, "../../migrations/loomwash");
	const files = readdirSync(dir).filter((f) => f.endsWith(".sql"));
	for (const file of files.sort()) db.exec(readFileSync(join(dir, file), "utf8"));
	return db;
}

describe("sqlLiteral", () => {
	it("quotes strings by doubling single quotes and writes booleans as 0/1", () => {
		expect(sqlLiteral("it's")).toBe("'it''s'");
		expect(sqlLiteral(true)).toBe("1");
		expect(sqlLiteral(false)).toBe("0");
		expect(sqlLiteral(null)).toBe("NULL");
		expect(sqlLiteral(-12)).toBe("-12");
	});

	it("refuses values it cannot write faithfully", () => {
		expect(() => sqlLiteral(Number.NaN)).toThrow();
		expect(() => sqlLiteral(undefined)).toThrow();
		expect(() => sqlLiteral({})).toThrow();
	});
});

describe("insertStatements", () => {
	it("loads the generated catalog into the migrated schema unchanged", () => {
		const data = generateCatalog();
		const db = migratedDatabase();
		const sql = [
			...insertStatements(categories, data.categories),
			...insertStatements(products, data.products),
			...insertStatements(variants, data.variants),
		];
		for (const statement of sql) db.exec(statement);

		expect(db.prepare("SELECT COUNT(*) AS n FROM variants").get()).toEqual({ n: data.variants.length });
		const first = data.products[0];
		const row = db
			.prepare(
				"SELECT slug, description, machine_washable AS w, min_price_minor AS p FROM products WHERE id = 1",
			)
			.get();
		expect(row).toEqual({
			slug: first?.slug,
			description: first?.description,
			w: 1,
			p: first?.minPriceMinor,
		});
	});

	it("keeps quotes inside values from breaking out of the literal", () => {
		const db = migratedDatabase();
		const hostile = { id: 1, slug: "x", name: "Bob's rug'); DROP TABLE categories; --", description: "d" };
		for (const statement of insertStatements(categories, [hostile])) db.exec(statement);
		expect(db.prepare("SELECT name FROM categories").all()).toEqual([{ name: hostile.name }]);
	});

	it("splits rows into statements of the requested size", () => {
		const rows = generateCatalog().categories;
		expect(insertStatements(categories, rows, 3)).toHaveLength(Math.ceil(rows.length / 3));
	});
});
