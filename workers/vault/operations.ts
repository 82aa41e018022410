// What the vault does, as functions of (deps, validated request). VaultRpc is a thin shell that
// parses its arguments and calls these. Every refusal and every reveal is audited first: if the
// audit append fails, the caller gets `unavailable` and nothing else.
import type { Logger } from "../shared/logger";
import type {
	ActorCredential,
	AuditVerifyReport,
	OpenItem,
	Operation,
	Purpose,
	RotationProgress,
	StaffIdentity,
	StaffMember,
	StaffRole,
	VaultFailure,
	VaultFailureCode,
	VaultResult,
} from "../shared/vault-contract";
import { type Actor, authenticate } from "./actors";
import { verifyChain } from "./audit/chain";
import { readCheckpoints, writeCheckpoint } from "./audit/checkpoints";
import { type AuditEvent, appendAudit, auditHead, readAuditPage, reviewAccesses } from "./audit/log";
import { blindIndex } from "./crypto/blind-index";
import { DORMANT_KEK_ID, type SubjectCipher } from "./crypto/subject-cipher";
import type { VaultDb } from "./db/client";
import {
	countKeysByKek,
	deleteSubjectKeys,
	getSubjectKeys,
	insertSubjectKey,
	listKeysToRotate,
	replaceWrappedKey,
} from "./keys/subject-keys";
import { decideOpen, decideOperation } from "./policy/decide";
import { findStaffById, insertStaff, listStaff, toStaffMember, updateStaff } from "./staff/directory";

export type VaultDeps = {
	db: VaultDb;
	env: VaultEnv;
	cipher: SubjectCipher;
	logger: Logger;
	now: number;
};

/** A checkout may shred only the subject it has just created, not an older one. */
const CHECKOUT_ABORT_WINDOW_MS = 60 * 60_000;
const DEFAULT_ROTATION_BATCH = 100;

export function failure(code: VaultFailureCode, message: string): VaultFailure {
	return { ok: false, error: { code, message } };
}

/** Appends the entry; false (and a logged error) when it could not be stored. */
async function audited(deps: VaultDeps, event: AuditEvent): Promise<boolean> {
	try {
		await appendAudit(deps.db, event, deps.now);
		return true;
	} catch (err) {
		deps.logger.error("audit append failed", { err, action: event.action });
		return false;
	}
}

const AUDIT_UNAVAILABLE = failure("unavailable", "The audit log is unavailable; nothing was revealed");

function subjectPseudonyms(deps: VaultDeps, subjectIds: readonly string[]): Promise<string[]> {
	return Promise.all(
		[...new Set(subjectIds)].map((id) => blindIndex(deps.env.BLIND_INDEX_KEY, "audit_subject", id)),
	);
}

/** Authenticates a staff actor for an operation; refusals are audited before they are returned. */
async function requireOperation(
	deps: VaultDeps,
	credential: ActorCredential,
	operation: Operation,
	requestId?: string,
): Promise<{ ok: true; actor: Actor } | VaultFailure> {
	const auth = await authenticate(deps, credential);
	if (!auth.ok) {
		const logged = await audited(deps, {
			actorKind: auth.kind,
			actorId: auth.actorId,
			action: operation,
			outcome: "denied",
			reason: auth.refusal,
			requestId,
		});
		return logged ? failure("unauthorized", "Staff sign-in required") : AUDIT_UNAVAILABLE;
	}
	const decision = decideOperation(auth.actor.role, operation);
	if (!decision.allowed) {
		const logged = await audited(deps, {
			actorKind: "staff",
			actorId: auth.actor.id,
			actorRole: auth.actor.role,
			action: operation,
			outcome: "denied",
			reason: decision.reason,
			requestId,
		});
		return logged ? failure("forbidden", "Not allowed for this staff role") : AUDIT_UNAVAILABLE;
	}
	return { ok: true, actor: auth.actor };
}

function staffEvent(actor: Actor, requestId: string | undefined) {
	return { actorKind: "staff", actorId: actor.id, actorRole: actor.role, requestId } as const;
}

// ---- Sealing, blind indexes, shredding ----

export async function seal(
	deps: VaultDeps,
	req: {
		subject: { new: true } | { id: string };
		table: string;
		rowId: string;
		fields: Record<string, string>;
		blindIndex?: "email"[];
	},
): Promise<
	VaultResult<{ subjectId: string; sealed: Record<string, string>; blindIndexes: Record<string, string> }>
