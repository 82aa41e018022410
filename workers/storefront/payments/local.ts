// A stand-in for a hosted payment page, for local development and tests: it keeps its sessions
// in `local_payment_sessions`, serves a page with Pay, bank transfer and Decline buttons
// (routes/payment-pages.tsx) and reports the outcome through the same signed webhook path as
// Stripe. A bank transfer completes the session unpaid (processing), like SEPA at Stripe; the
// same page then settles it ("arrives" / "fails"), as the bank would days later.
import * as z from "zod";
import { randomBytes, toBase64Url } from "../../shared/base64url";
import { runBatch } from "../../shared/d1-batch";
import {
	closeLocalPaymentSession,
	getBankTransfer,
	getLocalPaymentSession,
	insertLocalPaymentSession,
	type LocalPaymentSessionRow,
	settleBankTransfer,
	startBankTransferStatements,
} from "../db/payments";
import type { Db } from "../env";
import { AppError } from "../errors";
import type { PaymentEvent, PaymentOutcome, PaymentProvider, SessionSettlement } from "./provider";
import { readSignedWebhook, SIGNATURE_HEADER, signWebhookPayload } from "./webhook-signature";

export const LOCAL_SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const WEBHOOK_PATH = "/api/v1/payments/webhook";

const OUTCOME_BY_TYPE = {
	"payment.succeeded": "paid",
	"payment.processing": "processing",
	"payment.failed": "failed",
	"payment.expired": "expired",
} as const satisfies Record<string, PaymentOutcome>;
type LocalEventType = keyof typeof OUTCOME_BY_TYPE;

const LocalEventSchema = z
	.object({
		id: z.string().regex(/^evt_[A-Za-z0-9_-]{22}$/),
		type: z.enum(Object.keys(OUTCOME_BY_TYPE) as [LocalEventType, ...LocalEventType[]]),
		created: z.number().int().nonnegative(),
		data: z
			.object({
				sessionId: z.string().regex(LOCAL_SESSION_ID_PATTERN),
				orderNumber: z.string().max(64),
				amountMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
				currency: z.string().regex(/^[A-Z]{3}$/),
			})
			.strict(),
	})
	.strict();

export type LocalProviderOptions = { db: Db; webhookSecret: string; origin: string; now?: () => number };

function pathOf(url: string): string {
	const { pathname, search } = new URL(url);
	return `${pathname}${search}`;
}

/** Where a local session stands, the way Stripe reads status and payment_status together. */
export type LocalSessionState = "open" | "processing" | "paid" | "failed" | "expired";

export async function localSessionState(
	db: Db,
	sessionId: string,
): Promise<{ session: LocalPaymentSessionRow; state: LocalSessionState } | null> {
	const session = await getLocalPaymentSession(db, sessionId);
	if (!session) return null;
	if (session.status !== "complete") return { session, state: session.status };
	const transfer = await getBankTransfer(db, sessionId);
	if (!transfer || transfer.status === "complete") return { session, state: "paid" };
	return { session, state: transfer.status === "open" ? "processing" : "failed" };
}

/**
 * Closes an open session at the reservation's end and answers its state; a session that a
 * payment closed first (the update is conditional on `open`) answers that payment instead.
 */
export async function expireLocalSession(db: Db, sessionId: string): Promise<SessionSettlement> {
	const current = await localSessionState(db, sessionId);
	if (!current) return { state: "expired" };
	if (current.state === "open" && !(await closeLocalPaymentSession(db, sessionId, "expired"))) {
		return expireLocalSession(db, sessionId);
	}
	switch (current.state) {
		case "paid":
			return {
				state: "paid",
				paymentReference: current.session.id,
				amountMinor: current.session.amountMinor,
				currency: current.session.currency,
			};
		case "processing":
			return { state: "processing" };
		default:
			return { state: "expired" };
	}
}

