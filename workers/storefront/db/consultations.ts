// Queries of customer-service threads and their messages (issue #8). Texts are ciphertext only;
// a thread closes once (conditional on being open), so a close and a late message cannot both win.
import { and, asc, count, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "../env";
import {
	type Consultation,
	type ConsultationMessage,
	consultationMessages,
	consultations,
	orders,
} from "./schema";

export type ConsultationRow = Consultation;
export type ConsultationMessageRow = ConsultationMessage;
export type ConsultationStatus = ConsultationRow["status"];

/** A thread with the number of its order, for views (the order id itself is not shown). */
export type ConsultationWithOrder = ConsultationRow & { orderNumber: string | null };

const withOrder = {
	id: consultations.id,
	kind: consultations.kind,
	status: consultations.status,
	customerId: consultations.customerId,
	orderId: consultations.orderId,
	subjectId: consultations.subjectId,
	replyEmailCt: consultations.replyEmailCt,
	createdAt: consultations.createdAt,
	updatedAt: consultations.updatedAt,
	closedAt: consultations.closedAt,
	orderNumber: orders.number,
};

export async function insertConsultation(db: Db, row: ConsultationRow): Promise<void> {
	await db.insert(consultations).values(row);
}

/** Undoes a thread whose first message could not be sealed (its messages go by cascade). */
export async function deleteConsultation(db: Db, id: string): Promise<void> {
	await db.delete(consultations).where(eq(consultations.id, id));
}

export async function getConsultation(db: Db, id: string): Promise<ConsultationWithOrder | null> {
	const [row] = await db
		.select(withOrder)
		.from(consultations)
		.leftJoin(orders, eq(orders.id, consultations.orderId))
		.where(eq(consultations.id, id))
		.limit(1);
	return row ?? null;
}

/** Stores a message only while its thread is open, and touches the thread; false when it was closed. */
export async function insertMessageIfOpen(db: Db, row: ConsultationMessageRow): Promise<boolean> {
	const values = Object.keys(getTableColumns(consultationMessages)).map(
		(key) => row[key as keyof ConsultationMessageRow] ?? null,
	);
	const threadIsOpen = sql`exists (select 1 from ${consultations} where ${consultations.id} = ${row.consultationId} and ${consultations.status} = 'open')`;
	const [inserted] = await db.batch([
		db
			.insert(consultationMessages)
			.select(
				sql`select ${sql.join(
					values.map((v) => sql`${v}`),
					sql`, `,
				)} where ${threadIsOpen}`,
			)
			.returning({ id: consultationMessages.id }),
		db
			.update(consultations)
			.set({ updatedAt: row.createdAt })
			.where(and(eq(consultations.id, row.consultationId), eq(consultations.status, "open"))),
	]);
	return inserted.length === 1;
}

export async function countMessages(db: Db, consultationId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(consultationMessages)
		.where(eq(consultationMessages.consultationId, consultationId));
	return row?.n ?? 0;
}

export function listMessages(
	db: Db,
	consultationId: string,
	limit: number,
): Promise<ConsultationMessageRow[]> {
	return db
		.select()
		.from(consultationMessages)
		.where(eq(consultationMessages.consultationId, consultationId))
		.orderBy(asc(consultationMessages.createdAt), asc(consultationMessages.id))
		.limit(limit);
}

/** Closes an open thread; false when it was closed already. */
export async function closeConsultation(db: Db, id: string, now: number): Promise<boolean> {
	const closed = await db
		.update(consultations)
		.set({ status: "closed", closedAt: now, updatedAt: now })
		.where(and(eq(consultations.id, id), eq(consultations.status, "open")))
		.returning({ id: consultations.id });
	return closed.length === 1;
}

export function listCustomerConsultations(
	db: Db,
	customerId: string,
	limit: number,
): Promise<ConsultationWithOrder[]> {
	return db
		.select(withOrder)
		.from(consultations)
		.leftJoin(orders, eq(orders.id, consultations.orderId))
		.where(eq(consultations.customerId, customerId))
		.orderBy(desc(consultations.createdAt), desc(consultations.id))
		.limit(limit);
}

/** Open threads of an order, or of an account: bounded so nobody can flood customer service. */
export async function countOpenConsultations(
	db: Db,
	by: { orderId: string } | { customerId: string },
): Promise<number> {
	const owner =
		"orderId" in by ? eq(consultations.orderId, by.orderId) : eq(consultations.customerId, by.customerId);
	const [row] = await db
		.select({ n: count() })
		.from(consultations)
		.where(and(owner, eq(consultations.status, "open")));
	return row?.n ?? 0;
}

export type StaffCursor = { status: ConsultationStatus; updatedAt: number; id: string };

/**
 * Threads for customer service: open ones first ('open' sorts after 'closed'), then the most
 * recently active; keyset-paged on (status, updated_at, id).
 */
export function listConsultationsForStaff(
	db: Db,
	options: { status?: ConsultationStatus; after?: StaffCursor; limit: number },
): Promise<ConsultationWithOrder[]> {
	const conditions = [];
	if (options.status) conditions.push(eq(consultations.status, options.status));
	if (options.after) {
		const { status, updatedAt, id } = options.after;
		conditions.push(
			sql`(${consultations.status}, ${consultations.updatedAt}, ${consultations.id}) < (${status}, ${updatedAt}, ${id})`,
		);
	}
	return db
		.select(withOrder)
		.from(consultations)
		.leftJoin(orders, eq(orders.id, consultations.orderId))
		.where(conditions.length > 0 ? and(...conditions) : undefined)
		.orderBy(desc(consultations.status), desc(consultations.updatedAt), desc(consultations.id))
		.limit(options.limit);
}

/** How many messages each thread has, for list views. */
export async function countMessagesOf(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.select({ id: consultationMessages.consultationId, n: count() })
		.from(consultationMessages)
		.where(inArray(consultationMessages.consultationId, [...ids]))
		.groupBy(consultationMessages.consultationId);
	return new Map(rows.map((row) => [row.id, row.n]));
}
