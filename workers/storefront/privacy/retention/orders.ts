// P9, orders: once nothing can still happen to an order that needs its contact (its return window
// has closed with no return or refund open and no conversation with support going on, or it was
// cancelled long enough ago), its
// non-archival personal data goes: the contact, the texts of its returns and its consultations.
// The vault audits each purge first and destroys a guest order's data key (the subject is the
// order's own); an account's orders share the account's subject, which only erasure or dormancy
// may end, so theirs is an audit entry only. The rows go after the vault answered, in one batch:
// a run cut off between the two finds the same orders due next time and purges them again, which
// the vault allows (a destroyed key is destroyed once, the audit says so again).
import { and, asc, count, eq, gt, gte, isNull, lt, not, or } from "drizzle-orm";
import { runBatch } from "../../../shared/d1-batch";
import { sealedFields } from "../../../shared/personal-data/registry";
import { orders } from "../../db/schema";
import type { Db } from "../../env";
import { fromVault } from "../../vault-client";
import { ERASE_CHUNK, markOrdersPurgedStatement, purgeOrderStatements } from "../erase-rows";
import { conversationOpen, settlementOpen } from "../order-holds";
import { doneStep, dueStep, type RetentionDeps, type RetentionRun } from "./job";
import { CANCELLED_PAID_DAYS, CANCELLED_UNPAID_DAYS, daysBefore, deliveredBefore } from "./periods";

export const ORDERS_JOB = "orders";

/** What the purge removes, named as the vault binds it: the registry's sealed order data. */
export function orderPurgeFields(): string[] {
	return sealedFields("commerce")
		.filter((field) => field.retention === "order_personal_data")
		.map((field) => `${field.table}.${field.sealedField}`);
}

/** Orders whose personal data is still held and no longer needed at `now`. */
export function dueOrders(db: Db, now: number) {
	// A cancelled order's last change is its cancellation, or a late payment and its refund after it.
	return and(
		isNull(orders.personalDataPurgedAt),
		or(
			and(eq(orders.status, "delivered"), lt(orders.deliveredAt, deliveredBefore(now))),
			and(
				eq(orders.status, "cancelled"),
				eq(orders.paidMinor, 0),
				lt(orders.updatedAt, daysBefore(now, CANCELLED_UNPAID_DAYS)),
			),
			and(
				eq(orders.status, "cancelled"),
				gt(orders.paidMinor, 0),
				gte(orders.refundedMinor, orders.paidMinor),
				lt(orders.updatedAt, daysBefore(now, CANCELLED_PAID_DAYS)),
			),
		),
		not(settlementOpen(db)),
		not(conversationOpen(db, now)),
	);
}

type DueOrder = { id: string; subjectId: string; customerId: string | null };

export async function purgeExpiredOrders(deps: RetentionDeps, run: RetentionRun) {
	const due = dueOrders(deps.db, run.now);
	const [counted] = await deps.db.select({ n: count() }).from(orders).where(due);
	const total = counted?.n ?? 0;
	if (run.dryRun || total === 0) return dueStep(ORDERS_JOB, total, run.batchSize);
	const batch = await deps.db
		.select({ id: orders.id, subjectId: orders.subjectId, customerId: orders.customerId })
		.from(orders)
		.where(due)
		.orderBy(asc(orders.updatedAt), asc(orders.id))
		.limit(run.batchSize);
	const fields = orderPurgeFields();
	let done = 0;
	for (let i = 0; i < batch.length; i += ERASE_CHUNK) {
		done += await purgeOrders(deps, batch.slice(i, i + ERASE_CHUNK), fields, run.now);
	}
	return doneStep(ORDERS_JOB, total, done);
}

async function purgeOrders(deps: RetentionDeps, chunk: DueOrder[], fields: string[], now: number) {
	const subjects = new Map<string, boolean>();
	for (const order of chunk) {
		// A subject shared with an account is never shredded here, even beside a guest order of it.
		const shred = order.customerId === null && subjects.get(order.subjectId) !== false;
		subjects.set(order.subjectId, shred);
	}
	await fromVault(
		deps.vault.purge({
			reason: "order_retention",
			subjects: [...subjects].map(([id, shred]) => ({ id, shred })),
			fields,
			itemCount: chunk.length,
			requestId: deps.requestId,
		}),
		deps.logger,
	);
	const ids = chunk.map((order) => order.id);
	await runBatch(deps.db, [
		...purgeOrderStatements(deps.db, ids),
		markOrdersPurgedStatement(deps.db, ids, now),
	]);
	return chunk.length;
}
