// GET and POST /account/confirm and /account/reset: where the vault's emails send people.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { refusalText } from "../accounts/account-forms";
import { completePasswordReset, confirmRegistration, requestPasswordReset } from "../accounts/sign-in";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { localized } from "../i18n/locale-context";
import { createRouter, errorResponses, formBody, html } from "../openapi";
import { ConfirmAccountPage, RequestResetPage, ResetPasswordPage } from "../pages/account-link-page";
import { MessagePage } from "../pages/message";

const TokenQuerySchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
const OptionalTokenQuerySchema = z.object({
	token: z
		.string()
		.regex(/^[A-Za-z0-9_-]{43}$/)
		.optional(),
});
const RequestResetFormSchema = z.object({ email: z.email().max(254) }).strict();
const ConfirmFormSchema = z.object({ token: z.string().max(64), password: z.string().max(256) }).strict();
const ResetFormSchema = z.object({ token: z.string().max(64), password: z.string().max(256) }).strict();

/** Every page here holds a token: never cached, and in the shopper's language. */
function page(c: Context<AppEnv>, body: Child, status: ContentfulStatusCode = 200) {
	c.header("Cache-Control", "no-store");
	return c.html(localized(c, body), status);
}

function invalidLink(c: Context<AppEnv>) {
	const { t } = c.var.locale;
	return page(
		c,
		<MessagePage title={t("account.link.invalidTitle")} message={t("account.link.invalid")} />,
		404,
	);
}

/** A refusal the person can act on; a vault outage or fault stays an error. */
function refusal(err: unknown): AppError | null {
	return err instanceof AppError && err.status < 500 ? err : null;
}

const answers = {
	200: html("The form or the outcome"),
	400: html("What was wrong"),
	401: html("The password was not right"),
	404: html("The link is not valid"),
	429: html("Too many attempts"),
	...errorResponses(403, 413, 503),
};

export const accountLinkPages = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/account/confirm",
			tags: ["pages"],
			summary: "The page a registration email links to",
			request: { query: TokenQuerySchema },
			responses: answers,
		}),
		(c) => page(c, <ConfirmAccountPage token={c.req.valid("query").token} />),
		(result, c) => (result.success ? undefined : invalidLink(c)),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/confirm",
			tags: ["pages"],
			summary: "Confirm the registration; logs in",
			request: { body: formBody(ConfirmFormSchema) },
			responses: answers,
		}),
		async (c) => {
			const { t } = c.var.locale;
			const { token, password } = c.req.valid("form");
			if (!TokenQuerySchema.shape.token.safeParse(token).success) return invalidLink(c);
			try {
				await confirmRegistration(c, token, password.slice(0, 128));
			} catch (err) {
				const refused = refusal(err);
				if (!refused) throw err;
				if (refused.code === "rate_limited") {
					return page(
						c,
						<MessagePage title={t("account.link.tooManyTitle")} message={refusalText(t, refused)} />,
						429,
					);
				}
				if (
					refused.code === "unauthorized" ||
					refused.code === "validation_failed" ||
					refused.code === "bad_request"
				) {
					const error = t("account.confirm.wrongPassword");
					return page(c, <ConfirmAccountPage token={token} error={error} />, 401);
				}
				return invalidLink(c);
			}
			return page(
				c,
				<MessagePage title={t("account.confirm.welcome")} message={t("account.confirm.done")} />,
			);
		},
		(result, c) => (result.success ? undefined : invalidLink(c)),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/account/reset",
			tags: ["pages"],
			summary: "The page a password reset email links to; without a token, the form asking for one",
			request: { query: OptionalTokenQuerySchema },
			responses: answers,
		}),
		(c) => {
			const { token } = c.req.valid("query");
			return page(c, token ? <ResetPasswordPage token={token} /> : <RequestResetPage />);
		},
		(result, c) => (result.success ? undefined : invalidLink(c)),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/reset",
			tags: ["pages"],
			summary: "Set the new password; every session is revoked",
			request: { body: formBody(ResetFormSchema) },
			responses: answers,
		}),
		async (c) => {
			const { t } = c.var.locale;
			const { token, password } = c.req.valid("form");
			if (!TokenQuerySchema.shape.token.safeParse(token).success) return invalidLink(c);
			if (password.length < 10 || password.length > 128) {
				const error = t("account.reset.length");
				return page(c, <ResetPasswordPage token={token} error={error} />, 400);
			}
			try {
				await completePasswordReset(c, token, password);
			} catch (err) {
				const refused = refusal(err);
				if (!refused) throw err;
				if (refused.code === "not_found") return invalidLink(c);
				return page(
					c,
					<ResetPasswordPage token={token} error={refusalText(t, refused)} />,
					refused.status as ContentfulStatusCode,
				);
			}
			return page(c, <MessagePage title={t("account.reset.doneTitle")} message={t("account.reset.done")} />);
		},
		(result, c) => (result.success ? undefined : invalidLink(c)),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/reset/request",
			tags: ["pages"],
			summary: "Ask for a password reset link; the same answer whether or not the address has an account",
			request: { body: formBody(RequestResetFormSchema) },
			responses: answers,
		}),
		async (c) => {
			const { t } = c.var.locale;
			try {
				await requestPasswordReset(c, c.req.valid("form").email);
			} catch (err) {
				const refused = refusal(err);
				if (!refused) throw err;
				return page(
					c,
					<RequestResetPage error={refusalText(t, refused)} />,
					refused.status as ContentfulStatusCode,
				);
			}
			return page(
				c,
				<MessagePage title={t("account.checkEmail.title")} message={t("account.checkEmail.message")} />,
			);
		},
		(result, c) =>
			result.success
				? undefined
				: page(c, <RequestResetPage error={c.var.locale.t("account.reset.enterEmail")} />, 400),
	);
