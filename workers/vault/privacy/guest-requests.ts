// Guests' privacy requests (P12: "after providing valid order verification information"). The
// storefront has matched an order number and email by blind index; the vault, the only worker that
// can open the order's address, mails a single-use link there, so the request is proved by the
// mailbox as well as the pair. Following the link completes the request: export opens what the
// storefront gathered (all of it under the order's subject), deletion destroys the subject's key,
// correction is recorded and handed to support. Only a guest's subject qualifies: an account's
// order is the account's, and its holder uses the account. Every step is audited before it acts;
// tokens are stored only as hashes and used up by one conditional UPDATE, so of two racing uses
// one wins.
import { and, eq, gt, sql } from "drizzle-orm";
import { randomBytes, toBase64Url } from "../../shared/base64url";
import type {
	CompletedPrivacyRequest,
	OpenItem,
	PrivacyLinkView,
	PrivacyRequestKind,
	VaultResult,
} from "../../shared/vault-contract";
import { hashEmailToken } from "../accounts/email-tokens";
import { AUDIT_UNAVAILABLE, audited, refuse, subjectPseudonyms } from "../audit/audited";
import type { AuditEvent } from "../audit/log";
import { isDormant, type Subject } from "../crypto/subject-cipher";
import { credentials, privacyRequests, subjectOwners } from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { deleteSubjectKeys, getSubjectKeys } from "../keys/subject-keys";
import { guestRequestMail, sendGuestRequestMail } from "./guest-request-mail";

/** A link works for a day. */
export const PRIVACY_LINK_TTL_MS = 24 * 60 * 60_000;
/**
 * While an order holds a working link of a kind sent within this window, asking again mails
 * nothing new: repeated requests, by anyone, neither fill the inbox nor lock the owner out.
 */
export const PRIVACY_LINK_QUIET_MS = 10 * 60_000;

/** What a guest's export may open: the order's contact and the texts of its cases. */
const EXPORTABLE = new Set([
	"order_contacts.email",
	"order_contacts.name",
	"order_contacts.phone",
	"order_contacts.address",
	"returns.details",
	"consultation_messages.body",
]);

const LINK_INVALID = failure("not_found", "This link is no longer valid");
const NOT_THE_ORDER_EMAIL = failure("forbidden", "Only the order's own email receives the link");
const ACCOUNT_ORDER = failure("forbidden", "An account's order is handled through the account");
const GONE = failure("not_found", "That personal data no longer exists");
const DORMANT = failure("conflict", "That personal data is dormant");
const DOES_NOT_OPEN = failure("bad_request", "An item does not open in the context given");
const OTHER_SUBJECT = failure("forbidden", "Every item must belong to the request's order");

type RequestRow = typeof privacyRequests.$inferSelect;
type Refusal = { reason: string; answer: typeof GONE };

function isRefusal(value: object): value is Refusal {
	return "reason" in value && "answer" in value;
}

/** A subject an account holds (its own, or one it owns such as a review's) is never a guest's. */
async function belongsToAccount(deps: VaultDeps, subjectId: string): Promise<boolean> {
	const [own, owned] = await deps.db.batch([
		deps.db
			.select({ id: credentials.accountId })
			.from(credentials)
			.where(eq(credentials.subjectId, subjectId)),
		deps.db
			.select({ id: subjectOwners.subjectId })
			.from(subjectOwners)
			.where(eq(subjectOwners.subjectId, subjectId)),
	]);
	return own.length > 0 || owned.length > 0;
}

async function liveSubject(deps: VaultDeps, subjectId: string): Promise<Subject | Refusal> {
	const row = (await getSubjectKeys(deps.db, [subjectId])).get(subjectId);
	if (!row) return { reason: "subject_not_found", answer: GONE };
	if (isDormant(row.kekId)) return { reason: "subject_dormant", answer: DORMANT };
	return deps.cipher.openSubject(row);
}

/** Opens each item with the subject's key, in order; a relabelled ciphertext does not open. */
async function openItems(deps: VaultDeps, subject: Subject, items: readonly OpenItem[]) {
	const values: string[] = [];
	for (const item of items) {
		try {
			const opened = await deps.cipher.openFields(subject, item.table, item.rowId, {
				[item.field]: item.ciphertext,
			});
			values.push(opened[item.field] as string);
		} catch {
			return null;
		}
	}
	return values;
}

