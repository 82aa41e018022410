// Staff records: an Access identity (the blind index of its email) → one role, active or disabled.
import { and, asc, eq, inArray, max } from "drizzle-orm";
import { randomBytes, toBase64Url } from "../../shared/base64url";
import { constantTimeEqual } from "../../shared/constant-time";
import type { StaffMember, StaffRole } from "../../shared/vault-contract";
import { blindIndex } from "../crypto/blind-index";
import type { VaultDb } from "../db/client";
import { auditLog, type StaffRow, staff } from "../db/schema";

export function newStaffId(): string {
	return `stf_${toBase64Url(randomBytes(12))}`;
}

type MacFields = Pick<StaffRow, "id" | "emailBidx" | "role" | "status" | "auditSeq">;

/** The record's integrity tag (same construction as `npm run staff:add` computes). */
export function staffRecordMac(key: string, row: MacFields): Promise<string> {
	return blindIndex(
		key,
		"staff_record",
		`${row.id}|${row.emailBidx}|${row.role}|${row.status}|${row.auditSeq}`,
	);
}

const STAFF_ACTIONS = ["staff.add", "staff.change", "staff.bootstrap"];

/** The newest audit entry that added or changed this staff member. */
async function latestStaffEntry(db: VaultDb, id: string): Promise<number | null> {
	const [row] = await db
		.select({ seq: max(auditLog.seq) })
		.from(auditLog)
		.where(and(eq(auditLog.subjects, JSON.stringify([id])), inArray(auditLog.action, STAFF_ACTIONS)));
	return row?.seq ?? null;
}

/**
 * Whether a record is what the vault last wrote: its tag verifies, and it names the newest audit
 * entry about this staff member (an older record restored over a newer one does not).
 */
export async function staffRecordIntact(db: VaultDb, key: string, row: StaffRow): Promise<boolean> {
	if (!(await constantTimeEqual(row.mac, await staffRecordMac(key, row)))) return false;
	return (await latestStaffEntry(db, row.id)) === row.auditSeq;
}

export function toStaffMember(row: StaffRow, intact: boolean): StaffMember {
	return {
		intact,
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
	key: string,
	values: { id: string; emailBidx: string; role: StaffRole; createdBy: string; auditSeq: number },
	now: number,
): Promise<StaffRow | null> {
	const mac = await staffRecordMac(key, { ...values, status: "active" });
	const rows = await db
		.insert(staff)
		.values({ ...values, status: "active", createdAt: now, updatedAt: now, mac })
		.onConflictDoNothing()
		.returning();
	return rows[0] ?? null;
}

/** Changes role or status of the record as it was read (compare-and-set on its tag). */
export async function updateStaff(
	db: VaultDb,
	key: string,
	current: StaffRow,
	changes: { role?: StaffRole; status?: "active" | "disabled" },
	auditSeq: number,
	now: number,
): Promise<StaffRow | null> {
	const next = { ...current, ...changes, auditSeq };
	const rows = await db
		.update(staff)
		.set({ ...changes, auditSeq, updatedAt: now, mac: await staffRecordMac(key, next) })
		.where(and(eq(staff.id, current.id), eq(staff.mac, current.mac)))
		.returning();
	return rows[0] ?? null;
}
