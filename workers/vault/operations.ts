// What the vault does, as functions of (deps, validated request). VaultRpc is a thin shell that
// parses its arguments and calls these (and the account operations in accounts/). Every refusal
// and every reveal is audited first: if the audit append fails, the caller gets `unavailable` and
// nothing else.
import type * as z from "zod/mini";
import { constantTimeEqual } from "../shared/constant-time";
import {
	type ActorCredential,
	type AuditVerifyReport,
	type OpenItem,
	type Operation,
	type Purpose,
	type RotationProgress,
	SELF_SERVICE,
	type SealRequestSchema,
	type StaffIdentity,
	type StaffMember,
	type StaffRole,
	type VaultFailure,
	type VaultResult,
} from "../shared/vault-contract";
import { type Gate, type SealResult, sealForAccount, shopperMayOpen } from "./accounts/self-service";
import { type Actor, authenticateAudited, type StaffActor } from "./actors";
import { ordersWithOpenCase, recordOpenCase } from "./after-sales/cases";
import {
	AUDIT_UNAVAILABLE,
	audited,
	auditedEntry,
	refuse,
	shopperEvent,
	subjectPseudonyms,
} from "./audit/audited";
import { verifyChain } from "./audit/chain";
import { readCheckpoints, writeCheckpoint } from "./audit/checkpoints";
import { auditHead, readAuditPage, reviewAccesses } from "./audit/log";
import { blindIndex } from "./crypto/blind-index";
import { isDormant, type SubjectCipher } from "./crypto/subject-cipher";
import { failure, type VaultDeps } from "./deps";
import {
	countKeysByKek,
	deleteSubjectKeys,
	getSubjectKeys,
	insertSubjectKey,
	listKeysToRotate,
	replaceWrappedKey,
} from "./keys/subject-keys";
import { decideConditions, decideOpen, decideOperation, rowsNeedingOpenCase } from "./policy/decide";
import { sealOwnedSubject } from "./privacy/owned-subjects";
import {
	findStaffByEmailBidx,
	findStaffById,
	insertStaff,
	listStaff,
	newStaffId,
	staffRecordIntact,
	toStaffMember,
	updateStaff,
} from "./staff/directory";

export { failure, type VaultDeps };

/** A checkout may shred only the subject it has just created, not an older one. */
const CHECKOUT_ABORT_WINDOW_MS = 60 * 60_000;
const DEFAULT_ROTATION_BATCH = 100;

const OPEN_FAILURES = new Set(["subject_not_found", "subject_dormant"]);

const STAFF_SIGN_IN_REQUIRED = failure("unauthorized", "Staff sign-in required");

/** Authenticates a staff actor for an operation; refusals are audited before they are returned. */
export async function requireOperation(
	deps: VaultDeps,
	credential: ActorCredential,
	operation: Operation,
	requestId?: string,
): Promise<{ ok: true; actor: StaffActor } | VaultFailure> {
	const notStaff = {
		actorKind: "shopper",
		actorId: "unverified",
		action: operation,
		outcome: "denied",
		reason: "not_staff",
		requestId,
	} as const;
	// A shopper's session is never a staff credential: refused without even being checked.
	if (credential.kind !== "staff") return refuse(deps, notStaff, STAFF_SIGN_IN_REQUIRED);
	const auth = await authenticateAudited(deps, credential, { action: operation, requestId });
	if (!auth.ok) return auth;
	if (auth.actor.kind !== "staff") return refuse(deps, notStaff, STAFF_SIGN_IN_REQUIRED);
	const actor = auth.actor;
	const decision = decideOperation(actor.role, operation);
	if (!decision.allowed) {
		const event = {
			...staffEvent(actor, requestId),
			action: operation,
			outcome: "denied",
			reason: decision.reason,
		} as const;
		return refuse(deps, event, failure("forbidden", "Not allowed for this staff role"));
	}
	return { ok: true, actor };
}

function staffEvent(actor: StaffActor, requestId: string | undefined) {
	return { actorKind: "staff", actorId: actor.id, actorRole: actor.role, requestId } as const;
}

/** Who an entry names: a staff member by id and role, a shopper by their account's pseudonym. */
async function actorEvent(deps: VaultDeps, actor: Actor, requestId: string | undefined) {
	if (actor.kind === "staff") return staffEvent(actor, requestId);
	return { ...(await shopperEvent(deps, actor.id, requestId)), actorRole: null };
}

