// CSRF defence for cookie-authenticated mutations (issue #7, ASVS V3.5 / V50): on top of the app's
// csrf() (which checks form-like content types) and SameSite=Lax, a state-changing request to the
// account API is refused when the browser says it comes from another site, whatever its content
// type. Non-browser clients (curl) send neither header and hold no ambient cookie to abuse.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ALLOWED_FETCH_SITES = new Set(["same-origin", "none"]);

export function isCrossSiteRequest(
	requestUrl: string,
	headers: { origin?: string; secFetchSite?: string },
): boolean {
	if (headers.secFetchSite !== undefined && !ALLOWED_FETCH_SITES.has(headers.secFetchSite)) return true;
	if (headers.origin !== undefined && headers.origin !== new URL(requestUrl).origin) return true;
	return false;
}

export const sameOriginMutations = createMiddleware<AppEnv>(async (c, next) => {
	if (
		!SAFE_METHODS.has(c.req.method) &&
		isCrossSiteRequest(c.req.url, {
			origin: c.req.header("Origin"),
			secFetchSite: c.req.header("Sec-Fetch-Site"),
		})
	) {
		throw new AppError("forbidden", "Cross-site requests may not change an account");
	}
	await next();
});
