// The privacy policy page and the privacy center (issue #10, P6, P12, P13): thin shells over the
// code the JSON API runs. The policy is public and cacheable; the center is personal (no-store).
// Every form works without JavaScript: a POST that succeeds answers 303 (post/redirect/get), a
// refused one the page again with a 4xx, what was wrong and what was typed. Cross-site posts are
// the app's csrf() to refuse (Origin or Sec-Fetch-Site); sameOriginMutations is not used here: under
// the shop's Referrer-Policy: no-referrer a browser's own form post says `Origin: null`.
// Languages: the center is per shopper, in their locale (choice cookie, else country). The policy
// is cached publicly, so, like a catalog page, it exists unprefixed in the default locale and
// under each locale's prefix (/fr-fr/privacy), and never depends on who asks one URL.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { recordOfProcessing } from "../../shared/personal-data/record";
import { accountDepsFor } from "../accounts/account-deps";
import { currentAccount } from "../accounts/current-account";
import { changeConsents, consentsOf, requireCustomer } from "../accounts/profile";
import { clearSessionCookie } from "../accounts/session-cookie";
import { analyticsConsent, setAnalyticsConsent } from "../analytics/consent";
import { clearCartCookie } from "../cart/cart-cookie";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { localized } from "../i18n/locale-context";
import { publicCacheIgnoringQuery } from "../middleware/public-cache";
import { prefixLocale, unprefixedLocale } from "../middleware/shop-locale";
import { createRouter, errorResponses, formBody, html } from "../openapi";
import { MessagePage } from "../pages/message";
import { notFoundPage, pageErrorResponse } from "../pages/page-error";
import {
	type Confirmed,
	type ConsentField,
	DeleteAccountPage,
	GUEST_REQUEST_FIELDS,
	type GuestRequestField,
	type GuestRequestValues,
	PrivacyCenterPage,
	type PrivacyCenterProps,
} from "../pages/privacy/center-page";
import type { FormErrors } from "../pages/privacy/form-parts";
import { PolicyPage } from "../pages/privacy/policy-page";
import { privacyRefusal } from "../pages/privacy/refusals";
import { eraseMyAccount } from "../privacy/account-erasure";
import { exportAccountData, exportFileName } from "../privacy/account-export";
import { AccountDataSchema } from "../privacy/account-export-schema";
import {
	GuestPrivacyRequestSchema,
	guestRequestDepsFor,
	requestGuestPrivacyLink,
} from "../privacy/guest-requests";
import { listPolicyVersions, policyTextOf, selectCurrentPolicy, summaryOf } from "../privacy/policy";
import { EraseAccountBodySchema } from "./me-privacy";

const seeOther = (description: string) => ({ 303: { description } });
const tags = ["pages"];

// The registry is compiled in, so the record only changes with a deployment.
const RECORD = recordOfProcessing();

export const CENTER = "/privacy/center";
const LOGIN_FOR = (next: string) => `/account/login?next=${encodeURIComponent(next)}`;

/** A public policy page's locale: the default one unprefixed, else its URL's prefix. */
const LOCALE = "/:locale{[a-z][a-z]-[a-z][a-z]}";

// Lenient on purpose: a link with tracking parameters or a stale `done` still shows the center.
const CenterQuerySchema = z.object({
	done: z
		.enum(["consent", "request"])
		.optional()
		.openapi({ param: { name: "done", in: "query" }, description: "What was just done, to confirm it" }),
});

const VersionParamsSchema = z.object({
	version: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/)
		.openapi({ param: { name: "version", in: "path" }, example: "2026-11-01" }),
});

const OnOff = z.enum(["on", "off"]);
const ConsentFormSchema = z
	.object({ analytics: OnOff.optional(), marketing: OnOff.optional() })
	.strict()
	.refine((form) => form.analytics !== undefined || form.marketing !== undefined, {
		message: "Choose on or off",
	});

function noStore(c: Context<AppEnv>) {
	c.header("Cache-Control", "no-store");
}

/** The page in the request's locale (middleware/shop-locale.ts decided it). */
const render = (c: Context<AppEnv>, page: Child, status: ContentfulStatusCode) =>
	c.html(localized(c, page), status);

/**
 * Puts the live session's account on the context, as requireAccount does, or says there is none.
 * A dead or forged cookie counts as none (and is cleared); a vault outage is an error.
 */
