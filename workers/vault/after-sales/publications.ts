// Published reviews (issue #8, DESIGN P2/P8). A review's text and nickname are sealed under the
// review's own subject; they open for anyone only once a staff member with `reviews.moderate` has
// published that row here, which is the audited act. Reading published fields afterwards is a
// public page view: no actor, no audit entry per read, at most 100 items a call, and only the
// fields the author wrote to be shown (reviews.text, reviews.nickname).
import { and, eq, inArray } from "drizzle-orm";
import type * as z from "zod/mini";
import type {
	OpenItem,
	OpenPublishedRequestSchema,
	PublishRequestSchema,
	VaultResult,
} from "../../shared/vault-contract";
import { AUDIT_UNAVAILABLE, audited, refuse, subjectPseudonyms } from "../audit/audited";
import { isDormant, type Subject } from "../crypto/subject-cipher";
import { publications } from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { getSubjectKeys } from "../keys/subject-keys";
import { authorize } from "../operations";

/** What may ever be published: table → fields. Anything else is refused before any lookup. */
export const PUBLISHABLE: Readonly<Record<string, readonly string[]>> = {
	reviews: ["text", "nickname"],
};

const OPERATION = "reviews.moderate";
// Row ids are bound one per parameter: well under D1's 100 bound parameters.
const ROWS_PER_QUERY = 90;

export function isPublishable(item: Pick<OpenItem, "table" | "field">): boolean {
	return PUBLISHABLE[item.table]?.includes(item.field) ?? false;
}

/**
 * Publishes (or withdraws) one sealed row. A staff member whose role allows `reviews.moderate`
 * only; the entry is written before the row is listed, so nothing is ever shown unaudited. The
 * row keeps the subject it was published with: the same row under another subject is a conflict,
 * never a silent switch to someone else's ciphertext.
 */
export async function publish(
	deps: VaultDeps,
	req: z.output<typeof PublishRequestSchema>,
): Promise<VaultResult<{ published: boolean }>> {
	const action = req.published ? "publish" : "publish.withdraw";
	const fields = (PUBLISHABLE[req.table] ?? []).map((field) => `${req.table}.${field}`);
	const about = {
		action,
		subjects: await subjectPseudonyms(deps, [req.subjectId]),
		fields,
		itemCount: 1,
		requestId: req.requestId,
	};
	// A shopper's session is never a staff credential: refused without being checked.
	if (req.actor.kind !== "staff") {
		return refuse(
			deps,
			{ ...about, actorKind: "shopper", actorId: "unverified", outcome: "denied", reason: "not_staff" },
			failure("unauthorized", "Staff sign-in required"),
		);
	}
	const auth = await authorize(deps, {
		token: req.actor.token,
		operation: OPERATION,
		requestId: req.requestId,
	});
	if (!auth.ok) return auth;
	const who = { actorKind: "staff", actorId: auth.staff.id, actorRole: auth.staff.role } as const;

	const [current] = await deps.db
		.select()
		.from(publications)
		.where(and(eq(publications.tableName, req.table), eq(publications.rowId, req.rowId)))
		.limit(1);
	if (current && current.subjectId !== req.subjectId) {
		return refuse(
			deps,
			{ ...about, ...who, outcome: "denied", reason: "subject_mismatch" },
			failure("conflict", "That row was published under another subject"),
		);
	}
	if (req.published && !(await getSubjectKeys(deps.db, [req.subjectId])).has(req.subjectId)) {
		return refuse(
			deps,
			{ ...about, ...who, outcome: "denied", reason: "subject_not_found" },
			failure("not_found", "That personal data no longer exists"),
		);
	}
	// Log before the change: a row shown with no entry about who published it cannot happen.
	if (!(await audited(deps, { ...about, ...who, outcome: "allowed" }))) return AUDIT_UNAVAILABLE;
	if (req.published) {
		await deps.db
			.insert(publications)
			.values({ subjectId: req.subjectId, tableName: req.table, rowId: req.rowId, publishedAt: deps.now })
			.onConflictDoNothing();
	} else {
		await deps.db
			.delete(publications)
			.where(
				and(
					eq(publications.tableName, req.table),
					eq(publications.rowId, req.rowId),
					eq(publications.subjectId, req.subjectId),
				),
			);
	}
	return { ok: true, published: req.published };
}

