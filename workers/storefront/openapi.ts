// Shared pieces of the OpenAPI surface: a router factory whose validation failures become the
// shared error shape, and the schemas every route documents for its error responses.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "./env";
import { AppError } from "./errors";

export function createRouter<E extends AppEnv = AppEnv>() {
	return new OpenAPIHono<E>({
		defaultHook: (result) => {
			if (!result.success) {
				const issues = result.error.issues.map((i) => ({
					path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
					message: i.message,
					code: i.code,
				}));
				throw new AppError("validation_failed", `Invalid ${result.target}`, issues);
			}
		},
	});
}

/** A route's required JSON request body. */
export const jsonRequest = <S extends z.ZodType>(schema: S) => ({
	body: { required: true, content: { "application/json": { schema } } },
});

/** A route's JSON response. */
export const jsonResponse = <S extends z.ZodType>(description: string, schema: S) => ({
	description,
	content: { "application/json": { schema } },
});

/** An HTML page as an OpenAPI response: the pages answer refusals with a page too. */
export const html = (description: string) => ({
	description,
	content: { "text/html": { schema: z.string() } },
});

/** A page form's body, as a browser posts it. */
export const formBody = <T>(schema: T) => ({
	required: true,
	content: { "application/x-www-form-urlencoded": { schema } },
});

/**
 * The query of every paged staff list: an optional status filter, a page size of 1–100 and the
 * opaque cursor the previous page answered (its shape checked by `cursor`).
 */
export function staffListQuery<const S extends readonly [string, ...string[]]>(
	statuses: S,
	cursor: RegExp,
	statusExample?: S[number],
) {
	return z
		.object({
			status: z
				.enum(statuses)
				.optional()
				.openapi({ param: { name: "status", in: "query" }, example: statusExample }),
			limit: z
				.string()
				.regex(/^\d{1,3}$/)
				.transform(Number)
				.pipe(z.number().int().min(1).max(100))
				.optional()
				.openapi({ param: { name: "limit", in: "query" }, type: "integer", example: 50 }),
			cursor: z
				.string()
				.regex(cursor)
				.optional()
				.openapi({ param: { name: "cursor", in: "query" }, description: "nextCursor of the previous page" }),
		})
		.strict();
}

export const ErrorSchema = z
	.object({
		error: z.object({
			code: z.string(),
			message: z.string(),
			requestId: z.string(),
			issues: z
				.array(
					z.object({
						path: z.array(z.union([z.string(), z.number()])),
						message: z.string(),
						code: z.string().optional(),
					}),
				)
				.optional(),
		}),
	})
	.openapi("Error");

const errorContent = { "application/json": { schema: ErrorSchema } };

/** Error responses to spread into a route's `responses`, by status. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 502 | 503)[]) {
	const descriptions: Record<number, string> = {
		400: "Invalid input",
		401: "Not authenticated",
		403: "Not allowed",
		404: "Not found",
		409: "Conflict with current state",
		413: "Body too large",
		415: "Unsupported media type",
		429: "Too many requests",
		502: "Upstream provider unavailable",
		503: "The vault is unavailable",
	};
	return Object.fromEntries(
		statuses.map((s) => [s, { description: descriptions[s] ?? "Error", content: errorContent }]),
	) as Record<number, { description: string; content: typeof errorContent }>;
}
