// Records that outlive their use (DESIGN P9): the list of destroyed keys after 30 days (the
// storefront's sweep, which runs every few minutes, has long read them), and guests' privacy
// requests 30 days after they were used or expired (long enough to answer "what happened to my
// request?"). Neither holds personal data; each batch is bounded and audited like every step.
import { and, count, inArray, lt, or } from "drizzle-orm";
import type { RetentionStep } from "../../shared/vault-contract";
import { privacyRequests, shreddedSubjects } from "../db/schema";
import { DAY_MS } from "./retention-config";
import { auditStep, report, type StepContext } from "./retention-context";

export const RECORD_KEEP_MS = 30 * DAY_MS;

type Expiry = { countDue(): Promise<number>; remove(limit: number): Promise<number> };

async function expire(ctx: StepContext, job: string, records: Expiry): Promise<RetentionStep> {
	const due = await records.countDue();
	if (ctx.dryRun || due === 0) return report(job, due, 0);
	await auditStep(ctx, { action: "retention.records", reason: job, itemCount: Math.min(due, ctx.batchSize) });
	return report(job, due, await records.remove(ctx.batchSize));
}

export function expiredShredRecords(ctx: StepContext): Promise<RetentionStep> {
	const { db } = ctx.deps;
	const old = lt(shreddedSubjects.shreddedAt, ctx.deps.now - RECORD_KEEP_MS);
	return expire(ctx, "shred_records", {
		countDue: async () => (await db.select({ n: count() }).from(shreddedSubjects).where(old))[0]?.n ?? 0,
		async remove(limit) {
			const ids = db
				.select({ id: shreddedSubjects.subjectId })
				.from(shreddedSubjects)
				.where(old)
				.limit(limit);
			const rows = await db
				.delete(shreddedSubjects)
				.where(and(inArray(shreddedSubjects.subjectId, ids), old))
				.returning({ id: shreddedSubjects.subjectId });
			return rows.length;
		},
	});
}

export function expiredPrivacyRequests(ctx: StepContext): Promise<RetentionStep> {
	const { db } = ctx.deps;
	const cutoff = ctx.deps.now - RECORD_KEEP_MS;
	const old = or(lt(privacyRequests.usedAt, cutoff), lt(privacyRequests.expiresAt, cutoff));
	return expire(ctx, "privacy_requests", {
		countDue: async () => (await db.select({ n: count() }).from(privacyRequests).where(old))[0]?.n ?? 0,
		async remove(limit) {
			const hashes = db
				.select({ hash: privacyRequests.tokenHash })
				.from(privacyRequests)
				.where(old)
				.limit(limit);
			const rows = await db
				.delete(privacyRequests)
				.where(and(inArray(privacyRequests.tokenHash, hashes), old))
				.returning({ hash: privacyRequests.tokenHash });
			return rows.length;
		},
	});
}
