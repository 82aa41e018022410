// Requesting a return (issue #8): the account owner through their session, a guest with the
// order number and the email given at checkout. The order must be delivered and inside the
// 60-day window, have no other return in progress, and still hold what is asked back. The
// shopper's description is sealed by the vault (P2): under the account's subject with the
// shopper's own session, or under the order's subject for a guest. That sealing also opens the
// vault's support case for the order, which is why it happens for every return, with or without
// a description, and only once the return is stored.

import { runBatch, violatedConstraint } from "../../shared/d1-batch";
import type { Logger } from "../../shared/logger";
import { listOrderLines, type OrderRow } from "../db/orders";
import {
	deleteReturn,
	hasOpenReturn,
	insertReturnStatements,
	listReturnsOfOrder,
	listTakenBackLines,
	type ReturnRow,
	setReturnDetails,
} from "../db/returns";
import type { Db } from "../env";
import { AppError } from "../errors";
import { fromVault, type VaultClient } from "../vault-client";
import { mailReturnUpdate } from "./return-mail";
import { excessLines, returnableQuantities } from "./return-rules";
import type { ReturnRequestInput, ReturnView } from "./return-schemas";
import { loadReturnViews } from "./return-view";
import { isWithinReturnWindow } from "./return-window";
import { newRmaNumber } from "./rma-number";

export type ReturnDeps = {
	db: Db;
	vault: VaultClient;
	logger: Logger;
	requestId: string;
	now: number;
};

/** Who asks: the order's account (its session seals), or a guest who proved number + email. */
export type Requester = { kind: "account"; session: string } | { kind: "guest" };

const NUMBER_ATTEMPTS = 3;

/** Refuses, before anything is written, a return the order cannot take. */
async function checkReturnable(
	db: Db,
	order: OrderRow,
	input: ReturnRequestInput,
	now: number,
): Promise<void> {
	if (order.status !== "delivered" || order.deliveredAt === null) {
		throw new AppError("invalid_state", "Only a delivered order can be returned");
	}
	if (!isWithinReturnWindow(order.deliveredAt, now)) {
		throw new AppError("invalid_state", "The 60-day return window of this order has closed");
	}
	if (await hasOpenReturn(db, order.id)) {
		throw new AppError("conflict", "This order already has a return in progress");
	}
	const [bought, takenBack] = await Promise.all([
		listOrderLines(db, order.id),
		listTakenBackLines(db, order.id),
	]);
	const issues = excessLines(input.lines, returnableQuantities(bought, takenBack));
	if (issues.length > 0) throw new AppError("conflict", "More than the order has left to return", issues);
}

/** Stores the return (without its description yet); a second open return of the order is a 409. */
async function insertReturn(
	deps: ReturnDeps,
	order: OrderRow,
	requester: Requester,
	input: ReturnRequestInput,
): Promise<ReturnRow> {
	for (let attempt = 1; ; attempt++) {
		const row: ReturnRow = {
			id: crypto.randomUUID(),
			number: newRmaNumber(),
			orderId: order.id,
			status: "requested",
			reason: input.reason,
			detailsCt: null,
			requestedBy: requester.kind,
			rejection: null,
			refundMinor: null,
			createdAt: deps.now,
			updatedAt: deps.now,
			approvedAt: null,
			receivedAt: null,
			closedAt: null,
		};
		const lines = input.lines.map((line) => ({ returnId: row.id, ...line }));
		try {
			await runBatch(deps.db, insertReturnStatements(deps.db, row, lines));
			return row;
		} catch (err) {
			if (violatedConstraint(err) !== "unique") throw err;
			// Another request opened a return of this order meanwhile (the partial unique index)...
			if (await hasOpenReturn(deps.db, order.id)) {
				throw new AppError("conflict", "This order already has a return in progress");
			}
			// ...or, once in a trillion, the RMA number was taken: draw another.
			if (attempt >= NUMBER_ATTEMPTS) throw err;
		}
	}
}

/** Seals the description into the stored return, opening the vault's case; undone if it fails. */
async function sealDetails(
	deps: ReturnDeps,
	order: OrderRow,
	row: ReturnRow,
	requester: Requester,
	details: string,
): Promise<void> {
	try {
		const { sealed } = await fromVault(
			deps.vault.seal({
				subject:
					requester.kind === "account" ? { session: requester.session } : { subjectId: order.subjectId },
				table: "returns",
				rowId: row.id,
				fields: { details },
				openCase: { id: row.id, kind: "return", orderId: order.id },
				requestId: deps.requestId,
			}),
			deps.logger,
		);
		const detailsCt = sealed.details;
		if (detailsCt === undefined)
			throw new AppError("vault_unavailable", "The description could not be sealed");
		await setReturnDetails(deps.db, row.id, detailsCt);
	} catch (err) {
		// A refused or failed request leaves nothing behind.
		await deleteReturn(deps.db, row.id);
		throw err;
	}
}

export async function requestReturn(
	deps: ReturnDeps,
	order: OrderRow,
	requester: Requester,
	input: ReturnRequestInput,
): Promise<ReturnView> {
	await checkReturnable(deps.db, order, input, deps.now);
	const row = await insertReturn(deps, order, requester, input);
	await sealDetails(deps, order, row, requester, input.details ?? "");
	await mailReturnUpdate(deps, { ...row, orderNumber: order.number }, "requested");
	const [view] = await loadReturnViews(deps.db, [
		{ ...row, orderNumber: order.number, currency: order.currency },
	]);
	if (!view) throw new Error("a stored return has no view");
	return view;
}

/** The returns of an order, without descriptions: what a guest who proved the order may see. */
export async function returnsOfOrder(db: Db, order: OrderRow): Promise<ReturnView[]> {
	return loadReturnViews(db, await listReturnsOfOrder(db, order.id));
}
