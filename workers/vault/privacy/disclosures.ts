// Lawful disclosure (issue #9, DESIGN P11): a staff member asks, naming one basis, a reference, the
// subject (by the order it is known by) and the fields; a compliance officer other than the asker
// approves or rejects with a reason; only an approved request runs, once, and only over the fields
// and the subject it names. Every step and every refusal has its audit entry; the run's entry is
// stored before anything is decrypted. The decision's reason is free text and stays in the
// disclosure's row, never in the log (which holds closed codes only).
import { and, desc, eq, inArray } from "drizzle-orm";
import { randomBytes, toBase64Url } from "../../shared/base64url";
import type {
	ActorCredential,
	Disclosure,
	DisclosureBasis,
	OpenItem,
	Operation,
	VaultFailure,
	VaultResult,
} from "../../shared/vault-contract";
import { authenticateAudited, type StaffActor } from "../actors";
import { AUDIT_UNAVAILABLE, audited, refuse, subjectPseudonyms } from "../audit/audited";
import type { AuditEvent } from "../audit/log";
import { isDormant } from "../crypto/subject-cipher";
import { disclosures, supportCases } from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { getSubjectKeys } from "../keys/subject-keys";
import { decideOperation } from "../policy/decide";

type StaffRequest = { actor: ActorCredential; requestId?: string };
type DisclosureRow = typeof disclosures.$inferSelect;
type Status = Disclosure["status"];
/** What an entry says about the request, before who asked is known. */
type About = Omit<AuditEvent, "actorKind" | "actorId" | "actorRole" | "outcome">;

/** The purpose a disclosure's run is logged under: no staff purpose of the role matrix covers it. */
export const DISCLOSURE_PURPOSE = "lawful_disclosure";
const LIST_LIMIT = 200;
/** Whoever holds either may see the queue: the askers their answers, the officers their work. */
const LIST_OPERATIONS: readonly Operation[] = ["disclosures.request", "disclosures.decide"];

export function newDisclosureId(): string {
	return `dsc_${toBase64Url(randomBytes(12))}`;
}

export function toDisclosure(row: DisclosureRow): Disclosure {
	return {
		id: row.id,
		basis: row.basis,
		reference: row.reference,
		orderId: row.orderId,
		scope: parseScope(row.scope),
		status: row.status,
		requestedBy: row.requestedBy,
		requestedAt: row.requestedAt,
		decidedBy: row.decidedBy,
		decidedAt: row.decidedAt,
		decisionReason: row.decisionReason,
		executedAt: row.executedAt,
	};
}

function parseScope(text: string): string[] {
	const value: unknown = JSON.parse(text);
	return Array.isArray(value) ? value.filter((field): field is string => typeof field === "string") : [];
}

/**
 * Why a run's items are refused, or null: each item under the disclosure's subject, each
 * `table.field` within its scope, an order contact only of its order, and a return only of its
 * order where the vault knows the return's case (`caseOrders`: case id → order id).
 */
export function itemsRefusal(
	disclosure: Pick<Disclosure, "orderId" | "scope">,
	subjectId: string,
	items: readonly OpenItem[],
	caseOrders: ReadonlyMap<string, string> = new Map(),
): string | null {
	for (const item of items) {
		if (item.subjectId !== subjectId) return "subject_mismatch";
		if (!disclosure.scope.includes(`${item.table}.${item.field}`)) return "field_out_of_scope";
		if (item.table === "order_contacts" && item.rowId !== disclosure.orderId) return "row_mismatch";
		const caseOrder = item.table === "returns" ? caseOrders.get(item.rowId) : undefined;
		if (caseOrder !== undefined && caseOrder !== disclosure.orderId) return "row_mismatch";
	}
	return null;
}

/** Why a disclosure in this status cannot run, or null when it may. */
export function runRefusal(status: Status): string | null {
	if (status === "approved") return null;
	if (status === "requested") return "not_approved";
	return status === "rejected" ? "rejected" : "already_executed";
}

const STAFF_SIGN_IN_REQUIRED = failure("unauthorized", "Staff sign-in required");
const NOT_FOR_ROLE = failure("forbidden", "Not allowed for this staff role");
const NO_SUCH_DISCLOSURE = failure("not_found", "No such disclosure request");

type Who = { actorKind: "staff"; actorId: string; actorRole: string; requestId?: string };

