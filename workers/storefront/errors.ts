import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env";

const codeToStatus = {
	bad_request: 400,
	invalid_json: 400,
	validation_failed: 400,
	invalid_cookie: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	method_not_allowed: 405,
	conflict: 409,
	out_of_stock: 409,
	invalid_state: 409,
	payload_too_large: 413,
	unsupported_media_type: 415,
	rate_limited: 429,
	internal_error: 500,
	payment_unavailable: 502,
	analytics_unavailable: 502,
	vault_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof codeToStatus;

export type ErrorIssue = { path: (string | number)[]; message: string; code?: string };

/** The one error type routes throw; onError turns it into the shared error body. */
export class AppError extends HTTPException {
	readonly code: ErrorCode;
	readonly issues: ErrorIssue[] | undefined;

	constructor(code: ErrorCode, message: string, issues?: ErrorIssue[]) {
		super(codeToStatus[code], { message });
		this.code = code;
		this.issues = issues;
	}
}

function codeForStatus(status: number): ErrorCode {
	const found = (Object.entries(codeToStatus) as [ErrorCode, number][]).find(([, s]) => s === status);
	return found ? found[0] : status >= 500 ? "internal_error" : "bad_request";
}

export function errorBody(c: Context<AppEnv>, code: ErrorCode, message: string, issues?: ErrorIssue[]) {
	return {
		error: { code, message, requestId: c.get("requestId") ?? "", ...(issues ? { issues } : {}) },
	};
}

export function handleError(err: Error, c: Context<AppEnv>): Response {
	if (err instanceof AppError) {
		return c.json(errorBody(c, err.code, err.message, err.issues), err.status);
	}
	if (err instanceof HTTPException) {
		// Thrown by hono itself (malformed JSON, body limit, csrf): keep its status, use our shape.
		const status = Math.min(err.status, 500);
		const code = /json/i.test(err.message) ? "invalid_json" : codeForStatus(status);
		const message = status >= 500 ? "Internal error" : err.message || code;
		return c.json(errorBody(c, code, message), status as ContentfulStatusCode);
	}
	// The route template, not the raw path: a path can carry an order number or a typed value.
	c.get("logger")?.error("unhandled error", { err, route: c.req.routePath });
	return c.json(errorBody(c, "internal_error", "Internal error"), 500);
}

export function handleNotFound(c: Context<AppEnv>): Response {
	return c.json(errorBody(c, "not_found", "No such route"), 404);
}
