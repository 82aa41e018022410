// Queries over customer profiles and address books. Every query names the customer: a row of
// another customer is simply not found (IDOR answers 404, never 403).
import { and, asc, count, eq, getTableColumns, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../env";
import { type Customer, type CustomerAddress, customerAddresses, customers } from "./schema";

export async function getCustomer(db: Db, id: string): Promise<Customer | null> {
	return (await db.query.customers.findFirst({ where: eq(customers.id, id) })) ?? null;
}

/** Registration (or a re-registration of a still unconfirmed account) writes the whole profile. */
export async function upsertCustomer(db: Db, row: Customer): Promise<void> {
	const { id: _id, createdAt: _created, confirmedAt: _confirmed, ...changes } = row;
	await db.insert(customers).values(row).onConflictDoUpdate({ target: customers.id, set: changes });
}

export async function updateCustomer(
	db: Db,
	id: string,
	changes: Partial<Omit<Customer, "id" | "subjectId" | "createdAt">>,
): Promise<Customer | null> {
	const [row] = await db.update(customers).set(changes).where(eq(customers.id, id)).returning();
	return row ?? null;
}

export function listAddresses(db: Db, customerId: string): Promise<CustomerAddress[]> {
	return db
		.select()
		.from(customerAddresses)
		.where(eq(customerAddresses.customerId, customerId))
		.orderBy(asc(customerAddresses.createdAt), asc(customerAddresses.id));
}

export async function getAddress(db: Db, customerId: string, id: string): Promise<CustomerAddress | null> {
	const [row] = await db
		.select()
		.from(customerAddresses)
		.where(and(eq(customerAddresses.id, id), eq(customerAddresses.customerId, customerId)))
		.limit(1);
	return row ?? null;
}

export async function countAddresses(db: Db, customerId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(customerAddresses)
		.where(eq(customerAddresses.customerId, customerId));
	return row?.n ?? 0;
}

/**
 * Inserts the address only while the customer holds fewer than `cap`: one statement, so
 * concurrent saves cannot all pass a count read before any of them wrote. False when full.
 */
export async function insertAddressWithinCap(db: Db, row: CustomerAddress, cap: number): Promise<boolean> {
	const values = Object.keys(getTableColumns(customerAddresses)).map(
		(key) => row[key as keyof CustomerAddress],
	);
	const held = sql`(select count(*) from ${customerAddresses} where ${customerAddresses.customerId} = ${row.customerId})`;
	const inserted = await db
		.insert(customerAddresses)
		.select(
			sql`select ${sql.join(
				values.map((v) => sql`${v}`),
				sql`, `,
			)} where ${held} < ${cap}`,
		)
		.returning({ id: customerAddresses.id });
	return inserted.length > 0;
}

export async function replaceAddress(
	db: Db,
	customerId: string,
	id: string,
	sealed: Pick<CustomerAddress, "nameCt" | "phoneCt" | "addressCt">,
	now: number,
): Promise<boolean> {
	const rows = await db
		.update(customerAddresses)
		.set({ ...sealed, updatedAt: now })
		.where(and(eq(customerAddresses.id, id), eq(customerAddresses.customerId, customerId)))
		.returning({ id: customerAddresses.id });
	return rows.length > 0;
}

export async function deleteAddress(db: Db, customerId: string, id: string): Promise<boolean> {
	const rows = await db
		.delete(customerAddresses)
		.where(and(eq(customerAddresses.id, id), eq(customerAddresses.customerId, customerId)))
		.returning({ id: customerAddresses.id });
	return rows.length > 0;
}

/** Records the first sign-in; later ones leave it as it is. */
export async function markConfirmed(db: Db, id: string, now: number): Promise<void> {
	await db
		.update(customers)
		.set({ confirmedAt: now })
		.where(and(eq(customers.id, id), isNull(customers.confirmedAt)));
}

/**
 * Profiles of registrations never confirmed, older than `before`: the vault has deleted their
 * accounts (and their data keys), so these rows hold ciphertext nobody can open. Bounded per run.
 */
export async function deleteUnconfirmedCustomers(db: Db, before: number, limit = 500): Promise<number> {
	const stale = db
		.select({ id: customers.id })
		.from(customers)
		.where(and(isNull(customers.confirmedAt), lt(customers.createdAt, before)))
		.limit(limit);
	const deleted = await db
		.delete(customers)
		.where(inArray(customers.id, stale))
		.returning({ id: customers.id });
	return deleted.length;
}
