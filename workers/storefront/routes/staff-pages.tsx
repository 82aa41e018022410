// The staff console under /staff, behind Access (issue #10). Every page and action is authorised
// by the vault exactly as the staff API is: the same staffAuth, with a registry of page → the API
// route it stands for, whose operation it needs (deny by default: a /staff path missing here is a
// 404). The token comes from Access's header, else from its `CF_Authorization` cookie; locally,
// where there is no Access, /staff/sign-in sets that cookie from a pasted token. Each handler
// calls what the matching /api/v1/staff handler calls. Every page is personal or role-dependent:
// `no-store`, `noindex`; forms post and answer 303, a refusal re-renders the page with a 4xx.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { PURPOSES, STAFF_ROLES } from "../../shared/vault-contract";
import { withinClientLimit } from "../analytics/rate-limit";
import { AppError } from "../errors";
import { findOrderForStaff, fulfilOrder } from "../fulfilment/fulfil-order";
import { ShipmentSchema } from "../fulfilment/transitions";
import {
	ACCESS_HEADER,
	type StaffEnv,
	type StaffRoute,
	staffAuth,
	staffTokenOf,
} from "../middleware/staff-auth";
import { createRouter, errorResponses } from "../openapi";
import { AnalyticsPage } from "../pages/staff/analytics-page";
import { AuditReviewPage, AuditVerifyPage, type ReviewFormValues } from "../pages/staff/audit-pages";
import {
	ContactConfirmPage,
	type ContactFormValues,
	ContactOpenedPage,
	FIRST_FIELD,
	FIRST_PURPOSE,
} from "../pages/staff/contact-page";
import { StaffHomePage } from "../pages/staff/home-page";
import { type AddMemberValues, MembersPage } from "../pages/staff/members-page";
import { StaffMessagePage } from "../pages/staff/message-page";
import { type ShipValues, StaffOrdersPage, shipFieldId } from "../pages/staff/orders-page";
import { StaffSignInPage } from "../pages/staff/sign-in-page";
import { type FormErrors, NO_ERRORS } from "../pages/staff/staff-layout";
import { fromVault } from "../vault-client";
import { STAFF_ROUTES } from "./staff";
import { registerStaffAfterSalesPages } from "./staff-after-sales-pages";
import { analyticsSummary, SummaryQuerySchema } from "./staff-analytics";
import { ReviewQuerySchema, reviewAccesses } from "./staff-audit";
import { fulfilDeps, ManifestQuerySchema, manifestDownload } from "./staff-fulfilment";
import {
	CONTACT_FIELDS,
	ListQuerySchema,
	listStaffOrders,
	NumberParamsSchema,
	openOrderContact,
	STAFF_ORDER_STATUSES,
} from "./staff-orders";
import {
	actorOf,
	formBody,
	formResponses,
	html,
	page,
	refusalOf,
	staffResponses,
	stringOf,
} from "./staff-page-kit";
import { registerStaffPrivacyPages } from "./staff-privacy-pages";

/** Access's own cookie name, so production (Access sets it) and local sign-in are one path. */
export const STAFF_COOKIE = "CF_Authorization";
/** Local tokens last an hour; the cookie never outlives that by much. */
const COOKIE_MAX_AGE_S = 3600;

