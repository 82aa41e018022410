// Retention in the vault (DESIGN P9, issue #9 item 7): the storefront's purges (`purgeSubjects`),
// the list of destroyed keys its sweep follows (`shreddedSince`), and the vault's own retention
// run (dormant accounts, erasure notices, dormant erasure, key rotation, old records), started by
// an admin (`retention.run`) or by the vault's cron with the same steps.
import { and, asc, eq, gt, inArray, or } from "drizzle-orm";
import type {
	ActorCredential,
	PurgeRequest,
	RetentionStep,
	ShredCursor,
	ShreddedSubject,
	VaultResult,
} from "../../shared/vault-contract";
import { AUDIT_UNAVAILABLE, audited, refuse, subjectPseudonyms } from "../audit/audited";
import { credentials, shreddedSubjects, subjectOwners } from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { deleteSubjectKeys } from "../keys/subject-keys";
import { requireOperation } from "../operations";
import { type RetentionActor, SYSTEM_RETENTION } from "./retention-context";
import { runRetentionSteps } from "./retention-steps";

const ACCOUNT_SUBJECT = failure(
	"forbidden",
	"An account's data is ended only by its erasure or by dormancy, never by a purge",
);

/**
 * The storefront's retention purge: no actor (the service binding is the only caller; its own
 * jobs decided what is due). Refused whole, audited, if a subject to shred is an account's or
 * belongs to one; otherwise one entry for the purge, then the keys go. A key already gone is
 * fine (a retried purge), so the answer names only what this call destroyed.
 */
export async function purgeSubjects(
	deps: VaultDeps,
	req: Omit<PurgeRequest, "requestId"> & { requestId?: string },
): Promise<VaultResult<{ shredded: string[] }>> {
	const shredIds = [...new Set(req.subjects.filter((s) => s.shred).map((s) => s.id))];
	const event = {
		...SYSTEM_RETENTION,
		action: "retention.purge",
		reason: req.reason,
		subjects: await subjectPseudonyms(
			deps,
			req.subjects.map((s) => s.id),
		),
		fields: req.fields,
		itemCount: req.itemCount,
		requestId: req.requestId,
	} as const;
	if (await anyAccountSubject(deps, shredIds)) {
		return refuse(
			deps,
			{ ...event, outcome: "denied", reason: `${req.reason}:account_subject` },
			ACCOUNT_SUBJECT,
		);
	}
	// Logged before the keys are destroyed: a purge with no entry cannot happen.
	if (!(await audited(deps, { ...event, outcome: "allowed" }))) return AUDIT_UNAVAILABLE;
	return { ok: true, shredded: await deleteSubjectKeys(deps.db, shredIds, req.reason, deps.now) };
}

async function anyAccountSubject(deps: VaultDeps, ids: string[]): Promise<boolean> {
	if (ids.length === 0) return false;
	// At most 90 ids (the contract's bound): one query each, under D1's 100 bound parameters.
	const [own] = await deps.db
		.select({ id: credentials.accountId })
		.from(credentials)
		.where(inArray(credentials.subjectId, ids))
		.limit(1);
	if (own) return true;
	const [owned] = await deps.db
		.select({ id: subjectOwners.subjectId })
		.from(subjectOwners)
		.where(inArray(subjectOwners.subjectId, ids))
		.limit(1);
	return owned !== undefined;
}

/**
 * Destroyed keys in (shredded_at, subject_id) order, strictly after the cursor: the storefront's
 * sweep removes what was sealed under them and keeps `next` for its following page. `next` is
 * null when nothing follows (the caller keeps its cursor). Records go after 30 days
 * (retention-steps.ts): the sweep must run more often than that.
 */
export async function shreddedSince(
	deps: VaultDeps,
	req: { after: ShredCursor | null; limit: number },
): Promise<VaultResult<{ subjects: ShreddedSubject[]; next: ShredCursor | null }>> {
	const after = req.after;
	const rows = await deps.db
		.select({ subjectId: shreddedSubjects.subjectId, shreddedAt: shreddedSubjects.shreddedAt })
		.from(shreddedSubjects)
		.where(
			after
				? or(
						gt(shreddedSubjects.shreddedAt, after.at),
						and(eq(shreddedSubjects.shreddedAt, after.at), gt(shreddedSubjects.subjectId, after.subjectId)),
					)
				: undefined,
		)
		.orderBy(asc(shreddedSubjects.shreddedAt), asc(shreddedSubjects.subjectId))
		.limit(req.limit);
	const last = rows.at(-1);
	return { ok: true, subjects: rows, next: last ? { at: last.shreddedAt, subjectId: last.subjectId } : null };
}

/**
 * An admin's retention run (operation `retention.run`): the cron's steps under the admin's name.
 * A dry run counts what is due and changes nothing.
 */
export async function runVaultRetention(
	deps: VaultDeps,
	req: { actor: ActorCredential; dryRun: boolean; batchSize?: number; requestId?: string },
): Promise<VaultResult<{ steps: RetentionStep[] }>> {
	const allowed = await requireOperation(deps, req.actor, "retention.run", req.requestId);
	if (!allowed.ok) return allowed;
	const actor: RetentionActor = {
		actorKind: "staff",
		actorId: allowed.actor.id,
		actorRole: allowed.actor.role,
		requestId: req.requestId,
	};
	// Who started it, whether or not any step finds work (the steps log what they change).
	const logged = await audited(deps, {
		...actor,
		action: "retention.run",
		outcome: "allowed",
		reason: req.dryRun ? "dry_run" : "run",
	});
	if (!logged) return AUDIT_UNAVAILABLE;
	return {
		ok: true,
		steps: await runRetentionSteps(deps, actor, { dryRun: req.dryRun, batchSize: req.batchSize }),
	};
}
