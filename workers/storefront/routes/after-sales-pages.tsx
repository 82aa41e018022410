// The signed-in shopper's after-sales pages (issue #10): returns, conversations with customer
// service and reviews. Thin shells over what the /api/v1/me/* routes call (returns.ts,
// consultations.ts, reviews.ts), with the same session checks in front. Every page is personal:
// no-store, noindex; a signed-out visitor is sent to log in and brought back. Every POST answers
// 303 on success and, on a refusal, the page again with what was wrong and a 4xx. Each page is in
// the shopper's language (the choice cookie, else their country), refusals included.

import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { accountDepsFor } from "../accounts/account-deps";
import { listMyOrders } from "../accounts/account-orders";
import { currentAccount } from "../accounts/current-account";
import { SlugSchema } from "../catalog/schemas";
import {
	addMyMessage,
	closeMyConsultation,
	listMyConsultations,
	openMyConsultation,
	readMyConsultation,
} from "../consultations/account-consultations";
import { ConsultationIdParamsSchema } from "../consultations/consultation-schemas";
import { findProductRef } from "../db/reviews";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { localized } from "../i18n/locale-context";
import type { MessageKey } from "../i18n/messages/en";
import { createRouter, errorResponses, formBody, html } from "../openapi";
import {
	ConsultationPage,
	ConsultationsListPage,
	consultationPath,
	NewConsultationPage,
} from "../pages/after-sales/consultation-pages";
import {
	ConsultationFormSchema,
	describeConsultationIssues,
	describeLineRefusals,
	describeReplyIssues,
	describeReturnIssues,
	describeReviewIssues,
	echoValues,
	type FormErrors,
	type FormValues,
	isReturnField,
	ReplyFormSchema,
	ReturnFormSchema,
	ReviewFormSchema,
} from "../pages/after-sales/forms";
import { AccountMessagePage } from "../pages/after-sales/parts";
import { afterSalesRefusal } from "../pages/after-sales/refusals";
import { ReturnFormPage, ReturnPage, ReturnsListPage, returnPath } from "../pages/after-sales/return-pages";
import { ReviewFormPage, ReviewsListPage } from "../pages/after-sales/review-pages";
import { pageErrorResponse } from "../pages/page-error";
import { listMyReturns, readMyReturn, requestMyReturn } from "../returns/account-returns";
import { readReturnableOrder } from "../returns/returnable";
import { listMyReviews, writeReview } from "../reviews/write-review";
import { SESSION_SECURITY } from "./auth";
import { OrderParams, ReturnParams } from "./returns";

const NewConsultationQuery = z.object({
	order: z
		.string()
		.max(40)
		.optional()
		.openapi({ param: { name: "order", in: "query" }, example: "LW-7K2M-9QXA-4TPB" }),
});
const NewReviewQuery = z.object({
	product: SlugSchema.openapi({ param: { name: "product", in: "query" }, example: "sable-diamond-area-rug" }),
});

const common = { tags: ["pages"], security: SESSION_SECURITY };
const signedOut = { 303: { description: "Signed out: to /account/login?next=<this page>" } };
const pageAnswers = {
	200: html("The page"),
	...signedOut,
	404: html("Not found, or not yours"),
	...errorResponses(429, 503),
};
const formAnswers = {
	303: { description: "Done: on to the next page (or, signed out, to log in)" },
	400: html("The form again, with what was wrong"),
	403: html("The form again: not allowed (or a cross-site post)"),
	404: html("Not found, or not yours"),
	409: html("The form again: not possible in the current state"),
	429: html("The form again: too many requests"),
	...errorResponses(413, 415, 503),
};

type Back = { href: string; label: MessageKey };
const BACK_TO_ORDERS: Back = { href: "/account/orders", label: "after.back.orders" };
const BACK_TO_RETURNS: Back = { href: "/account/returns", label: "after.back.returns" };
const BACK_TO_MESSAGES: Back = { href: "/account/consultations", label: "after.back.messages" };
const BACK_TO_REVIEWS: Back = { href: "/account/reviews", label: "after.back.reviews" };

/** The longest `next` worth coming back to; a longer path is no page of ours. */
const MAX_NEXT = 200;

/** Where to come back after logging in: this page, or the page a refused POST belongs to. */
function loginPath(c: Context<AppEnv>): string {
	const url = new URL(c.req.url);
	const path =
		c.req.method === "GET" ? url.pathname + url.search : url.pathname.replace(/\/(messages|close)$/, "");
	const next = path.length <= MAX_NEXT ? path : "/account";
	return `/account/login?next=${encodeURIComponent(next)}`;
}

