// A customer-service thread's life, whoever takes part (issue #8): started with its first
// message, answered, closed. Every message is sealed by the vault before it is stored (P2), under
// the thread's one subject: the account's (sealed with the shopper's own session), the order's
// for a guest asking about an order, or a subject of its own for a guest's pre-sales question.
// A thread about an order opens the vault's support case when its first message is sealed, which
// is what lets support open that order's contact; closing the thread closes the case.
import type { Logger } from "../../shared/logger";
import type { ActorCredential, OpenCase } from "../../shared/vault-contract";
import {
	type ConsultationMessageRow,
	type ConsultationRow,
	type ConsultationWithOrder,
	closeConsultation,
	countMessages,
	countOpenConsultations,
	deleteConsultation,
	insertConsultation,
	insertMessageIfOpen,
} from "../db/consultations";
import type { OrderRow } from "../db/orders";
import type { Db } from "../env";
import { AppError } from "../errors";
import { fromVault, type VaultClient } from "../vault-client";
import type { ConsultationView, MessageView } from "./consultation-schemas";

export type ThreadDeps = {
	db: Db;
	vault: VaultClient;
	logger: Logger;
	requestId: string;
	now: number;
};

/** How a thread's texts are sealed: with the shopper's own session, or under the thread's subject. */
export type Sealer = { session: string } | { subjectId: string };

/** A thread opens in one request to the vault (at most 500 items), so it holds at most this many. */
export const MAX_MESSAGES = 100;
/** Open threads at a time, per order and per account: enough to talk, too few to flood. */
const MAX_OPEN_PER_ORDER = 3;
const MAX_OPEN_PER_ACCOUNT = 10;

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export function buildConsultationView(row: ConsultationWithOrder, messageCount: number): ConsultationView {
	return {
		id: row.id,
		kind: row.kind,
		status: row.status,
		orderNumber: row.orderNumber,
		messageCount,
		createdAt: new Date(row.createdAt).toISOString(),
		updatedAt: new Date(row.updatedAt).toISOString(),
		closedAt: iso(row.closedAt),
	};
}

/** The messages with their bodies as the vault opened them, in the same order. */
export function buildMessageViews(
	rows: readonly ConsultationMessageRow[],
	bodies: readonly string[],
): MessageView[] {
	return rows.map((row, i) => ({
		id: row.id,
		author: row.author,
		body: bodies[i] ?? "",
		createdAt: new Date(row.createdAt).toISOString(),
	}));
}

async function sealBody(
	deps: ThreadDeps,
	sealer: Sealer,
	messageId: string,
	body: string,
	openCase?: OpenCase,
): Promise<string> {
	const { sealed } = await fromVault(
		deps.vault.seal({
			subject: sealer,
			table: "consultation_messages",
			rowId: messageId,
			fields: { body },
			...(openCase ? { openCase } : {}),
			requestId: deps.requestId,
		}),
		deps.logger,
	);
	if (sealed.body === undefined) throw new AppError("vault_unavailable", "The message could not be sealed");
	return sealed.body;
}

async function refuseFlood(db: Db, thread: Pick<ConsultationRow, "orderId" | "customerId">): Promise<void> {
	if (
		thread.orderId &&
		(await countOpenConsultations(db, { orderId: thread.orderId })) >= MAX_OPEN_PER_ORDER
	) {
		throw new AppError("conflict", "This order has enough open questions; add to one of them");
	}
	if (
		thread.customerId &&
		(await countOpenConsultations(db, { customerId: thread.customerId })) >= MAX_OPEN_PER_ACCOUNT
	) {
		throw new AppError("conflict", "You have enough open questions; add to one of them");
	}
}

export type NewThread = Pick<
	ConsultationRow,
	"id" | "kind" | "customerId" | "orderId" | "subjectId" | "replyEmailCt"
>;

/**
 * Stores the thread, then seals its first message (opening the vault's case when it is about an
 * order) and stores that. A message that cannot be sealed leaves nothing behind.
 */
export async function startThread(
	deps: ThreadDeps,
	thread: NewThread,
	sealer: Sealer,
	body: string,
): Promise<ConsultationRow> {
	await refuseFlood(deps.db, thread);
	const row: ConsultationRow = {
		...thread,
		status: "open",
		createdAt: deps.now,
		updatedAt: deps.now,
		closedAt: null,
	};
	await insertConsultation(deps.db, row);
	const messageId = crypto.randomUUID();
	const openCase = row.orderId
		? { id: row.id, kind: "consultation" as const, orderId: row.orderId }
		: undefined;
	let bodyCt: string;
	try {
		bodyCt = await sealBody(deps, sealer, messageId, body, openCase);
	} catch (err) {
		await deleteConsultation(deps.db, row.id);
		throw err;
	}
	await insertMessageIfOpen(deps.db, {
		id: messageId,
		consultationId: row.id,
		author: "shopper",
		staffId: null,
		bodyCt,
		createdAt: deps.now,
	});
	return row;
}

/**
 * A guest's after-sales thread on an order: no account to answer, so it is sealed under the
 * order's subject and support replies to the order's contact address.
 */
export function startGuestOrderThread(
	deps: ThreadDeps,
	order: Pick<OrderRow, "id" | "subjectId">,
	body: string,
): Promise<ConsultationRow> {
	return startThread(
		deps,
		{
			id: crypto.randomUUID(),
			kind: "after_sales",
			customerId: null,
			orderId: order.id,
			subjectId: order.subjectId,
			replyEmailCt: null,
		},
		{ subjectId: order.subjectId },
		body,
	);
}

/** Adds a message to an open thread; a closed or full thread is a 409. Answers the stored message. */
export async function addMessage(
	deps: ThreadDeps,
	thread: Pick<ConsultationRow, "id" | "status">,
	sealer: Sealer,
	author: { kind: "shopper" } | { kind: "staff"; staffId: string },
	body: string,
): Promise<ConsultationMessageRow> {
	if (thread.status !== "open") throw new AppError("invalid_state", "This conversation is closed");
	if ((await countMessages(deps.db, thread.id)) >= MAX_MESSAGES) {
		throw new AppError("conflict", "This conversation is full; start a new one");
	}
	const id = crypto.randomUUID();
	const row: ConsultationMessageRow = {
		id,
		consultationId: thread.id,
		author: author.kind,
		staffId: author.kind === "staff" ? author.staffId : null,
		bodyCt: await sealBody(deps, sealer, id, body),
		createdAt: deps.now,
	};
	if (!(await insertMessageIfOpen(deps.db, row))) {
		throw new AppError("invalid_state", "This conversation was closed meanwhile");
	}
	return row;
}

/**
 * Closes the thread and, for a thread about an order, the vault's case with it (the actor: the
 * shopper's session or the staff member's token). The thread stays closed even when the vault
 * cannot be reached; the case is then closed by the next close of the same thread.
 */
export async function closeThread(
	deps: ThreadDeps,
	thread: Pick<ConsultationRow, "id" | "orderId">,
	actor: ActorCredential,
): Promise<void> {
	await closeConsultation(deps.db, thread.id, deps.now);
	if (!thread.orderId) return;
	try {
		const result = await deps.vault.closeCase({ actor, caseId: thread.id, requestId: deps.requestId });
		if (!result.ok) deps.logger.warn("consultation case not closed", { code: result.error.code });
	} catch (err) {
		deps.logger.error("consultation case not closed", { err });
	}
}
