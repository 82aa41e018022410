// Staff for tests inside workerd: Access-style tokens signed with the test key (or any other),
// and staff records written straight into a vault database, as `npm run staff:add` does.
import { importJWK, SignJWT } from "jose";
import type { StaffRole } from "../workers/shared/vault-contract";
import { appendAudit } from "../workers/vault/audit/log";
import { blindIndex } from "../workers/vault/crypto/blind-index";
import { vaultDb } from "../workers/vault/db/client";

export const TEST_ISSUER = "https://access.loomwash.localhost";
export const TEST_AUDIENCE = "loomwash-staff-console";

export type TokenClaims = {
	email?: string;
	iss?: string;
	aud?: string;
	sub?: string;
	exp?: number | null;
	[claim: string]: unknown;
};

/** An Access-style RS256 token; `exp: null` leaves the expiry out. */
export async function signAccessToken(privateJwk: string, claims: TokenClaims = {}): Promise<string> {
	const { email, iss, aud, sub, exp, ...extra } = claims;
	const jwk = JSON.parse(privateJwk) as { kid?: string };
	const jwt = new SignJWT({ email: email ?? "nobody@staff.test", type: "app", ...extra })
		.setProtectedHeader({ alg: "RS256", kid: jwk.kid ?? "k" })
		.setSubject(sub ?? crypto.randomUUID())
		.setIssuer(iss ?? TEST_ISSUER)
		.setAudience(aud ?? TEST_AUDIENCE)
		.setIssuedAt();
	if (exp !== null) jwt.setExpirationTime(exp ?? Math.floor(Date.now() / 1000) + 600);
	return jwt.sign(await importJWK(jwk, "RS256"));
}

let counter = 0;

/** Adds a staff member with a fresh identity; returns their id and email. */
export async function registerStaff(
	d1: D1Database,
	blindIndexKey: string,
	role: StaffRole,
	status: "active" | "disabled" = "active",
): Promise<{ id: string; email: string }> {
	counter += 1;
	const email = `${role}-${counter}-${crypto.randomUUID().slice(0, 8)}@staff.test`;
	const id = `stf_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
	const now = Date.now();
	const emailBidx = await blindIndex(blindIndexKey, "staff_email", email);
	// As `npm run staff:add` does: a staff.bootstrap entry in the chain, which the record names.
	const entry = await appendAudit(vaultDb(d1), {
		actorKind: "system",
		actorId: "test",
		action: "staff.bootstrap",
		outcome: "allowed",
		reason: `role=${role}`,
		subjects: [id],
		itemCount: 1,
	});
	const mac = await blindIndex(
		blindIndexKey,
		"staff_record",
		`${id}|${emailBidx}|${role}|${status}|${entry.seq}`,
	);
	await d1
		.prepare(
			"INSERT INTO staff (id, email_bidx, role, status, created_at, updated_at, created_by, audit_seq, mac) VALUES (?, ?, ?, ?, ?, ?, 'test', ?, ?)",
		)
		.bind(id, emailBidx, role, status, now, now, entry.seq, mac)
		.run();
	return { id, email };
}
