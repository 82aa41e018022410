// Customer service's side of the threads (issue #8). staffAuth has checked consultations.answer
// with the vault (routes/staff.ts); reading messages is decided again by the vault (purpose
// support, role matrix, audited). A reply is sealed under the thread's subject and mailed by the
// vault to whoever asked: the account, the order's contact, or a guest's reply address.
import type { SendMailRequest } from "../../shared/vault-contract";
import {
	type ConsultationMessageRow,
	type ConsultationWithOrder,
	countMessagesOf,
	getConsultation,
	listConsultationsForStaff,
	listMessages,
} from "../db/consultations";
import { getOrderContact } from "../db/orders";
import { getOrderById } from "../db/payments";
import { AppError } from "../errors";
import { mailLocaleOf, sendShopperMail } from "../orders/order-mail";
import { fromVault } from "../vault-client";
import {
	type ConsultationView,
	type ConsultationWithMessagesView,
	STAFF_CONSULTATION_CURSOR,
} from "./consultation-schemas";
import {
	addMessage,
	buildConsultationView,
	buildMessageViews,
	closeThread,
	MAX_MESSAGES,
	type ThreadDeps,
} from "./threads";

export type StaffThreadDeps = ThreadDeps & { staffToken: string; staffId: string };

async function requireThread(deps: Pick<ThreadDeps, "db">, id: string): Promise<ConsultationWithOrder> {
	const thread = await getConsultation(deps.db, id);
	if (!thread) throw new AppError("not_found", "No such conversation");
	return thread;
}

export async function listStaffConsultations(
	deps: Pick<ThreadDeps, "db">,
	options: { status?: "open" | "closed"; cursor?: string; limit: number },
): Promise<{ consultations: ConsultationView[]; nextCursor: string | null }> {
	const match = options.cursor ? STAFF_CONSULTATION_CURSOR.exec(options.cursor) : null;
	const after = match
		? { status: match[1] as "open" | "closed", updatedAt: Number(match[2]), id: match[3] as string }
		: undefined;
	const rows = await listConsultationsForStaff(deps.db, {
		status: options.status,
		after,
		limit: options.limit + 1,
	});
	const page = rows.slice(0, options.limit);
	const counts = await countMessagesOf(
		deps.db,
		page.map((row) => row.id),
	);
	const last = page.at(-1);
	return {
		consultations: page.map((row) => buildConsultationView(row, counts.get(row.id) ?? 0)),
		nextCursor: rows.length > options.limit && last ? `${last.status}.${last.updatedAt}.${last.id}` : null,
	};
}

/** A thread with its messages, opened by the vault for support (role-checked, audited). */
export async function readStaffConsultation(
	deps: StaffThreadDeps,
	id: string,
): Promise<ConsultationWithMessagesView> {
	const thread = await requireThread(deps, id);
	const rows = await listMessages(deps.db, thread.id, MAX_MESSAGES);
	const bodies =
		rows.length === 0
			? []
			: (
					await fromVault(
						deps.vault.open({
							actor: { kind: "staff", token: deps.staffToken },
							purpose: "support",
							items: rows.map((row) => ({
								subjectId: thread.subjectId,
								table: "consultation_messages",
								rowId: row.id,
								field: "body",
								ciphertext: row.bodyCt,
							})),
							requestId: deps.requestId,
						}),
						deps.logger,
					)
				).values;
	return { ...buildConsultationView(thread, rows.length), messages: buildMessageViews(rows, bodies) };
}

/** Whom a reply is mailed to: the account, else the order's contact, else the guest's reply address. */
async function recipientOf(
	deps: ThreadDeps,
	thread: ConsultationWithOrder,
): Promise<SendMailRequest["to"] | null> {
	if (thread.customerId) return { accountId: thread.customerId };
	if (thread.orderId) {
		const contact = await getOrderContact(deps.db, thread.orderId);
		if (!contact) return null;
		return {
			sealed: {
				subjectId: contact.subjectId,
				table: "order_contacts",
				rowId: contact.orderId,
				field: "email",
				ciphertext: contact.emailCt,
			},
		};
	}
	if (!thread.replyEmailCt) return null;
	return {
		sealed: {
			subjectId: thread.subjectId,
			table: "consultations",
			rowId: thread.id,
			field: "reply_email",
			ciphertext: thread.replyEmailCt,
		},
	};
}

/** Mails the reply, once per message; a mail that cannot go out never undoes the reply. */
async function mailReply(deps: ThreadDeps, thread: ConsultationWithOrder, reply: ConsultationMessageRow) {
	const to = await recipientOf(deps, thread);
	if (!to) {
		deps.logger.warn("consultation reply not mailed", { reason: "no_recipient" });
		return;
	}
	// About an order: in the order's language. A question asked without one is answered in English.
	const order = thread.orderId ? await getOrderById(deps.db, thread.orderId) : null;
	await sendShopperMail(
		deps,
		to,
		{
			kind: "consultation_reply",
			consultationId: thread.id,
			...(thread.orderNumber ? { orderNumber: thread.orderNumber } : {}),
			reply: {
				subjectId: thread.subjectId,
				table: "consultation_messages",
				rowId: reply.id,
				field: "body",
				ciphertext: reply.bodyCt,
			},
		},
		{ scope: thread.id, event: reply.id },
		order ? mailLocaleOf(order) : undefined,
	);
}

export async function replyAsStaff(
	deps: StaffThreadDeps,
	id: string,
	message: string,
): Promise<ConsultationView> {
	const thread = await requireThread(deps, id);
	const reply = await addMessage(
		deps,
		thread,
		{ subjectId: thread.subjectId },
		{ kind: "staff", staffId: deps.staffId },
		message,
	);
	await mailReply(deps, thread, reply);
	return staffThreadView(deps, id);
}

/** Closes the thread and the vault's case on its order (the staff member's token closes it). */
export async function closeAsStaff(deps: StaffThreadDeps, id: string): Promise<ConsultationView> {
	const thread = await requireThread(deps, id);
	await closeThread(deps, thread, { kind: "staff", token: deps.staffToken });
	return staffThreadView(deps, id);
}

/** A thread as it stands, without its messages (nothing opened). */
export async function staffThreadView(deps: Pick<ThreadDeps, "db">, id: string): Promise<ConsultationView> {
	const thread = await requireThread(deps, id);
	const counts = await countMessagesOf(deps.db, [id]);
	return buildConsultationView(thread, counts.get(id) ?? 0);
}
