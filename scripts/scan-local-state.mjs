// Scans every raw byte of the local state (.wrangler/state: both SQLite databases with their WAL
// files, queues, caches) for the identifiers `analytics:simulate` sent, in plain, URL-encoded,
// base64 and hex forms. Exits 1 on any hit.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const markersFile = new URL("../.wrangler/simulate-markers.json", import.meta.url);
const stateDir = new URL("../.wrangler/state/", import.meta.url).pathname;
if (!existsSync(markersFile) || !existsSync(stateDir)) {
	console.error("Nothing to scan: run `npm start` and `npm run analytics:simulate` first.");
	process.exit(1);
}
const markers = Object.values(JSON.parse(readFileSync(markersFile, "utf8")));
const needles = markers.flatMap((marker) => {
	const bytes = Buffer.from(marker, "utf8");
	return [
		marker,
		encodeURIComponent(marker),
		bytes.toString("base64").replace(/=+$/, ""),
		bytes.toString("hex"),
	].map((form) => ({ marker, form, bytes: Buffer.from(form.toLowerCase(), "utf8") }));
});

function* files(dir) {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) yield* files(path);
		else yield path;
	}
}

let scanned = 0;
let bytes = 0;
const hits = [];
for (const path of files(stateDir)) {
	const content = Buffer.from(readFileSync(path).toString("latin1").toLowerCase(), "latin1");
	scanned += 1;
	bytes += content.length;
	for (const needle of needles) {
		if (content.includes(needle.bytes)) hits.push(`${path}: ${needle.marker} (as ${needle.form})`);
	}
}
console.log(
	`scanned ${scanned} files, ${bytes} bytes, for ${markers.length} identifiers in ${needles.length} forms`,
);
if (hits.length > 0) {
	console.error(`FOUND identifiers in the local state:\n${hits.join("\n")}`);
	process.exit(1);
}
console.log("no identifier found in the raw local state");
