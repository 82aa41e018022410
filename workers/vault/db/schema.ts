// The vault's database `loomwash_vault` (DESIGN §3): wrapped data keys, staff, the audit log.
// Nothing here is personal data in the clear: subject ids are random, staff are known by a blind
// index of their Access email, and audit entries hold pseudonyms and field names, never values.
// The audit log's append-only and chaining triggers are in a hand-written migration
// (migrations/loomwash_vault/0001_audit_triggers.sql): drizzle-kit does not generate triggers.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { STAFF_ROLES } from "../../shared/vault-contract";

/** A subject's data key, wrapped by a key-encryption key: a PII_KEYRING id, or `dormant:<id>`. */
export const subjectKeys = sqliteTable(
	"subject_keys",
	{
		id: text("id").primaryKey(),
		kekId: text("kek_id").notNull(),
		wrappedKey: text("wrapped_key").notNull(),
		createdAt: integer("created_at").notNull(),
		rewrappedAt: integer("rewrapped_at"),
	},
	(t) => [index("subject_keys_kek_idx").on(t.kekId, t.id)],
);

/** Staff members: a Cloudflare Access identity (blind index of its email) and one role. */
export const staff = sqliteTable("staff", {
	id: text("id").primaryKey(),
	emailBidx: text("email_bidx").notNull().unique(),
	role: text("role", { enum: STAFF_ROLES }).notNull(),
	status: text("status", { enum: ["active", "disabled"] }).notNull(),
	createdAt: integer("created_at").notNull(),
	updatedAt: integer("updated_at").notNull(),
	/** The staff id of the admin who added them, or `bootstrap` for `npm run staff:add`. */
	createdBy: text("created_by").notNull(),
	/** The audit entry that made this record what it is (staff.add, staff.change, staff.bootstrap). */
	auditSeq: integer("audit_seq").notNull(),
	/**
	 * HMAC of id, identity, role, status and audit seq under a vault key: a role or status written
	 * straight into the database, around the audited staff API, no longer verifies, and an older
	 * record restored over a newer one no longer names the newest entry about it.
	 */
	mac: text("mac").notNull(),
});

/**
 * The audit log (DESIGN P8): one row per access, denial, shred, rotation or staff change. `seq` is
 * gapless and each `hash` covers the entry's canonical form and the previous hash, so an edit,
 * deletion, insertion or reordering breaks the chain where it happened.
 */
export const auditLog = sqliteTable(
	"audit_log",
	{
		seq: integer("seq").primaryKey(),
		at: integer("at").notNull(),
		actorKind: text("actor_kind").notNull(),
		actorId: text("actor_id").notNull(),
		actorRole: text("actor_role"),
		action: text("action").notNull(),
		purpose: text("purpose"),
		outcome: text("outcome", { enum: ["allowed", "denied", "failed"] }).notNull(),
		reason: text("reason"),
		/** JSON array of subject pseudonyms (never the subject ids the commerce tables hold). */
		subjects: text("subjects").notNull(),
		/** JSON array of `table.field` names opened, sealed or shredded. */
		fields: text("fields").notNull(),
		itemCount: integer("item_count").notNull(),
		requestId: text("request_id"),
		prevHash: text("prev_hash").notNull(),
		hash: text("hash").notNull(),
	},
	(t) => [index("audit_log_at_idx").on(t.at), index("audit_log_subjects_idx").on(t.subjects, t.seq)],
);

export type SubjectKeyRow = typeof subjectKeys.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