/** A verified staff member holding one of `operations`; refusals audited with what was asked. */
async function staffHolding(
	deps: VaultDeps,
	req: StaffRequest,
	operations: readonly Operation[],
	about: About,
): Promise<{ ok: true; actor: StaffActor; who: Who } | VaultFailure> {
	const event = { ...about, requestId: req.requestId };
	// A shopper's session is never a staff credential: refused without being checked.
	if (req.actor.kind !== "staff") {
		return refuse(
			deps,
			{ ...event, actorKind: "shopper", actorId: "unverified", outcome: "denied", reason: "not_staff" },
			STAFF_SIGN_IN_REQUIRED,
		);
	}
	const auth = await authenticateAudited(deps, req.actor, event);
	if (!auth.ok) return auth;
	const actor = auth.actor;
	if (actor.kind !== "staff") return STAFF_SIGN_IN_REQUIRED;
	const who: Who = { actorKind: "staff", actorId: actor.id, actorRole: actor.role, requestId: req.requestId };
	if (!operations.some((operation) => decideOperation(actor.role, operation).allowed)) {
		return refuse(
			deps,
			{ ...event, ...who, outcome: "denied", reason: "operation_not_granted" },
			NOT_FOR_ROLE,
		);
	}
	return { ok: true, actor, who };
}

async function findDisclosure(deps: VaultDeps, id: string): Promise<DisclosureRow | null> {
	const [row] = await deps.db.select().from(disclosures).where(eq(disclosures.id, id)).limit(1);
	return row ?? null;
}

/** What an entry about a stored disclosure names: its subject's pseudonym, its basis, its scope. */
async function aboutDisclosure(deps: VaultDeps, action: string, row: DisclosureRow): Promise<About> {
	return {
		action,
		reason: row.basis,
		subjects: await subjectPseudonyms(deps, [row.subjectId]),
		fields: parseScope(row.scope),
	};
}

export async function requestDisclosure(
	deps: VaultDeps,
	req: StaffRequest & {
		basis: DisclosureBasis;
		reference: string;
		orderId: string;
		subjectId: string;
		scope: string[];
	},
): Promise<VaultResult<{ disclosure: Disclosure }>> {
	const scope = [...new Set(req.scope)];
	const about: About = {
		action: "disclosure.request",
		reason: req.basis,
		subjects: await subjectPseudonyms(deps, [req.subjectId]),
		fields: scope,
	};
	const staff = await staffHolding(deps, req, ["disclosures.request"], about);
	if (!staff.ok) return staff;
	// Only a subject the vault still holds: a request about nothing would wait for an export of nothing.
	if (!(await getSubjectKeys(deps.db, [req.subjectId])).has(req.subjectId)) {
		return refuse(
			deps,
			{ ...about, ...staff.who, outcome: "denied", reason: "subject_not_found" },
			failure("not_found", "That personal data no longer exists"),
		);
	}
	const row: DisclosureRow = {
		id: newDisclosureId(),
		basis: req.basis,
		reference: req.reference,
		subjectId: req.subjectId,
		orderId: req.orderId,
		scope: JSON.stringify(scope),
		status: "requested",
		requestedBy: staff.actor.id,
		requestedAt: deps.now,
		decidedBy: null,
		decidedAt: null,
		decisionReason: null,
		executedAt: null,
	};
	// Logged first: a request with no entry must not exist.
	if (!(await audited(deps, { ...about, ...staff.who, outcome: "allowed", itemCount: scope.length })))
		return AUDIT_UNAVAILABLE;
	await deps.db.insert(disclosures).values(row);
	return { ok: true, disclosure: toDisclosure(row) };
}

export async function decideDisclosure(
	deps: VaultDeps,
	req: StaffRequest & { id: string; approve: boolean; reason: string },
): Promise<VaultResult<{ disclosure: Disclosure }>> {
	const action = req.approve ? "disclosure.approve" : "disclosure.reject";
	const row = await findDisclosure(deps, req.id);
	const about = row ? await aboutDisclosure(deps, action, row) : { action };
	const staff = await staffHolding(deps, req, ["disclosures.decide"], about);
	if (!staff.ok) return staff;
	const deny = (reason: string, answer: VaultFailure) =>
		refuse(deps, { ...about, ...staff.who, outcome: "denied", reason }, answer);
	if (!row) return deny("disclosure_not_found", NO_SUCH_DISCLOSURE);
	// Four eyes: whoever asked cannot also be the one who lets it happen.
	if (row.requestedBy === staff.actor.id)
		return deny("self_approval", failure("forbidden", "Another compliance officer must decide your request"));
	if (row.status !== "requested")
		return deny(`already_${row.status}`, failure("conflict", `This request is ${row.status} already`));
	if (!(await audited(deps, { ...about, ...staff.who, outcome: "allowed" }))) return AUDIT_UNAVAILABLE;
	const [updated] = await deps.db
		.update(disclosures)
		.set({
			status: req.approve ? "approved" : "rejected",
			decidedBy: staff.actor.id,
			decidedAt: deps.now,
			decisionReason: req.reason,
		})
		.where(and(eq(disclosures.id, row.id), eq(disclosures.status, "requested")))
		.returning();
	return updated
		? { ok: true, disclosure: toDisclosure(updated) }
		: failure("conflict", "The request was decided meanwhile; reload it");
}