/** Records a new request unless the order holds a working link of this kind sent just now. */
async function recordRequest(
	deps: VaultDeps,
	req: { kind: PrivacyRequestKind; orderId: string },
	subjectId: string,
	tokenHash: string,
): Promise<boolean> {
	const now = deps.now;
	const inserted = await deps.db
		.insert(privacyRequests)
		.select(
			sql`select ${tokenHash}, ${req.kind}, ${req.orderId}, ${subjectId}, 'pending', ${now}, ${now + PRIVACY_LINK_TTL_MS}, null
				where not exists (select 1 from ${privacyRequests} where ${and(
					eq(privacyRequests.orderId, req.orderId),
					eq(privacyRequests.kind, req.kind),
					eq(privacyRequests.status, "pending"),
					gt(privacyRequests.expiresAt, now),
					gt(privacyRequests.createdAt, now - PRIVACY_LINK_QUIET_MS),
				)})`,
		)
		.returning({ tokenHash: privacyRequests.tokenHash });
	return inserted.length === 1;
}

export async function requestPrivacyLink(
	deps: VaultDeps,
	req: { kind: PrivacyRequestKind; orderId: string; orderNumber: string; to: OpenItem; requestId?: string },
): Promise<VaultResult<{ accepted: true }>> {
	const event = {
		actorKind: "storefront",
		actorId: "storefront",
		action: "privacy_request.link",
		reason: req.kind,
		subjects: await subjectPseudonyms(deps, [req.to.subjectId]),
		fields: ["order_contacts.email"],
		itemCount: 1,
		requestId: req.requestId,
	} as const;
	const denied = (reason: string, answer: typeof GONE) =>
		refuse(deps, { ...event, outcome: "denied", reason: `${req.kind}:${reason}` }, answer);
	const to = req.to;
	if (to.table !== "order_contacts" || to.field !== "email" || to.rowId !== req.orderId) {
		return denied("not_the_order_email", NOT_THE_ORDER_EMAIL);
	}
	if (await belongsToAccount(deps, to.subjectId)) return denied("account_subject", ACCOUNT_ORDER);
	const subject = await liveSubject(deps, to.subjectId);
	if (isRefusal(subject)) return denied(subject.reason, subject.answer);
	const [address] = (await openItems(deps, subject, [to])) ?? [];
	if (address === undefined) return denied("does_not_open", DOES_NOT_OPEN);
	// Built before anything is recorded: a mail that cannot be built must not leave a live link.
	const token = toBase64Url(randomBytes(32));
	const mail = guestRequestMail(deps.env.SHOP_ORIGIN, {
		kind: req.kind,
		orderNumber: req.orderNumber,
		token,
	});
	const tokenHash = await hashEmailToken(token);
	if (!(await recordRequest(deps, req, subject.id, tokenHash))) return { ok: true, accepted: true };
	// Logged before the address leaves the vault (to the mail service).
	if (!(await audited(deps, { ...event, outcome: "allowed" }))) {
		await deps.db.delete(privacyRequests).where(eq(privacyRequests.tokenHash, tokenHash));
		return AUDIT_UNAVAILABLE;
	}
	sendGuestRequestMail(deps, address, mail);
	return { ok: true, accepted: true };
}

function live(tokenHash: string, now: number) {
	return and(
		eq(privacyRequests.tokenHash, tokenHash),
		eq(privacyRequests.status, "pending"),
		gt(privacyRequests.expiresAt, now),
	);
}

async function findLive(deps: VaultDeps, token: string): Promise<RequestRow | null> {
	const row = await deps.db.query.privacyRequests.findFirst({
		where: live(await hashEmailToken(token), deps.now),
	});
	return row ?? null;
}

function viewOf(row: RequestRow): PrivacyLinkView {
	return { kind: row.kind, orderId: row.orderId, subjectId: row.subjectId };
}