/** Each page with the API route it stands for: the operation the vault must allow is that route's. */
const PAGE_TO_API: readonly (readonly [method: string, page: string, apiMethod: string, apiPath: string])[] =
	[
		// The home shows nothing but links; every role may list orders, so that is its sign-in check.
		["GET", "/staff", "GET", "/api/v1/staff/orders"],
		["GET", "/staff/orders", "GET", "/api/v1/staff/orders"],
		["GET", "/staff/orders/manifest", "GET", "/api/v1/staff/orders/manifest"],
		["POST", "/staff/orders/{number}/pack", "POST", "/api/v1/staff/orders/{number}/pack"],
		["POST", "/staff/orders/{number}/ship", "POST", "/api/v1/staff/orders/{number}/ship"],
		["POST", "/staff/orders/{number}/deliver", "POST", "/api/v1/staff/orders/{number}/deliver"],
		["GET", "/staff/orders/{number}/contact", "GET", "/api/v1/staff/orders/{number}/contact"],
		["POST", "/staff/orders/{number}/contact", "GET", "/api/v1/staff/orders/{number}/contact"],
		["GET", "/staff/audit/verify", "GET", "/api/v1/staff/audit/verify"],
		["GET", "/staff/audit/review", "GET", "/api/v1/staff/audit/review"],
		["GET", "/staff/analytics", "GET", "/api/v1/staff/analytics/summary"],
		["GET", "/staff/members", "GET", "/api/v1/staff/members"],
		["POST", "/staff/members", "POST", "/api/v1/staff/members"],
		["POST", "/staff/members/{id}", "PATCH", "/api/v1/staff/members/{id}"],
		// A return's page shows what the list shows (any role); its description opens only by a POST.
		["GET", "/staff/returns", "GET", "/api/v1/staff/returns"],
		["GET", "/staff/returns/{number}", "GET", "/api/v1/staff/returns"],
		["POST", "/staff/returns/{number}/details", "GET", "/api/v1/staff/returns/{number}"],
		["POST", "/staff/returns/{number}/approve", "POST", "/api/v1/staff/returns/{number}/approve"],
		["POST", "/staff/returns/{number}/reject", "POST", "/api/v1/staff/returns/{number}/reject"],
		["POST", "/staff/returns/{number}/receive", "POST", "/api/v1/staff/returns/{number}/receive"],
		["POST", "/staff/returns/{number}/refund", "POST", "/api/v1/staff/returns/{number}/refund"],
		// A thread's page shows what the list shows; its messages open only by a POST.
		["GET", "/staff/consultations", "GET", "/api/v1/staff/consultations"],
		["GET", "/staff/consultations/{id}", "GET", "/api/v1/staff/consultations"],
		["POST", "/staff/consultations/{id}/open", "GET", "/api/v1/staff/consultations/{id}"],
		["POST", "/staff/consultations/{id}/messages", "POST", "/api/v1/staff/consultations/{id}/messages"],
		["POST", "/staff/consultations/{id}/close", "POST", "/api/v1/staff/consultations/{id}/close"],
		["GET", "/staff/reviews", "GET", "/api/v1/staff/reviews"],
		["POST", "/staff/reviews/{id}/open", "GET", "/api/v1/staff/reviews/{id}"],
		["POST", "/staff/reviews/{id}/publish", "POST", "/api/v1/staff/reviews/{id}/publish"],
		["POST", "/staff/reviews/{id}/reject", "POST", "/api/v1/staff/reviews/{id}/reject"],
		["GET", "/staff/disclosures", "GET", "/api/v1/staff/disclosures"],
		["POST", "/staff/disclosures", "POST", "/api/v1/staff/disclosures"],
		["GET", "/staff/disclosures/{id}", "GET", "/api/v1/staff/disclosures"],
		["POST", "/staff/disclosures/{id}/decision", "POST", "/api/v1/staff/disclosures/{id}/decision"],
		["POST", "/staff/disclosures/{id}/export", "POST", "/api/v1/staff/disclosures/{id}/export"],
		["GET", "/staff/retention", "POST", "/api/v1/staff/retention/run"],
		["POST", "/staff/retention", "POST", "/api/v1/staff/retention/run"],
		["GET", "/staff/keys", "POST", "/api/v1/staff/keys/rotate"],
		["POST", "/staff/keys", "POST", "/api/v1/staff/keys/rotate"],
	];

function apiOperation(method: string, path: string) {
	const route = STAFF_ROUTES.find(([m, p]) => m === method && p === path);
	// A page pointing at no API route is a programming error, caught at load.
	if (!route) throw new Error(`staff page maps to unknown API route ${method} ${path}`);
	return route[2];
}

export const STAFF_PAGE_ROUTES: readonly StaffRoute[] = PAGE_TO_API.map(
	([method, page, apiMethod, apiPath]) => [method, page, apiOperation(apiMethod, apiPath)],
);

const SIGN_IN_OPERATION = apiOperation("GET", "/api/v1/staff/orders");
/** Reached without a token: the sign-in itself, and signing out, which must always work. */
const OPEN_PATHS = new Set(["/staff/sign-in", "/staff/sign-out"]);

