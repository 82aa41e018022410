// The vault's database `loomwash_vault` (DESIGN §3): wrapped data keys, staff, shopper
// credentials and sessions, the audit log. Nothing here is personal data in the clear: subject ids
// are random, staff and shoppers are known by a blind index of their email (a shopper's email
// itself only as ciphertext under their own data key), emailed tokens only as hashes, and audit
// entries hold pseudonyms and field names, never values.
// The audit log's append-only and chaining triggers are in a hand-written migration
// (migrations/loomwash_vault/0001_audit_triggers.sql): drizzle-kit does not generate triggers.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
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

/**
 * A shopper account's sign-in (issue #7). `subject_id` names the account's data key in
 * subject_keys: everything personal about the account is sealed under it, the email here included
 * (AAD table `credentials`, row = account id, field `email`). Lookups go by the email's blind index
 * (kind "email", the same as guest order lookup), never by the email.
 */
export const credentials = sqliteTable(
	"credentials",
	{
		/** `acc_` + 16 random bytes, base64url. */
		accountId: text("account_id").primaryKey(),
		subjectId: text("subject_id").notNull().unique(),
		emailBidx: text("email_bidx").notNull().unique(),
		emailCt: text("email_ct").notNull(),
		/** PHC string: `$pbkdf2-sha256$v=1$i=<iterations>$<salt>$<hash>` (accounts/password-hash.ts). */
		passwordHash: text("password_hash").notNull(),
		/** Pending until the emailed link proves the address (or a completed reset does). */
		status: text("status", { enum: ["pending", "active"] }).notNull(),
		createdAt: integer("created_at").notNull(),
		updatedAt: integer("updated_at").notNull(),
		passwordChangedAt: integer("password_changed_at").notNull(),
		/** Last sign-in or session use (coarse: updated at most daily); dormancy counts from it (P9). */
		lastActiveAt: integer("last_active_at").notNull().default(0),
		/** When the account's data key was re-wrapped under the dormant key; null while active. */
		dormantAt: integer("dormant_at"),
		/** When the "your dormant account will be erased" notice was mailed; erasure follows later. */
		erasureNoticeAt: integer("erasure_notice_at"),
	},
	(t) => [index("credentials_activity_idx").on(t.lastActiveAt)],
);

/**
 * Shopper sessions: the row behind each signed session token (its `sid`), so logout and a password
 * change revoke a token at once, and idle and absolute lifetimes are the vault's to enforce.
 */
export const sessions = sqliteTable(
	"sessions",
	{
		/** 16 random bytes, base64url: the token's `sid`. */
		id: text("id").primaryKey(),
		accountId: text("account_id")
			.notNull()
			.references(() => credentials.accountId, { onDelete: "cascade" }),
		createdAt: integer("created_at").notNull(),
		lastSeenAt: integer("last_seen_at").notNull(),
		/** Absolute expiry: no activity extends a session past it. */
		expiresAt: integer("expires_at").notNull(),
		revokedAt: integer("revoked_at"),
	},
	(t) => [index("sessions_account_idx").on(t.accountId)],
);

/**
 * Single-use emailed tokens (confirm registration, reset password). Only a hash is stored: a copy
 * of the database holds no usable link. A `notice` row records that an "already registered" mail
 * went out (its token is never sent nor usable): it spaces those mails as links are spaced.
 */
export const emailTokens = sqliteTable(
	"email_tokens",
	{
		/** SHA-256 of the 32-byte token, base64url. */
		tokenHash: text("token_hash").primaryKey(),
		accountId: text("account_id")
			.notNull()
			.references(() => credentials.accountId, { onDelete: "cascade" }),
		purpose: text("purpose", { enum: ["confirm", "reset", "notice"] }).notNull(),
		createdAt: integer("created_at").notNull(),
		expiresAt: integer("expires_at").notNull(),
		usedAt: integer("used_at"),
	},
	(t) => [index("email_tokens_account_idx").on(t.accountId, t.purpose)],
);

// ---- After the purchase (issue #8) ----

/**
 * Open customer-service cases (a return or a consultation) on an order. Support may open an
 * order's contact only while one is open (the role matrix's `open_case` condition): the vault
 * records a case when it seals the case's text, and closes it on the staff action that ends it.
 */
export const supportCases = sqliteTable(
	"support_cases",
	{
		/** The storefront's return or consultation id. */
		id: text("id").primaryKey(),
		kind: text("kind", { enum: ["return", "consultation"] }).notNull(),
		/** The order's row id (its `order_contacts` row). */
		orderId: text("order_id").notNull(),
		openedAt: integer("opened_at").notNull(),
		closedAt: integer("closed_at"),
	},
	(t) => [index("support_cases_order_idx").on(t.orderId, t.closedAt)],
);

