import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env";
import { errorPage, notFoundPage } from "./pages/page-error";

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

/** `Accept` lists `text/html` (or XHTML) with a weight at least that of any JSON it lists. */
export function prefersHtml(accept: string | undefined): boolean {
	if (!accept) return false;
	let html = 0;
	let json = 0;
	for (const part of accept.toLowerCase().split(",")) {
		const [type = "", ...params] = part.split(";").map((piece) => piece.trim());
		const qParam = params.find((param) => param.startsWith("q="));
		const q = qParam ? Number(qParam.slice(2)) : 1;
		const weight = Number.isFinite(q) ? q : 0;
		if (type === "text/html" || type === "application/xhtml+xml") html = Math.max(html, weight);
		else if (type === "application/json" || type.endsWith("+json")) json = Math.max(json, weight);
	}
	return html > 0 && html >= json;
}

/**
 * Whether an error is answered as a page: never under /api/ (clients there read the JSON shape),
 * and elsewhere when the request prefers HTML, as every browser's navigation and form post does.
 * Other clients (curl's default Accept, fetch without one, a fuzzer) keep the JSON shape everywhere.
 */
export function wantsHtml(c: Context<AppEnv>): boolean {
	const path = c.req.path;
	if (path === "/api" || path.startsWith("/api/")) return false;
	return prefersHtml(c.req.header("Accept"));
}

export function handleError(err: Error, c: Context<AppEnv>): Response | Promise<Response> {
	if (err instanceof AppError) {
		if (wantsHtml(c)) return errorPage(c, err.status, err.status < 500 ? err.message : undefined);
		return c.json(errorBody(c, err.code, err.message, err.issues), err.status);
	}
	if (err instanceof HTTPException) {
		// Thrown by hono itself (malformed JSON, body limit, csrf): keep its status, use our shape.
		const status = Math.min(err.status, 500) as ContentfulStatusCode;
		if (wantsHtml(c)) return errorPage(c, status);
		const code = /json/i.test(err.message) ? "invalid_json" : codeForStatus(status);
		const message = status >= 500 ? "Internal error" : err.message || code;
		return c.json(errorBody(c, code, message), status);
	}
	// The route template, not the raw path: a path can carry an order number or a typed value.
	c.get("logger")?.error("unhandled error", { err, route: c.req.routePath });
	if (wantsHtml(c)) return errorPage(c, 500);
	return c.json(errorBody(c, "internal_error", "Internal error"), 500);
}

export function handleNotFound(c: Context<AppEnv>): Response | Promise<Response> {
	if (wantsHtml(c)) return notFoundPage(c);
	return c.json(errorBody(c, "not_found", "No such route"), 404);
}
