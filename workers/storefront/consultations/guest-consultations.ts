// A guest's questions (issue #8). About an order: proved with its number and the email given at
// checkout (the order's blind index, every miss the same 404, as the guest order lookup), sealed
// under the order's subject; answers go to the order's contact address. Before buying: an email
// to answer at, sealed under a subject of the thread's own (`consultations.reply_email`). Guests
// read answers in their mailbox: no thread is readable without an account.
import type { Context } from "hono";
import { withinClientLimit } from "../analytics/rate-limit";
import type { OrderRow } from "../db/orders";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { findGuestOrder, limitLookupsOfOrder } from "../orders/guest-lookup";
import { fromVault } from "../vault-client";
import type { GuestConsultationInput } from "./consultation-schemas";
import { startGuestOrderThread, startThread, type ThreadDeps } from "./threads";

export type GuestQuestion = {
	id: string;
	kind: GuestConsultationInput["kind"];
	status: "open";
	orderNumber: string | null;
	createdAt: string;
};

/**
 * The guest order lookup's limits for a question about an order (per order number and per
 * client); for a pre-sales question, which proves nothing, the per-client one alone.
 */
export async function limitGuestQuestions(c: Context<AppEnv>, input: GuestConsultationInput): Promise<void> {
	if (input.kind === "after_sales") return limitLookupsOfOrder(c, input.orderNumber);
	if (!c.req.header("CF-Connecting-IP")) return;
	if (!(await withinClientLimit(c.env.ORDER_LOOKUP_CLIENT_LIMITER, c))) {
		throw new AppError("rate_limited", "Too many questions; try again in a minute");
	}
}

function questionOf(
	row: { id: string; kind: GuestQuestion["kind"]; createdAt: number },
	orderNumber: string | null,
) {
	return {
		id: row.id,
		kind: row.kind,
		status: "open",
		orderNumber,
		createdAt: new Date(row.createdAt).toISOString(),
	} as const;
}

async function askAboutOrder(deps: ThreadDeps, order: OrderRow, message: string): Promise<GuestQuestion> {
	const row = await startGuestOrderThread(deps, order, message);
	return questionOf(row, order.number);
}

async function askBeforeBuying(deps: ThreadDeps, email: string, message: string): Promise<GuestQuestion> {
	const id = crypto.randomUUID();
	const { subjectId, sealed } = await fromVault(
		deps.vault.seal({
			subject: { new: true },
			table: "consultations",
			rowId: id,
			fields: { reply_email: email },
			requestId: deps.requestId,
		}),
		deps.logger,
	);
	const replyEmailCt = sealed.reply_email;
	if (replyEmailCt === undefined) throw new AppError("vault_unavailable", "The address could not be sealed");
	const row = await startThread(
		deps,
		{ id, kind: "pre_sales", customerId: null, orderId: null, subjectId, replyEmailCt },
		{ subjectId },
		message,
	);
	return questionOf(row, null);
}

/** Starts a guest's thread; the caller has applied the guest lookup limits first. */
export async function askAsGuest(deps: ThreadDeps, input: GuestConsultationInput): Promise<GuestQuestion> {
	if (input.kind === "pre_sales") return askBeforeBuying(deps, input.email, input.message);
	const order = await findGuestOrder(deps.db, deps.vault, input.orderNumber, input.email);
	return askAboutOrder(deps, order, input.message);
}
