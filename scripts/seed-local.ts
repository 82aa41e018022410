// Seeds the LOCAL D1 database with the generated demo catalog, once: it does nothing when
// products already exist, so `npm run setup:local` can run before every `npm start`.
//   node scripts/seed-local.ts [--persist-to DIR]   (default: wrangler's own, .wrangler/state)
// The end-to-end tests seed a throwaway state folder with --persist-to.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import * as z from "zod";
import { generateCatalog } from "../workers/storefront/catalog/seed-data.ts";
import { insertStatements } from "../workers/storefront/catalog/seed-sql.ts";
import { categories, products, variantPrices, variants } from "../workers/storefront/db/schema.ts";
import { seedPriceRows } from "../workers/storefront/markets/price-lists.ts";

const DATABASE = "loomwash";

const { values: args } = parseArgs({ options: { "persist-to": { type: "string" } } });
// Absolute, so the folder does not depend on where wrangler thinks the project is.
const persistArgs = args["persist-to"] ? ["--persist-to", resolve(args["persist-to"])] : [];

const countOutput = z
	.array(z.object({ results: z.array(z.object({ n: z.number().int().nonnegative() })).length(1) }))
	.length(1);

function wrangler(args: string[]): string {
	return execFileSync("npx", ["wrangler", ...args], {
		encoding: "utf8",
		env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
		stdio: ["ignore", "pipe", "inherit"],
	});
}

function countProducts(): number {
	const out = wrangler([
		"d1",
		"execute",
		DATABASE,
		"--local",
		...persistArgs,
		"--json",
		"--command",
		"SELECT COUNT(*) AS n FROM products",
	]);
	const parsed = countOutput.parse(JSON.parse(out));
	return parsed[0]?.results[0]?.n ?? 0;
}

const existing = countProducts();
if (existing > 0) {
	console.log(`local catalog already has ${existing} products, not seeding`);
} else {
	const data = generateCatalog();
	const sql = [
		...insertStatements(categories, data.categories),
		...insertStatements(products, data.products),
		...insertStatements(variants, data.variants),
		...insertStatements(variantPrices, seedPriceRows(data.variants)),
	].join("\n");
	const dir = mkdtempSync(join(tmpdir(), "loomwash-seed-"));
	try {
		const file = join(dir, "catalog.sql");
		writeFileSync(file, sql);
		wrangler(["d1", "execute", DATABASE, "--local", ...persistArgs, "--file", file]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	console.log(
		`seeded local catalog: ${data.categories.length} categories, ${data.products.length} products, ${data.variants.length} variants`,
	);
}
