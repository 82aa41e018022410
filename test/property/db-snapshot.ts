// Every row of a D1 database, table by table, read in one batch (a property checks it around each
// request, so one round trip matters). The same tables test/pii-scan.ts `dumpAllTables` reads: all
// but the platform's own `_cf_*`.

export type Snapshot = Map<string, string>;

export async function snapshotTables(db: D1Database): Promise<Snapshot> {
	const tables = await db
		.prepare(
			"select name from sqlite_master where type = 'table' and name not like '\\_cf\\_%' escape '\\' order by name",
		)
		.all<{ name: string }>();
	const names = tables.results.map((t) => t.name);
	const results = await db.batch(names.map((name) => db.prepare(`select * from "${name}" order by rowid`)));
	return new Map(names.map((name, i) => [name, JSON.stringify(results[i]?.results ?? [])]));
}

/** The tables whose rows differ, each with a short before/after excerpt; empty when none. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
	const names = new Set([...before.keys(), ...after.keys()]);
	return [...names]
		.filter((name) => before.get(name) !== after.get(name))
		.map((name) => {
			const was = before.get(name) ?? "(absent)";
			const now = after.get(name) ?? "(absent)";
			let i = 0;
			while (i < was.length && was[i] === now[i]) i++;
			const from = Math.max(0, i - 80);
			return `${name}: …${was.slice(from, i + 160)} → …${now.slice(from, i + 160)}`;
		});
}
