// Errors as pages: a browser asking for a page gets HTML in the shop's frame, never the API's JSON
// error body. Error pages are never cached (a 404 may become a page on the next deploy; a 500 is
// one request's) and stay out of search engines.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { MessagePage } from "./message";

const SEARCH = { href: "/search", label: "Search the shop" };

/** The 404 page: what happened and the ways on (home, search; the header has both too). */
export function notFoundPage(c: Context<AppEnv>) {
	c.header("Cache-Control", "no-store");
	return c.html(
		<MessagePage
			title="Page not found"
			message="There is no page at this address. The link may be mistyped, or the page may have moved."
			back={{ href: "/", label: "Go to the home page" }}
			links={[SEARCH]}
			noindex
		/>,
		404,
	);
}

/**
 * Any other failure as a page. A 5xx apologises and gives the request id to quote to support (it
 * names the log lines, which carry no personal data); a 4xx says the request did not work, with
 * `detail` when the caller has a message meant for people.
 */
export function errorPage(c: Context<AppEnv>, status: ContentfulStatusCode, detail?: string) {
	if (status === 404) return notFoundPage(c);
	c.header("Cache-Control", "no-store");
	if (status >= 500) {
		return c.html(
			<MessagePage
				title="Sorry, something went wrong"
				message="Something went wrong on our side, and what you asked for was not done. Please try again in a moment."
				noindex
			>
				<p>
					If it keeps happening, tell us this reference: <code>{c.var.requestId ?? "unknown"}</code>
				</p>
			</MessagePage>,
			status,
		);
	}
	return c.html(
		<MessagePage
			title="Sorry"
			message={detail ? `That request didn't work: ${detail}` : "That request didn't work."}
			noindex
		/>,
		status,
	);
}

/** A page router's onError: a fault is logged (by route, never by path or value) and shown as a page. */
export function pageErrorResponse(err: Error, c: Context<AppEnv>) {
	const status = err instanceof HTTPException ? err.status : 500;
	if (status >= 500) c.var.logger.error("page failed", { err, route: c.req.routePath });
	return errorPage(c, status);
}
