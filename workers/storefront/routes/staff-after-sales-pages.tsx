// The staff console's after-sales pages (issue #10): returns and refunds, consultations, review
// moderation. Registered on the console's router (routes/staff-pages.tsx), whose registry maps each
// page to the /api/v1/staff route it stands for; each handler calls what that API handler calls.
// Lists and a record's page hold no personal data; the texts open only by a POST after a notice,
// and that POST's answer is the page itself, never a URL a browser could revisit.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
	CONSULTATION_STATUSES,
	ConsultationIdParamsSchema,
	MessageRequestSchema,
	StaffListQuerySchema,
} from "../consultations/consultation-schemas";
import * as staffThreads from "../consultations/staff-consultations";
import { RETURN_STATUSES } from "../db/schema";
import { AppError } from "../errors";
import type { StaffEnv } from "../middleware/staff-auth";
import {
	REPLY_FIELD,
	StaffConsultationPage,
	StaffConsultationsPage,
	threadPath,
} from "../pages/staff/consultations-pages";
import {
	minorFrom,
	RETURN_FIELDS,
	type ReturnFormValues,
	returnPath,
	StaffReturnPage,
	StaffReturnsPage,
} from "../pages/staff/returns-pages";
import { StaffReviewPage, StaffReviewsPage } from "../pages/staff/reviews-pages";
import { type FormErrors, NO_ERRORS } from "../pages/staff/staff-layout";
import { refundDepsFor } from "../payments/refunds";
import { RejectReturnSchema } from "../returns/return-schemas";
import * as staffReturns from "../returns/staff-returns";
import { listForModeration, moderateReview, openForModeration } from "../reviews/moderation";
import { REVIEW_STATUSES, ReviewIdSchema } from "../reviews/review-schemas";
import { staffThreadDepsFor } from "./staff-consultations";
import { formBody, formResponses, html, page, refusalOf, staffResponses, stringOf } from "./staff-page-kit";
import {
	ListQuerySchema as ReturnListQuerySchema,
	NumberParamsSchema as ReturnParamsSchema,
	staffReturnDepsFor,
} from "./staff-returns";
import { moderationDeps, ListQuerySchema as ReviewListQuerySchema } from "./staff-reviews";

/** A row is small, but the page must stay under 50 KB whatever the texts' lengths. */
const PER_PAGE = 25;

const tags = ["staff pages"];
const back = (description: string) => ({ ...formResponses, 303: { description } });
const openedResponses = { 200: html("The page with what the vault opened and logged"), ...formResponses };

// ---- Returns ----

const ReturnsQuerySchema = z
	.object({
		// The filter's "All statuses" option sends an empty value.
		status: z
			.enum(["", ...RETURN_STATUSES])
			.optional()
			.openapi({ param: { name: "status", in: "query" } }),
		cursor: ReturnListQuerySchema.shape.cursor,
	})
	.strict();

/** An amount as typed, in the return's currency; turned into minor units against that currency. */
const AmountFormSchema = z
	.object({ amount: z.string().max(40) })
	.strict()
	.openapi("ReturnAmountForm");

const AMOUNT_MESSAGE = "Enter an amount like 90 or 90.50, more than zero";

async function renderReturn(
	c: Context<StaffEnv>,
	number: string,
	status: ContentfulStatusCode = 200,
	values: ReturnFormValues = {},
	errors: FormErrors = NO_ERRORS,
) {
	const view = await staffReturns.viewOf(c.var.db, number);
	return page(c, <StaffReturnPage staff={c.var.staff} view={view} values={values} errors={errors} />, status);
}

/**
 * A step on a return, then back to its page (303); a refusal shows the page with the reason, by the
 * amount field when it is the amount the rules refused.
 */
async function returnStep(
	c: Context<StaffEnv>,
	field: keyof typeof RETURN_FIELDS | null,
	values: ReturnFormValues,
	step: () => Promise<unknown>,
) {
	const number = c.req.param("number") ?? "";
	try {
		await step();
	} catch (err) {
		const refusal = refusalOf(err);
		if (!refusal || refusal.code === "not_found" || refusal.code === "forbidden") throw err;
		const onAmount =
			field && refusal.issues?.some((i) => i.path[0] === "refundMinor" || i.path[0] === "amountMinor");
		const errors: FormErrors = onAmount
			? { fields: { [RETURN_FIELDS[field]]: refusal.message }, form: [] }
			: { fields: {}, form: [refusal.message] };
		return renderReturn(c, number, refusal.status, values, errors);
	}
	return c.redirect(returnPath(number), 303);
}

