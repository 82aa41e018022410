// Correcting an order's delivery contact (issue #9, GDPR Art. 16): the customer's own order, while
// it is not yet packed. From packing on, the parcel carries the address it was packed for, so the
// order keeps it (409). The corrected fields are sealed under the account's subject like the
// original; the email stays the account's. The status is checked again in the write itself, so
// an order packed between the check and the write keeps its address too.
import { and, eq, inArray } from "drizzle-orm";
import type { AccountDeps } from "../accounts/account-deps";
import type { SavedAddressInput } from "../accounts/account-schemas";
import { normalizeAddress } from "../checkout/countries";
import { getOrderByNumber, getOrderContact, type OrderRow } from "../db/orders";
import { orderContacts, orders } from "../db/schema";
import { AppError } from "../errors";
import { fromVault } from "../vault-client";

/** Statuses in which nothing has left the shop: the contact may still change. */
export const CORRECTABLE_STATUSES = ["placed", "paid"] as const satisfies readonly OrderRow["status"][];

const TOO_LATE = "This order has been packed or shipped; it keeps the address it was sent to";

/** Why an order's contact may not be corrected now, or null when it may. */
export function correctionRefusal(
	order: Pick<OrderRow, "status" | "shipCountry" | "personalDataPurgedAt">,
	country: string,
): string | null {
	if (!(CORRECTABLE_STATUSES as readonly string[]).includes(order.status)) return TOO_LATE;
	if (order.personalDataPurgedAt !== null) return "This order no longer holds a contact";
	// Shipping was priced and allowed for the destination country: a new country is a new order.
	if (order.shipCountry !== country) return "The destination country cannot change; place a new order";
	return null;
}

export type CorrectedContact = {
	number: string;
	name: string;
	phone: string;
	address: SavedAddressInput["address"];
};

export async function correctOrderContact(
	deps: AccountDeps,
	number: string,
	input: SavedAddressInput,
): Promise<CorrectedContact> {
	const order = await getOrderByNumber(deps.db, number);
	// Another customer's order is not found, like one that does not exist.
	if (!order || order.customerId !== deps.account.id) throw new AppError("not_found", "Order not found");
	const refusal = correctionRefusal(order, input.address.country);
	if (refusal) throw new AppError("conflict", refusal);
	const contact = await getOrderContact(deps.db, order.id);
	if (!contact || contact.subjectId !== deps.account.subjectId)
		throw new AppError("conflict", "This order no longer holds a contact");
	const address = normalizeAddress(input.address);
	const { sealed } = await fromVault(
		deps.vault.seal({
			subject: { session: deps.session },
			table: "order_contacts",
			rowId: order.id,
			fields: { name: input.name, phone: input.phone, address: JSON.stringify(address) },
			requestId: deps.requestId,
		}),
		deps.logger,
	);
	const stillOpen = deps.db
		.select({ id: orders.id })
		.from(orders)
		.where(
			and(
				eq(orders.id, order.id),
				eq(orders.customerId, deps.account.id),
				inArray(orders.status, [...CORRECTABLE_STATUSES]),
			),
		);
	const updated = await deps.db
		.update(orderContacts)
		.set({
			nameCt: sealed.name as string,
			phoneCt: sealed.phone as string,
			addressCt: sealed.address as string,
		})
		.where(and(eq(orderContacts.orderId, order.id), inArray(orderContacts.orderId, stillOpen)))
		.returning({ orderId: orderContacts.orderId });
	if (updated.length === 0) throw new AppError("conflict", TOO_LATE);
	return { number: order.number, name: input.name, phone: input.phone, address };
}
