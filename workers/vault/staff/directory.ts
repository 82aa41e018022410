// Staff records: an Access identity (the blind index of its email) → one role, active or disabled.
import { asc, eq } from "drizzle-orm";
import { randomBytes, toBase64Url } from "../../shared/base64url";
import type { StaffMember, StaffRole } from "../../shared/vault-contract";
import type { VaultDb } from "../db/client";
import { type StaffRow, staff } from "../db/schema";

export function newStaffId(): string {
	return `stf_${toBase64Url(randomBytes(12))}`;
}

export function toStaffMember(row: StaffRow): StaffMember {
	return {
		id: row.id,
		role: row.role,
		status: row.status,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		createdBy: row.createdBy,
	};
}

export async function findStaffByEmailBidx(db: VaultDb, emailBidx: string): Promise<StaffRow | null> {
	return (await db.query.staff.findFirst({ where: eq(staff.emailBidx, emailBidx) })) ?? null;
}

export async function findStaffById(db: VaultDb, id: string): Promise<StaffRow | null> {
	return (await db.query.staff.findFirst({ where: eq(staff.id, id) })) ?? null;
}

export function listStaff(db: VaultDb): Promise<StaffRow[]> {
	return db.select().from(staff).orderBy(asc(staff.createdAt), asc(staff.id)).limit(1000);
}

/** Inserts a staff member; null when that identity is staff already. */
export async function insertStaff(
	db: VaultDb,
	values: { emailBidx: string; role: StaffRole; createdBy: string },
	now: number,
): Promise<StaffRow | null> {
	const rows = await db
		.insert(staff)
		.values({ id: newStaffId(), ...values, status: "active", createdAt: now, updatedAt: now })
		.onConflictDoNothing()
		.returning();
	return rows[0] ?? null;
}

export async function updateStaff(
	db: VaultDb,
	id: string,
	changes: { role?: StaffRole; status?: "active" | "disabled" },
	now: number,
): Promise<StaffRow | null> {
	const rows = await db
		.update(staff)
		.set({ ...changes, updatedAt: now })
		.where(eq(staff.id, id))
		.returning();
	return rows[0] ?? null;
}
