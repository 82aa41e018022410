// What becomes of the commerce rows once personal data must go (issue #9, P9/P12): one place that
// knows every table, driven by the registry's columns, shared by account erasure, guest deletion,
// retention's order purge and the sweep of destroyed keys. Orders keep only archival fields
// (number, lines, totals, dates, country); a review keeps its rating and text but loses its author;
// anything else sealed under the subject, or naming the account, is deleted.
import { and, inArray, isNull, or, type SQLWrapper, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Statement } from "../../shared/d1-batch";
import { carts, consultations, customers, orderContacts, orders, returns, reviews } from "../db/schema";
import type { Db } from "../env";

/** Ids bound per statement, for both lists together: under D1's 100 parameters. */
export const ERASE_CHUNK = 45;

/**
 * Whose rows go: subjects whose keys are destroyed, and accounts that are erased. An account whose
 * own subject is in `subjectIds` is erased too (the vault's list of destroyed keys names subjects
 * only, never accounts).
 */
export type ErasureTarget = { subjectIds: readonly string[]; accountIds?: readonly string[] };

/** A value no id can equal: `IN ()` is not valid SQL. */
const NONE = ["\u0000"];

/**
 * The statements, for one D1 batch (one transaction). Order matters: the rows an order's data key
 * opened go before the order forgets whose it was, and the customer rows go last because the other
 * statements find the erased accounts through them.
 */
export function eraseRowsStatements(db: Db, target: ErasureTarget, now: number): Statement[] {
	const subjectIds = target.subjectIds.length ? [...target.subjectIds] : NONE;
	const accountIds = target.accountIds?.length ? [...target.accountIds] : NONE;
	if (subjectIds.length > ERASE_CHUNK || accountIds.length > ERASE_CHUNK)
		throw new Error("erasure chunk too large");
	const theirAccounts = (column: AnySQLiteColumn) =>
		or(
			inArray(column, accountIds),
			inArray(
				column,
				db.select({ id: customers.id }).from(customers).where(inArray(customers.subjectId, subjectIds)),
			),
		);
	const theirOrders = db
		.select({ id: orders.id })
		.from(orders)
		.where(or(inArray(orders.subjectId, subjectIds), theirAccounts(orders.customerId)));
	return [
		...purgeOrderStatements(db, theirOrders),
		db
			.delete(consultations)
			.where(or(inArray(consultations.subjectId, subjectIds), theirAccounts(consultations.customerId))),
		db.delete(reviews).where(inArray(reviews.subjectId, subjectIds)),
		db
			.update(reviews)
			.set({ customerId: null, nicknameCt: null, updatedAt: now })
			.where(theirAccounts(reviews.customerId)),
		db.delete(carts).where(theirAccounts(carts.customerId)),
		db
			.update(orders)
			// An order purged before (retention) keeps the time its data actually went.
			.set({ customerId: null, personalDataPurgedAt: sql`coalesce(${orders.personalDataPurgedAt}, ${now})` })
			.where(or(inArray(orders.subjectId, subjectIds), theirAccounts(orders.customerId))),
		db.delete(customers).where(theirAccounts(customers.id)),
	];
}

/** Order ids, or a subquery selecting them. */
type OrderIds = string[] | SQLWrapper;

/**
 * An order's personal data goes, its archival fields stay: the contact, the texts of its returns
 * and its consultations. `orderIds` is a list or a subquery. The order row itself is marked last,
 * by the caller's own statement (erasure also forgets the account; retention only marks it).
 */
export function purgeOrderStatements(db: Db, ids: OrderIds): Statement[] {
	return [
		db.delete(orderContacts).where(inArray(orderContacts.orderId, ids)),
		db.update(returns).set({ detailsCt: null }).where(inArray(returns.orderId, ids)),
		db.delete(consultations).where(inArray(consultations.orderId, ids)),
	];
}

/** Marks orders purged (retention of an order still linked to a living account keeps the link). */
export function markOrdersPurgedStatement(db: Db, orderIds: readonly string[], now: number): Statement {
	return db
		.update(orders)
		.set({ personalDataPurgedAt: now })
		.where(and(inArray(orders.id, [...orderIds]), isNull(orders.personalDataPurgedAt)));
}
