// A stand-in for a hosted payment page, for local development and tests: it keeps its sessions
// in `local_payment_sessions`, serves a page with Pay and Decline buttons (routes/local-pay.tsx)
// and reports the outcome through the same signed webhook path as Stripe.
import { z } from "zod";
import { randomBytes, toBase64Url } from "../../shared/base64url";
import {
	closeLocalPaymentSession,
	getLocalPaymentSession,
	insertLocalPaymentSession,
	type LocalPaymentSessionRow,
} from "../db/payments";
import type { Db } from "../env";
import { AppError } from "../errors";
import type { PaymentEvent, PaymentOutcome, PaymentProvider } from "./provider";
import { readSignedWebhook, SIGNATURE_HEADER, signWebhookPayload } from "./webhook-signature";

export const LOCAL_SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const WEBHOOK_PATH = "/api/v1/payments/webhook";

const OUTCOME_BY_TYPE = {
	"payment.succeeded": "paid",
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
			};
		},
	};
}

const TYPE_BY_OUTCOME = {
	paid: "payment.succeeded",
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

export type LocalDecision = "pay" | "decline";

/**
 * The shopper pressed Pay or Decline: close the session (once), send the signed webhook through
 * `dispatch` (the app's own webhook route), and answer where the browser goes next.
 */
export async function completeLocalPayment(
	deps: { db: Db; webhookSecret: string; origin: string; now: number },
	sessionId: string,
	decision: LocalDecision,
	dispatch: (webhook: Request) => Promise<Response>,
): Promise<string> {
	const session = await requireLocalPaymentSession(deps.db, sessionId);
	const outcome: PaymentOutcome = decision === "pay" ? "paid" : "failed";
	const closed =
		session.status === "open" &&
		(await closeLocalPaymentSession(deps.db, sessionId, outcome === "paid" ? "complete" : "failed"));
	if (!closed) {
		// A double submit: the first one already decided; send the browser where it went.
		const current = await requireLocalPaymentSession(deps.db, sessionId);
		return current.status === "complete" ? current.successUrl : current.cancelUrl;
	}
	const response = await dispatch(
		await buildLocalWebhook(session, outcome, deps.webhookSecret, deps.origin, deps.now),
	);
	if (!response.ok) throw new AppError("payment_unavailable", "The payment outcome could not be delivered");
	return outcome === "paid" ? session.successUrl : session.cancelUrl;
}
