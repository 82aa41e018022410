// HTML pages around payment: the local provider's hosted page and the order status pages the
// provider returns the shopper to.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ORDER_NUMBER_PATTERN } from "../checkout/order-number";
import { getOrderByNumber } from "../db/orders";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { localized } from "../i18n/locale-context";
import { createRouter, errorResponses, html } from "../openapi";
import { limitLookupsOfOrder, lookupGuestOrder } from "../orders/guest-lookup";
import { browserKnowsOrder, rememberOrderInBrowser } from "../orders/order-pages-cookie";
import { LocalPaymentPage } from "../pages/local-payment-page";
import { OrderLookupPage, OrderStatusPage } from "../pages/order-status-page";
import {
	completeLocalPayment,
	LOCAL_DECISIONS,
	LOCAL_SESSION_ID_PATTERN,
	localSessionState,
} from "../payments/local";
import { requestOrigin } from "../request-deps";

/** Hands a request to the app itself (the webhook route), with this request's env and context. */
export type DispatchToApp = (request: Request, c: Context<AppEnv>) => Promise<Response>;

const SessionParamSchema = z
	.object({
		sessionId: z
			.string()
			.regex(LOCAL_SESSION_ID_PATTERN)
			.openapi({ param: { name: "sessionId", in: "path" }, example: "Q2hlY2tvdXRTZXNzaW9uMDE" }),
	})
	.strict();

export const OrderNumberParamSchema = z
	.object({
		number: z
			.string()
			.regex(ORDER_NUMBER_PATTERN)
			.openapi({ param: { name: "number", in: "path" }, example: "LW-7K2M-9QXA-4TPB" }),
	})
	.strict();

const DecisionSchema = z.object({ decision: z.enum(LOCAL_DECISIONS) }).strict();

/** The stand-in exists only where it is the configured provider; elsewhere its pages are 404. */
function requireLocalProvider(c: Context<AppEnv>) {
	if (c.env.PAYMENT_PROVIDER !== "local") throw new AppError("not_found", "No such payment session");
}

/**
 * The order's status page for the browser that placed it (or proved number + email); for anyone
 * else, the lookup form, identical whether or not the number exists.
 */
async function orderPageFor(c: Context<AppEnv>, number: string, returned: "thanks" | "cancelled") {
	c.header("Cache-Control", "no-store");
	const order = (await browserKnowsOrder(c, number)) ? await getOrderByNumber(c.var.db, number) : null;
	if (!order) return c.html(localized(c, <OrderLookupPage number={number} />), 200);
	return c.html(localized(c, <OrderStatusPage order={order} returned={returned} />), 200);
}

const LookupFormSchema = z
	.object({ orderNumber: z.string().min(1).max(40), email: z.string().min(1).max(254) })
	.strict();

export function createPaymentPageRoutes(dispatch: DispatchToApp) {
	return createRouter()
		.openapi(
			createRoute({
				method: "get",
				path: "/pay/local/{sessionId}",
				tags: ["pages"],
				summary: "Local payment stand-in: the hosted payment page",
				request: { params: SessionParamSchema },
				responses: { 200: html("Payment page"), ...errorResponses(400, 404) },
			}),
			async (c) => {
				requireLocalProvider(c);
				const current = await localSessionState(c.var.db, c.req.valid("param").sessionId);
				if (!current) throw new AppError("not_found", "No such payment session");
				// The amount's breakdown (tax lines) is the order's; the session holds only the amount.
				const order = await getOrderByNumber(c.var.db, current.session.orderNumber);
				c.header("Cache-Control", "no-store");
				const page = <LocalPaymentPage session={current.session} state={current.state} order={order} />;
				return c.html(localized(c, page));
			},
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/pay/local/{sessionId}",
				tags: ["pages"],
				summary:
					"Local payment stand-in: pay, pay by bank transfer (settles later) or decline; then the transfer arrives or fails",
				request: {
					params: SessionParamSchema,
					body: {
						required: true,
						content: { "application/x-www-form-urlencoded": { schema: DecisionSchema } },
					},
				},
				responses: { 303: { description: "Back to the shop" }, ...errorResponses(400, 403, 404, 413, 502) },
			}),
			async (c) => {
				requireLocalProvider(c);
				const deps = {
					db: c.var.db,
					webhookSecret: c.env.PAYMENT_WEBHOOK_SECRET,
					origin: requestOrigin(c),
					now: Date.now(),
				};
				const { sessionId } = c.req.valid("param");
				const next = await completeLocalPayment(deps, sessionId, c.req.valid("form").decision, (r) =>
					dispatch(r, c),
				);
				return c.redirect(next, 303);
			},
		)
		.openapi(
			createRoute({
				method: "get",
				path: "/orders/{number}/thanks",
				tags: ["pages"],
				summary: "Where the payment page returns a shopper who paid",
				request: { params: OrderNumberParamSchema },
				responses: { 200: html("Order status"), ...errorResponses(400, 404) },
			}),
			(c) => orderPageFor(c, c.req.valid("param").number, "thanks"),
		)
		.openapi(
			createRoute({
				method: "get",
				path: "/orders/{number}/cancelled",
				tags: ["pages"],
				summary: "Where the payment page returns a shopper who cancelled",
				request: { params: OrderNumberParamSchema },
				responses: { 200: html("Order status"), ...errorResponses(400, 404) },
			}),
			(c) => orderPageFor(c, c.req.valid("param").number, "cancelled"),
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/orders/lookup",
				tags: ["pages"],
				summary: "The guest lookup form: number + email, then the order's status page",
				request: {
					body: {
						required: true,
						content: { "application/x-www-form-urlencoded": { schema: LookupFormSchema } },
					},
				},
				responses: {
					200: html("The order's status"),
					400: html("The form again"),
					404: html("The form again: no order matches"),
					...errorResponses(403, 413, 429),
				},
			}),
			async (c) => {
				const { orderNumber, email } = c.req.valid("form");
				c.header("Cache-Control", "no-store");
				await limitLookupsOfOrder(c, orderNumber);
				try {
					const order = await lookupGuestOrder(c.var.db, c.env.VAULT, orderNumber, email);
					await rememberOrderInBrowser(c, order.number);
					return c.html(localized(c, <OrderStatusPage order={order} returned="status" />), 200);
				} catch (err) {
					if (!(err instanceof AppError) || err.code !== "not_found") throw err;
					const error = c.var.locale.t("track.noMatch");
					return c.html(localized(c, <OrderLookupPage number={orderNumber} error={error} />), 404);
				}
			},
			(result, c) =>
				result.success
					? undefined
					: c.html(localized(c, <OrderLookupPage error={c.var.locale.t("order.findMissing")} />), 400),
		);
}