async function signIn(c: Context<AppEnv>): Promise<boolean> {
	try {
		const { account, token } = await currentAccount(c);
		c.set("account", account);
		c.set("sessionToken", token);
		return true;
	} catch (err) {
		if (err instanceof AppError && err.code === "unauthorized") return false;
		throw err;
	}
}

/** The center, for whoever is asking; `extra` carries a confirmation or a refused form. */
async function renderCenter(
	c: Context<AppEnv>,
	status: ContentfulStatusCode,
	extra: Pick<PrivacyCenterProps, "confirmation" | "consentErrors" | "request"> = {},
) {
	const signedIn = await signIn(c);
	const [analytics, customer] = await Promise.all([
		analyticsConsent(c),
		signedIn ? requireCustomer(accountDepsFor(c)) : null,
	]);
	noStore(c);
	return render(
		c,
		<PrivacyCenterPage
			analytics={analytics}
			account={customer ? { consents: consentsOf(customer) } : null}
			{...extra}
		/>,
		status,
	);
}

function consentFormErrors(
	c: Context<AppEnv>,
	issues: readonly z.core.$ZodIssue[],
): FormErrors<ConsentField> {
	const { t } = c.var.locale;
	const errors: FormErrors<ConsentField> = { fields: {}, form: [] };
	for (const issue of issues) {
		const field = issue.path[0];
		if (field === "analytics" || field === "marketing") errors.fields[field] = t("privacy.form.onOrOff");
		else if (issue.code === "unrecognized_keys") errors.form.push(t("privacy.form.useForm"));
		else errors.form.push(t("privacy.form.onOrOff"));
	}
	return errors;
}

/** What was typed, strings only (a repeated field is dropped rather than guessed at). */
async function typedRequestValues(c: Context<AppEnv>): Promise<GuestRequestValues> {
	const raw = await c.req.parseBody({ all: true }).catch(() => ({}));
	const values: GuestRequestValues = {};
	for (const field of GUEST_REQUEST_FIELDS) {
		const value = (raw as Record<string, unknown>)[field];
		if (typeof value === "string") values[field] = value.slice(0, 254);
	}
	return values;
}

function requestFormErrors(
	c: Context<AppEnv>,
	issues: readonly z.core.$ZodIssue[],
): FormErrors<GuestRequestField> {
	const { t } = c.var.locale;
	const errors: FormErrors<GuestRequestField> = { fields: {}, form: [] };
	for (const issue of issues) {
		const field = GUEST_REQUEST_FIELDS.find((name) => name === issue.path[0]);
		if (field) errors.fields[field] = t(`privacy.guest.error.${field}`);
		else if (!errors.form.length) errors.form.push(t("privacy.form.useForm"));
	}
	return errors;
}

async function renderInvalidRequest(c: Context<AppEnv>, issues: readonly z.core.$ZodIssue[]) {
	const request = { values: await typedRequestValues(c), errors: requestFormErrors(c, issues) };
	return renderCenter(c, 400, { request });
}

async function renderMissingPassword(c: Context<AppEnv>) {
	if (!(await signIn(c))) return c.redirect(LOGIN_FOR(`${CENTER}/delete`), 303);
	noStore(c);
	return render(c, <DeleteAccountPage error={c.var.locale.t("privacy.delete.missing")} />, 400);
}

/** The policy in force, with the record of processing (GET /privacy and its prefixed copies). */
async function renderPolicy(c: Context<AppEnv>) {
	const versions = await listPolicyVersions(c.var.db);
	const current = selectCurrentPolicy(versions, Date.now());
	if (!current) return notFoundPage(c);
	const summary = summaryOf(current);
	return render(
		c,
		<PolicyPage
			policy={policyTextOf(current)}
			inForce={summary}
			history={versions.map(summaryOf)}
			record={RECORD}
		/>,
		200,
	);
}

const noSuchVersion = () => new AppError("not_found", "No such version of the policy");

/** One published version (GET /privacy/versions/{version} and its prefixed copies). */
async function renderVersion(c: Context<AppEnv>, version: string) {
	const versions = await listPolicyVersions(c.var.db);
	const shown = versions.find((row) => row.version === version);
	const current = selectCurrentPolicy(versions, Date.now());
	if (!shown || !current) throw noSuchVersion();
	return render(
		c,
		<PolicyPage
			policy={policyTextOf(shown)}
			inForce={summaryOf(current)}
			history={versions.map(summaryOf)}
		/>,
		200,
	);
}