/** requireAccount for pages: signed out (or a dead session), a 303 to the login page instead of a 401. */
const signedIn = createMiddleware<AppEnv>(async (c, next) => {
	try {
		const { account, token } = await currentAccount(c);
		c.set("account", account);
		c.set("sessionToken", token);
	} catch (err) {
		if (!(err instanceof AppError) || err.code !== "unauthorized") throw err;
		c.header("Cache-Control", "no-store");
		return c.redirect(loginPath(c), 303);
	}
	await next();
});

function page(c: Context<AppEnv>, body: Child, status: ContentfulStatusCode = 200) {
	c.header("Cache-Control", "no-store");
	return c.html(localized(c, body), status);
}

/** A refusal the shopper can act on; a vault outage or a fault stays an error for onError. */
function refusalOf(err: unknown): AppError {
	if (err instanceof AppError && err.status < 500) return err;
	throw err;
}

const statusOf = (err: AppError) => err.status as ContentfulStatusCode;

/** The refusal's sentence in the shopper's language. */
const refusalText = (c: Context<AppEnv>, err: AppError) => afterSalesRefusal(c.var.locale, err);

function messagePage(
	c: Context<AppEnv>,
	title: MessageKey,
	message: MessageKey,
	back: Back,
	status: 400 | 404,
) {
	const { t } = c.var.locale;
	const link = { href: back.href, label: t(back.label) };
	return page(c, <AccountMessagePage title={t(title)} message={t(message)} back={link} />, status);
}

const notFound = (c: Context<AppEnv>, title: MessageKey, back: Back) =>
	messagePage(c, title, "after.notFound.text", back, 404);

/** The form's fields as typed (the validator already read the body; this is its cached copy). */
async function typed(
	c: Context<AppEnv>,
	keep: (field: string) => boolean,
): Promise<{ raw: unknown; values: FormValues }> {
	const raw = await c.req.parseBody({ all: true });
	return { raw, values: echoValues(raw, keep) };
}

const messageFields = (field: string) => field === "message" || field === "about";
const reviewFields = (field: string) => field === "rating" || field === "text";

async function renderReturnForm(
	c: Context<AppEnv>,
	number: string,
	status: ContentfulStatusCode = 200,
	values?: FormValues,
	errors?: FormErrors,
) {
	try {
		const order = await readReturnableOrder(accountDepsFor(c), number);
		return page(c, <ReturnFormPage order={order} values={values} errors={errors} />, status);
	} catch (err) {
		if (refusalOf(err).code === "not_found") return notFound(c, "after.notFound.order", BACK_TO_ORDERS);
		throw err;
	}
}

async function renderNewConsultation(
	c: Context<AppEnv>,
	status: ContentfulStatusCode = 200,
	values?: FormValues,
	errors?: FormErrors,
) {
	const orders = await listMyOrders(accountDepsFor(c));
	const orderNumbers = orders.map((order) => order.number);
	return page(c, <NewConsultationPage orderNumbers={orderNumbers} values={values} errors={errors} />, status);
}

async function renderThread(
	c: Context<AppEnv>,
	id: string,
	status: ContentfulStatusCode = 200,
	values?: FormValues,
	errors?: FormErrors,
) {
	try {
		const thread = await readMyConsultation(accountDepsFor(c), id);
		return page(c, <ConsultationPage thread={thread} values={values} errors={errors} />, status);
	} catch (err) {
		if (refusalOf(err).code === "not_found") return notFound(c, "after.notFound.thread", BACK_TO_MESSAGES);
		throw err;
	}
}

async function renderReviewForm(
	c: Context<AppEnv>,
	slug: string | undefined,
	status: ContentfulStatusCode = 200,
	values?: FormValues,
	errors?: FormErrors,
) {
	const product =
		slug && SlugSchema.safeParse(slug).success ? await findProductRef(c.var.db, { slug }) : null;
	if (!product) return notFound(c, "after.notFound.product", BACK_TO_REVIEWS);
	return page(c, <ReviewFormPage product={product} values={values} errors={errors} />, status);
}

// The forms again after the validator refused them: 400, the messages by their fields.
type Issues = readonly z.core.$ZodIssue[];

async function refusedReturnForm(c: Context<AppEnv>, target: string, issues: Issues) {
	if (target === "param") return notFound(c, "after.notFound.order", BACK_TO_ORDERS);
	const { raw, values } = await typed(c, isReturnField);
	const errors = describeReturnIssues(c.var.locale, issues, raw);
	return renderReturnForm(c, c.req.param("number") ?? "", 400, values, errors);
}

