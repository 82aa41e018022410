// Staff authentication (DESIGN §1, §5), applied once to everything under /api/v1/staff: the
// storefront does not judge staff tokens itself. It looks up the operation the route needs (deny
// by default: a staff path missing from the registry is a 404), then forwards the Cloudflare
// Access JWT (`Cf-Access-Jwt-Assertion`) to the vault, which verifies it, finds the staff record
// and decides the operation from the role matrix, auditing refusals. Routes that open personal
// data forward the token again, and the vault checks it again.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Operation, StaffIdentity } from "../../shared/vault-contract";
import { withinClientLimit } from "../analytics/rate-limit";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { fromVault } from "../vault-client";

export const ACCESS_HEADER = "Cf-Access-Jwt-Assertion";
const MAX_TOKEN_LENGTH = 8192;
// Three base64url parts: anything else is not a token at all, and is refused without an audit entry.
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** The OpenAPI security requirement of every staff route. */
export const STAFF_SECURITY = [{ CloudflareAccess: [] }];

export type StaffEnv = AppEnv & {
	Variables: AppEnv["Variables"] & { staff: StaffIdentity; staffToken: string };
};

/** The Access token of the request, or a 401. */
export function staffTokenOf(header: string | undefined): string {
	if (!header || header.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(header)) {
		throw new AppError("unauthorized", "Staff sign-in required");
	}
	return header;
}

/** A staff route: method, OpenAPI path template, and the operation the vault must allow. */
export type StaffRoute = readonly [method: string, path: string, operation: Operation];

function compile(routes: readonly StaffRoute[]) {
	return routes.map(([method, path, operation]) => {
		const pattern = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
		return { method, regex: new RegExp(`^${pattern}$`), operation };
	});
}

/**
 * Requires a staff member whose role allows the route's operation; puts them and their token on the context.
 * `tokenOf` finds the token: the API takes only the Access header; the console's pages also take
 * Access's `CF_Authorization` cookie, as a browser carries it.
 */
export const staffAuth = (
	routes: readonly StaffRoute[],
	tokenOf: (c: Context<StaffEnv>) => string | undefined = (c) => c.req.header(ACCESS_HEADER),
) => {
	const compiled = compile(routes);
	return createMiddleware<StaffEnv>(async (c, next) => {
		const method = c.req.method === "HEAD" ? "GET" : c.req.method;
		const operation = compiled.find((r) => r.method === method && r.regex.test(c.req.path))?.operation;
		if (!operation) throw new AppError("not_found", "No such route");
		const token = staffTokenOf(tokenOf(c));
		if (!(await withinClientLimit(c.env.STAFF_API_LIMITER, c))) {
			throw new AppError("rate_limited", "Too many staff requests; try again in a minute");
		}
		const { staff } = await fromVault(
			c.env.VAULT.authorize({ token, operation, requestId: c.var.requestId }),
			c.var.logger,
		);
		c.set("staff", staff);
		c.set("staffToken", token);
		c.header("Cache-Control", "private, no-store");
		await next();
	});
};
