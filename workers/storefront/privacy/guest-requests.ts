// Guests' privacy requests (issue #9, P12: "after providing valid order verification
// information"). The pair (order number, email) is matched exactly as the guest order lookup
// matches it, for guest orders only; the vault then mails a single-use link to the order's own
// address. Following the link completes the request: export and deletion at once, correction
// through support. The answer to asking is the same whether or not the pair matched, and the
// vault's work is deferred past it, so neither the body nor the time says which.
import { z } from "@hono/zod-openapi";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Context } from "hono";
import { runBatch } from "../../shared/d1-batch";
import {
	type OpenItem,
	PRIVACY_REQUEST_KINDS,
	type PrivacyLinkView,
	type PrivacyRequestKind,
} from "../../shared/vault-contract";
import { startGuestOrderThread, type ThreadDeps } from "../consultations/threads";
import { getOrderContact, listOrderLines, type OrderRow } from "../db/orders";
import { getOrderById } from "../db/returns";
import { consultationMessages, consultations, orders, returns } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { AppError } from "../errors";
import { findGuestOrder, limitLookupsOfOrder } from "../orders/guest-lookup";
import { buildOrderSummary } from "../orders/order-view";
import { fromVault } from "../vault-client";
import { eraseRowsStatements } from "./erase-rows";
import { settlementOpen } from "./order-holds";

export const GuestPrivacyRequestSchema = z
	.object({
		orderNumber: z.string().min(1).max(40).openapi({ example: "LW-7K2M-9QXA-4TPB" }),
		email: z.string().min(1).max(254).openapi({ description: "Email address given at checkout" }),
		kind: z.enum(PRIVACY_REQUEST_KINDS).openapi({ description: "What the request asks for" }),
	})
	.strict()
	.openapi("GuestPrivacyRequest");
export type GuestPrivacyRequest = z.infer<typeof GuestPrivacyRequestSchema>;

export const ACCEPTED = {
	accepted: true,
	message: "If the order number and email match a guest order, we have sent a link to that email.",
} as const;

/** An emailed token: 32 random bytes, base64url. Anything else is a link that does not exist. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const CORRECTION_MAX = 2000;

export const ConfirmPrivacyRequestSchema = z
	.object({
		// Any string: a malformed token is answered like an unknown one.
		token: z.string().min(1).max(64),
		correction: z
			.string()
			.max(CORRECTION_MAX)
			.optional()
			.openapi({ description: "What should be corrected" }),
	})
	.strict()
	.openapi("ConfirmGuestPrivacyRequest");
export type ConfirmPrivacyRequest = z.infer<typeof ConfirmPrivacyRequestSchema>;

export const LINK_NOT_VALID = "This link is no longer valid. Ask for a new one.";
const linkInvalid = () => new AppError("not_found", LINK_NOT_VALID);

export type GuestRequestDeps = ThreadDeps;

/** Runs `task` past the answer when the runtime can (a Worker's waitUntil); it runs either way. */
function runAfterAnswer(c: Context<AppEnv>, task: Promise<unknown>): void {
	try {
		c.executionCtx.waitUntil(task);
	} catch {
		// No execution context (app.request in tests): the task is already running.
	}
}

/** The guest order the pair proves, or null: every miss, and an account's order, alike. */
async function matchGuestOrder(c: Context<AppEnv>, input: GuestPrivacyRequest): Promise<OrderRow | null> {
	try {
		const order = await findGuestOrder(c.var.db, c.env.VAULT, input.orderNumber, input.email);
		// An account's order is the account's: its holder uses the account's own rights.
		return order.customerId === null ? order : null;
	} catch (err) {
		if (err instanceof AppError && err.code === "not_found") return null;
		throw err;
	}
}

async function sendLink(deps: GuestRequestDeps, order: OrderRow, kind: PrivacyRequestKind): Promise<void> {
	try {
		const contact = await getOrderContact(deps.db, order.id);
		if (!contact) return;
		const result = await deps.vault.requestPrivacyLink({
			kind,
			orderId: order.id,
			orderNumber: order.number,
			to: {
				subjectId: contact.subjectId,
				table: "order_contacts",
				rowId: order.id,
				field: "email",
				ciphertext: contact.emailCt,
			},
			requestId: deps.requestId,
		});
		if (!result.ok) deps.logger.warn("privacy request link not sent", { code: result.error.code });
	} catch (err) {
		deps.logger.error("privacy request link not sent", { err });
	}
}

/** Asks for a link; the caller answers ACCEPTED whatever happened (refusals of the input aside). */
export async function requestGuestPrivacyLink(
	c: Context<AppEnv>,
	deps: GuestRequestDeps,
	input: GuestPrivacyRequest,
): Promise<void> {
	await limitLookupsOfOrder(c, input.orderNumber);
	const order = await matchGuestOrder(c, input);
	if (order) runAfterAnswer(c, sendLink(deps, order, input.kind));
}