> {
	const indexed = req.blindIndex ?? [];
	for (const field of indexed) {
		if (req.fields[field] === undefined) return failure("bad_request", `No ${field} field to index`);
	}
	let subject: Awaited<ReturnType<SubjectCipher["openSubject"]>>;
	let newRecord: Parameters<typeof insertSubjectKey>[1] | null = null;
	if ("new" in req.subject) {
		const created = await deps.cipher.createSubject(deps.now);
		subject = created.subject;
		newRecord = created.record;
	} else {
		const row = (await getSubjectKeys(deps.db, [req.subject.id])).get(req.subject.id);
		if (!row || row.kekId === DORMANT_KEK_ID) return failure("not_found", "No active subject with that id");
		subject = await deps.cipher.openSubject(row);
	}
	const sealed = await deps.cipher.sealFields(subject, req.table, req.rowId, req.fields);
	const blindIndexes: Record<string, string> = {};
	for (const field of indexed) {
		blindIndexes[field] = await blindIndex(deps.env.BLIND_INDEX_KEY, field, req.fields[field] as string);
	}
	// Stored last: a subject key is only kept once everything it was made for has succeeded.
	if (newRecord) await insertSubjectKey(deps.db, newRecord);
	return { ok: true, subjectId: subject.id, sealed, blindIndexes };
}

export async function emailBlindIndex(
	deps: VaultDeps,
	value: string,
): Promise<VaultResult<{ value: string }>> {
	return { ok: true, value: await blindIndex(deps.env.BLIND_INDEX_KEY, "email", value) };
}

export async function shred(
	deps: VaultDeps,
	req: { subjectIds: string[]; reason: "checkout_aborted"; requestId?: string },
): Promise<VaultResult<{ shredded: number }>> {
	const rows = await getSubjectKeys(deps.db, req.subjectIds);
	const tooOld = [...rows.values()].some((row) => row.createdAt < deps.now - CHECKOUT_ABORT_WINDOW_MS);
	const subjects = await subjectPseudonyms(deps, req.subjectIds);
	const event = {
		actorKind: "storefront",
		actorId: "storefront",
		action: "shred",
		reason: req.reason,
		subjects,
		itemCount: rows.size,
		requestId: req.requestId,
	} as const;
	if (tooOld) {
		const logged = await audited(deps, { ...event, outcome: "denied", reason: `${req.reason}:too_old` });
		return logged
			? failure("forbidden", "Only a subject created for the aborted checkout may be shredded")
			: AUDIT_UNAVAILABLE;
	}
	// Logged before the keys are destroyed: a shred with no entry cannot happen.
	if (!(await audited(deps, { ...event, outcome: "allowed" }))) return AUDIT_UNAVAILABLE;
	const deleted = await deleteSubjectKeys(deps.db, [...rows.keys()]);
	return { ok: true, shredded: deleted.length };
}

// ---- Opening ----

export async function open(
	deps: VaultDeps,
	req: { actor: ActorCredential; purpose: Purpose; items: OpenItem[]; requestId?: string },
): Promise<VaultResult<{ values: string[] }>> {
	const subjects = await subjectPseudonyms(
		deps,
		req.items.map((item) => item.subjectId),
	);
	const base = {
		action: "open",
		purpose: req.purpose,
		subjects,
		fields: req.items.map((item) => `${item.table}.${item.field}`),
		itemCount: req.items.length,
		requestId: req.requestId,
	};
	const auth = await authenticate(deps, req.actor);
	if (!auth.ok) {
		const logged = await audited(deps, {
			...base,
			actorKind: auth.kind,
			actorId: auth.actorId,
			outcome: "denied",
			reason: auth.refusal,
		});
		return logged ? failure("unauthorized", "Staff sign-in required") : AUDIT_UNAVAILABLE;
	}
	const actor = auth.actor;
	const who = staffEvent(actor, req.requestId);
	const decision = decideOpen(actor.role, req.purpose, req.items);
	if (!decision.allowed) {
		const logged = await audited(deps, { ...base, ...who, outcome: "denied", reason: decision.reason });
		return logged ? failure("forbidden", "Not allowed for this role and purpose") : AUDIT_UNAVAILABLE;
	}

	const keys = await getSubjectKeys(
		deps.db,
		req.items.map((item) => item.subjectId),
	);
	let values: string[];
	try {
		const unwrapped = new Map<string, Awaited<ReturnType<SubjectCipher["openSubject"]>>>();
		values = [];
		for (const item of req.items) {
			let subject = unwrapped.get(item.subjectId);
			if (!subject) {
				const row = keys.get(item.subjectId);
				if (!row) throw new Error("subject_not_found");
				subject = await deps.cipher.openSubject(row);
				unwrapped.set(item.subjectId, subject);
			}
			const opened = await deps.cipher.openFields(subject, item.table, item.rowId, {
				[item.field]: item.ciphertext,
			});
			values.push(opened[item.field] as string);
		}
	} catch (err) {
		// A shredded or dormant subject, or a ciphertext relabelled as another row, field or subject.
		const reason =
			err instanceof Error && err.message === "subject_not_found" ? "subject_not_found" : "does_not_open";
		const logged = await audited(deps, { ...base, ...who, outcome: "failed", reason });
		if (!logged) return AUDIT_UNAVAILABLE;
		return reason === "subject_not_found"
			? failure("not_found", "That personal data no longer exists")
			: failure("bad_request", "An item does not open in the context given");
	}
	// Log before reveal: the plaintext leaves only once its entry is stored.
	if (!(await audited(deps, { ...base, ...who, outcome: "allowed" }))) return AUDIT_UNAVAILABLE;
	return { ok: true, values };
}