// ---- Sealing, blind indexes, shredding ----

/**
 * `{ new: true }`: a new subject (a guest order's consignee), with a receipt, the one thing that
 * lets the caller shred it again. `{ session }`: the account's own subject (accounts/self-service).
 * `{ subjectId }`: an existing, live subject, for case texts only (the contract's CASE_TABLES).
 * `openCase`: the text opens a support case, recorded once everything else has succeeded.
 */
export async function seal(deps: VaultDeps, req: z.output<typeof SealRequestSchema>): Promise<SealResult> {
	if ("session" in req.subject) return sealForAccount(deps, { ...req, session: req.subject.session });
	// A new subject owned by the session's account (a review's): proven by that session, recorded.
	if ("new" in req.subject && req.subject.owner !== undefined)
		return sealOwnedSubject(deps, { ...req, owner: req.subject.owner });
	const indexed = req.blindIndex ?? [];
	for (const field of indexed) {
		if (req.fields[field] === undefined) return failure("bad_request", `No ${field} field to index`);
	}
	if ("subjectId" in req.subject) return sealUnderSubject(deps, { ...req, subjectId: req.subject.subjectId });
	const { subject, record } = await deps.cipher.createSubject(deps.now);
	const sealed = await deps.cipher.sealFields(subject, req.table, req.rowId, req.fields);
	const blindIndexes = await blindIndexesOf(deps, indexed, req.fields);
	// Stored last: a subject key is only kept once everything it was made for has succeeded.
	await insertSubjectKey(deps.db, record);
	if (req.openCase) {
		const logged = await audited(deps, {
			...storefrontSeal(req, await subjectPseudonyms(deps, [subject.id])),
			outcome: "allowed",
			reason: `case_opened:${req.openCase.kind}`,
		});
		if (!logged) return AUDIT_UNAVAILABLE;
		await recordOpenCase(deps, req.openCase);
	}
	return {
		ok: true,
		subjectId: subject.id,
		sealed,
		blindIndexes,
		receipt: await sealReceipt(deps, subject.id),
	};
}

async function blindIndexesOf(
	deps: VaultDeps,
	indexed: readonly "email"[],
	fields: Record<string, string>,
): Promise<Record<string, string>> {
	const blindIndexes: Record<string, string> = {};
	for (const field of indexed) {
		blindIndexes[field] = await blindIndex(deps.env.BLIND_INDEX_KEY, field, fields[field] as string);
	}
	return blindIndexes;
}

/** The audit entry of a seal the storefront asks for (no shopper session vouches for it). */
function storefrontSeal(
	req: { table: string; fields: Record<string, string>; requestId?: string },
	subjects: string[],
) {
	const names = Object.keys(req.fields);
	return {
		actorKind: "storefront",
		actorId: "storefront",
		action: "seal",
		subjects,
		fields: names.map((field) => `${req.table}.${field}`),
		itemCount: names.length,
		requestId: req.requestId,
	} as const;
}

const NO_SUCH_SUBJECT = failure("not_found", "That subject does not exist or is not active");

/**
 * Seals a case text (a guest's return or question, a staff reply) under an existing subject: the
 * order's or the thread's. Only a live subject takes new data: a shredded one is gone for good, a
 * dormant one's key is under the dormant key and may not grow. Audited like an account's seal.
 */
async function sealUnderSubject(
	deps: VaultDeps,
	req: z.output<typeof SealRequestSchema> & { subjectId: string },
): Promise<SealResult> {
	const event = storefrontSeal(req, await subjectPseudonyms(deps, [req.subjectId]));
	const row = (await getSubjectKeys(deps.db, [req.subjectId])).get(req.subjectId);
	if (!row || isDormant(row.kekId)) {
		const reason = row ? "subject_dormant" : "subject_not_found";
		return refuse(deps, { ...event, outcome: "denied", reason }, NO_SUCH_SUBJECT);
	}
	const subject = await deps.cipher.openSubject(row);
	const sealed = await deps.cipher.sealFields(subject, req.table, req.rowId, req.fields);
	const blindIndexes = await blindIndexesOf(deps, req.blindIndex ?? [], req.fields);
	const reason = req.openCase ? `case_opened:${req.openCase.kind}` : null;
	if (!(await audited(deps, { ...event, outcome: "allowed", reason }))) return AUDIT_UNAVAILABLE;
	if (req.openCase) await recordOpenCase(deps, req.openCase);
	// No receipt: a subject that existed before this call is never shreddable by the checkout path.
	return { ok: true, subjectId: req.subjectId, sealed, blindIndexes, receipt: null };
}