export function createLocalProvider(options: LocalProviderOptions): PaymentProvider {
	const now = options.now ?? Date.now;
	return {
		name: "local",

		async createCheckoutSession(request) {
			const id = toBase64Url(randomBytes(16));
			await insertLocalPaymentSession(options.db, {
				id,
				orderNumber: request.orderNumber,
				amountMinor: request.amountMinor,
				currency: request.currency,
				// Same-origin paths only: the stand-in serves this very site, and stored absolute URLs
				// would keep the host shoppers reached us by (locally, a loopback address).
				successUrl: pathOf(request.successUrl),
				cancelUrl: pathOf(request.cancelUrl),
				status: "open",
				createdAt: now(),
			});
			return { sessionId: id, url: `${options.origin}/pay/local/${id}` };
		},

		async parseWebhook(request): Promise<PaymentEvent> {
			const body = await readSignedWebhook(request, options.webhookSecret, Math.floor(now() / 1000));
			const event = LocalEventSchema.safeParse(body);
			if (!event.success) throw new AppError("bad_request", "Malformed payment event");
			return {
				eventId: event.data.id,
				outcome: OUTCOME_BY_TYPE[event.data.type],
				...event.data.data,
				// The stand-in refunds by session: the session is the payment's reference.
				paymentReference: event.data.data.sessionId,
			};
		},

		expireSession(sessionId) {
			return expireLocalSession(options.db, sessionId);
		},

		async refund(request) {
			const paid = await localSessionState(options.db, request.paymentReference);
			if (paid?.state !== "paid" || paid.session.currency !== request.currency) {
				throw new AppError("payment_unavailable", "No captured local payment to refund");
			}
			// Succeeds at once; the refunds row keeps this id.
			return { providerRefundId: `lre_${toBase64Url(randomBytes(16))}`, status: "succeeded" };
		},
	};
}

const TYPE_BY_OUTCOME = {
	paid: "payment.succeeded",
	processing: "payment.processing",
	failed: "payment.failed",
	expired: "payment.expired",
} as const satisfies Record<PaymentOutcome, LocalEventType>;

/** The webhook the stand-in sends for a session's outcome, signed like Stripe signs its own. */
export async function buildLocalWebhook(
	session: LocalPaymentSessionRow,
	outcome: PaymentOutcome,
	webhookSecret: string,
	origin: string,
	nowMs: number,
): Promise<Request> {
	const payload = JSON.stringify({
		id: `evt_${toBase64Url(randomBytes(16))}`,
		type: TYPE_BY_OUTCOME[outcome],
		created: Math.floor(nowMs / 1000),
		data: {
			sessionId: session.id,
			orderNumber: session.orderNumber,
			amountMinor: session.amountMinor,
			currency: session.currency,
		},
	});
	const signature = await signWebhookPayload(webhookSecret, payload, Math.floor(nowMs / 1000));
	return new Request(`${origin}${WEBHOOK_PATH}`, {
		method: "POST",
		headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature },
		body: payload,
	});
}

export async function requireLocalPaymentSession(db: Db, id: string): Promise<LocalPaymentSessionRow> {
	const session = await getLocalPaymentSession(db, id);
	if (!session) throw new AppError("not_found", "No such payment session");
	return session;
}

export const LOCAL_DECISIONS = ["pay", "transfer", "decline", "transfer_arrives", "transfer_fails"] as const;
export type LocalDecision = (typeof LOCAL_DECISIONS)[number];

/** Applies the decision if the session is still where it applies; the outcome to report, or null. */
async function decide(
	db: Db,
	session: LocalPaymentSessionRow,
	decision: LocalDecision,
	now: number,
): Promise<PaymentOutcome | null> {
	switch (decision) {
		case "pay":
			return (await closeLocalPaymentSession(db, session.id, "complete")) ? "paid" : null;
		case "decline":
			return (await closeLocalPaymentSession(db, session.id, "failed")) ? "failed" : null;
		case "transfer": {
			const [, completed] = await runBatch(db, [...startBankTransferStatements(db, session, now)]);
			return (completed as unknown[]).length > 0 ? "processing" : null;
		}
		case "transfer_arrives":
			return (await settleBankTransfer(db, session.id, "complete")) ? "paid" : null;
		case "transfer_fails":
			return (await settleBankTransfer(db, session.id, "failed")) ? "failed" : null;
	}
}

const returnsToShop = (state: LocalSessionState | PaymentOutcome) =>
	state === "paid" || state === "processing";

/**
 * The shopper (or, for a transfer, the bank) decided: move the session (once), send the signed
 * webhook through `dispatch` (the app's own webhook route), and answer where the browser goes.
 */
export async function completeLocalPayment(
	deps: { db: Db; webhookSecret: string; origin: string; now: number },
	sessionId: string,
	decision: LocalDecision,
	dispatch: (webhook: Request) => Promise<Response>,
): Promise<string> {
	const session = await requireLocalPaymentSession(deps.db, sessionId);
	const outcome = await decide(deps.db, session, decision, deps.now);
	if (!outcome) {
		// A double submit, or a decision that no longer applies: send the browser where it went.
		const current = await localSessionState(deps.db, sessionId);
		return current && returnsToShop(current.state) ? session.successUrl : session.cancelUrl;
	}
	const response = await dispatch(
		await buildLocalWebhook(session, outcome, deps.webhookSecret, deps.origin, deps.now),
	);
	if (!response.ok) throw new AppError("payment_unavailable", "The payment outcome could not be delivered");
	return returnsToShop(outcome) ? session.successUrl : session.cancelUrl;
}