/** The amount typed into a return's form, checked against its currency, or the form again. */
async function withAmount(
	c: Context<StaffEnv>,
	field: "approve" | "refund",
	amount: string,
	optional: boolean,
	act: (minor: number | undefined) => Promise<unknown>,
) {
	const number = c.req.param("number") ?? "";
	const values = { [field]: amount };
	if (optional && amount.trim() === "") return returnStep(c, field, values, () => act(undefined));
	const view = await staffReturns.viewOf(c.var.db, number);
	const minor = minorFrom(amount, view.currency);
	if (minor === null) {
		return renderReturn(c, number, 400, values, {
			fields: { [RETURN_FIELDS[field]]: AMOUNT_MESSAGE },
			form: [],
		});
	}
	return returnStep(c, field, values, () => act(minor));
}

/** A form that failed its schema: the page again with what was typed, or a 404 for a bad number. */
async function returnFormRefused(
	c: Context<StaffEnv>,
	target: string,
	field: keyof typeof RETURN_FIELDS,
	message: string,
) {
	if (target !== "form") throw new AppError("not_found", "No such return");
	const raw = await c.req.parseBody();
	const values = { [field]: stringOf(field === "rejection" ? raw.rejection : raw.amount, 40) };
	return renderReturn(c, c.req.param("number") ?? "", 400, values, {
		fields: { [RETURN_FIELDS[field]]: message },
		form: [],
	});
}

const returnStepRoute = (step: string, summary: string) =>
	createRoute({
		method: "post",
		path: `/staff/returns/{number}/${step}`,
		tags,
		summary,
		request: { params: ReturnParamsSchema },
		responses: back("Back to the return, or to sign-in"),
	});

const returnFormRoute = <B extends z.ZodType>(step: string, summary: string, body: B) =>
	createRoute({
		method: "post",
		path: `/staff/returns/{number}/${step}`,
		tags,
		summary,
		request: { params: ReturnParamsSchema, body: formBody(body) },
		responses: back("Back to the return, or to sign-in"),
	});

// ---- Consultations ----

const ThreadsQuerySchema = z
	.object({
		status: z
			.enum(["", ...CONSULTATION_STATUSES])
			.optional()
			.openapi({ param: { name: "status", in: "query" } }),
		cursor: StaffListQuerySchema.shape.cursor,
	})
	.strict();

const ReplyFormSchema = MessageRequestSchema.openapi("ConsultationReplyForm");

async function renderThread(
	c: Context<StaffEnv>,
	id: string,
	status: ContentfulStatusCode = 200,
	reply?: string,
	errors: FormErrors = NO_ERRORS,
) {
	const thread = await staffThreads.staffThreadView(c.var, id);
	return page(
		c,
		<StaffConsultationPage staff={c.var.staff} thread={thread} reply={reply} errors={errors} />,
		status,
	);
}

const threadRoute = (step: string, summary: string) =>
	createRoute({
		method: "post",
		path: `/staff/consultations/{id}/${step}`,
		tags,
		summary,
		request: { params: ConsultationIdParamsSchema },
		responses: back("Back to the conversation, or to sign-in"),
	});

async function replyRefused(c: Context<StaffEnv>, target: string) {
	if (target !== "form") throw new AppError("not_found", "No such conversation");
	const raw = await c.req.parseBody();
	const message = "Write an answer of 1 to 4000 characters, without control characters";
	return renderThread(c, c.req.param("id") ?? "", 400, stringOf(raw.message, 4000), {
		fields: { [REPLY_FIELD]: message },
		form: [],
	});
}

// ---- Reviews ----

