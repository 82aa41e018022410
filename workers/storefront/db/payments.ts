import { and, eq } from "drizzle-orm";
import type { Statement } from "../../shared/d1-batch";
import type { Db } from "../env";
import { localPaymentSessions, paymentEvents } from "./schema";

export type PaymentEventRow = typeof paymentEvents.$inferSelect;
export type LocalPaymentSessionRow = typeof localPaymentSessions.$inferSelect;
export type LocalSessionStatus = LocalPaymentSessionRow["status"];

export async function hasPaymentEvent(db: Db, provider: string, eventId: string): Promise<boolean> {
	const row = await db.query.paymentEvents.findFirst({
		where: and(eq(paymentEvents.provider, provider), eq(paymentEvents.eventId, eventId)),
		columns: { eventId: true },
	});
	return row !== undefined;
}

/** Its primary key (provider, event id) makes a replayed event fail the batch it is part of. */
export function insertPaymentEventStatement(db: Db, row: PaymentEventRow): Statement {
	return db.insert(paymentEvents).values(row);
}

export async function insertLocalPaymentSession(db: Db, row: LocalPaymentSessionRow): Promise<void> {
	await db.insert(localPaymentSessions).values(row);
}

export async function getLocalPaymentSession(db: Db, id: string): Promise<LocalPaymentSessionRow | null> {
	return (await db.query.localPaymentSessions.findFirst({ where: eq(localPaymentSessions.id, id) })) ?? null;
}

/** Closes an open session; false when it was already closed (a double submit). */
export async function closeLocalPaymentSession(
	db: Db,
	id: string,
	status: LocalSessionStatus,
): Promise<boolean> {
	const closed = await db
		.update(localPaymentSessions)
		.set({ status })
		.where(and(eq(localPaymentSessions.id, id), eq(localPaymentSessions.status, "open")))
		.returning({ id: localPaymentSessions.id });
	return closed.length > 0;
}
