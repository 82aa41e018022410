// Staff handling of returns (issue #8): requested → approved → received → refunded, or rejected
// with a reason code. Every move is conditional on the status read, so of two staff racing, one
// moves the return and the other gets a 409; each status is mailed to the shopper once. The
// receipt puts the stock back in the same batch as its move; the refund goes through the refund
// service with one idempotency key per return, so it is paid once whatever is retried. Rejecting
// and refunding end the vault's support case on the order.

import {
	type FoundReturn,
	findReturn,
	getOrderById,
	listReturnLinesOf,
	listReturnsForStaff,
	moveReturnStatement,
	restockReturnStatement,
} from "../db/returns";
import type { RETURN_REJECTIONS, ReturnStatus } from "../db/schema";
import type { Db } from "../env";
import { AppError } from "../errors";
import { issueRefund, type RefundDeps } from "../payments/refunds";
import { fromVault } from "../vault-client";
import type { ReturnDeps } from "./request-return";
import { mailReturnUpdate } from "./return-mail";
import { refundCeilingMinor, returnedAddedTaxMinor, returnedValueMinor } from "./return-rules";
import type { ReturnView, ReturnWithDetailsView } from "./return-schemas";
import { loadReturnViews } from "./return-view";
import { normalizeRmaNumber, RMA_NUMBER_PATTERN } from "./rma-number";

export type StaffReturnDeps = ReturnDeps & { staffToken: string };

export const STAFF_RETURN_CURSOR = /^(\d{1,15})\.([0-9a-f-]{36})$/;

const changedMeanwhile = () => new AppError("invalid_state", "The return changed meanwhile; reload it");

async function requireReturn(db: Db, returnNumber: string): Promise<FoundReturn> {
	const number = normalizeRmaNumber(returnNumber);
	const found = RMA_NUMBER_PATTERN.test(number) ? await findReturn(db, number) : null;
	if (!found) throw new AppError("not_found", "No such return");
	return found;
}

function requireStatus(found: FoundReturn, allowed: readonly ReturnStatus[], action: string): void {
	if (!allowed.includes(found.status)) {
		throw new AppError("invalid_state", `A ${found.status} return cannot be ${action}`);
	}
}

/** A return without personal data, by number (the staff console's page before anything is opened). */
export async function viewOf(db: Db, returnNumber: string): Promise<ReturnView> {
	const [view] = await loadReturnViews(db, [await requireReturn(db, returnNumber)]);
	if (!view) throw new AppError("not_found", "No such return");
	return view;
}

/** Ends the vault's case on the order; the return's move stands even if the vault cannot be reached. */
async function closeVaultCase(deps: StaffReturnDeps, returnId: string): Promise<void> {
	try {
		const result = await deps.vault.closeCase({
			actor: { kind: "staff", token: deps.staffToken },
			caseId: returnId,
			requestId: deps.requestId,
		});
		if (!result.ok) deps.logger.warn("return case not closed", { code: result.error.code });
	} catch (err) {
		deps.logger.error("return case not closed", { err });
	}
}

export async function listStaffReturns(
	db: Db,
	options: { status?: ReturnStatus; cursor?: string; limit: number },
): Promise<{ returns: ReturnView[]; nextCursor: string | null }> {
	const match = options.cursor ? STAFF_RETURN_CURSOR.exec(options.cursor) : null;
	const before = match ? { createdAt: Number(match[1]), id: match[2] as string } : undefined;
	const rows = await listReturnsForStaff(db, { status: options.status, before, limit: options.limit + 1 });
	const page = rows.slice(0, options.limit);
	const last = page.at(-1);
	return {
		returns: await loadReturnViews(db, page),
		nextCursor: rows.length > options.limit && last ? `${last.createdAt}.${last.id}` : null,
	};
}

/** A return with the shopper's description, opened by the vault for support (role-checked, audited). */
export async function readStaffReturn(
	deps: StaffReturnDeps,
	returnNumber: string,
): Promise<ReturnWithDetailsView> {
	const found = await requireReturn(deps.db, returnNumber);
	const [view] = await loadReturnViews(deps.db, [found]);
	if (!view) throw new AppError("not_found", "No such return");
	if (!found.detailsCt) return { ...view, details: null };
	const { values } = await fromVault(
		deps.vault.open({
			actor: { kind: "staff", token: deps.staffToken },
			purpose: "support",
			items: [
				{
					subjectId: found.subjectId,
					table: "returns",
					rowId: found.id,
					field: "details",
					ciphertext: found.detailsCt,
				},
			],
			requestId: deps.requestId,
		}),
		deps.logger,
	);
	return { ...view, details: values[0] ? values[0] : null };
}

