// The customer's own orders and account checkout. Orders are found by the session's account id
// only: another customer's order number answers 404, exactly like a number that does not exist.
import type { Context } from "hono";
import { countAddresses } from "../db/customers";
import { getOrderByNumber, listCustomerOrders, listLinesOfOrders, listOrderLines } from "../db/orders";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { buildOrderSummary, type OrderSummary } from "../orders/order-view";
import { checkoutForShopper } from "../shopper-actions";
import type { AccountDeps } from "./account-deps";
import type { AccountCheckoutInput } from "./account-schemas";
import { addSavedAddress, findSavedAddress, MAX_SAVED_ADDRESSES } from "./address-book";

/** Enough for an account page; older orders arrive with paging when someone has that many. */
const MAX_LISTED_ORDERS = 50;

export async function listMyOrders(deps: AccountDeps): Promise<OrderSummary[]> {
	const rows = await listCustomerOrders(deps.db, deps.account.id, MAX_LISTED_ORDERS);
	const lines = await listLinesOfOrders(
		deps.db,
		rows.map((row) => row.id),
	);
	return rows.map((row) =>
		buildOrderSummary(
			row,
			lines.filter((line) => line.orderId === row.id),
		),
	);
}

export async function findMyOrder(deps: AccountDeps, number: string): Promise<OrderSummary> {
	const row = await getOrderByNumber(deps.db, number);
	if (!row || row.customerId !== deps.account.id) throw new AppError("not_found", "Order not found");
	return buildOrderSummary(row, await listOrderLines(deps.db, row.id));
}

/**
 * Checkout with a saved address or a new one (kept in the address book when asked).
 *
 * A new address is kept only once the order is placed: a refused checkout (an empty cart, a line
 * out of stock, a per-client limit) must leave no address behind, as no refused request changes
 * a stored row (issue #12; test/storefront/property-input.test.ts found one that did). A full
 * address book still refuses before anything is written.
 */
export async function checkoutForCustomer(
	c: Context<AppEnv>,
	deps: AccountDeps,
	cartId: string,
	input: AccountCheckoutInput,
) {
	const contact = "addressId" in input ? await findSavedAddress(deps, input.addressId) : input.contact;
	const keepAddress = !("addressId" in input) && input.saveAddress === true;
	if (keepAddress && (await countAddresses(deps.db, deps.account.id)) >= MAX_SAVED_ADDRESSES) {
		throw new AppError("conflict", `An address book holds at most ${MAX_SAVED_ADDRESSES} addresses`);
	}
	const result = await checkoutForShopper(
		c,
		cartId,
		{
			name: contact.name,
			phone: contact.phone,
			address: contact.address,
			shippingMethod: input.shippingMethod,
		},
		{ kind: "account", customerId: deps.account.id, session: deps.session },
	);
	if (keepAddress) {
		try {
			await addSavedAddress(deps, contact);
		} catch (err) {
			// The order stands either way; only the address-book copy is missing (a concurrent
			// request filled the book, or the vault did not answer).
			c.var.logger.warn("address not kept after checkout", { err });
		}
	}
	return result;
}