/** What a link is for, while it works; it is not used up by looking. */
export async function inspectPrivacyLink(
	deps: VaultDeps,
	req: { token: string; requestId?: string },
): Promise<VaultResult<{ request: PrivacyLinkView }>> {
	const row = await findLive(deps, req.token);
	if (!row) return LINK_INVALID;
	return { ok: true, request: viewOf(row) };
}

/** Uses the link up; false when a racing use (or the clock) got there first. */
async function consume(deps: VaultDeps, row: RequestRow): Promise<boolean> {
	const used = await deps.db
		.update(privacyRequests)
		.set({ status: "completed", usedAt: deps.now })
		.where(live(row.tokenHash, deps.now))
		.returning({ tokenHash: privacyRequests.tokenHash });
	return used.length === 1;
}

/** Gives the link back when the audit entry could not be stored: nothing happened. */
async function unconsume(deps: VaultDeps, row: RequestRow): Promise<void> {
	await deps.db
		.update(privacyRequests)
		.set({ status: "pending", usedAt: null })
		.where(eq(privacyRequests.tokenHash, row.tokenHash));
}

/** The export's checks and openings, before anything is used up: the values, or why not. */
async function openExport(
	deps: VaultDeps,
	row: RequestRow,
	items: readonly OpenItem[],
): Promise<string[] | Refusal> {
	if (items.some((item) => item.subjectId !== row.subjectId)) {
		return { reason: "other_subject", answer: OTHER_SUBJECT };
	}
	if (items.some((item) => !EXPORTABLE.has(`${item.table}.${item.field}`))) {
		return { reason: "not_exportable", answer: failure("forbidden", "That field is not part of an export") };
	}
	const subject = await liveSubject(deps, row.subjectId);
	if (isRefusal(subject)) return subject;
	return (await openItems(deps, subject, items)) ?? { reason: "does_not_open", answer: DOES_NOT_OPEN };
}

/**
 * Completes the request the link stands for and uses the link up. Export: the items, all under the
 * request's subject, opened. Deletion: the subject's key destroyed (the storefront then removes
 * the rows). Correction: recorded (the storefront has handed the text to support).
 */
export async function completePrivacyRequest(
	deps: VaultDeps,
	req: { token: string; items?: OpenItem[]; requestId?: string },
): Promise<VaultResult<{ request: CompletedPrivacyRequest }>> {
	const row = await findLive(deps, req.token);
	if (!row) return LINK_INVALID;
	const items = req.items ?? [];
	const event: AuditEvent = {
		// The guest, proved by the link: no account, so no pseudonym of one.
		actorKind: "shopper",
		actorId: "guest_link",
		action: `privacy_request.${row.kind}`,
		outcome: "allowed",
		subjects: await subjectPseudonyms(deps, [row.subjectId]),
		fields: [...new Set(items.map((item) => `${item.table}.${item.field}`))],
		itemCount: items.length,
		requestId: req.requestId,
	};
	if ((row.kind === "export") !== items.length > 0) {
		const answer = failure("bad_request", "Items are for an export, and an export needs them");
		return refuse(deps, { ...event, outcome: "denied", reason: "items_mismatch" }, answer);
	}
	let values: string[] = [];
	if (row.kind === "export") {
		const opened = await openExport(deps, row, items);
		if (isRefusal(opened))
			return refuse(deps, { ...event, outcome: "denied", reason: opened.reason }, opened.answer);
		values = opened;
	}
	if (!(await consume(deps, row))) return LINK_INVALID;
	// Logged before the data leaves the vault, or the key is destroyed.
	if (!(await audited(deps, { ...event, reason: row.kind === "deletion" ? "guest_deletion" : null }))) {
		await unconsume(deps, row);
		return AUDIT_UNAVAILABLE;
	}
	if (row.kind === "deletion") {
		await deleteSubjectKeys(deps.db, [row.subjectId], "guest_deletion", deps.now);
		// Other links of the order can do nothing any more: they stop working too.
		await deps.db
			.update(privacyRequests)
			.set({ status: "expired" })
			.where(and(eq(privacyRequests.subjectId, row.subjectId), eq(privacyRequests.status, "pending")));
	}
	return { ok: true, request: { ...viewOf(row), values } };
}