const pageToken = (c: Context<StaffEnv>) => c.req.header(ACCESS_HEADER) ?? getCookie(c, STAFF_COOKIE);
const requireStaff = staffAuth(STAFF_PAGE_ROUTES, pageToken);

function staffPageError(err: Error, c: Context<StaffEnv>) {
	c.header("Cache-Control", "no-store");
	if (err instanceof AppError && err.code === "unauthorized") {
		// An expired or refused cookie would otherwise bounce between here and the sign-in forever.
		if (getCookie(c, STAFF_COOKIE)) deleteCookie(c, STAFF_COOKIE, { path: "/staff", secure: true });
		return c.redirect("/staff/sign-in", 303);
	}
	if (err instanceof AppError && (err.status < 500 || err.code === "analytics_unavailable")) {
		const title =
			err.code === "forbidden" ? "Not for your role" : err.code === "not_found" ? "Not found" : "Sorry";
		const message =
			err.code === "forbidden"
				? "Your role may not use this. The vault has logged the refusal."
				: err.code === "not_found"
					? "There is no such page or record in the staff console."
					: err.message;
		return c.html(<StaffMessagePage title={title} message={message} />, err.status as ContentfulStatusCode);
	}
	// Refused by hono itself before any handler (a body that is not a form, a cross-origin post).
	if (!(err instanceof AppError) && err instanceof HTTPException && err.status < 500) {
		const message = "That request didn't work. Go back to the page and send its form again.";
		return c.html(<StaffMessagePage title="Sorry" message={message} />, err.status as ContentfulStatusCode);
	}
	const status = err instanceof HTTPException ? err.status : 500;
	c.var.logger.error("staff page failed", { err, route: c.req.routePath });
	const message = "Something went wrong on our side. Please try again.";
	return c.html(
		<StaffMessagePage title="Sorry" message={message} />,
		Math.max(status, 500) as ContentfulStatusCode,
	);
}

const router = createRouter<StaffEnv>();
router.onError(staffPageError);
router.use("/staff/*", async (c, next) => (OPEN_PATHS.has(c.req.path) ? next() : requireStaff(c, next)));
// The other areas' pages, on this router: behind the same authorisation and error page.
registerStaffAfterSalesPages(router);
registerStaffPrivacyPages(router);

// ---- Sign-in ----

const SignInFormSchema = z.object({ token: z.string().max(10_000) }).strict();

const signInRefused = (c: Context<StaffEnv>, status: ContentfulStatusCode, message: string) =>
	page(c, <StaffSignInPage errors={{ fields: { token: message }, form: [] }} />, status);

// ---- Orders ----

const OrdersQuerySchema = z
	.object({
		// The filter's "All statuses" option sends an empty value.
		status: z
			.enum(["", ...STAFF_ORDER_STATUSES])
			.optional()
			.openapi({ param: { name: "status", in: "query" } }),
		cursor: ListQuerySchema.shape.cursor,
	})
	.strict();

/** A row with its ship form is about 1 KB: 25 keep the page well under its 50 KB. */
const ORDERS_PER_PAGE = 25;

async function renderOrders(
	c: Context<StaffEnv>,
	status: ContentfulStatusCode = 200,
	errors: FormErrors = NO_ERRORS,
	ship?: ShipValues,
) {
	const list = await listStaffOrders(c, { limit: ORDERS_PER_PAGE });
	return page(c, <StaffOrdersPage staff={c.var.staff} list={list} errors={errors} ship={ship} />, status);
}

/** A fulfilment step, then back to the list (303); a refused step shows the list with the reason. */
async function fulfil(c: Context<StaffEnv>, step: () => Promise<unknown>) {
	try {
		await step();
	} catch (err) {
		const refusal = refusalOf(err);
		if (!refusal) throw err;
		return renderOrders(c, refusal.status, { fields: {}, form: [refusal.message] });
	}
	return c.redirect("/staff/orders", 303);
}

const stepRoute = (step: "pack" | "deliver", summary: string) =>
	createRoute({
		method: "post",
		path: `/staff/orders/{number}/${step}`,
		tags: ["staff pages"],
		summary,
		request: { params: NumberParamsSchema },
		responses: { ...formResponses, 303: { description: "Back to the orders, or to sign-in" } },
	});

