// The published privacy policy (issue #9, DESIGN P13): its versions live in `policy_versions`,
// written by migrations (never edited once published), and the one in force is the newest whose
// effective date has come. Versions are ISO dates ("2026-11-01"), so they also sort by time.
import { desc } from "drizzle-orm";
import * as z from "zod";
import { type PolicyVersion, policyVersions } from "../db/schema";
import type { Db } from "../env";

export const PolicyClauseSchema = z.object({
	id: z.string().min(1),
	title: z.string().min(1),
	text: z.string().min(1),
	mechanism: z.string().min(1),
});
export type PolicyClause = z.infer<typeof PolicyClauseSchema>;
const ClausesSchema = z.array(PolicyClauseSchema).min(1);

export type PolicySummary = { version: string; effectiveAt: string; summary: string };
export type PolicyText = PolicySummary & { clauses: PolicyClause[] };
export type PublishedPolicy = { current: PolicyText; history: PolicySummary[] };

/**
 * The version in force at `now`: the newest whose effective date has come. Before the first one
 * takes effect there is nothing newer to apply, so the first is shown. Null only without versions.
 */
export function selectCurrentPolicy<V extends Pick<PolicyVersion, "version" | "effectiveAt">>(
	versions: readonly V[],
	now: number,
): V | null {
	const byDate = [...versions].sort(
		(a, b) => a.effectiveAt - b.effectiveAt || (a.version < b.version ? -1 : a.version > b.version ? 1 : 0),
	);
	const effective = byDate.filter((version) => version.effectiveAt <= now);
	return effective.at(-1) ?? byDate[0] ?? null;
}

/** True when `seen` (a version a customer was told about or consented under) predates `current`. */
export function isOlderPolicy(seen: string, current: string): boolean {
	// Binary order, as SQLite compares the column in takePolicyNotice.
	return seen < current;
}

export function summaryOf(row: PolicyVersion): PolicySummary {
	return { version: row.version, effectiveAt: new Date(row.effectiveAt).toISOString(), summary: row.summary };
}

/** A row's clauses; a row that does not parse is a broken migration, so it fails loudly. */
export function policyTextOf(row: PolicyVersion): PolicyText {
	return { ...summaryOf(row), clauses: ClausesSchema.parse(JSON.parse(row.clauses)) };
}

export function listPolicyVersions(db: Db): Promise<PolicyVersion[]> {
	return db.select().from(policyVersions).orderBy(desc(policyVersions.effectiveAt));
}

/** The policy in force at `now` with every published version, newest first; null without any. */
export async function readPublishedPolicy(db: Db, now: number): Promise<PublishedPolicy | null> {
	const versions = await listPolicyVersions(db);
	const current = selectCurrentPolicy(versions, now);
	if (!current) return null;
	return { current: policyTextOf(current), history: versions.map(summaryOf) };
}

/** Just the current version's summary (the notice in GET /api/v1/me needs no clauses). */
export async function readCurrentPolicy(db: Db, now: number): Promise<PolicySummary | null> {
	const current = selectCurrentPolicy(await listPolicyVersions(db), now);
	return current ? summaryOf(current) : null;
}