/** The subject each published row of `table` was published under, for the rows asked about. */
async function publishedSubjects(deps: VaultDeps, table: string, rowIds: readonly string[]) {
	const found = new Map<string, string>();
	const unique = [...new Set(rowIds)];
	for (let i = 0; i < unique.length; i += ROWS_PER_QUERY) {
		const rows = await deps.db
			.select({ rowId: publications.rowId, subjectId: publications.subjectId })
			.from(publications)
			.where(
				and(
					eq(publications.tableName, table),
					inArray(publications.rowId, unique.slice(i, i + ROWS_PER_QUERY)),
				),
			);
		for (const row of rows) found.set(row.rowId, row.subjectId);
	}
	return found;
}

/**
 * Opens published fields for the public pages. A request naming any table or field that is never
 * published is refused as a whole (forbidden, audited: it is a misuse, not a page view). Within a
 * well-formed request, each item opens only when its row is published under the same subject; an
 * unpublished or withdrawn row, a shredded subject or a ciphertext that does not open as labelled
 * answers null for that item alone, so a review withdrawn while a page was being built drops out
 * of that page instead of failing it.
 */
export async function openPublished(
	deps: VaultDeps,
	req: z.output<typeof OpenPublishedRequestSchema>,
): Promise<VaultResult<{ values: (string | null)[] }>> {
	if (!req.items.every(isPublishable)) {
		return refuse(
			deps,
			{
				actorKind: "storefront",
				actorId: "storefront",
				action: "open_published",
				outcome: "denied",
				reason: "not_publishable",
				fields: req.items.map((item) => `${item.table}.${item.field}`),
				itemCount: req.items.length,
				requestId: req.requestId,
			},
			failure("forbidden", "Only published review texts and nicknames open without an actor"),
		);
	}
	const published = new Map<string, string>();
	for (const table of new Set(req.items.map((item) => item.table))) {
		const rows = await publishedSubjects(
			deps,
			table,
			req.items.filter((item) => item.table === table).map((item) => item.rowId),
		);
		for (const [rowId, subjectId] of rows) published.set(`${table}\u0000${rowId}`, subjectId);
	}
	const isShown = (item: OpenItem) => published.get(`${item.table}\u0000${item.rowId}`) === item.subjectId;
	const keys = await getSubjectKeys(
		deps.db,
		req.items.filter(isShown).map((item) => item.subjectId),
	);
	const subjects = new Map<string, Subject | null>();

	async function subjectOf(id: string): Promise<Subject | null> {
		if (subjects.has(id)) return subjects.get(id) ?? null;
		const row = keys.get(id);
		let subject: Subject | null = null;
		if (row && !isDormant(row.kekId)) {
			try {
				subject = await deps.cipher.openSubject(row);
			} catch (err) {
				deps.logger.error("published subject does not unwrap", { err });
			}
		}
		subjects.set(id, subject);
		return subject;
	}

	const values: (string | null)[] = [];
	for (const item of req.items) {
		const subject = isShown(item) ? await subjectOf(item.subjectId) : null;
		values.push(subject ? await openOne(deps, subject, item) : null);
	}
	return { ok: true, values };
}

async function openOne(deps: VaultDeps, subject: Subject, item: OpenItem): Promise<string | null> {
	try {
		const opened = await deps.cipher.openFields(subject, item.table, item.rowId, {
			[item.field]: item.ciphertext,
		});
		return opened[item.field] ?? null;
	} catch {
		// Relabelled or altered: it does not open as the published row's field, so it is not shown.
		return null;
	}
}