function sealReceipt(deps: VaultDeps, subjectId: string): Promise<string> {
	return blindIndex(deps.env.BLIND_INDEX_KEY, "seal_receipt", subjectId);
}

const BLIND_INDEX_BUSY = failure("rate_limited", "Too many email lookups right now; try again shortly");

/**
 * Blind indexes are a lookup oracle by nature: whoever may ask can test a guessed email against
 * stored indexes. The vault cannot tell the storefront's callers apart, so it bounds the rate of
 * lookups for all of them together (the storefront also bounds each client). Sealing is not
 * charged: a storm of lookups must never stop checkout.
 */
async function withinBlindIndexBudget(deps: VaultDeps): Promise<boolean> {
	return (await deps.env.BLIND_INDEX_LIMITER.limit({ key: "email" })).success;
}

export async function emailBlindIndex(
	deps: VaultDeps,
	value: string,
): Promise<VaultResult<{ value: string }>> {
	if (!(await withinBlindIndexBudget(deps))) return BLIND_INDEX_BUSY;
	return { ok: true, value: await blindIndex(deps.env.BLIND_INDEX_KEY, "email", value) };
}

export async function shred(
	deps: VaultDeps,
	req: { subjects: { id: string; receipt: string }[]; reason: "checkout_aborted"; requestId?: string },
): Promise<VaultResult<{ shredded: number }>> {
	const ids = req.subjects.map((subject) => subject.id);
	const rows = await getSubjectKeys(deps.db, ids);
	const event = {
		actorKind: "storefront",
		actorId: "storefront",
		action: "shred",
		reason: req.reason,
		subjects: await subjectPseudonyms(deps, ids),
		itemCount: rows.size,
		requestId: req.requestId,
	} as const;
	// Only the subject a failed checkout has just created: its receipt, and no older than the window.
	let refusal: string | null = null;
	for (const subject of req.subjects) {
		if (!(await constantTimeEqual(subject.receipt, await sealReceipt(deps, subject.id))))
			refusal = "no_receipt";
		const row = rows.get(subject.id);
		if (row && row.createdAt < deps.now - CHECKOUT_ABORT_WINDOW_MS) refusal = refusal ?? "too_old";
	}
	if (refusal) {
		return refuse(
			deps,
			{ ...event, outcome: "denied", reason: `${req.reason}:${refusal}` },
			failure("forbidden", "Only a subject created for the aborted checkout may be shredded"),
		);
	}
	// Logged before the keys are destroyed: a shred with no entry cannot happen.
	if (!(await audited(deps, { ...event, outcome: "allowed" }))) return AUDIT_UNAVAILABLE;
	const deleted = await deleteSubjectKeys(deps.db, [...rows.keys()], req.reason, deps.now);
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
	const auth = await authenticateAudited(deps, req.actor, base);
	if (!auth.ok) return auth;
	const actor = auth.actor;
	const who = await actorEvent(deps, actor, req.requestId);
	const gate =
		actor.kind === "staff"
			? await staffMayOpen(deps, actor, req.purpose, req.items)
			: await shopperMayOpen(deps, actor, req.purpose, req.items);
	if (gate) return refuse(deps, { ...base, ...who, outcome: "denied", reason: gate.reason }, gate.answer);

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
				if (isDormant(row.kekId)) throw new Error("subject_dormant");
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
		const reason = err instanceof Error && OPEN_FAILURES.has(err.message) ? err.message : "does_not_open";
		const answer =
			reason === "subject_not_found"
				? failure("not_found", "That personal data no longer exists")
				: reason === "subject_dormant"
					? failure("conflict", "That personal data is dormant; it opens once re-activated")
					: failure("bad_request", "An item does not open in the context given");
		return refuse(deps, { ...base, ...who, outcome: "failed", reason }, answer);
	}
	// Log before reveal: the plaintext leaves only once its entry is stored.
	if (!(await audited(deps, { ...base, ...who, outcome: "allowed" }))) return AUDIT_UNAVAILABLE;
	return { ok: true, values };
}