/** The request a link stands for, and its order, while the link works. */
export async function inspectLink(
	deps: Pick<GuestRequestDeps, "db" | "vault" | "logger" | "requestId">,
	token: string,
): Promise<{ request: PrivacyLinkView; order: OrderRow }> {
	if (!LINK_TOKEN.test(token)) throw linkInvalid();
	let request: PrivacyLinkView;
	try {
		({ request } = await fromVault(
			deps.vault.inspectPrivacyLink({ token, requestId: deps.requestId }),
			deps.logger,
		));
	} catch (err) {
		if (err instanceof AppError && err.code === "not_found") throw linkInvalid();
		throw err;
	}
	const order = await getOrderById(deps.db, request.orderId);
	if (!order || order.subjectId !== request.subjectId || order.personalDataPurgedAt !== null)
		throw linkInvalid();
	return { request, order };
}

/** Completes the request in the vault, using the link up; a link used meanwhile is the same 404. */
async function complete(deps: GuestRequestDeps, token: string, items?: OpenItem[]) {
	try {
		const { request } = await fromVault(
			deps.vault.completePrivacyRequest({ token, ...(items ? { items } : {}), requestId: deps.requestId }),
			deps.logger,
		);
		return request;
	} catch (err) {
		if (err instanceof AppError && err.code === "not_found") throw linkInvalid();
		throw err;
	}
}

// ---- export ----

type Gathered = {
	items: OpenItem[];
	returns: {
		id: string;
		number: string;
		status: string;
		reason: string;
		createdAt: number;
		item: number | null;
	}[];
	consultations: {
		id: string;
		kind: string;
		status: string;
		createdAt: number;
		messages: { author: string; createdAt: number; item: number }[];
	}[];
};

const CONTACT_FIELDS = [
	["email", "emailCt"],
	["name", "nameCt"],
	["phone", "phoneCt"],
	["address", "addressCt"],
] as const;

/** Every sealed item of the order (its contact, return details, consultation messages), indexed. */
async function gatherOrder(db: Db, order: OrderRow): Promise<Gathered> {
	const items: OpenItem[] = [];
	const add = (item: Omit<OpenItem, "subjectId">) => items.push({ subjectId: order.subjectId, ...item }) - 1;
	const contact = await getOrderContact(db, order.id);
	if (contact) {
		for (const [field, column] of CONTACT_FIELDS) {
			add({ table: "order_contacts", rowId: order.id, field, ciphertext: contact[column] });
		}
	}
	const returnRows = await db
		.select()
		.from(returns)
		.where(eq(returns.orderId, order.id))
		.orderBy(asc(returns.createdAt), asc(returns.id));
	const threads = await db
		.select()
		.from(consultations)
		.where(and(eq(consultations.orderId, order.id), eq(consultations.subjectId, order.subjectId)))
		.orderBy(asc(consultations.createdAt), asc(consultations.id));
	const messages = threads.length
		? await db
				.select()
				.from(consultationMessages)
				.where(
					inArray(
						consultationMessages.consultationId,
						threads.map((t) => t.id),
					),
				)
				.orderBy(asc(consultationMessages.createdAt), asc(consultationMessages.id))
		: [];
	return {
		items,
		returns: returnRows.map((r) => ({
			id: r.id,
			number: r.number,
			status: r.status,
			reason: r.reason,
			createdAt: r.createdAt,
			item: r.detailsCt
				? add({ table: "returns", rowId: r.id, field: "details", ciphertext: r.detailsCt })
				: null,
		})),
		consultations: threads.map((t) => ({
			id: t.id,
			kind: t.kind,
			status: t.status,
			createdAt: t.createdAt,
			messages: messages
				.filter((m) => m.consultationId === t.id)
				.map((m) => ({
					author: m.author,
					createdAt: m.createdAt,
					item: add({ table: "consultation_messages", rowId: m.id, field: "body", ciphertext: m.bodyCt }),
				})),
		})),
	};
}

const iso = (at: number) => new Date(at).toISOString();

