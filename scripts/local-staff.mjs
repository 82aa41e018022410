// Staff for local development: a local Access signing key (kept in .wrangler/, never committed),
// staff records in the vault's database, and tokens signed like Cloudflare Access's. The vault
// accepts these only under the reserved local issuer, which no production configuration uses.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { exportJWK, generateKeyPair, importJWK, SignJWT } from "jose";
import { entryHash, GENESIS_HASH } from "../workers/vault/audit/chain.ts";
import { blindIndex } from "../workers/vault/crypto/blind-index.ts";

const ROOT = new URL("../", import.meta.url);
const KEY_FILE = new URL(".wrangler/staff-dev-key.json", ROOT);
export const LOCAL_ISSUER = "https://access.loomwash.localhost";
export const AUDIENCE = "loomwash-staff-console";
export const ROLES = ["support", "fulfilment", "compliance", "admin"];
const KID = "local-dev";

export async function localStaffKey() {
	if (!existsSync(KEY_FILE)) {
		const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
		mkdirSync(new URL(".wrangler/", ROOT), { recursive: true });
		const key = {
			public: { ...(await exportJWK(publicKey)), kid: KID, alg: "RS256", use: "sig" },
			private: { ...(await exportJWK(privateKey)), kid: KID, alg: "RS256" },
		};
		writeFileSync(KEY_FILE, JSON.stringify(key), { mode: 0o600 });
	}
	return { issuer: LOCAL_ISSUER, ...JSON.parse(readFileSync(KEY_FILE, "utf8")) };
}

/** The local identity of a role: one staff member per role, so tokens need no bookkeeping. */
export function localStaffEmail(role) {
	return `${role}@staff.loomwash.localhost`;
}

export function readDevVar(file, name) {
	const path = new URL(file, ROOT);
	if (!existsSync(path)) return undefined;
	const line = readFileSync(path, "utf8")
		.split("\n")
		.find((l) => l.startsWith(`${name}=`));
	return line?.slice(name.length + 1);
}

export function parseArgs(argv, allowed) {
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}`);
		const name = arg.slice(2);
		if (!allowed.includes(name)) throw new Error(`unknown option --${name} (known: ${allowed.join(", ")})`);
		const next = argv[i + 1];
		if (next === undefined || next.startsWith("--")) args[name] = true;
		else {
			args[name] = next;
			i++;
		}
	}
	return args;
}

function d1(args, { remote, persistTo }) {
	const where = remote ? ["--remote"] : ["--local", "--persist-to", persistTo];
	const out = execFileSync(
		process.execPath,
		[
			new URL("node_modules/wrangler/bin/wrangler.js", ROOT).pathname,
			"d1",
			"execute",
			"loomwash_vault",
			"-c",
			"workers/vault/wrangler.toml",
			...where,
			"--json",
			...args,
		],
		{ cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
	);
	return JSON.parse(out.toString("utf8")).flatMap((result) => result.results ?? []);
}

/**
 * Adds a staff member straight in the vault's database, with its own audit entry
 * (`staff.bootstrap`, chained like every other), and nothing when the identity is staff already.
 * The identity is stored only as a blind index under the vault's BLIND_INDEX_KEY: locally from
 * workers/vault/.dev.vars, remotely from the BLIND_INDEX_KEY environment variable. Remotely it
 * works only while there is no active admin: after that, staff are the audited staff API's job.
 * Returns what happened: "added", "exists" or "refused".
 */
export async function upsertStaff({ email, role, remote = false, persistTo = ".wrangler/state" }) {
	if (!ROLES.includes(role)) throw new Error(`role must be one of ${ROLES.join(", ")}`);
	const key = remote ? process.env.BLIND_INDEX_KEY : readDevVar("workers/vault/.dev.vars", "BLIND_INDEX_KEY");
	if (!key) {
		throw new Error(
			remote
				? "set BLIND_INDEX_KEY to the vault's secret to add staff remotely"
				: "workers/vault/.dev.vars has no BLIND_INDEX_KEY: run `npm run setup:local` first",
		);
	}
	const where = { remote, persistTo };
	// Values below are generated or checked (base64url, hex, a known role, digits): nothing to escape.
	const bidx = await blindIndex(key, "staff_email", email);
	if (d1(["--command", `SELECT id FROM staff WHERE email_bidx = '${bidx}'`], where).length > 0)
		return "exists";
	if (
		remote &&
		d1(["--command", "SELECT id FROM staff WHERE role = 'admin' AND status = 'active'"], where).length > 0
	) {
		return "refused";
	}
	const id = `stf_${Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString("base64url")}`;
	const now = Date.now();
	for (let attempt = 0; attempt < 3; attempt++) {
		const [head] = d1(["--command", "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"], where);
		const entry = {
			seq: (head?.seq ?? 0) + 1,
			at: now,
			actorKind: "operator",
			actorId: "bootstrap",
			actorRole: null,
			action: "staff.bootstrap",
			purpose: null,
			outcome: "allowed",
			reason: `role=${role}`,
			subjects: JSON.stringify([id]),
			fields: "[]",
			itemCount: 1,
			requestId: null,
			prevHash: head?.hash ?? GENESIS_HASH,
		};
		const hash = await entryHash(entry);
		// The record's integrity tag, as the vault computes it, naming this entry.
		const mac = await blindIndex(key, "staff_record", `${id}|${bidx}|${role}|active|${entry.seq}`);
		try {
			d1(
				[
					"--command",
					"INSERT INTO audit_log (seq, at, actor_kind, actor_id, actor_role, action, purpose, outcome, reason, subjects, fields, item_count, request_id, prev_hash, hash) " +
						`VALUES (${entry.seq}, ${now}, 'operator', 'bootstrap', NULL, 'staff.bootstrap', NULL, 'allowed', 'role=${role}', '${entry.subjects}', '[]', 1, NULL, '${entry.prevHash}', '${hash}'); ` +
						"INSERT INTO staff (id, email_bidx, role, status, created_at, updated_at, created_by, audit_seq, mac) " +
						`VALUES ('${id}', '${bidx}', '${role}', 'active', ${now}, ${now}, 'bootstrap', ${entry.seq}, '${mac}')`,
				],
				where,
			);
			return "added";
		} catch (err) {
			// The vault appended meanwhile (the chain trigger refused): take the new head.
			if (attempt === 2) throw err;
		}
	}
	return "refused";
}

export async function mintLocalToken(email, { hours = 8 } = {}) {
	const key = await localStaffKey();
	return new SignJWT({ email, type: "app" })
		.setProtectedHeader({ alg: "RS256", kid: KID })
		.setSubject(crypto.randomUUID())
		.setIssuer(LOCAL_ISSUER)
		.setAudience(AUDIENCE)
		.setIssuedAt()
		.setExpirationTime(`${hours}h`)
		.sign(await importJWK(key.private, "RS256"));
}
