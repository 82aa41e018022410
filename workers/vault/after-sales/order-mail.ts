// The order mails (issue #8, DESIGN P10): the storefront says what happened, with non-personal
// facts; the vault, the only worker that can open the address, resolves the recipient, records
// the event so each kind goes once per (scope, event) whatever the retries, audits the use of
// the address (never the address itself) and hands the message to the MAIL binding after the
// answer. Only two sealed fields are ever mail recipients (an order's contact email, a
// consultation's reply address), or an account's own stored address: sendMail cannot be used to
// have the vault open, and send somewhere, any other field.
import { and, eq } from "drizzle-orm";
import type * as z from "zod/mini";
import type {
	OpenItem,
	OrderMail,
	SendMailRequestSchema,
	VaultFailure,
	VaultResult,
} from "../../shared/vault-contract";
import { isFailure, openAccountEmail, openAccountSubject } from "../accounts/account-data";
import { findCredentialsById } from "../accounts/credentials";
import { sendMail } from "../accounts/mail";
import { AUDIT_UNAVAILABLE, audited, refuse, subjectPseudonyms } from "../audit/audited";
import type { AuditEvent } from "../audit/log";
import { isDormant, type Subject } from "../crypto/subject-cipher";
import { orderMail } from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { getSubjectKeys } from "../keys/subject-keys";
import { orderMailText } from "./order-mail-text";

type SendMailRequest = z.output<typeof SendMailRequestSchema>;
type Sealed = Extract<SendMailRequest["to"], { sealed: unknown }>["sealed"];

/** The sealed fields that are mail addresses, and the mail kinds each may receive. */
const SEALED_RECIPIENTS: readonly {
	table: string;
	field: string;
	kinds: "all" | readonly OrderMail["kind"][];
}[] = [
	{ table: "order_contacts", field: "email", kinds: "all" },
	// An address given only to be answered at: for replies, not for order news.
	{ table: "consultations", field: "reply_email", kinds: ["consultation_reply"] },
];

const REPLY_FIELD = { table: "consultation_messages", field: "body" } as const;

const NOT_A_RECIPIENT = failure("forbidden", "That field is not a mail recipient for this mail");
const NOT_THE_THREAD = failure("forbidden", "The reply does not belong to the recipient's thread");
const GONE = failure("not_found", "That personal data no longer exists");
const DORMANT = failure("conflict", "That personal data is dormant; it opens once re-activated");
const DOES_NOT_OPEN = failure("bad_request", "An item does not open in the context given");

/** Who the mail goes to, resolved: the address, its subject, and the field it came from. */
type Recipient = { address: string; subject: Subject; field: string };
type Refusal = { reason: string; answer: VaultFailure };

function refusal(reason: string, answer: VaultFailure): Refusal {
	return { reason, answer };
}

function sealedRecipientAllowed(sealed: Sealed, kind: OrderMail["kind"]): boolean {
	return SEALED_RECIPIENTS.some(
		(r) =>
			r.table === sealed.table && r.field === sealed.field && (r.kinds === "all" || r.kinds.includes(kind)),
	);
}

async function openSubjectById(deps: VaultDeps, subjectId: string): Promise<Subject | Refusal> {
	const row = (await getSubjectKeys(deps.db, [subjectId])).get(subjectId);
	if (!row) return refusal("subject_not_found", GONE);
	if (isDormant(row.kekId)) return refusal("subject_dormant", DORMANT);
	return deps.cipher.openSubject(row);
}

/** One sealed field opened with its subject's key; a relabelled ciphertext does not open. */
async function openItem(deps: VaultDeps, subject: Subject, item: OpenItem): Promise<string | Refusal> {
	try {
		const opened = await deps.cipher.openFields(subject, item.table, item.rowId, {
			[item.field]: item.ciphertext,
		});
		return opened[item.field] as string;
	} catch {
		return refusal("does_not_open", DOES_NOT_OPEN);
	}
}

function isRefusal<T extends object | string>(value: T | Refusal): value is Refusal {
	return typeof value === "object" && "reason" in value && "answer" in value;
}

