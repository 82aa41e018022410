// GET and POST /privacy/requests/{token}: where a guest's privacy-request mail sends them. Every
// link that does not work (unknown, used, expired, malformed) gets the one same page. Each page
// is in the guest's language (the choice cookie, else their country), refusals included.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { LocaleContext, localized, type PageLocale } from "../i18n/locale-context";
import { createRouter, errorResponses, html } from "../openapi";
import { MessagePage } from "../pages/message";
import { privacyRefusal } from "../pages/privacy/refusals";
import { PrivacyRequestPage } from "../pages/privacy-request-page";
import {
	CORRECTION_MAX,
	confirmGuestPrivacyRequest,
	guestRequestDepsFor,
	inspectLink,
} from "../privacy/guest-requests";

const TokenParamsSchema = z.object({
	token: z
		.string()
		.max(64)
		.openapi({ param: { name: "token", in: "path" }, example: "x".repeat(43) }),
});
const FormSchema = z.object({ correction: z.string().max(CORRECTION_MAX).optional() }).strict();

function page(c: Context<AppEnv>, body: Child, status: ContentfulStatusCode = 200) {
	c.header("Cache-Control", "no-store");
	return c.html(localized(c, body), status);
}

/**
 * Every unusable link (unknown, used, expired, malformed) gets one same page, byte for byte, so it
 * tells nothing about the link: its language choice goes back to the privacy center, where a new
 * link is asked for, rather than to the path with the link's token in it.
 */
function invalidLink(c: Context<AppEnv>) {
	const { t } = c.var.locale;
	const locale: PageLocale = { ...c.var.locale, path: "/privacy/center", publicPage: false };
	const message = (
		<MessagePage title={t("privacy.request.invalidTitle")} message={t("privacy.refusal.linkNotValid")} />
	);
	c.header("Cache-Control", "no-store");
	return c.html(<LocaleContext.Provider value={locale}>{message}</LocaleContext.Provider>, 404);
}

/** A refusal the person can act on; a vault outage or fault stays an error. */
function refusal(err: unknown): AppError | null {
	return err instanceof AppError && err.status < 500 ? err : null;
}

const answers = {
	200: {
		description: "The request's page, or its outcome (an export downloads as JSON)",
		content: { "text/html": { schema: z.string() }, "application/json": { schema: z.unknown() } },
	},
	400: html("What was wrong"),
	404: html("The link is not valid"),
	409: html("Not possible yet (deletion of an order in progress)"),
	...errorResponses(403, 413, 503),
};

export const privacyRequestPages = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/privacy/requests/{token}",
			tags: ["pages"],
			summary: "The page a guest's privacy-request mail links to",
			request: { params: TokenParamsSchema },
			responses: answers,
		}),
		async (c) => {
			const { token } = c.req.valid("param");
			try {
				const { request, order } = await inspectLink(guestRequestDepsFor(c), token);
				return page(c, <PrivacyRequestPage token={token} kind={request.kind} orderNumber={order.number} />);
			} catch (err) {
				if (refusal(err)?.code === "not_found") return invalidLink(c);
				throw err;
			}
		},
		(result, c) => (result.success ? undefined : invalidLink(c)),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/privacy/requests/{token}",
			tags: ["pages"],
			summary: "Complete the request from its page (the form of GET /privacy/requests/{token})",
			request: {
				params: TokenParamsSchema,
				body: { required: true, content: { "application/x-www-form-urlencoded": { schema: FormSchema } } },
			},
			responses: answers,
		}),
		async (c) => {
			const { token } = c.req.valid("param");
			const { correction } = c.req.valid("form");
			const deps = guestRequestDepsFor(c);
			let outcome: Awaited<ReturnType<typeof confirmGuestPrivacyRequest>>;
			try {
				outcome = await confirmGuestPrivacyRequest(deps, { token, correction });
			} catch (err) {
				const refused = refusal(err);
				if (!refused) throw err;
				if (refused.code === "not_found") return invalidLink(c);
				// Still a working link (deletion not yet possible, an empty correction): the page again.
				const { request, order } = await inspectLink(deps, token).catch(() => ({
					request: null,
					order: null,
				}));
				if (!request || !order) return invalidLink(c);
				return page(
					c,
					<PrivacyRequestPage
						token={token}
						kind={request.kind}
						orderNumber={order.number}
						error={privacyRefusal(c.var.locale, refused)}
					/>,
					refused.status as ContentfulStatusCode,
				);
			}
			if (outcome.kind === "export") {
				c.header("Cache-Control", "no-store");
				c.header(
					"Content-Disposition",
					`attachment; filename="loomwash-${outcome.export.order.number}.json"`,
				);
				return c.json(outcome.export, 200);
			}
			const { t } = c.var.locale;
			const message = t(
				outcome.kind === "deletion" ? "privacy.request.deleted" : "privacy.request.corrected",
			);
			return page(c, <MessagePage title={t("privacy.request.doneTitle")} message={message} />);
		},
		(result, c) => (result.success ? undefined : invalidLink(c)),
	);