/** Order mails already sent: each kind once per order and event, whatever the retries. */
export const orderMail = sqliteTable(
	"order_mail",
	{
		orderId: text("order_id").notNull(),
		kind: text("kind").notNull(),
		eventKey: text("event_key").notNull(),
		sentAt: integer("sent_at").notNull(),
	},
	(t) => [primaryKey({ columns: [t.orderId, t.kind, t.eventKey] })],
);

/**
 * Sealed rows staff have published (reviews): the only ciphertexts the vault opens for anyone,
 * without an actor, because their author asked for them to be shown.
 */
export const publications = sqliteTable(
	"publications",
	{
		subjectId: text("subject_id").notNull(),
		tableName: text("table_name").notNull(),
		rowId: text("row_id").notNull(),
		publishedAt: integer("published_at").notNull(),
	},
	(t) => [primaryKey({ columns: [t.tableName, t.rowId] })],
);

// ---- Privacy rights and the data lifecycle (issue #9) ----

/**
 * Subjects other than the account's own that belong to an account: a review's subject (sealed
 * apart so a deleted account leaves an anonymous review). Lets the owner's session open them
 * (export) and tells erasure what is theirs.
 */
export const subjectOwners = sqliteTable(
	"subject_owners",
	{
		subjectId: text("subject_id").primaryKey(),
		accountId: text("account_id").notNull(),
		tableName: text("table_name").notNull(),
		createdAt: integer("created_at").notNull(),
	},
	(t) => [index("subject_owners_account_idx").on(t.accountId)],
);

/**
 * Data keys destroyed (erasure, retention, abandoned checkouts): subject ids only — never an account
 * id, which the storefront finds by the subject itself — so the storefront can remove what was
 * sealed under them (its sweep reads these in order, from a cursor).
 */
export const shreddedSubjects = sqliteTable(
	"shredded_subjects",
	{
		subjectId: text("subject_id").primaryKey(),
		reason: text("reason").notNull(),
		shreddedAt: integer("shredded_at").notNull(),
	},
	(t) => [index("shredded_subjects_at_idx").on(t.shreddedAt, t.subjectId)],
);

/**
 * A guest's privacy request (export, correction, deletion), verified by a single-use link mailed
 * to the order's address. Only the token's hash is stored.
 */
export const privacyRequests = sqliteTable(
	"privacy_requests",
	{
		/** SHA-256 of the 32-byte token, base64url. */
		tokenHash: text("token_hash").primaryKey(),
		kind: text("kind", { enum: ["export", "correction", "deletion"] }).notNull(),
		orderId: text("order_id").notNull(),
		subjectId: text("subject_id").notNull(),
		status: text("status", { enum: ["pending", "completed", "expired"] }).notNull(),
		createdAt: integer("created_at").notNull(),
		expiresAt: integer("expires_at").notNull(),
		usedAt: integer("used_at"),
	},
	(t) => [index("privacy_requests_order_idx").on(t.orderId, t.createdAt)],
);

/**
 * Lawful disclosure requests (P11): one basis, one subject, a scope of fields; a compliance
 * officer other than the requester decides; only an approved request runs, once.
 */
export const disclosures = sqliteTable(
	"disclosures",
	{
		id: text("id").primaryKey(),
		basis: text("basis", { enum: ["legal_order", "fraud", "emergency_safety"] }).notNull(),
		/** The authority's reference (court order number, case id): not personal data of the subject. */
		reference: text("reference").notNull(),
		subjectId: text("subject_id").notNull(),
		/** The storefront's row the subject is known by (an order id), for the scoped export. */
		orderId: text("order_id").notNull(),
		/** JSON array of `table.field` names the disclosure may open. */
		scope: text("scope").notNull(),
		status: text("status", { enum: ["requested", "approved", "rejected", "executed"] }).notNull(),
		requestedBy: text("requested_by").notNull(),
		requestedAt: integer("requested_at").notNull(),
		decidedBy: text("decided_by"),
		decidedAt: integer("decided_at"),
		decisionReason: text("decision_reason"),
		executedAt: integer("executed_at"),
	},
	(t) => [index("disclosures_status_idx").on(t.status, t.requestedAt)],
);

export type SubjectKeyRow = typeof subjectKeys.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type CredentialsRow = typeof credentials.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type EmailTokenRow = typeof emailTokens.$inferSelect;