// ---- Staff ----

export async function authorize(
	deps: VaultDeps,
	req: { token: string; operation: Operation; requestId?: string },
): Promise<VaultResult<{ staff: StaffIdentity }>> {
	const result = await requireOperation(
		deps,
		{ kind: "staff", token: req.token },
		req.operation,
		req.requestId,
	);
	if (!result.ok) return result;
	return { ok: true, staff: { id: result.actor.id, role: result.actor.role } };
}

export async function listStaffMembers(
	deps: VaultDeps,
	req: { actor: ActorCredential; requestId?: string },
): Promise<VaultResult<{ staff: StaffMember[] }>> {
	const result = await requireOperation(deps, req.actor, "staff.manage", req.requestId);
	if (!result.ok) return result;
	return { ok: true, staff: (await listStaff(deps.db)).map(toStaffMember) };
}

export async function addStaffMember(
	deps: VaultDeps,
	req: { actor: ActorCredential; email: string; role: StaffRole; requestId?: string },
): Promise<VaultResult<{ staff: StaffMember }>> {
	const result = await requireOperation(deps, req.actor, "staff.manage", req.requestId);
	if (!result.ok) return result;
	const emailBidx = await blindIndex(deps.env.BLIND_INDEX_KEY, "staff_email", req.email);
	const row = await insertStaff(deps.db, { emailBidx, role: req.role, createdBy: result.actor.id }, deps.now);
	if (!row) return failure("conflict", "That person is staff already");
	const logged = await audited(deps, {
		...staffEvent(result.actor, req.requestId),
		action: "staff.add",
		outcome: "allowed",
		reason: `role=${req.role}`,
		subjects: [row.id],
		itemCount: 1,
	});
	return logged ? { ok: true, staff: toStaffMember(row) } : AUDIT_UNAVAILABLE;
}

