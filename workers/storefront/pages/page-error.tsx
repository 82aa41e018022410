// Errors as pages: a browser asking for a page gets HTML in the shop's frame, never the API's JSON
// error body. Error pages are never cached (a 404 may become a page on the next deploy; a 500 is
// one request's) and stay out of search engines.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { localized } from "../i18n/locale-context";
import { DEFAULT_LOCALE } from "../markets/shop-locale";
import { MessagePage } from "./message";

/** The 404 page: what happened and the ways on (home, search; the header has both too). */
export function notFoundPage(c: Context<AppEnv>) {
	c.header("Cache-Control", "no-store");
	const l = c.var.locale ?? DEFAULT_LOCALE;
	return c.html(
		localized(
			c,
			<MessagePage
				title={l.t("error.notFound")}
				message={l.t("message.notFoundText")}
				back={{ href: l.href("/"), label: l.t("message.home") }}
				links={[{ href: l.href("/search"), label: l.t("message.searchShop") }]}
				noindex
			/>,
		),
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
	const l = c.var.locale ?? DEFAULT_LOCALE;
	if (status >= 500) {
		return c.html(
			localized(
				c,
				<MessagePage title={l.t("message.serverTitle")} message={l.t("message.serverText")} noindex>
					<p>
						{l.t("message.reference")} <code>{c.var.requestId ?? "unknown"}</code>
					</p>
				</MessagePage>,
			),
			status,
		);
	}
	return c.html(
		localized(
			c,
			<MessagePage
				title={l.t("message.sorry")}
				message={detail ? l.t("message.failedDetail", { detail }) : l.t("message.failed")}
				noindex
			/>,
		),
		status,
	);
}

/** A page router's onError: a fault is logged (by route, never by path or value) and shown as a page. */
export function pageErrorResponse(err: Error, c: Context<AppEnv>) {
	const status = err instanceof HTTPException ? err.status : 500;
	if (status >= 500) c.var.logger.error("page failed", { err, route: c.req.routePath });
	return errorPage(c, status);
}
