// Who is asking (DESIGN §1): the vault trusts only what it verifies itself. A staff member is a
// verified Access token whose identity is an active staff record, with the role that record
// holds (never a role the token or the caller claims). A shopper is a live session the vault
// issued, and acts on their own account's subject only.
import type { ActorCredential, StaffRole, VaultFailure } from "../shared/vault-contract";
import { LOGIN_REQUIRED } from "./accounts/answers";
import { checkSession } from "./accounts/sessions";
import { refuse } from "./audit/audited";
import type { AuditEvent } from "./audit/log";
import { blindIndex } from "./crypto/blind-index";
import type { VaultDb } from "./db/client";
import { failure, type VaultDeps } from "./deps";
import { verifyAccessToken } from "./staff/access-token";
import { findStaffByEmailBidx, staffRecordIntact } from "./staff/directory";

export type StaffActor = { kind: "staff"; id: string; role: StaffRole };
/** `id` is the account id; `subjectId` the one subject whose data this shopper may open and seal. */
export type ShopperActor = { kind: "shopper"; id: string; subjectId: string; sessionId: string };
export type Actor = StaffActor | ShopperActor;

export type Authentication =
	| { ok: true; actor: Actor }
	| { ok: false; kind: ActorCredential["kind"]; actorId: string; refusal: string };

export type AuthDeps = { db: VaultDb; env: VaultEnv; now: number };

async function authenticateShopper(deps: AuthDeps, token: string): Promise<Authentication> {
	const session = await checkSession(deps, token);
	if (!session.ok) return { ok: false, kind: "shopper", actorId: "unverified", refusal: session.refusal };
	const { account, sessionId } = session;
	return { ok: true, actor: { kind: "shopper", id: account.id, subjectId: account.subjectId, sessionId } };
}

export async function authenticate(deps: AuthDeps, credential: ActorCredential): Promise<Authentication> {
	if (credential.kind === "shopper") return authenticateShopper(deps, credential.token);
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

/** A refused credential's answer: 401, unless the vault could not check it (Access keys unreachable). */
function refusedSignIn(kind: ActorCredential["kind"], refusal: string): VaultFailure {
	if (kind === "shopper") return LOGIN_REQUIRED;
	return refusal === "keys_unavailable"
		? failure("unavailable", "Staff sign-in cannot be checked right now")
		: failure("unauthorized", "Staff sign-in required");
}

/** The verified actor, or the audited refusal of its credential (`event` says what was asked). */
export async function authenticateAudited(
	deps: VaultDeps,
	credential: ActorCredential,
	event: Omit<AuditEvent, "actorKind" | "actorId" | "outcome">,
): Promise<{ ok: true; actor: Actor } | VaultFailure> {
	const auth = await authenticate(deps, credential);
	if (auth.ok) return auth;
	const refusal = {
		...event,
		actorKind: auth.kind,
		actorId: auth.actorId,
		outcome: "denied",
		reason: auth.refusal,
	} as const;
	return refuse(deps, refusal, refusedSignIn(auth.kind, auth.refusal));
}