const NOT_FOR_ROLE = failure("forbidden", "Not allowed for this role and purpose");

/** What a staff member may open: never for self-service, within their pace, as the role matrix grants. */
async function staffMayOpen(
	deps: VaultDeps,
	actor: StaffActor,
	purpose: Purpose,
	items: readonly OpenItem[],
): Promise<Gate> {
	// A shopper's own door: no staff role opens through it, whatever the matrix says.
	if (purpose === SELF_SERVICE) return { reason: "self_service_is_shoppers", answer: NOT_FOR_ROLE };
	// A role's per-request condition bounds one request; this bounds a staff member's pace.
	if (!(await deps.env.STAFF_OPEN_LIMITER.limit({ key: actor.id })).success) {
		return {
			reason: "rate_limited",
			answer: failure("rate_limited", "Too many openings in a short time; slow down"),
		};
	}
	const decision = decideOpen(actor.role, purpose, items);
	if (!decision.allowed) return { reason: decision.reason, answer: NOT_FOR_ROLE };
	// Conditions need facts only the vault holds (its record of open cases), looked up for the
	// rows that depend on them and then decided as purely as the matrix itself.
	const needCase = rowsNeedingOpenCase(actor.role, purpose, items);
	const facts = { openCaseRows: await ordersWithOpenCase(deps.db, needCase) };
	const conditions = decideConditions(actor.role, purpose, items, facts);
	return conditions.allowed
		? null
		: {
				reason: conditions.reason,
				answer: failure("forbidden", "Only while a return or consultation on the order is open"),
			};
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
	const rows = await listStaff(deps.db);
	const staff = await Promise.all(
		rows.map(async (row) =>
			toStaffMember(row, await staffRecordIntact(deps.db, deps.env.BLIND_INDEX_KEY, row)),
		),
	);
	return { ok: true, staff };
}

