// A customer's own threads (issue #8), always through the session's account: another customer's
// thread answers 404, as one that does not exist. Messages are sealed and opened with the
// shopper's own session as the vault's actor (self_service, audited), all under the account's
// subject, staff replies included.
import { type AccountDeps, openOwn } from "../accounts/account-deps";
import {
	type ConsultationWithOrder,
	countMessagesOf,
	getConsultation,
	listCustomerConsultations,
	listMessages,
} from "../db/consultations";
import { AppError } from "../errors";
import { findAccountOrder } from "../orders/guest-lookup";
import type {
	AccountConsultationInput,
	ConsultationView,
	ConsultationWithMessagesView,
} from "./consultation-schemas";
import {
	addMessage,
	buildConsultationView,
	buildMessageViews,
	closeThread,
	MAX_MESSAGES,
	startThread,
} from "./threads";

/** Enough for an account page; paging arrives when someone has asked that much. */
const MAX_LISTED = 50;

const notFound = () => new AppError("not_found", "Conversation not found");

async function requireMine(deps: AccountDeps, id: string): Promise<ConsultationWithOrder> {
	const thread = await getConsultation(deps.db, id);
	if (!thread || thread.customerId !== deps.account.id) throw notFound();
	return thread;
}

async function withMessages(
	deps: AccountDeps,
	thread: ConsultationWithOrder,
): Promise<ConsultationWithMessagesView> {
	const rows = await listMessages(deps.db, thread.id, MAX_MESSAGES);
	const bodies = await openOwn(
		deps,
		rows.map((row) => ({
			table: "consultation_messages",
			rowId: row.id,
			field: "body",
			ciphertext: row.bodyCt,
		})),
	);
	return { ...buildConsultationView(thread, rows.length), messages: buildMessageViews(rows, bodies) };
}

export async function openMyConsultation(
	deps: AccountDeps,
	input: AccountConsultationInput,
): Promise<ConsultationWithMessagesView> {
	const order = input.orderNumber
		? await findAccountOrder(deps.db, deps.account.id, input.orderNumber)
		: null;
	const row = await startThread(
		deps,
		{
			id: crypto.randomUUID(),
			kind: input.kind,
			customerId: deps.account.id,
			orderId: order?.id ?? null,
			subjectId: deps.account.subjectId,
			replyEmailCt: null,
		},
		{ session: deps.session },
		input.message,
	);
	return withMessages(deps, { ...row, orderNumber: order?.number ?? null });
}

export async function listMyConsultations(deps: AccountDeps): Promise<ConsultationView[]> {
	const rows = await listCustomerConsultations(deps.db, deps.account.id, MAX_LISTED);
	const counts = await countMessagesOf(
		deps.db,
		rows.map((row) => row.id),
	);
	return rows.map((row) => buildConsultationView(row, counts.get(row.id) ?? 0));
}

export async function readMyConsultation(
	deps: AccountDeps,
	id: string,
): Promise<ConsultationWithMessagesView> {
	return withMessages(deps, await requireMine(deps, id));
}

export async function addMyMessage(
	deps: AccountDeps,
	id: string,
	message: string,
): Promise<ConsultationWithMessagesView> {
	const thread = await requireMine(deps, id);
	await addMessage(deps, thread, { session: deps.session }, { kind: "shopper" }, message);
	return withMessages(deps, await requireMine(deps, id));
}

/** Closes the shopper's own thread, and with it the vault's case on the order (their session closes it). */
export async function closeMyConsultation(deps: AccountDeps, id: string): Promise<ConsultationView> {
	const thread = await requireMine(deps, id);
	await closeThread(deps, thread, { kind: "shopper", token: deps.session });
	const closed = await requireMine(deps, id);
	const counts = await countMessagesOf(deps.db, [id]);
	return buildConsultationView(closed, counts.get(id) ?? 0);
}