async function resolveRecipient(deps: VaultDeps, req: SendMailRequest): Promise<Recipient | Refusal> {
	if ("sealed" in req.to) {
		const sealed = req.to.sealed;
		if (!sealedRecipientAllowed(sealed, req.mail.kind)) return refusal("not_a_recipient", NOT_A_RECIPIENT);
		const subject = await openSubjectById(deps, sealed.subjectId);
		if (isRefusal(subject)) return subject;
		const address = await openItem(deps, subject, sealed);
		if (isRefusal(address)) return address;
		return { address, subject, field: `${sealed.table}.${sealed.field}` };
	}
	const account = await findCredentialsById(deps.db, req.to.accountId);
	if (!account) return refusal("account_not_found", failure("not_found", "No such account"));
	const subject = await openAccountSubject(deps, account.subjectId);
	if (isFailure(subject)) return refusal("account_unavailable", subject);
	return { address: await openAccountEmail(deps, account, subject), subject, field: "credentials.email" };
}

/** The staff reply a consultation_reply quotes: sealed in the recipient's own thread (subject). */
async function openReply(
	deps: VaultDeps,
	mail: OrderMail,
	recipient: Recipient,
): Promise<string | Refusal | null> {
	if (mail.kind !== "consultation_reply") return null;
	const reply = mail.reply;
	if (reply.table !== REPLY_FIELD.table || reply.field !== REPLY_FIELD.field) {
		return refusal("not_a_reply", failure("forbidden", "Only a consultation message body is quoted"));
	}
	if (reply.subjectId !== recipient.subject.id) return refusal("other_thread", NOT_THE_THREAD);
	return openItem(deps, recipient.subject, reply);
}

/** Records (scope, kind, event); false when it was recorded already (sent, or being sent). */
async function recordOnce(deps: VaultDeps, req: SendMailRequest): Promise<boolean> {
	const inserted = await deps.db
		.insert(orderMail)
		.values({ orderId: req.dedupe.scope, kind: req.mail.kind, eventKey: req.dedupe.event, sentAt: deps.now })
		.onConflictDoNothing()
		.returning({ kind: orderMail.kind });
	return inserted.length === 1;
}

/** Undone when the audit entry could not be stored: the mail was not sent, a retry may send it. */
async function forget(deps: VaultDeps, req: SendMailRequest): Promise<void> {
	await deps.db
		.delete(orderMail)
		.where(
			and(
				eq(orderMail.orderId, req.dedupe.scope),
				eq(orderMail.kind, req.mail.kind),
				eq(orderMail.eventKey, req.dedupe.event),
			),
		);
}

export async function sendOrderMail(
	deps: VaultDeps,
	req: SendMailRequest,
): Promise<VaultResult<{ sent: boolean }>> {
	const subjectIds = "sealed" in req.to ? [req.to.sealed.subjectId] : [];
	const base = {
		actorKind: "storefront",
		actorId: "storefront",
		action: "mail.order",
		reason: req.mail.kind,
		requestId: req.requestId,
	} as const;
	const recipient = await resolveRecipient(deps, req);
	if (isRefusal(recipient)) {
		const event: AuditEvent = {
			...base,
			outcome: "denied",
			reason: `${req.mail.kind}:${recipient.reason}`,
			subjects: await subjectPseudonyms(deps, subjectIds),
			fields: "sealed" in req.to ? [`${req.to.sealed.table}.${req.to.sealed.field}`] : ["credentials.email"],
		};
		return refuse(deps, event, recipient.answer);
	}
	const reply = await openReply(deps, req.mail, recipient);
	const fields =
		reply === null ? [recipient.field] : [recipient.field, `${REPLY_FIELD.table}.${REPLY_FIELD.field}`];
	const event = {
		...base,
		subjects: await subjectPseudonyms(deps, [recipient.subject.id]),
		fields,
		itemCount: fields.length,
	};
	if (reply !== null && isRefusal(reply)) {
		return refuse(
			deps,
			{ ...event, outcome: "denied", reason: `${req.mail.kind}:${reply.reason}` },
			reply.answer,
		);
	}
	// Built before anything is recorded: a message that cannot be built must not use up its event.
	const message = orderMailText(deps.env.SHOP_ORIGIN, req.mail, {
		reply: reply ?? undefined,
		locale: req.locale,
	});
	if (!(await recordOnce(deps, req))) return { ok: true, sent: false };
	// Logged before the address leaves the vault (to the mail service).
	if (!(await audited(deps, { ...event, outcome: "allowed" }))) {
		await forget(deps, req);
		return AUDIT_UNAVAILABLE;
	}
	sendMail(deps, recipient.address, message);
	return { ok: true, sent: true };
}