export async function changeStaffMember(
	deps: VaultDeps,
	req: {
		actor: ActorCredential;
		staffId: string;
		role?: StaffRole;
		status?: "active" | "disabled";
		requestId?: string;
	},
): Promise<VaultResult<{ staff: StaffMember }>> {
	const result = await requireOperation(deps, req.actor, "staff.manage", req.requestId);
	if (!result.ok) return result;
	// An admin cannot demote or disable themselves: the shop would risk having no admin at all.
	if (req.staffId === result.actor.id)
		return failure("conflict", "Ask another admin to change your own access");
	if (!(await findStaffById(deps.db, req.staffId))) return failure("not_found", "No such staff member");
	const changes = {
		...(req.role ? { role: req.role } : {}),
		...(req.status ? { status: req.status } : {}),
	};
	// Logged first: a role change with no entry must not happen.
	const logged = await audited(deps, {
		...staffEvent(result.actor, req.requestId),
		action: "staff.change",
		outcome: "allowed",
		reason: Object.entries(changes)
			.map(([k, v]) => `${k}=${v}`)
			.join(","),
		subjects: [req.staffId],
		itemCount: 1,
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	const row = await updateStaff(deps.db, req.staffId, changes, deps.now);
	return row ? { ok: true, staff: toStaffMember(row) } : failure("not_found", "No such staff member");
}

// ---- Audit ----

export async function verifyAudit(
	deps: VaultDeps,
	req: { actor: ActorCredential; requestId?: string },
): Promise<VaultResult<{ report: AuditVerifyReport }>> {
	const result = await requireOperation(deps, req.actor, "audit.verify", req.requestId);
	if (!result.ok) return result;
	const report = await verifyAuditChain(deps);
	const logged = await audited(deps, {
		...staffEvent(result.actor, req.requestId),
		action: "audit.verify",
		outcome: "allowed",
		reason: report.valid ? "valid" : `invalid:${report.firstBad?.seq ?? 0}`,
	});
	return logged ? { ok: true, report } : AUDIT_UNAVAILABLE;
}

export async function verifyAuditChain(deps: Pick<VaultDeps, "db" | "env">): Promise<AuditVerifyReport> {
	const checkpoints = await readCheckpoints(deps.env.AUDIT_CHECKPOINTS, deps.env.AUDIT_SIGNING_KEY);
	return verifyChain((afterSeq) => readAuditPage(deps.db, afterSeq), checkpoints);
}

export async function reviewAudit(
	deps: VaultDeps,
	req: { actor: ActorCredential; from: number; to: number; threshold?: number; requestId?: string },
) {
	const result = await requireOperation(deps, req.actor, "audit.review", req.requestId);
	if (!result.ok) return result;
	const threshold = req.threshold ?? (Number(deps.env.AUDIT_REVIEW_THRESHOLD) || 50);
	const rows = await reviewAccesses(deps.db, req.from, req.to, threshold);
	const logged = await audited(deps, {
		...staffEvent(result.actor, req.requestId),
		action: "audit.review",
		outcome: "allowed",
	});
	return logged ? ({ ok: true, threshold, rows } as const) : AUDIT_UNAVAILABLE;
}

/** The cron's job: sign the chain head into R2 when it has moved since the last checkpoint. */
export async function checkpointAuditHead(
	deps: Pick<VaultDeps, "db" | "env" | "now">,
): Promise<number | null> {
	const head = await auditHead(deps.db);
	if (!head) return null;
	await writeCheckpoint(deps.env.AUDIT_CHECKPOINTS, deps.env.AUDIT_SIGNING_KEY, head, deps.now);
	return head.seq;
}

// ---- Keys ----

/**
 * One batch of key rotation: re-wraps data keys still under an older KEK with the current one.
 * Resumable by construction: a re-wrapped key leaves the selection, so the next call picks up
 * where this one stopped, and a key is readable under one KEK or the other at every moment.
 */
export async function rotateKeyBatch(
	deps: VaultDeps,
	batchSize = DEFAULT_ROTATION_BATCH,
): Promise<RotationProgress> {
	const currentKeyId = await deps.cipher.currentKekId();
	const rows =
		batchSize > 0 ? await listKeysToRotate(deps.db, currentKeyId, DORMANT_KEK_ID, "", batchSize) : [];
	let rewrapped = 0;
	for (const row of rows) {
		const after = await deps.cipher.rewrapToCurrent(row);
		if (await replaceWrappedKey(deps.db, row, after, deps.now)) rewrapped++;
	}
	const byKey = await countKeysByKek(deps.db);
	const remaining = Object.entries(byKey)
		.filter(([kek]) => kek !== currentKeyId && kek !== DORMANT_KEK_ID)
		.reduce((sum, [, n]) => sum + n, 0);
	return { currentKeyId, rewrapped, remaining, byKey, done: remaining === 0 };
}

export async function rotateKeys(
	deps: VaultDeps,
	req: { actor: ActorCredential; batchSize?: number; dryRun?: boolean; requestId?: string },
): Promise<VaultResult<{ progress: RotationProgress }>> {
	const result = await requireOperation(deps, req.actor, "keys.rotate", req.requestId);
	if (!result.ok) return result;
	let progress: RotationProgress;
	try {
		progress = await rotateKeyBatch(deps, req.dryRun ? 0 : req.batchSize);
	} catch (err) {
		deps.logger.error("key rotation failed", { err });
		return failure(
			"conflict",
			"A data key is wrapped by a key no longer in the keyring; add it back to rotate",
		);
	}
	const logged = await audited(deps, {
		...staffEvent(result.actor, req.requestId),
		action: "keys.rotate",
		outcome: "allowed",
		reason: `to=${progress.currentKeyId},remaining=${progress.remaining}${req.dryRun ? ",dry_run" : ""}`,
		itemCount: progress.rewrapped,
	});
	return logged ? { ok: true, progress } : AUDIT_UNAVAILABLE;
}

/** Dormancy (P9) and re-activation: re-wraps subjects under the dormant key or back. */
export async function rewrap(
	deps: VaultDeps,
	req: { actor: ActorCredential; subjectIds: string[]; to: "dormant" | "active"; requestId?: string },
): Promise<VaultResult<{ rewrapped: number }>> {
	const result = await requireOperation(deps, req.actor, "keys.rotate", req.requestId);
	if (!result.ok) return result;
	const logged = await audited(deps, {
		...staffEvent(result.actor, req.requestId),
		action: `rewrap.${req.to}`,
		outcome: "allowed",
		subjects: await subjectPseudonyms(deps, req.subjectIds),
		itemCount: req.subjectIds.length,
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	let rewrapped = 0;
	for (const row of (await getSubjectKeys(deps.db, req.subjectIds)).values()) {
		const isDormant = row.kekId === DORMANT_KEK_ID;
		if ((req.to === "dormant") === isDormant) continue;
		const after =
			req.to === "dormant" ? await deps.cipher.rewrapToDormant(row) : await deps.cipher.rewrapToCurrent(row);
		if (await replaceWrappedKey(deps.db, row, after, deps.now)) rewrapped++;
	}
	return { ok: true, rewrapped };
}
