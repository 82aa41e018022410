// What the return form of an account's order shows: each line with what is left to return, the
// 60-day window and whether another return is in progress. Display only: requestMyReturn decides
// (request-return.ts), with the same rules read from the same places.
import type { AccountDeps } from "../accounts/account-deps";
import { listOrderLines, type OrderRow } from "../db/orders";
import { hasOpenReturn, listTakenBackLines } from "../db/returns";
import { findAccountOrder } from "../orders/guest-lookup";
import { returnableQuantities } from "./return-rules";
import { isWithinReturnWindow, returnWindowClosesAt } from "./return-window";

export type ReturnableLine = {
	variantId: number;
	productName: string;
	size: string;
	color: string;
	quantity: number;
	unitPriceMinor: number;
	/** What is left to return of it: bought, less what earlier returns (not rejected) took back. */
	left: number;
};

export type ReturnableOrder = {
	number: string;
	status: OrderRow["status"];
	currency: string;
	deliveredAt: number | null;
	/** The first instant a return is refused; null until the order is delivered. */
	windowClosesAt: number | null;
	windowOpen: boolean;
	returnInProgress: boolean;
	lines: ReturnableLine[];
};

/** The account's own order as its return form shows it; another's is a 404, as on the API. */
export async function readReturnableOrder(deps: AccountDeps, orderNumber: string): Promise<ReturnableOrder> {
	const order = await findAccountOrder(deps.db, deps.account.id, orderNumber);
	const [bought, takenBack, returnInProgress] = await Promise.all([
		listOrderLines(deps.db, order.id),
		listTakenBackLines(deps.db, order.id),
		hasOpenReturn(deps.db, order.id),
	]);
	const left = returnableQuantities(bought, takenBack);
	const delivered = order.status === "delivered" ? order.deliveredAt : null;
	return {
		number: order.number,
		status: order.status,
		currency: order.currency,
		deliveredAt: delivered,
		windowClosesAt: delivered === null ? null : returnWindowClosesAt(delivered),
		windowOpen: delivered !== null && isWithinReturnWindow(delivered, deps.now),
		returnInProgress,
		lines: bought.map((line) => ({
			variantId: line.variantId,
			productName: line.productName,
			size: line.size,
			color: line.color,
			quantity: line.quantity,
			unitPriceMinor: line.unitPriceMinor,
			left: left.get(line.variantId) ?? 0,
		})),
	};
}
