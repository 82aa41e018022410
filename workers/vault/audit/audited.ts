// Audit-then-answer, shared by every operation (DESIGN P8): an entry is appended before the answer
// it records, and when it cannot be stored the caller gets `unavailable` and nothing else.
import type { VaultFailure } from "../../shared/vault-contract";
import { blindIndex } from "../crypto/blind-index";
import type { AuditRow } from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { type AuditEvent, appendAudit } from "./log";

/** What appending needs: the cron has no cipher and no request to defer work past. */
export type AuditDeps = Pick<VaultDeps, "db" | "logger" | "now">;

export const AUDIT_UNAVAILABLE = failure("unavailable", "The audit log is unavailable; nothing was revealed");

/** Appends the entry; null (and a logged error) when it could not be stored. */
export async function auditedEntry(deps: AuditDeps, event: AuditEvent): Promise<AuditRow | null> {
	try {
		return await appendAudit(deps.db, event, deps.now);
	} catch (err) {
		deps.logger.error("audit append failed", { err, action: event.action });
		return null;
	}
}

export async function audited(deps: AuditDeps, event: AuditEvent): Promise<boolean> {
	return (await auditedEntry(deps, event)) !== null;
}

/** Writes a refusal's audit entry, then gives its answer; without the entry, only `unavailable`. */
export async function refuse(
	deps: AuditDeps,
	event: AuditEvent,
	answer: VaultFailure,
): Promise<VaultFailure> {
	return (await audited(deps, event)) ? answer : AUDIT_UNAVAILABLE;
}

/** Subject pseudonyms: the log alone does not join to the commerce tables' subject ids. */
export function subjectPseudonyms(
	deps: Pick<VaultDeps, "env">,
	subjectIds: readonly string[],
): Promise<string[]> {
	return Promise.all(
		[...new Set(subjectIds)].map((id) => blindIndex(deps.env.BLIND_INDEX_KEY, "audit_subject", id)),
	);
}

/** A shopper's actor id in the log: a pseudonym of the account id, never the account id or the email. */
export function accountPseudonym(deps: Pick<VaultDeps, "env">, accountId: string): Promise<string> {
	return blindIndex(deps.env.BLIND_INDEX_KEY, "audit_account", accountId);
}

/** Who an account's entry is about: the shopper, by the pseudonym of their account. */
export async function shopperEvent(deps: Pick<VaultDeps, "env">, accountId: string, requestId?: string) {
	return {
		actorKind: "shopper",
		actorId: await accountPseudonym(deps, accountId),
		requestId,
	} as const;
}