function parseAddress(value: string | undefined): unknown {
	if (value === undefined) return null;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/** The export document: the order as the shopper sees it, with the opened values in place. */
function buildExport(
	order: OrderRow,
	lines: Awaited<ReturnType<typeof listOrderLines>>,
	gathered: Gathered,
	values: readonly string[],
) {
	const at = (i: number | null) => (i === null ? null : (values[i] ?? null));
	const summary = buildOrderSummary(order, lines);
	const hasContact = gathered.items[0]?.table === "order_contacts";
	return {
		order: {
			number: summary.number,
			status: summary.status,
			placedAt: summary.placedAt,
			lines: summary.lines,
			totals: {
				currency: summary.currency,
				subtotalMinor: summary.subtotalMinor,
				shippingMinor: summary.shippingMinor,
				totalMinor: summary.totalMinor,
				refundedMinor: order.refundedMinor,
			},
			contact: hasContact
				? { email: at(0), name: at(1), phone: at(2), address: parseAddress(values[3]) }
				: null,
			returns: gathered.returns.map((r) => ({
				number: r.number,
				status: r.status,
				reason: r.reason,
				createdAt: iso(r.createdAt),
				details: at(r.item),
			})),
			consultations: gathered.consultations.map((t) => ({
				id: t.id,
				kind: t.kind,
				status: t.status,
				createdAt: iso(t.createdAt),
				messages: t.messages.map((m) => ({
					author: m.author,
					createdAt: iso(m.createdAt),
					body: at(m.item),
				})),
			})),
		},
	};
}
export type GuestExport = ReturnType<typeof buildExport>;

/** The vault opens at most this many items in one request (the contract's bound). */
const MAX_ITEMS = 500;

async function exportOrder(deps: GuestRequestDeps, token: string, order: OrderRow): Promise<GuestExport> {
	const [gathered, lines] = await Promise.all([
		gatherOrder(deps.db, order),
		listOrderLines(deps.db, order.id),
	]);
	if (gathered.items.length === 0) throw linkInvalid();
	if (gathered.items.length > MAX_ITEMS) {
		throw new AppError("conflict", "This order holds too much to export at once; please contact support");
	}
	const request = await complete(deps, token, gathered.items);
	return buildExport(order, lines, gathered, request.values);
}

// ---- deletion ----

/**
 * Why the order's data must stay for now, or null: in progress, or a return or refund open (the
 * rule retention applies too). A consultation does not hold it: the guest asking for deletion
 * ends their own conversation, which goes with the rest of the order's data.
 */
async function deletionBlocker(db: Db, order: OrderRow): Promise<string | null> {
	if (order.status !== "delivered" && order.status !== "cancelled") {
		return "This order is still in progress; its data can be deleted once it is delivered or cancelled.";
	}
	const [held] = await db
		.select({ id: orders.id })
		.from(orders)
		.where(and(eq(orders.id, order.id), settlementOpen(db)));
	if (held) {
		return "This order has a return or refund in progress; its data can be deleted once that is settled.";
	}
	return null;
}

async function deleteOrderData(deps: GuestRequestDeps, token: string, order: OrderRow): Promise<void> {
	const blocker = await deletionBlocker(deps.db, order);
	// Refused before the vault is asked: the link stays usable for when the order is settled.
	if (blocker) throw new AppError("conflict", blocker);
	const request = await complete(deps, token);
	// The key is gone: nothing of the subject opens any more. Its rows go in one transaction (were
	// this cut short, the sweep of destroyed keys removes them).
	await runBatch(
		deps.db,
		eraseRowsStatements(deps.db, { subjectIds: [request.subjectId], accountIds: [] }, deps.now),
	);
}

// ---- correction ----

/** The correction goes to support as an after-sales question on the order, sealed under its subject. */
async function askForCorrection(
	deps: GuestRequestDeps,
	token: string,
	order: OrderRow,
	correction: string | undefined,
): Promise<string> {
	const text = correction?.trim() ?? "";
	if (text.length < 1 || text.length > CORRECTION_MAX) {
		throw new AppError("validation_failed", "Say what should be corrected (1 to 2000 characters)", [
			{ path: ["correction"], message: "1 to 2000 characters" },
		]);
	}
	const thread = await startGuestOrderThread(
		deps,
		order,
		`Privacy request: correction of personal data.\n\n${text}`,
	);
	await complete(deps, token);
	return thread.id;
}

export type ConfirmOutcome =
	| { kind: "export"; export: GuestExport }
	| { kind: "deletion"; deleted: true }
	| { kind: "correction"; consultation: string };

/** Completes what the link was sent for. */
export async function confirmGuestPrivacyRequest(
	deps: GuestRequestDeps,
	input: ConfirmPrivacyRequest,
): Promise<ConfirmOutcome> {
	const { request, order } = await inspectLink(deps, input.token);
	switch (request.kind) {
		case "export":
			return { kind: "export", export: await exportOrder(deps, input.token, order) };
		case "deletion":
			await deleteOrderData(deps, input.token, order);
			return { kind: "deletion", deleted: true };
		case "correction":
			return {
				kind: "correction",
				consultation: await askForCorrection(deps, input.token, order, input.correction),
			};
	}
}

export function guestRequestDepsFor(c: Context<AppEnv>): GuestRequestDeps {
	return {
		db: c.var.db,
		vault: c.env.VAULT,
		logger: c.var.logger,
		requestId: c.var.requestId,
		now: Date.now(),
	};
}