/** A refusal the person can act on (rate limit, wrong password); faults stay errors. */
function refusal(err: unknown): AppError | null {
	return err instanceof AppError && err.status < 500 ? err : null;
}

const centerAnswers = {
	200: html("The privacy center"),
	...seeOther("Back to the privacy center, with a confirmation"),
	400: html("The privacy center again, with what was wrong"),
	415: html("Not a form"),
	429: html("The privacy center again: too many requests in a short time"),
	...errorResponses(403, 413, 503),
};

const privacyRouter = createRouter();
privacyRouter.onError(pageErrorResponse);

// The policy under each locale's prefix: the prefix alone decides its language, and the edge
// cache keys each URL apart. The unprefixed, documented routes are below.
privacyRouter
	.get(`${LOCALE}/privacy`, prefixLocale(), publicCacheIgnoringQuery(), renderPolicy)
	.get(`${LOCALE}/privacy/versions/:version`, prefixLocale(), publicCacheIgnoringQuery(), (c) => {
		const params = VersionParamsSchema.safeParse({ version: c.req.param("version") });
		if (!params.success) throw noSuchVersion();
		return renderVersion(c, params.data.version);
	});

export const privacyPages = privacyRouter
	.openapi(
		createRoute({
			method: "get",
			path: "/privacy",
			tags,
			summary:
				"The privacy policy in force, its versions, and the record of processing (public, cached); also under each locale's prefix (/fr-fr/privacy)",
			middleware: [unprefixedLocale(), publicCacheIgnoringQuery()] as const,
			responses: {
				200: html("The policy"),
				302: { description: "A shopper who chose another locale: to its prefixed page (never stored)" },
				404: html("No policy is published"),
			},
		}),
		renderPolicy,
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/privacy/versions/{version}",
			tags,
			summary: "One published version of the privacy policy (public, cached)",
			request: { params: VersionParamsSchema },
			middleware: [unprefixedLocale(), publicCacheIgnoringQuery()] as const,
			responses: {
				200: html("That version"),
				302: { description: "A shopper who chose another locale: to its prefixed page (never stored)" },
				404: html("No such version"),
			},
		}),
		(c) => renderVersion(c, c.req.valid("param").version),
		(result) => {
			if (!result.success) throw noSuchVersion();
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: CENTER,
			tags,
			summary:
				"The privacy center: consent choices; signed in, export, correction and deletion; as a guest, the order-verified request form (never cached)",
			request: { query: CenterQuerySchema },
			responses: { 200: html("The privacy center"), ...errorResponses(503) },
		}),
		(c) => {
			const done: Confirmed | undefined = c.req.valid("query").done;
			return renderCenter(c, 200, done ? { confirmation: done } : {});
		},
		(result, c) => (result.success ? undefined : renderCenter(c, 200)),
	)
	.openapi(
		createRoute({
			method: "post",
			path: `${CENTER}/consent`,
			tags,
			summary:
				"Change consent from the privacy center's form: analytics (this browser, and the account when signed in) and, signed in, marketing",
			request: { body: formBody(ConsentFormSchema) },
			responses: centerAnswers,
		}),
		async (c) => {
			const form = c.req.valid("form");
			const choices = {
				...(form.analytics ? { analytics: form.analytics === "on" } : {}),
				...(form.marketing ? { marketing: form.marketing === "on" } : {}),
			};
			if (await signIn(c)) {
				// As PUT /api/v1/me/consents: the account's record, then this browser at once.
				await changeConsents(accountDepsFor(c), choices);
			} else if (choices.marketing !== undefined) {
				const errors = { fields: {}, form: [c.var.locale.t("privacy.center.marketingSignIn")] };
				return renderCenter(c, 400, { consentErrors: errors });
			}
			if (choices.analytics !== undefined) setAnalyticsConsent(c, choices.analytics);
			return c.redirect(`${CENTER}?done=consent`, 303);
		},
		(result, c) =>
			result.success
				? undefined
				: renderCenter(c, 400, { consentErrors: consentFormErrors(c, result.error.issues) }),
	)
	.openapi(
		createRoute({
			method: "post",
			path: `${CENTER}/request`,
			tags,
			summary:
				"A guest asks for an export, correction or deletion of an order's data (as POST /api/v1/privacy-requests): the same confirmation whether or not the pair matched",
			request: { body: formBody(GuestPrivacyRequestSchema) },
			responses: centerAnswers,
		}),
		async (c) => {
			const input = c.req.valid("form");
			try {
				await requestGuestPrivacyLink(c, guestRequestDepsFor(c), input);
			} catch (err) {
				const refused = refusal(err);
				if (!refused) throw err;
				const values = { orderNumber: input.orderNumber, email: input.email, kind: input.kind };
				const request = { values, errors: { fields: {}, form: [privacyRefusal(c.var.locale, refused)] } };
				return renderCenter(c, refused.status, { request });
			}
			return c.redirect(`${CENTER}?done=request`, 303);
		},
		(result, c) => (result.success ? undefined : renderInvalidRequest(c, result.error.issues)),
	)
	.openapi(
		createRoute({
			method: "get",
			path: `${CENTER}/export`,
			tags,
			summary:
				"Download everything the shop holds about you (as GET /api/v1/me/data), as an attachment; signed out, to the login page",
			responses: {
				200: {
					description: "Your data, as a JSON attachment",
					content: { "application/json": { schema: AccountDataSchema } },
				},
				...seeOther("Signed out: to the login page"),
				...errorResponses(404, 409, 429, 503),
			},
		}),
		async (c) => {
			if (!(await signIn(c))) return c.redirect(LOGIN_FOR(CENTER), 303);
			const deps = accountDepsFor(c);
			const data = await exportAccountData(deps);
			return c.json(data, 200, {
				"Content-Disposition": `attachment; filename="${exportFileName(deps.now)}"`,
				"Cache-Control": "no-store",
			});
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: `${CENTER}/delete`,
			tags,
			summary: "Account deletion, step one: what goes, what stays, and the password to confirm",
			responses: { 200: html("The confirmation step"), ...seeOther("Signed out: to the login page") },
		}),
		async (c) => {
			if (!(await signIn(c))) return c.redirect(LOGIN_FOR(`${CENTER}/delete`), 303);
			noStore(c);
			return render(c, <DeleteAccountPage />, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: `${CENTER}/delete`,
			tags,
			summary: "Erase the account (as DELETE /api/v1/me) once the password is given again; then signed out",
			request: { body: formBody(EraseAccountBodySchema) },
			responses: {
				...seeOther("Erased: to the signed-out confirmation; signed out already: to the login page"),
				400: html("The confirmation step again: no password"),
				403: html("The confirmation step again: not the password"),
				415: html("Not a form"),
				429: html("The confirmation step again: too many attempts"),
				...errorResponses(413, 503),
			},
		}),
		async (c) => {
			if (!(await signIn(c))) return c.redirect(LOGIN_FOR(`${CENTER}/delete`), 303);
			try {
				await eraseMyAccount(accountDepsFor(c), c.req.valid("form").password);
			} catch (err) {
				const refused = refusal(err);
				if (!refused) throw err;
				if (refused.code === "unauthorized") return c.redirect(LOGIN_FOR(`${CENTER}/delete`), 303);
				const error =
					refused.code === "forbidden"
						? c.var.locale.t("privacy.delete.wrong")
						: privacyRefusal(c.var.locale, refused);
				noStore(c);
				return render(c, <DeleteAccountPage error={error} />, refused.status as ContentfulStatusCode);
			}
			clearSessionCookie(c);
			// The account's carts are gone with it.
			clearCartCookie(c);
			return c.redirect(`${CENTER}/deleted`, 303);
		},
		(result, c) => (result.success ? undefined : renderMissingPassword(c)),
	)
	.openapi(
		createRoute({
			method: "get",
			path: `${CENTER}/deleted`,
			tags,
			summary: "After an account's erasure: what was done (the same page for everyone)",
			responses: { 200: html("The confirmation") },
		}),
		(c) => {
			const { t } = c.var.locale;
			noStore(c);
			return render(
				c,
				<MessagePage title={t("privacy.deleted.title")} message={t("privacy.deleted.text")} noindex />,
				200,
			);
		},
	);
