// Staff for the e2e tests: the first admin written into the run's vault as `npm run staff:add`
// does, the others added through the audited staff API, each with a local Access token.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { importJWK, SignJWT } from "jose";
import { expect, inject } from "vitest";
import type { StaffRole } from "../../workers/shared/vault-contract.ts";
import { entryHash, GENESIS_HASH } from "../../workers/vault/audit/chain.ts";
import { api } from "./http-client.ts";
import { d1File } from "./shop.ts";

const LOCAL_ISSUER = "https://access.loomwash.localhost";
const ACCESS_AUDIENCE = "loomwash-staff-console";

/** One of the run's vault settings, from the .dev.vars global-setup.ts wrote beside its state. */
export function vaultDevVar(name: string): string {
	const file = join(dirname(inject("e2eStateDir")), "vault/.dev.vars");
	const line = readFileSync(file, "utf8")
		.split("\n")
		.find((l) => l.startsWith(`${name}=`));
	if (!line) throw new Error(`${file} has no ${name}`);
	return line.slice(name.length + 1);
}

/**
 * workers/vault/crypto/blind-index.ts in Node (it needs the Workers' CryptoKey type, which the
 * Node typecheck lacks): HMAC-SHA256 of `kind NUL value` as unpadded base64url.
 */
function blindIndex(keyBase64: string, kind: "staff_email" | "staff_record", value: string): string {
	const normalized = kind === "staff_email" ? value.normalize("NFC").trim().toLowerCase() : value;
	return createHmac("sha256", Buffer.from(keyBase64, "base64"))
		.update(`${kind}\u0000${normalized}`)
		.digest("base64url");
}

/**
 * The first admin, written into the vault's database as `npm run staff:add` does
 * (scripts/local-staff.mjs): a chained staff.bootstrap audit entry and the record's integrity tag.
 */
export async function bootstrapAdmin(email: string): Promise<void> {
	const key = vaultDevVar("BLIND_INDEX_KEY");
	const bidx = blindIndex(key, "staff_email", email);
	const id = `stf_${Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString("base64url")}`;
	const db = new DatabaseSync(d1File("staff"));
	try {
		for (let attempt = 1; ; attempt++) {
			const head = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").get() as
				| { seq: number; hash: string }
				| undefined;
			const now = Date.now();
			const entry = {
				seq: Number(head?.seq ?? 0) + 1,
				at: now,
				actorKind: "operator",
				actorId: "bootstrap",
				actorRole: null,
				action: "staff.bootstrap",
				purpose: null,
				outcome: "allowed",
				reason: "role=admin",
				subjects: JSON.stringify([id]),
				fields: "[]",
				itemCount: 1,
				requestId: null,
				prevHash: head?.hash ?? GENESIS_HASH,
			} as Parameters<typeof entryHash>[0];
			const hash = await entryHash(entry);
			const mac = blindIndex(key, "staff_record", `${id}|${bidx}|admin|active|${entry.seq}`);
			try {
				db.exec("BEGIN IMMEDIATE");
				db.prepare(
					"INSERT INTO audit_log (seq, at, actor_kind, actor_id, actor_role, action, purpose, outcome, reason, subjects, fields, item_count, request_id, prev_hash, hash) VALUES (?, ?, 'operator', 'bootstrap', NULL, 'staff.bootstrap', NULL, 'allowed', 'role=admin', ?, '[]', 1, NULL, ?, ?)",
				).run(entry.seq, now, entry.subjects, entry.prevHash, hash);
				db.prepare(
					"INSERT INTO staff (id, email_bidx, role, status, created_at, updated_at, created_by, audit_seq, mac) VALUES (?, ?, 'admin', 'active', ?, ?, 'bootstrap', ?, ?)",
				).run(id, bidx, now, now, entry.seq, mac);
				db.exec("COMMIT");
				return;
			} catch (err) {
				if (db.isTransaction) db.exec("ROLLBACK");
				// The vault appended to the chain meanwhile (its trigger refused): take the new head.
				if (attempt === 3) throw err;
			}
		}
	} finally {
		db.close();
	}
}

/** A Cloudflare Access-style token for a staff email, signed with the run's local Access key. */
export async function staffToken(email: string): Promise<string> {
	const privateJwk = inject("e2eStaffPrivateJwk");
	if (!privateJwk) {
		throw new Error(
			"global-setup.ts must provide e2eStaffPrivateJwk (the private half of testStaffKeys()) for staff tokens",
		);
	}
	const jwk = JSON.parse(privateJwk) as { kid?: string };
	return new SignJWT({ email, type: "app" })
		.setProtectedHeader({ alg: "RS256", kid: jwk.kid ?? "k" })
		.setSubject(crypto.randomUUID())
		.setIssuer(LOCAL_ISSUER)
		.setAudience(ACCESS_AUDIENCE)
		.setIssuedAt()
		.setExpirationTime("1h")
		.sign(await importJWK(jwk, "RS256"));
}

/** A bootstrapped admin and one member per role, added by that admin: their tokens by role. */
export async function staffTeam<R extends Exclude<StaffRole, "admin">>(
	run: string,
	roles: readonly R[],
): Promise<Record<"admin" | R, string>> {
	const adminEmail = `admin.${run}@staff.test`;
	await bootstrapAdmin(adminEmail);
	const tokens: Partial<Record<StaffRole, string>> = { admin: await staffToken(adminEmail) };
	for (const role of roles) {
		const email = `${role}.${run}@staff.test`;
		const added = await api<{ staff: { role: string; status: string; intact: boolean } }>(
			"POST",
			"/api/v1/staff/members",
			{ staff: tokens.admin, body: { email, role } },
		);
		expect(added.status, JSON.stringify(added.body)).toBe(201);
		expect(added.body.staff).toMatchObject({ role, status: "active", intact: true });
		tokens[role] = await staffToken(email);
	}
	return tokens as Record<"admin" | R, string>;
}