const ShipFormSchema = ShipmentSchema.openapi("ShipForm");

const SHIP_MESSAGES = {
	carrier: "Enter the carrier: letters, digits, spaces and . & ' ( ) / -",
	trackingNumber: "Enter the tracking number: 4 to 40 letters, digits or dashes",
} as const;

async function shipRefused(c: Context<StaffEnv>, issues: readonly z.core.$ZodIssue[]) {
	const number = c.req.param("number") ?? "";
	const raw = await c.req.parseBody();
	const ship = {
		number,
		carrier: stringOf(raw.carrier, 100),
		trackingNumber: stringOf(raw.trackingNumber, 100),
	};
	const errors: FormErrors = { fields: {}, form: [] };
	for (const issue of issues) {
		const field = issue.path[0];
		if (field === "carrier" || field === "trackingNumber") {
			errors.fields[shipFieldId(number, field)] ??= SHIP_MESSAGES[field];
		} else if (errors.form.length === 0) {
			errors.form.push("The form had fields we don't know; send it again from this page");
		}
	}
	return renderOrders(c, 400, errors, ship);
}

// ---- Contact ----

const ContactFormSchema = z
	.object({
		purpose: z.enum(PURPOSES),
		// One checkbox ticked arrives as a string, several as an array.
		fields: z
			.union([z.enum(CONTACT_FIELDS), z.array(z.enum(CONTACT_FIELDS)).min(1).max(CONTACT_FIELDS.length)])
			.transform((f) => [...new Set(Array.isArray(f) ? f : [f])]),
	})
	.strict()
	.openapi("OpenContactForm");

function echoContact(raw: Record<string, unknown>): ContactFormValues {
	const fields = ([] as unknown[]).concat(raw.fields ?? []).filter((f): f is string => typeof f === "string");
	return {
		purpose: typeof raw.purpose === "string" ? raw.purpose.slice(0, 40) : undefined,
		fields: fields.slice(0, CONTACT_FIELDS.length).map((f) => f.slice(0, 20)),
	};
}

async function renderContactForm(
	c: Context<StaffEnv>,
	number: string,
	status: ContentfulStatusCode = 200,
	values: ContactFormValues = {},
	errors: FormErrors = NO_ERRORS,
) {
	const order = await findOrderForStaff(c.var.db, number);
	return page(
		c,
		<ContactConfirmPage staff={c.var.staff} number={order.number} values={values} errors={errors} />,
		status,
	);
}

async function contactRefused(c: Context<StaffEnv>, issues: readonly z.core.$ZodIssue[]) {
	const values = echoContact(await c.req.parseBody({ all: true }));
	const errors: FormErrors = { fields: {}, form: [] };
	for (const issue of issues) {
		if (issue.path[0] === "purpose") errors.fields[FIRST_PURPOSE] ??= "Choose the purpose of this access";
		else if (issue.path[0] === "fields") errors.fields[FIRST_FIELD] ??= "Choose at least one field to open";
		else if (errors.form.length === 0) errors.form.push("The form had fields we don't know; send it again");
	}
	return renderContactForm(c, c.req.param("number") ?? "", 400, values, errors);
}

// ---- Audit review ----

const ReviewPageQuerySchema = z
	.object({
		from: z
			.string()
			.max(40)
			.optional()
			.openapi({ param: { name: "from", in: "query" } }),
		to: z
			.string()
			.max(40)
			.optional()
			.openapi({ param: { name: "to", in: "query" } }),
		threshold: z
			.string()
			.max(40)
			.optional()
			.openapi({ param: { name: "threshold", in: "query" } }),
	})
	.strict();

const DAY_MS = 86_400_000;
const REVIEW_DEFAULT_DAYS = 30;
const REVIEW_MESSAGES = {
	from: "Enter the first day as a date, not after the last day",
	to: "Enter the last day as a date, at most a year after the first",
	threshold: "Enter a whole number of people from 1 to 100000, or leave it empty",
} as const;

// ---- Staff members ----

const AddMemberFormSchema = z
	.object({ email: z.email().max(254), role: z.enum(STAFF_ROLES) })
	.strict()
	.openapi("AddStaffForm");