async function refusedConsultationForm(c: Context<AppEnv>, issues: Issues) {
	const { values } = await typed(c, messageFields);
	return renderNewConsultation(c, 400, values, describeConsultationIssues(c.var.locale, issues));
}

async function refusedReply(c: Context<AppEnv>, target: string, issues: Issues) {
	if (target === "param") return notFound(c, "after.notFound.thread", BACK_TO_MESSAGES);
	const { values } = await typed(c, messageFields);
	return renderThread(c, c.req.param("id") ?? "", 400, values, describeReplyIssues(c.var.locale, issues));
}

async function refusedReviewForm(c: Context<AppEnv>, issues: Issues) {
	const { raw, values } = await typed(c, reviewFields);
	const slug =
		raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>).productSlug : undefined;
	const errors = describeReviewIssues(c.var.locale, issues);
	return renderReviewForm(c, typeof slug === "string" ? slug : undefined, 400, values, errors);
}

const router = createRouter();
router.onError(pageErrorResponse);

// Only these paths: the login and other account pages (routes/account-pages.tsx) stay open.
// Cross-site posts are the app's csrf() to refuse (Origin or Sec-Fetch-Site); not
// sameOriginMutations, as under the shop's Referrer-Policy: no-referrer a browser's own form post
// says `Origin: null`.
for (const path of [
	"/account/orders/:number/return",
	"/account/returns",
	"/account/returns/*",
	"/account/consultations",
	"/account/consultations/*",
	"/account/reviews",
	"/account/reviews/*",
]) {
	router.use(path, signedIn);
}

