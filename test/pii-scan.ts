// What the raw-state scans share (workerd tests and the Node e2e alike): every form a personal
// marker could be written in, and a dump of every table a D1 database holds.

/** Plain, lower case, base64, base64url, hex (both cases), URL-encoded. */
export function encodingsOf(marker: string): string[] {
	const bytes = new TextEncoder().encode(marker);
	const base64 = btoa(String.fromCharCode(...bytes)).replace(/=+$/, "");
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
	return [
		marker,
		marker.toLowerCase(),
		base64,
		base64.replace(/\+/g, "-").replace(/\//g, "_"),
		hex,
		hex.toUpperCase(),
		encodeURIComponent(marker),
	];
}

type Queryable = {
	prepare(sql: string): { all<T = Record<string, unknown>>(): Promise<{ results: T[] }> };
};

/** `name: [rows…]` for every table but the platform's own (`_cf_*`, not readable through D1). */
export async function dumpAllTables(db: Queryable): Promise<string> {
	const tables = await db
		.prepare("select name from sqlite_master where type = 'table'")
		.all<{ name: string }>();
	const dumps: string[] = [];
	for (const { name } of tables.results) {
		if (name.startsWith("_cf_")) continue;
		const rows = await db.prepare(`select * from "${name}"`).all();
		dumps.push(`${name}: ${JSON.stringify(rows.results)}`);
	}
	return dumps.join("\n");
}