const ChangeMemberFormSchema = z
	.object({ role: z.enum(STAFF_ROLES).optional(), status: z.enum(["active", "disabled"]).optional() })
	.strict()
	.refine((b) => b.role !== undefined || b.status !== undefined, { message: "role or status is required" })
	.openapi("ChangeStaffForm");
const MemberParamsSchema = z.object({
	id: z
		.string()
		.regex(/^stf_[A-Za-z0-9_-]{16}$/)
		.openapi({ param: { name: "id", in: "path" }, example: "stf_Qm9vZ2llV29vZ2ll" }),
});

async function renderMembers(
	c: Context<StaffEnv>,
	status: ContentfulStatusCode = 200,
	values: AddMemberValues = {},
	errors: FormErrors = NO_ERRORS,
) {
	const { staff } = await fromVault(
		c.env.VAULT.listStaff({ actor: actorOf(c), requestId: c.var.requestId }),
		c.var.logger,
	);
	return page(c, <MembersPage staff={c.var.staff} members={staff} values={values} errors={errors} />, status);
}

async function addMemberRefused(c: Context<StaffEnv>, issues: readonly z.core.$ZodIssue[]) {
	const raw = await c.req.parseBody();
	const values = { email: stringOf(raw.email, 254), role: stringOf(raw.role, 20) };
	const errors: FormErrors = { fields: {}, form: [] };
	for (const issue of issues) {
		if (issue.path[0] === "email") errors.fields.email ??= "Enter an email address like name@example.com";
		else if (issue.path[0] === "role") errors.fields.role ??= "Choose a role";
		else if (errors.form.length === 0) errors.form.push("The form had fields we don't know; send it again");
	}
	return renderMembers(c, 400, values, errors);
}