export const afterSalesPages = router
	// ---- Returns
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/account/orders/{number}/return",
			summary: "The return form of one of your orders: its items, the 60-day window and whether it is open",
			request: { params: OrderParams },
			responses: pageAnswers,
		}),
		(c) => renderReturnForm(c, c.req.valid("param").number),
		(result, c) => (result.success ? undefined : notFound(c, "after.notFound.order", BACK_TO_ORDERS)),
	)
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/account/orders/{number}/return",
			summary: "Request the return (what POST /api/v1/me/orders/{number}/returns does), then its page",
			request: { params: OrderParams, body: formBody(ReturnFormSchema) },
			responses: formAnswers,
		}),
		async (c) => {
			const { number } = c.req.valid("param");
			const input = c.req.valid("form");
			try {
				const view = await requestMyReturn(accountDepsFor(c), number, input);
				return c.redirect(returnPath(view.number), 303);
			} catch (err) {
				const refused = refusalOf(err);
				if (refused.code === "not_found") return notFound(c, "after.notFound.order", BACK_TO_ORDERS);
				const errors = describeLineRefusals(c.var.locale, refused.issues ?? [], input.lines);
				const message = refusalText(c, refused);
				if (!errors.form.includes(message)) errors.form.unshift(message);
				const { values } = await typed(c, isReturnField);
				return renderReturnForm(c, number, statusOf(refused), values, errors);
			}
		},
		(result, c) => (result.success ? undefined : refusedReturnForm(c, result.target, result.error.issues)),
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/account/returns",
			summary: "Your returns with their status (what GET /api/v1/me/returns answers)",
			responses: pageAnswers,
		}),
		async (c) => page(c, <ReturnsListPage returns={await listMyReturns(accountDepsFor(c))} />),
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/account/returns/{number}",
			summary:
				"One of your returns: status, items, refund, and your description (opened by the vault, audited)",
			request: { params: ReturnParams },
			responses: pageAnswers,
		}),
		async (c) => {
			try {
				return page(
					c,
					<ReturnPage view={await readMyReturn(accountDepsFor(c), c.req.valid("param").number)} />,
				);
			} catch (err) {
				if (refusalOf(err).code === "not_found") return notFound(c, "after.notFound.return", BACK_TO_RETURNS);
				throw err;
			}
		},
		(result, c) => (result.success ? undefined : notFound(c, "after.notFound.return", BACK_TO_RETURNS)),
	)
	// ---- Conversations with customer service
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/account/consultations",
			summary: "Your conversations with customer service (what GET /api/v1/me/consultations answers)",
			responses: pageAnswers,
		}),
		async (c) =>
			page(c, <ConsultationsListPage consultations={await listMyConsultations(accountDepsFor(c))} />),
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/account/consultations/new",
			summary: "Ask customer service; ?order= chooses one of your orders",
			request: { query: NewConsultationQuery },
			responses: { ...pageAnswers, 400: html("The form, without the unusable order") },
		}),
		async (c) => {
			const { order } = c.req.valid("query");
			return renderNewConsultation(c, 200, order ? { about: order } : {});
		},
		(result, c) => (result.success ? undefined : renderNewConsultation(c, 400)),
	)
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/account/consultations",
			summary: "Start a conversation (what POST /api/v1/me/consultations does), then its page",
			request: { body: formBody(ConsultationFormSchema) },
			responses: formAnswers,
		}),
		async (c) => {
			try {
				const thread = await openMyConsultation(accountDepsFor(c), c.req.valid("form"));
				return c.redirect(consultationPath(thread.id), 303);
			} catch (err) {
				const refused = refusalOf(err);
				const errors: FormErrors =
					refused.code === "not_found"
						? { fields: { about: c.var.locale.t("after.form.ownOrder") }, form: [] }
						: { fields: {}, form: [refusalText(c, refused)] };
				const { values } = await typed(c, messageFields);
				return renderNewConsultation(c, statusOf(refused), values, errors);
			}
		},
		(result, c) => (result.success ? undefined : refusedConsultationForm(c, result.error.issues)),
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/account/consultations/{id}",
			summary: "One of your conversations: its messages (opened by the vault, audited), a reply form, close",
			request: { params: ConsultationIdParamsSchema },
			responses: pageAnswers,
		}),
		(c) => renderThread(c, c.req.valid("param").id),
		(result, c) => (result.success ? undefined : notFound(c, "after.notFound.thread", BACK_TO_MESSAGES)),
	)
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/account/consultations/{id}/messages",
			summary: "Add a message (what POST /api/v1/me/consultations/{id}/messages does), then the conversation",
			request: { params: ConsultationIdParamsSchema, body: formBody(ReplyFormSchema) },
			responses: formAnswers,
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			try {
				await addMyMessage(accountDepsFor(c), id, c.req.valid("form").message);
			} catch (err) {
				const refused = refusalOf(err);
				if (refused.code === "not_found") return notFound(c, "after.notFound.thread", BACK_TO_MESSAGES);
				const { values } = await typed(c, messageFields);
				return renderThread(c, id, statusOf(refused), values, {
					fields: {},
					form: [refusalText(c, refused)],
				});
			}
			return c.redirect(consultationPath(id), 303);
		},
		(result, c) => (result.success ? undefined : refusedReply(c, result.target, result.error.issues)),
	)
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/account/consultations/{id}/close",
			summary: "Close a conversation (what POST /api/v1/me/consultations/{id}/close does), then its page",
			request: { params: ConsultationIdParamsSchema },
			responses: formAnswers,
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			try {
				await closeMyConsultation(accountDepsFor(c), id);
			} catch (err) {
				const refused = refusalOf(err);
				if (refused.code === "not_found") return notFound(c, "after.notFound.thread", BACK_TO_MESSAGES);
				return renderThread(c, id, statusOf(refused), {}, { fields: {}, form: [refusalText(c, refused)] });
			}
			return c.redirect(consultationPath(id), 303);
		},
		(result, c) => (result.success ? undefined : notFound(c, "after.notFound.thread", BACK_TO_MESSAGES)),
	)
	// ---- Reviews
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/account/reviews/new",
			summary: "Review a product you received: the form (POST /api/v1/me/reviews decides whether you may)",
			request: { query: NewReviewQuery },
			responses: { ...pageAnswers, 400: html("No product named") },
		}),
		(c) => renderReviewForm(c, c.req.valid("query").product),
		(result, c) =>
			result.success
				? undefined
				: messagePage(c, "after.whichProduct.title", "after.whichProduct.text", BACK_TO_ORDERS, 400),
	)
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/account/reviews",
			summary: "Write the review (what POST /api/v1/me/reviews does), then your reviews",
			request: { body: formBody(ReviewFormSchema) },
			responses: formAnswers,
		}),
		async (c) => {
			const input = c.req.valid("form");
			try {
				await writeReview(accountDepsFor(c), input);
			} catch (err) {
				const refused = refusalOf(err);
				const { values } = await typed(c, reviewFields);
				const errors = { fields: {}, form: [refusalText(c, refused)] };
				return renderReviewForm(c, input.productSlug, statusOf(refused), values, errors);
			}
			return c.redirect("/account/reviews", 303);
		},
		(result, c) => (result.success ? undefined : refusedReviewForm(c, result.error.issues)),
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/account/reviews",
			summary: "Your reviews and their moderation status (what GET /api/v1/me/reviews answers)",
			responses: pageAnswers,
		}),
		async (c) => page(c, <ReviewsListPage reviews={await listMyReviews(accountDepsFor(c))} />),
	);