export async function addStaffMember(
	deps: VaultDeps,
	req: { actor: ActorCredential; email: string; role: StaffRole; requestId?: string },
): Promise<VaultResult<{ staff: StaffMember }>> {
	const result = await requireOperation(deps, req.actor, "staff.manage", req.requestId);
	if (!result.ok) return result;
	const emailBidx = await blindIndex(deps.env.BLIND_INDEX_KEY, "staff_email", req.email);
	if (await findStaffByEmailBidx(deps.db, emailBidx))
		return failure("conflict", "That person is staff already");
	const id = newStaffId();
	// Logged first: a staff member with no entry must not exist. The record names its entry.
	const entry = await auditedEntry(deps, {
		...staffEvent(result.actor, req.requestId),
		action: "staff.add",
		outcome: "allowed",
		reason: `role=${req.role}`,
		subjects: [id],
		itemCount: 1,
	});
	if (!entry) return AUDIT_UNAVAILABLE;
	const row = await insertStaff(
		deps.db,
		deps.env.BLIND_INDEX_KEY,
		{ id, emailBidx, role: req.role, createdBy: result.actor.id, auditSeq: entry.seq },
		deps.now,
	);
	return row
		? { ok: true, staff: toStaffMember(row, true) }
		: failure("conflict", "That person is staff already");
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
	const current = await findStaffById(deps.db, req.staffId);
	if (!current) return failure("not_found", "No such staff member");
	const event = {
		...staffEvent(result.actor, req.requestId),
		action: "staff.change",
		subjects: [req.staffId],
		itemCount: 1,
	};
	// A record changed around the API is not re-signed by a change through it.
	if (!(await staffRecordIntact(deps.db, deps.env.BLIND_INDEX_KEY, current))) {
		return refuse(
			deps,
			{ ...event, outcome: "denied", reason: "staff_record_tampered" },
			failure("conflict", "This staff record was changed outside the vault; re-add the person"),
		);
	}
	const changes = {
		...(req.role ? { role: req.role } : {}),
		...(req.status ? { status: req.status } : {}),
	};
	// Logged first: a role change with no entry must not happen.
	const entry = await auditedEntry(deps, {
		...event,
		outcome: "allowed",
		reason: Object.entries(changes)
			.map(([k, v]) => `${k}=${v}`)
			.join(","),
	});
	if (!entry) return AUDIT_UNAVAILABLE;
	const row = await updateStaff(deps.db, deps.env.BLIND_INDEX_KEY, current, changes, entry.seq, deps.now);
	return row
		? { ok: true, staff: toStaffMember(row, true) }
		: failure("conflict", "The record changed meanwhile; try again");
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

/** Where each data key should be: the current active or the current dormant generation. */
async function rotationTargets(deps: VaultDeps) {
	return { active: await deps.cipher.currentKekId(), dormant: await deps.cipher.currentDormantKekId() };
}

async function rotationProgress(deps: VaultDeps, rewrapped: number): Promise<RotationProgress> {
	const targets = await rotationTargets(deps);
	const byKey = await countKeysByKek(deps.db);
	const known = await deps.cipher.knownKekIds();
	const others = Object.entries(byKey).filter(([kek]) => kek !== targets.active && kek !== targets.dormant);
	const remaining = others.filter(([kek]) => known.includes(kek)).reduce((sum, [, n]) => sum + n, 0);
	// Wrapped by a generation no longer in its keyring: unreadable, and no rotation can change that.
	const orphaned = others.filter(([kek]) => !known.includes(kek)).reduce((sum, [, n]) => sum + n, 0);
	return { currentKeyId: targets.active, rewrapped, remaining, orphaned, byKey, done: remaining === 0 };
}

/**
 * One batch of key rotation: re-wraps data keys still under an older generation with the current
 * one of their keyring (active or dormant). Resumable by construction: a re-wrapped key leaves the
 * selection, so the next call picks up where this one stopped, and a key is readable under one
 * generation or the other at every moment. Only generations still in their keyring are selected,
 * so keys orphaned by a retired generation never block the rest. The audit entry comes first.
 */
export async function rotateKeyBatch(
	deps: VaultDeps,
	batchSize: number,
	beforeChange: (planned: number) => Promise<boolean> = async () => true,
): Promise<RotationProgress | null> {
	const targets = await rotationTargets(deps);
	const older = (await deps.cipher.knownKekIds()).filter(
		(id) => id !== targets.active && id !== targets.dormant,
	);
	const rows = batchSize > 0 && older.length > 0 ? await listKeysToRotate(deps.db, older, batchSize) : [];
	if (!(await beforeChange(rows.length))) return null;
	let rewrapped = 0;
	for (const row of rows) {
		const after = isDormant(row.kekId)
			? await deps.cipher.rewrapToDormant(row)
			: await deps.cipher.rewrapToCurrent(row);
		if (await replaceWrappedKey(deps.db, row, after, deps.now)) rewrapped++;
	}
	return rotationProgress(deps, rewrapped);
}

export async function rotateKeys(
	deps: VaultDeps,
	req: { actor: ActorCredential; batchSize?: number; dryRun?: boolean; requestId?: string },
): Promise<VaultResult<{ progress: RotationProgress }>> {
	const result = await requireOperation(deps, req.actor, "keys.rotate", req.requestId);
	if (!result.ok) return result;
	let progress: RotationProgress | null;
	try {
		progress = await rotateKeyBatch(
			deps,
			req.dryRun ? 0 : (req.batchSize ?? DEFAULT_ROTATION_BATCH),
			(planned) =>
				audited(deps, {
					...staffEvent(result.actor, req.requestId),
					action: "keys.rotate",
					outcome: "allowed",
					reason: req.dryRun ? "dry_run" : "rewrap_batch",
					itemCount: planned,
				}),
		);
	} catch (err) {
		deps.logger.error("key rotation failed", { err });
		return failure(
			"conflict",
			"A data key is wrapped by a key no longer in its keyring; add it back to rotate",
		);
	}
	return progress ? { ok: true, progress } : AUDIT_UNAVAILABLE;
}

/** Dormancy (P9) and re-activation: re-wraps subjects under the current dormant generation or back. */
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
		if ((req.to === "dormant") === isDormant(row.kekId)) continue;
		const after =
			req.to === "dormant" ? await deps.cipher.rewrapToDormant(row) : await deps.cipher.rewrapToCurrent(row);
		if (await replaceWrappedKey(deps.db, row, after, deps.now)) rewrapped++;
	}
	return { ok: true, rewrapped };
}