export const staffPages = router
	.openapi(
		createRoute({
			method: "get",
			path: "/staff/sign-in",
			tags: ["staff pages"],
			summary: "Local staff sign-in: how to make a token, and the form to paste it",
			responses: { 200: html("The sign-in page") },
		}),
		(c) => page(c, <StaffSignInPage />),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/staff/sign-in",
			tags: ["staff pages"],
			summary: "Sign in with a pasted Access token: the vault checks it, then it is kept in CF_Authorization",
			request: { body: formBody(SignInFormSchema) },
			responses: {
				303: { description: "Signed in: to the console" },
				400: html("The form again: no token"),
				401: html("The form again: the vault did not accept the token"),
				429: html("The form again: too many attempts"),
				...errorResponses(403, 413),
			},
		}),
		async (c) => {
			if (!(await withinClientLimit(c.env.STAFF_API_LIMITER, c))) {
				return signInRefused(c, 429, "Too many sign-in attempts; try again in a minute");
			}
			const token = c.req.valid("form").token.trim();
			try {
				await fromVault(
					c.env.VAULT.authorize({
						token: staffTokenOf(token),
						operation: SIGN_IN_OPERATION,
						requestId: c.var.requestId,
					}),
					c.var.logger,
				);
			} catch (err) {
				if (!(err instanceof AppError) || err.status >= 500) throw err;
				return signInRefused(
					c,
					401,
					"The vault did not accept this token: make a new one and paste all of it",
				);
			}
			setCookie(c, STAFF_COOKIE, token, {
				httpOnly: true,
				secure: true,
				sameSite: "Strict",
				path: "/staff",
				maxAge: COOKIE_MAX_AGE_S,
			});
			return c.redirect("/staff", 303);
		},
		(result, c) => {
			if (!result.success) return signInRefused(c, 400, "Paste the token the staff:token command printed");
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/staff/sign-out",
			tags: ["staff pages"],
			summary: "Sign out of the console: forgets the CF_Authorization cookie",
			responses: { 303: { description: "To the sign-in page" }, ...errorResponses(403) },
		}),
		(c) => {
			deleteCookie(c, STAFF_COOKIE, { path: "/staff", secure: true });
			c.header("Cache-Control", "no-store");
			return c.redirect("/staff/sign-in", 303);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/staff",
			tags: ["staff pages"],
			summary: "The console's home: the sections this role may use",
			responses: { 200: html("The home"), ...staffResponses },
		}),
		(c) => page(c, <StaffHomePage staff={c.var.staff} />),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/staff/orders",
			tags: ["staff pages"],
			summary: "Orders by status, page by page, with the fulfilment steps and the manifest download",
			request: { query: OrdersQuerySchema },
			responses: { 200: html("A page of orders"), ...staffResponses },
		}),
		async (c) => {
			const { status, cursor } = c.req.valid("query");
			const list = await listStaffOrders(c, { status: status || undefined, cursor, limit: ORDERS_PER_PAGE });
			return page(c, <StaffOrdersPage staff={c.var.staff} list={list} status={status || undefined} />);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/staff/orders/manifest",
			tags: ["staff pages"],
			summary: "The logistics manifest as a download, as the API gives it (opened and logged by the vault)",
			request: { query: ManifestQuerySchema },
			responses: {
				200: {
					description: "The manifest file",
					content: { "text/csv": { schema: z.string() }, "application/json": { schema: z.object({}) } },
				},
				409: html("The vault refused an export"),
				...staffResponses,
			},
		}),
		(c) => manifestDownload(c, c.req.valid("query")),
	)
	.openapi(stepRoute("pack", "Pack a paid order from the orders page"), (c) =>
		fulfil(c, () => fulfilOrder(fulfilDeps(c), c.req.valid("param").number, "pack")),
	)
	.openapi(stepRoute("deliver", "Record a shipped order's delivery from the orders page"), (c) =>
		fulfil(c, () => fulfilOrder(fulfilDeps(c), c.req.valid("param").number, "deliver")),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/staff/orders/{number}/ship",
			tags: ["staff pages"],
			summary: "Ship a packed order with its carrier and tracking number, from the orders page",
			request: { params: NumberParamsSchema, body: formBody(ShipFormSchema) },
			responses: { ...formResponses, 303: { description: "Back to the orders, or to sign-in" } },
		}),
		(c) =>
			fulfil(c, () => fulfilOrder(fulfilDeps(c), c.req.valid("param").number, "ship", c.req.valid("form"))),
		(result, c) => {
			if (result.success) return;
			if (result.target !== "form") return renderOrders(c, 404, { fields: {}, form: ["No such order"] });
			return shipRefused(c, result.error.issues);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/staff/orders/{number}/contact",
			tags: ["staff pages"],
			summary: "Before an order's contact opens: what that means, and the purpose and fields to ask for",
			request: { params: NumberParamsSchema },
			responses: { 200: html("The confirmation step"), ...staffResponses },
		}),
		(c) => renderContactForm(c, c.req.valid("param").number),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/staff/orders/{number}/contact",
			tags: ["staff pages"],
			summary:
				"Open an order's contact for a purpose: the vault decides and logs it; the answer is the page itself, never a revisitable URL",
			request: { params: NumberParamsSchema, body: formBody(ContactFormSchema) },
			responses: { 200: html("The contact, with the logged notice"), ...formResponses },
		}),
		async (c) => {
			const { number } = c.req.valid("param");
			const { purpose, fields } = c.req.valid("form");
			try {
				const opened = await openOrderContact(c, number, { purpose, fields });
				return page(c, <ContactOpenedPage staff={c.var.staff} opened={opened} requestId={c.var.requestId} />);
			} catch (err) {
				const refusal = refusalOf(err);
				if (!refusal || refusal.code === "not_found") throw err;
				const errors = { fields: {}, form: [`The vault refused: ${refusal.message}`] };
				return renderContactForm(c, number, refusal.status, { purpose, fields }, errors);
			}
		},
		(result, c) => {
			if (result.success) return;
			if (result.target !== "form") throw new AppError("not_found", "No such order");
			return contactRefused(c, result.error.issues);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/staff/audit/verify",
			tags: ["staff pages"],
			summary: "The audit chain verified against the signed checkpoints, as a table",
			responses: { 200: html("The verification"), ...staffResponses },
		}),
		async (c) => {
			const { report } = await fromVault(
				c.env.VAULT.verifyAudit({ actor: actorOf(c), requestId: c.var.requestId }),
				c.var.logger,
			);
			return page(c, <AuditVerifyPage staff={c.var.staff} report={report} at={Date.now()} />);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/staff/audit/review",
			tags: ["staff pages"],
			summary: "The access review over a period (the last 30 days unless asked), as a table",
			request: { query: ReviewPageQuerySchema },
			responses: { 200: html("The review"), ...staffResponses },
		}),
		async (c) => {
			const query = c.req.valid("query");
			const today = new Date().toISOString().slice(0, 10);
			const values: ReviewFormValues =
				query.from === undefined && query.to === undefined
					? {
							from: new Date(Date.now() - (REVIEW_DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10),
							to: today,
							threshold: query.threshold,
						}
					: query;
			const parsed = ReviewQuerySchema.safeParse({
				from: values.from ?? "",
				to: values.to ?? "",
				...(values.threshold ? { threshold: values.threshold } : {}),
			});
			if (!parsed.success) {
				const errors: FormErrors = { fields: {}, form: [] };
				for (const issue of parsed.error.issues) {
					const field = issue.path[0];
					if (field === "from" || field === "to" || field === "threshold") {
						errors.fields[field] ??= REVIEW_MESSAGES[field];
					}
				}
				return page(
					c,
					<AuditReviewPage staff={c.var.staff} review={null} values={values} errors={errors} />,
					400,
				);
			}
			const review = await reviewAccesses(c, parsed.data);
			return page(c, <AuditReviewPage staff={c.var.staff} review={review} values={values} />);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/staff/analytics",
			tags: ["staff pages"],
			summary: "The analytics summary as tables",
			request: { query: SummaryQuerySchema },
			responses: { 200: html("The summary"), 502: html("Analytics unavailable"), ...staffResponses },
		}),
		async (c) => {
			const summary = await analyticsSummary(c, c.req.valid("query"));
			return page(c, <AnalyticsPage staff={c.var.staff} summary={summary} />);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/staff/members",
			tags: ["staff pages"],
			summary: "Staff members and their roles, the form to add one, and role changes (admin)",
			responses: { 200: html("The members"), ...staffResponses },
		}),
		(c) => renderMembers(c),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/staff/members",
			tags: ["staff pages"],
			summary: "Add a staff member by Access email with one role (admin; the vault audits it)",
			request: { body: formBody(AddMemberFormSchema) },
			responses: { ...formResponses, 303: { description: "Back to the members, or to sign-in" } },
		}),
		async (c) => {
			const { email, role } = c.req.valid("form");
			try {
				await fromVault(
					c.env.VAULT.addStaff({ actor: actorOf(c), email, role, requestId: c.var.requestId }),
					c.var.logger,
				);
			} catch (err) {
				const refusal = refusalOf(err);
				if (!refusal || refusal.code === "forbidden") throw err;
				return renderMembers(
					c,
					refusal.status,
					{ email, role },
					{ fields: { email: refusal.message }, form: [] },
				);
			}
			return c.redirect("/staff/members", 303);
		},
		(result, c) => (result.success ? undefined : addMemberRefused(c, result.error.issues)),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/staff/members/{id}",
			tags: ["staff pages"],
			summary: "Change a staff member's role, or deactivate or reactivate them (admin; audited)",
			request: { params: MemberParamsSchema, body: formBody(ChangeMemberFormSchema) },
			responses: { ...formResponses, 303: { description: "Back to the members, or to sign-in" } },
		}),
		async (c) => {
			try {
				await fromVault(
					c.env.VAULT.updateStaff({
						actor: actorOf(c),
						staffId: c.req.valid("param").id,
						...c.req.valid("form"),
						requestId: c.var.requestId,
					}),
					c.var.logger,
				);
			} catch (err) {
				const refusal = refusalOf(err);
				if (!refusal || refusal.code === "forbidden") throw err;
				return renderMembers(c, refusal.status, {}, { fields: {}, form: [refusal.message] });
			}
			return c.redirect("/staff/members", 303);
		},
		(result, c) => {
			if (result.success) return;
			if (result.target === "param") throw new AppError("not_found", "No such staff member");
			return renderMembers(c, 400, {}, { fields: {}, form: ["Choose a role, or deactivate or reactivate"] });
		},
	);
