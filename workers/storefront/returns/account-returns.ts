// The account owner's returns: requested on their own orders, listed and read only through the
// session's account, the description opened by the vault with the shopper's own session as the
// actor (self_service, audited). Another customer's return answers 404, as one that does not exist.
import { type AccountDeps, openOwn } from "../accounts/account-deps";
import { findReturn, listCustomerReturns } from "../db/returns";
import { AppError } from "../errors";
import { findAccountOrder } from "../orders/guest-lookup";
import { requestReturn } from "./request-return";
import type { ReturnRequestInput, ReturnView, ReturnWithDetailsView } from "./return-schemas";
import { loadReturnViews } from "./return-view";
import { normalizeRmaNumber, RMA_NUMBER_PATTERN } from "./rma-number";

/** Enough for an account page; paging arrives when someone has returned that much. */
const MAX_LISTED_RETURNS = 50;

export async function requestMyReturn(
	deps: AccountDeps,
	orderNumber: string,
	input: ReturnRequestInput,
): Promise<ReturnView> {
	const order = await findAccountOrder(deps.db, deps.account.id, orderNumber);
	return requestReturn(deps, order, { kind: "account", session: deps.session }, input);
}

export async function listMyReturns(deps: AccountDeps): Promise<ReturnView[]> {
	return loadReturnViews(deps.db, await listCustomerReturns(deps.db, deps.account.id, MAX_LISTED_RETURNS));
}

export async function readMyReturn(deps: AccountDeps, returnNumber: string): Promise<ReturnWithDetailsView> {
	const number = normalizeRmaNumber(returnNumber);
	const found = RMA_NUMBER_PATTERN.test(number) ? await findReturn(deps.db, number) : null;
	if (!found || found.customerId !== deps.account.id) throw new AppError("not_found", "Return not found");
	const [view] = await loadReturnViews(deps.db, [found]);
	if (!view) throw new AppError("not_found", "Return not found");
	const [details] = found.detailsCt
		? await openOwn(deps, [
				{ table: "returns", rowId: found.id, field: "details", ciphertext: found.detailsCt },
			])
		: [];
	return { ...view, details: details ? details : null };
}