const ReviewsQuerySchema = z
	.object({
		// Absent: the pending queue; the filter's "All statuses" sends an empty value.
		status: z
			.enum(["", ...REVIEW_STATUSES])
			.optional()
			.openapi({ param: { name: "status", in: "query" } }),
		cursor: ReviewListQuerySchema.shape.cursor,
	})
	.strict();

const ReviewParamsSchema = z.object({ id: ReviewIdSchema.openapi({ param: { name: "id", in: "path" } }) });

const reviewRoute = (decision: "publish" | "reject", summary: string) =>
	createRoute({
		method: "post",
		path: `/staff/reviews/{id}/${decision}`,
		tags,
		summary,
		request: { params: ReviewParamsSchema },
		responses: back("Back to the reviews, or to sign-in"),
	});

export function registerStaffAfterSalesPages(router: OpenAPIHono<StaffEnv>): void {
	router
		.openapi(
			createRoute({
				method: "get",
				path: "/staff/returns",
				tags,
				summary: "Returns by status, page by page, without personal data",
				request: { query: ReturnsQuerySchema },
				responses: { 200: html("A page of returns"), ...staffResponses },
			}),
			async (c) => {
				const { status, cursor } = c.req.valid("query");
				const list = await staffReturns.listStaffReturns(c.var.db, {
					status: status || undefined,
					cursor,
					limit: PER_PAGE,
				});
				return page(c, <StaffReturnsPage staff={c.var.staff} list={list} status={status || undefined} />);
			},
		)
		.openapi(
			createRoute({
				method: "get",
				path: "/staff/returns/{number}",
				tags,
				summary: "A return without personal data, with the steps the member's role may take",
				request: { params: ReturnParamsSchema },
				responses: { 200: html("The return"), ...staffResponses },
			}),
			(c) => renderReturn(c, c.req.valid("param").number),
		)
		.openapi(
			returnStepRoute(
				"details",
				"Open a return's description for support: the vault decides and logs it; the answer is the page itself",
			),
			async (c) => {
				const opened = await staffReturns.readStaffReturn(staffReturnDepsFor(c), c.req.valid("param").number);
				const { details, ...view } = opened;
				return page(
					c,
					<StaffReturnPage
						staff={c.var.staff}
						view={view}
						opened={{ details, requestId: c.var.requestId }}
					/>,
				);
			},
		)
		.openapi(
			returnFormRoute(
				"approve",
				"Approve a requested return with the amount to refund on receipt",
				AmountFormSchema,
			),
			(c) =>
				withAmount(c, "approve", c.req.valid("form").amount, false, (minor) =>
					staffReturns.approveReturn(staffReturnDepsFor(c), c.req.valid("param").number, minor ?? 0),
				),
			(result, c) =>
				result.success ? undefined : returnFormRefused(c, result.target, "approve", AMOUNT_MESSAGE),
		)
		.openapi(
			returnFormRoute("reject", "Reject a requested or approved return with a reason", RejectReturnSchema),
			(c) => {
				const { rejection } = c.req.valid("form");
				return returnStep(c, null, { rejection }, () =>
					staffReturns.rejectReturn(staffReturnDepsFor(c), c.req.valid("param").number, rejection),
				);
			},
			(result, c) =>
				result.success ? undefined : returnFormRefused(c, result.target, "rejection", "Choose a reason"),
		)
		.openapi(returnStepRoute("receive", "The parcel arrived: its items go back in stock"), (c) =>
			returnStep(c, null, {}, () =>
				staffReturns.receiveReturn(staffReturnDepsFor(c), c.req.valid("param").number),
			),
		)
		.openapi(
			returnFormRoute(
				"refund",
				"Refund a received return, the approved amount unless less is typed",
				AmountFormSchema,
			),
			(c) =>
				withAmount(c, "refund", c.req.valid("form").amount, true, (minor) =>
					staffReturns.refundReturn(
						staffReturnDepsFor(c),
						refundDepsFor(c),
						c.req.valid("param").number,
						minor,
					),
				),
			(result, c) =>
				result.success ? undefined : returnFormRefused(c, result.target, "refund", AMOUNT_MESSAGE),
		)
		.openapi(
			createRoute({
				method: "get",
				path: "/staff/consultations",
				tags,
				summary: "Conversations, open ones first, without personal data",
				request: { query: ThreadsQuerySchema },
				responses: { 200: html("A page of conversations"), ...staffResponses },
			}),
			async (c) => {
				const { status, cursor } = c.req.valid("query");
				const list = await staffThreads.listStaffConsultations(
					{ db: c.var.db },
					{ status: status || undefined, cursor, limit: PER_PAGE },
				);
				return page(
					c,
					<StaffConsultationsPage staff={c.var.staff} list={list} status={status || undefined} />,
				);
			},
		)
		.openapi(
			createRoute({
				method: "get",
				path: "/staff/consultations/{id}",
				tags,
				summary: "A conversation without its messages: the notice, the way to open them, the answer form",
				request: { params: ConsultationIdParamsSchema },
				responses: { 200: html("The conversation"), ...staffResponses },
			}),
			(c) => renderThread(c, c.req.valid("param").id),
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/staff/consultations/{id}/open",
				tags,
				summary:
					"Open a conversation's messages for support: the vault decides and logs it; the answer is the page",
				request: { params: ConsultationIdParamsSchema },
				responses: openedResponses,
			}),
			async (c) => {
				const thread = await staffThreads.readStaffConsultation(
					staffThreadDepsFor(c),
					c.req.valid("param").id,
				);
				return page(
					c,
					<StaffConsultationPage staff={c.var.staff} thread={thread} requestId={c.var.requestId} />,
				);
			},
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/staff/consultations/{id}/messages",
				tags,
				summary: "Answer a conversation: sealed and mailed to the shopper by the vault",
				request: { params: ConsultationIdParamsSchema, body: formBody(ReplyFormSchema) },
				responses: back("Back to the conversation, or to sign-in"),
			}),
			async (c) => {
				const { id } = c.req.valid("param");
				const { message } = c.req.valid("form");
				try {
					await staffThreads.replyAsStaff(staffThreadDepsFor(c), id, message);
				} catch (err) {
					const refusal = refusalOf(err);
					if (!refusal || refusal.code === "not_found" || refusal.code === "forbidden") throw err;
					return renderThread(c, id, refusal.status, message, { fields: {}, form: [refusal.message] });
				}
				return c.redirect(threadPath(id), 303);
			},
			(result, c) => (result.success ? undefined : replyRefused(c, result.target)),
		)
		.openapi(threadRoute("close", "Close a conversation, and the vault's case on its order"), async (c) => {
			const { id } = c.req.valid("param");
			await staffThreads.closeAsStaff(staffThreadDepsFor(c), id);
			return c.redirect(threadPath(id), 303);
		})
		.openapi(
			createRoute({
				method: "get",
				path: "/staff/reviews",
				tags,
				summary: "Reviews to moderate, the pending ones unless asked, oldest first, without personal data",
				request: { query: ReviewsQuerySchema },
				responses: { 200: html("A page of reviews"), ...staffResponses },
			}),
			async (c) => {
				const query = c.req.valid("query");
				const status = query.status === undefined ? "pending" : query.status || undefined;
				const list = await listForModeration(c.var.db, { status, cursor: query.cursor, limit: PER_PAGE });
				return page(c, <StaffReviewsPage staff={c.var.staff} list={list} status={status} />);
			},
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/staff/reviews/{id}/open",
				tags,
				summary:
					"Read a review's text and nickname for support: the vault decides and logs it; the answer is the page",
				request: { params: ReviewParamsSchema },
				responses: openedResponses,
			}),
			async (c) => {
				const review = await openForModeration(moderationDeps(c), c.req.valid("param").id);
				return page(c, <StaffReviewPage staff={c.var.staff} review={review} requestId={c.var.requestId} />);
			},
		)
		.openapi(reviewRoute("publish", "Publish a review: the vault lists it (audited)"), async (c) => {
			await moderateReview(moderationDeps(c), c.req.valid("param").id, "publish");
			return c.redirect("/staff/reviews", 303);
		})
		.openapi(reviewRoute("reject", "Reject a review; a published one is withdrawn first"), async (c) => {
			await moderateReview(moderationDeps(c), c.req.valid("param").id, "reject");
			return c.redirect("/staff/reviews", 303);
		});
}
