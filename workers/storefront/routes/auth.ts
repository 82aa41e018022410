// /api/v1/auth/*: register, confirm, log in and out, change and reset the password (issue #7).
// Cookie-authenticated mutations: app.ts applies sameOriginMutations to this prefix.
import { createRoute, z } from "@hono/zod-openapi";
import {
	AcceptedSchema,
	ChangePasswordBodySchema,
	CompleteResetBodySchema,
	ConfirmBodySchema,
	LoginBodySchema,
	RegisterBodySchema,
	ResetBodySchema,
} from "../accounts/account-schemas";
import { currentAccount } from "../accounts/current-account";
import {
	CHECK_EMAIL,
	changePassword,
	completePasswordReset,
	confirmRegistration,
	login,
	logout,
	register,
	requestPasswordReset,
} from "../accounts/sign-in";
import { createRouter, errorResponses, jsonRequest as json } from "../openapi";

export const SESSION_SECURITY = [{ ShopperSession: [] }];

const StatusSchema = z.object({ status: z.enum(["logged_in", "logged_out"]) }).openapi("SessionStatus");

const answers = {
	accepted: { description: "Accepted", content: { "application/json": { schema: AcceptedSchema } } },
	status: { description: "Done", content: { "application/json": { schema: StatusSchema } } },
};

export const authRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/auth/register",
			tags: ["accounts"],
			summary: "Register; a link to confirm the address is emailed",
			description:
				"Answers the same whether or not the address already has an account (its owner is told by mail). " +
				"Consent is recorded with the privacy policy version in force.",
			request: json(RegisterBodySchema),
			responses: { 202: answers.accepted, ...errorResponses(400, 403, 413, 429, 503) },
		}),
		async (c) => {
			const { email, password, nickname, consents } = c.req.valid("json");
			await register(c, { email, password, nickname, consents });
			return c.json({ status: "check_email" as const, message: CHECK_EMAIL }, 202);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/auth/confirm",
			tags: ["accounts"],
			summary: "Confirm a registration with the emailed token and the password chosen; logs in",
			request: json(ConfirmBodySchema),
			responses: { 200: answers.status, ...errorResponses(400, 401, 403, 404, 413, 429, 503) },
		}),
		async (c) => {
			const { token, password } = c.req.valid("json");
			await confirmRegistration(c, token, password);
			return c.json({ status: "logged_in" as const }, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/auth/login",
			tags: ["accounts"],
			summary: "Log in; sets the session cookie and merges the guest cart into the account's",
			request: json(LoginBodySchema),
			responses: { 200: answers.status, ...errorResponses(400, 401, 403, 413, 429, 503) },
		}),
		async (c) => {
			const { email, password } = c.req.valid("json");
			await login(c, email, password);
			return c.json({ status: "logged_in" as const }, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/auth/logout",
			tags: ["accounts"],
			summary: "Log out: the session is revoked at once, the cookies cleared",
			security: SESSION_SECURITY,
			responses: { 200: answers.status, ...errorResponses(403, 503) },
		}),
		async (c) => {
			await logout(c);
			return c.json({ status: "logged_out" as const }, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/auth/password",
			tags: ["accounts"],
			summary: "Change the password; every other session is revoked",
			security: SESSION_SECURITY,
			request: json(ChangePasswordBodySchema),
			responses: { 200: answers.accepted, ...errorResponses(400, 401, 403, 413, 429, 503) },
		}),
		async (c) => {
			const { token } = await currentAccount(c);
			const { currentPassword, newPassword } = c.req.valid("json");
			await changePassword(c, token, currentPassword, newPassword);
			return c.json({ status: "password_changed" as const, message: "Your password was changed" }, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/auth/reset",
			tags: ["accounts"],
			summary: "Ask for a password reset link (single use, 30 minutes)",
			description: "Answers the same whether or not the address has an account.",
			request: json(ResetBodySchema),
			responses: { 202: answers.accepted, ...errorResponses(400, 403, 413, 429, 503) },
		}),
		async (c) => {
			await requestPasswordReset(c, c.req.valid("json").email);
			return c.json({ status: "check_email" as const, message: CHECK_EMAIL }, 202);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/v1/auth/reset/complete",
			tags: ["accounts"],
			summary: "Set a new password with the emailed token; every session is revoked",
			request: json(CompleteResetBodySchema),
			responses: { 200: answers.accepted, ...errorResponses(400, 403, 404, 413, 429, 503) },
		}),
		async (c) => {
			const { token, password } = c.req.valid("json");
			await completePasswordReset(c, token, password);
			return c.json(
				{ status: "password_changed" as const, message: "Your password was changed; log in with it" },
				200,
			);
		},
	);
