// Who is asking (DESIGN §1): the vault trusts only what it verifies itself. A staff member is a
// verified Access token whose identity is an active staff record, with the role that record
// holds (never a role the token or the caller claims). Shopper sessions arrive with accounts (#7).
import type { ActorCredential, StaffRole } from "../shared/vault-contract";
import { blindIndex } from "./crypto/blind-index";
import type { VaultDb } from "./db/client";
import { verifyAccessToken } from "./staff/access-token";
import { findStaffByEmailBidx, staffRecordIntact } from "./staff/directory";

export type Actor = { kind: "staff"; id: string; role: StaffRole };

export type Authentication =
	| { ok: true; actor: Actor }
	| { ok: false; kind: ActorCredential["kind"]; actorId: string; refusal: string };

export type AuthDeps = { db: VaultDb; env: VaultEnv };

export async function authenticate(deps: AuthDeps, credential: ActorCredential): Promise<Authentication> {
	if (credential.kind === "shopper") {
		return { ok: false, kind: "shopper", actorId: "unverified", refusal: "shopper_sessions_not_issued" };
	}
	const check = await verifyAccessToken(deps.env, credential.token);
	if (!check.ok) return { ok: false, kind: "staff", actorId: "unverified", refusal: check.refusal };
	const member = await findStaffByEmailBidx(
		deps.db,
		await blindIndex(deps.env.BLIND_INDEX_KEY, "staff_email", check.email),
	);
	if (!member) return { ok: false, kind: "staff", actorId: "unknown", refusal: "not_staff" };
	if (!(await staffRecordIntact(deps.db, deps.env.BLIND_INDEX_KEY, member))) {
		return { ok: false, kind: "staff", actorId: member.id, refusal: "staff_record_tampered" };
	}
	if (member.status !== "active")
		return { ok: false, kind: "staff", actorId: member.id, refusal: "staff_disabled" };
	return { ok: true, actor: { kind: "staff", id: member.id, role: member.role } };
}