/** Case id → order id, for the returns among the items the vault knows a case of. */
async function caseOrdersOf(deps: VaultDeps, items: readonly OpenItem[]): Promise<Map<string, string>> {
	const ids = [...new Set(items.filter((item) => item.table === "returns").map((item) => item.rowId))];
	const found = new Map<string, string>();
	// Ids are bound one per parameter: well under D1's 100 bound parameters.
	for (let i = 0; i < ids.length; i += 90) {
		const rows = await deps.db
			.select({ id: supportCases.id, orderId: supportCases.orderId })
			.from(supportCases)
			.where(inArray(supportCases.id, ids.slice(i, i + 90)));
		for (const row of rows) found.set(row.id, row.orderId);
	}
	return found;
}

export async function runDisclosure(
	deps: VaultDeps,
	req: StaffRequest & { id: string; items: OpenItem[] },
): Promise<VaultResult<{ disclosure: Disclosure; values: string[] }>> {
	const row = await findDisclosure(deps, req.id);
	const itemFields = req.items.map((item) => `${item.table}.${item.field}`);
	const about: About = row
		? {
				...(await aboutDisclosure(deps, "disclosure.run", row)),
				purpose: DISCLOSURE_PURPOSE,
				fields: itemFields,
				itemCount: req.items.length,
			}
		: {
				action: "disclosure.run",
				purpose: DISCLOSURE_PURPOSE,
				fields: itemFields,
				itemCount: req.items.length,
			};
	const staff = await staffHolding(deps, req, ["disclosures.run"], about);
	if (!staff.ok) return staff;
	const deny = (reason: string, answer: VaultFailure, outcome: "denied" | "failed" = "denied") =>
		refuse(deps, { ...about, ...staff.who, outcome, reason }, answer);
	if (!row) return deny("disclosure_not_found", NO_SUCH_DISCLOSURE);
	const notNow = runRefusal(row.status);
	if (notNow) return deny(notNow, failure("conflict", `A ${row.status} request cannot run`));
	const refusal = itemsRefusal(
		toDisclosure(row),
		row.subjectId,
		req.items,
		await caseOrdersOf(deps, req.items),
	);
	if (refusal)
		return deny(refusal, failure("forbidden", "Only the request's subject and the fields it names may open"));
	const key = (await getSubjectKeys(deps.db, [row.subjectId])).get(row.subjectId);
	if (!key)
		return deny("subject_not_found", failure("not_found", "That personal data no longer exists"), "failed");
	if (isDormant(key.kekId))
		return deny(
			"subject_dormant",
			failure("conflict", "That personal data is dormant; it opens once re-activated"),
			"failed",
		);

	// Logged, then claimed (once: of two runs racing, one executes), and only then opened.
	if (!(await audited(deps, { ...about, ...staff.who, outcome: "allowed" }))) return AUDIT_UNAVAILABLE;
	const [claimed] = await deps.db
		.update(disclosures)
		.set({ status: "executed", executedAt: deps.now })
		.where(and(eq(disclosures.id, row.id), eq(disclosures.status, "approved")))
		.returning();
	if (!claimed) return deny("already_executed", failure("conflict", "This request has run already"));
	try {
		const subject = await deps.cipher.openSubject(key);
		const values: string[] = [];
		for (const item of req.items) {
			const opened = await deps.cipher.openFields(subject, item.table, item.rowId, {
				[item.field]: item.ciphertext,
			});
			values.push(opened[item.field] as string);
		}
		return { ok: true, disclosure: toDisclosure(claimed), values };
	} catch {
		// A ciphertext relabelled as another row, field or subject: nothing is revealed, and the
		// approval stands for a correct run.
		await deps.db
			.update(disclosures)
			.set({ status: "approved", executedAt: null })
			.where(and(eq(disclosures.id, row.id), eq(disclosures.status, "executed")));
		return deny(
			"does_not_open",
			failure("bad_request", "An item does not open in the context given"),
			"failed",
		);
	}
}

export async function listDisclosures(
	deps: VaultDeps,
	req: StaffRequest & { status?: Disclosure["status"]; id?: string },
): Promise<VaultResult<{ disclosures: Disclosure[] }>> {
	const staff = await staffHolding(deps, req, LIST_OPERATIONS, { action: "disclosure.list" });
	if (!staff.ok) return staff;
	const rows = await deps.db
		.select()
		.from(disclosures)
		.where(
			and(
				req.status ? eq(disclosures.status, req.status) : undefined,
				req.id ? eq(disclosures.id, req.id) : undefined,
			),
		)
		.orderBy(desc(disclosures.requestedAt), desc(disclosures.id))
		.limit(LIST_LIMIT);
	return { ok: true, disclosures: rows.map(toDisclosure) };
}