export async function approveReturn(
	deps: StaffReturnDeps,
	returnNumber: string,
	refundMinor: number,
): Promise<ReturnView> {
	const found = await requireReturn(deps.db, returnNumber);
	requireStatus(found, ["requested"], "approved");
	const [order, lines] = await Promise.all([
		getOrderById(deps.db, found.orderId),
		listReturnLinesOf(deps.db, [found.id]),
	]);
	if (!order) throw new AppError("not_found", "No such return");
	const value = returnedValueMinor(lines, lines);
	const ceiling = refundCeilingMinor({
		returnedValueMinor: value + returnedAddedTaxMinor(value, order),
		paidMinor: order.paidMinor,
		refundedMinor: order.refundedMinor,
	});
	if (refundMinor > ceiling) {
		throw new AppError("conflict", `At most ${ceiling} can be refunded for this return`, [
			{ path: ["refundMinor"], message: `At most ${ceiling}` },
		]);
	}
	const moved = await moveReturnStatement(deps.db, found.id, "requested", "approved", deps.now, {
		refundMinor,
		approvedAt: deps.now,
	});
	if (moved.length === 0) throw changedMeanwhile();
	await mailReturnUpdate(deps, found, "approved", { currency: found.currency, amountMinor: refundMinor });
	return viewOf(deps.db, found.number);
}

export async function rejectReturn(
	deps: StaffReturnDeps,
	returnNumber: string,
	rejection: (typeof RETURN_REJECTIONS)[number],
): Promise<ReturnView> {
	const found = await requireReturn(deps.db, returnNumber);
	requireStatus(found, ["requested", "approved"], "rejected");
	const moved = await moveReturnStatement(deps.db, found.id, found.status, "rejected", deps.now, {
		rejection,
		closedAt: deps.now,
	});
	if (moved.length === 0) throw changedMeanwhile();
	await closeVaultCase(deps, found.id);
	await mailReturnUpdate(deps, found, "rejected");
	return viewOf(deps.db, found.number);
}

/** The parcel arrived: its lines go back on sale in the same batch as the move, exactly once. */
export async function receiveReturn(deps: StaffReturnDeps, returnNumber: string): Promise<ReturnView> {
	const found = await requireReturn(deps.db, returnNumber);
	requireStatus(found, ["approved"], "received");
	const [, moved] = await deps.db.batch([
		restockReturnStatement(deps.db, found.id),
		moveReturnStatement(deps.db, found.id, "approved", "received", deps.now, { receivedAt: deps.now }),
	]);
	if (moved.length === 0) throw changedMeanwhile();
	await mailReturnUpdate(deps, found, "received");
	return viewOf(deps.db, found.number);
}

/**
 * Refunds a received return, the approved amount unless less is asked, through the refund service
 * under the key `return:<id>`: asked twice (or retried after a failure past the provider), it is
 * one refund. The service refuses more than the order has left paid.
 */
export async function refundReturn(
	deps: StaffReturnDeps,
	refundDeps: RefundDeps,
	returnNumber: string,
	amountMinor: number | undefined,
): Promise<ReturnView> {
	const found = await requireReturn(deps.db, returnNumber);
	requireStatus(found, ["received"], "refunded");
	const approved = found.refundMinor;
	if (approved === null) throw new AppError("invalid_state", "This return has no approved amount");
	const amount = amountMinor ?? approved;
	if (amount > approved) {
		throw new AppError("conflict", `At most the approved ${approved} can be refunded`, [
			{ path: ["amountMinor"], message: `At most ${approved}` },
		]);
	}
	const { refund } = await issueRefund(refundDeps, {
		orderId: found.orderId,
		amountMinor: amount,
		reason: "return",
		returnId: found.id,
		idempotencyKey: `return:${found.id}`,
	});
	if (refund.status === "failed") {
		throw new AppError("payment_unavailable", "The refund did not go through; try again later");
	}
	// The same refund asked at once by another request, still on its way to the provider: it may
	// yet fail, so the return is not marked refunded on its strength.
	if (refund.status === "pending" && refund.providerRefundId === null) {
		throw new AppError("conflict", "This refund is being processed; try again shortly");
	}
	const moved = await moveReturnStatement(deps.db, found.id, "received", "refunded", deps.now, {
		closedAt: deps.now,
	});
	if (moved.length === 0) throw changedMeanwhile();
	await closeVaultCase(deps, found.id);
	await mailReturnUpdate(deps, found, "refunded", {
		currency: found.currency,
		amountMinor: refund.amountMinor,
	});
	return viewOf(deps.db, found.number);
}
