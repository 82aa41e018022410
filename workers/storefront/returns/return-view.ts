// What a return looks like to shoppers and staff: codes, amounts, lines and dates. No ciphertext
// ever leaves here; the description is added only where the vault opened it for the reader.

import {
	listReturnLinesOf,
	type ReturnLineView,
	type ReturnSummaryRow,
	refundedByReturn,
} from "../db/returns";
import type { Db } from "../env";
import type { ReturnView } from "./return-schemas";

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export function buildReturnView(
	row: ReturnSummaryRow,
	lines: readonly ReturnLineView[],
	refundedMinor: number,
): ReturnView {
	return {
		number: row.number,
		orderNumber: row.orderNumber,
		status: row.status,
		reason: row.reason,
		rejection: row.rejection,
		requestedBy: row.requestedBy,
		currency: row.currency,
		refundMinor: row.refundMinor,
		refundedMinor,
		lines: lines.map(({ returnId: _returnId, ...line }) => line),
		requestedAt: new Date(row.createdAt).toISOString(),
		updatedAt: new Date(row.updatedAt).toISOString(),
		approvedAt: iso(row.approvedAt),
		receivedAt: iso(row.receivedAt),
		closedAt: iso(row.closedAt),
	};
}

/** Views of several returns, with their lines and refunds read in two queries. */
export async function loadReturnViews(db: Db, rows: readonly ReturnSummaryRow[]): Promise<ReturnView[]> {
	const ids = rows.map((row) => row.id);
	const [lines, refunded] = await Promise.all([listReturnLinesOf(db, ids), refundedByReturn(db, ids)]);
	return rows.map((row) =>
		buildReturnView(
			row,
			lines.filter((line) => line.returnId === row.id),
			refunded.get(row.id) ?? 0,
		),
	);
}
