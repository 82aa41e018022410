// One of the customer's own orders as the order page shows it: what GET /api/v1/me/orders/{number}
// answers (lines and totals), plus what only the owner's page needs: the shipment, the shipping
// contact opened through the vault with the shopper's own session (audited there, as every
// self-service opening), and where each line's product lives for a review link.
import { eq, inArray } from "drizzle-orm";
import type { DeliveryAddress } from "../checkout/checkout-schemas";
import { getOrderContact, listOrderLines, type OrderContactRow } from "../db/orders";
import { products, variants } from "../db/schema";
import type { Db } from "../env";
import { findAccountOrder } from "../orders/guest-lookup";
import { buildOrderSummary, type OrderSummary } from "../orders/order-view";
import { isWithinReturnWindow } from "../returns/return-window";
import { type AccountDeps, openOwn } from "./account-deps";

export type OrderContact = { email: string; name: string; phone: string; address: DeliveryAddress };

export type MyOrderDetail = {
	order: OrderSummary;
	shipment: { carrier: string; trackingNumber: string; shippedAt: string | null } | null;
	deliveredAt: string | null;
	/** Null once retention or erasure removed it (the order keeps only archival fields then). */
	contact: OrderContact | null;
	/** The product page slug of each line's variant, where the product still exists. */
	productSlugs: Record<number, string>;
	/** Delivered and still inside the 60-day window. */
	returnable: boolean;
};

const CONTACT_FIELDS = ["email", "name", "phone", "address"] as const;

async function openContact(deps: AccountDeps, row: OrderContactRow): Promise<OrderContact | null> {
	// An account's orders are sealed under the account's subject; anything else is not its to open.
	if (row.subjectId !== deps.account.subjectId) return null;
	const ciphertexts = { email: row.emailCt, name: row.nameCt, phone: row.phoneCt, address: row.addressCt };
	const values = await openOwn(
		deps,
		CONTACT_FIELDS.map((field) => ({
			table: "order_contacts",
			rowId: row.orderId,
			field,
			ciphertext: ciphertexts[field],
		})),
	);
	const [email = "", name = "", phone = "", address = "{}"] = values;
	return { email, name, phone, address: JSON.parse(address) as DeliveryAddress };
}

async function productSlugsOf(db: Db, variantIds: number[]): Promise<Record<number, string>> {
	if (variantIds.length === 0) return {};
	const rows = await db
		.select({ variantId: variants.id, slug: products.slug })
		.from(variants)
		.innerJoin(products, eq(products.id, variants.productId))
		.where(inArray(variants.id, variantIds));
	return Object.fromEntries(rows.map((row) => [row.variantId, row.slug]));
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The account's own order by number; another's, or none, is a 404 like the API's. */
export async function readMyOrderDetail(deps: AccountDeps, number: string): Promise<MyOrderDetail> {
	const row = await findAccountOrder(deps.db, deps.account.id, number);
	const [lines, contactRow] = await Promise.all([
		listOrderLines(deps.db, row.id),
		getOrderContact(deps.db, row.id),
	]);
	const [contact, productSlugs] = await Promise.all([
		contactRow ? openContact(deps, contactRow) : null,
		productSlugsOf(
			deps.db,
			lines.map((line) => line.variantId),
		),
	]);
	return {
		order: buildOrderSummary(row, lines),
		shipment:
			row.carrier && row.trackingNumber
				? { carrier: row.carrier, trackingNumber: row.trackingNumber, shippedAt: iso(row.shippedAt) }
				: null,
		deliveredAt: iso(row.deliveredAt),
		contact,
		productSlugs,
		returnable:
			row.status === "delivered" &&
			row.deliveredAt !== null &&
			isWithinReturnWindow(row.deliveredAt, deps.now),
	};
}
