// Support cases (issue #8): the vault's own record of which orders have an open return or
// consultation. Support may open an order's contact only while one is open (the role matrix's
// `open_case` condition), so the record lives here, beside the keys, not in the storefront's
// database: a storefront bug or compromise cannot grant support access by writing a row.
// A case opens when its first text is sealed (seal's `openCase`) and closes by a staff action.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type * as z from "zod/mini";
import type { CloseCaseRequestSchema, OpenCase, VaultResult } from "../../shared/vault-contract";
import { type Actor, authenticateAudited } from "../actors";
import { AUDIT_UNAVAILABLE, audited, refuse, shopperEvent } from "../audit/audited";
import type { VaultDb } from "../db/client";
import { supportCases } from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { decideCloseCase } from "../policy/decide";

/** Records a case as open; a case already recorded (a retried seal) is left as it is. */
export async function recordOpenCase(deps: Pick<VaultDeps, "db" | "now">, openCase: OpenCase): Promise<void> {
	await deps.db
		.insert(supportCases)
		.values({ id: openCase.id, kind: openCase.kind, orderId: openCase.orderId, openedAt: deps.now })
		.onConflictDoNothing();
}

/** Of these order ids, those with at least one open case. */
export async function ordersWithOpenCase(db: VaultDb, orderIds: readonly string[]): Promise<Set<string>> {
	if (orderIds.length === 0) return new Set();
	const rows = await db
		.selectDistinct({ orderId: supportCases.orderId })
		.from(supportCases)
		.where(and(inArray(supportCases.orderId, [...orderIds]), isNull(supportCases.closedAt)));
	return new Set(rows.map((row) => row.orderId));
}

/**
 * Ends a case. A staff member's role must hold an operation that ends cases of its kind
 * (decideCloseCase). A shopper's own session may end a consultation (the storefront closes only
 * the shopper's own threads this way): closing only ever takes access away, so it is the one
 * thing a shopper may do to a case; a return's case ends with the staff action that settles it.
 * Closed once: a second call answers `closed: false` and changes nothing.
 */
export async function closeCase(
	deps: VaultDeps,
	req: z.output<typeof CloseCaseRequestSchema>,
): Promise<VaultResult<{ closed: boolean }>> {
	const base = { action: "case.close", requestId: req.requestId } as const;
	const auth = await authenticateAudited(deps, req.actor, base);
	if (!auth.ok) return auth;
	const who = await closerEvent(deps, auth.actor, base);
	const [found] = await deps.db.select().from(supportCases).where(eq(supportCases.id, req.caseId)).limit(1);
	if (!found) {
		return refuse(
			deps,
			{ ...who, outcome: "denied", reason: "case_not_found" },
			failure("not_found", "No such case"),
		);
	}
	const decision =
		auth.actor.kind === "staff"
			? decideCloseCase(auth.actor.role, found.kind)
			: found.kind === "consultation"
				? ({ allowed: true } as const)
				: ({ allowed: false, reason: "shopper_closes_consultations_only" } as const);
	if (!decision.allowed) {
		return refuse(
			deps,
			{ ...who, outcome: "denied", reason: `${found.kind}:${decision.reason}` },
			failure("forbidden", "Not allowed to close this case"),
		);
	}
	if (found.closedAt !== null) return { ok: true, closed: false };
	// Logged before the change, as every staff change is.
	if (!(await audited(deps, { ...who, outcome: "allowed", reason: found.kind, itemCount: 1 })))
		return AUDIT_UNAVAILABLE;
	const closed = await deps.db
		.update(supportCases)
		.set({ closedAt: deps.now })
		.where(and(eq(supportCases.id, found.id), isNull(supportCases.closedAt)))
		.returning({ id: supportCases.id });
	return { ok: true, closed: closed.length === 1 };
}

/** The entry's actor: a staff member by id and role, a shopper by their account's pseudonym. */
async function closerEvent(deps: VaultDeps, actor: Actor, base: { action: string; requestId?: string }) {
	if (actor.kind === "staff") {
		return { ...base, actorKind: "staff", actorId: actor.id, actorRole: actor.role } as const;
	}
	return { ...base, ...(await shopperEvent(deps, actor.id, base.requestId)), actorRole: null };
}
