import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { d1ServerTiming, meteredSession, newD1Meter } from "../db/metered-session";
import { requestDatabase } from "../db/request-database";
import type { AppEnv } from "../env";

export const BOOKMARK_COOKIE = "lw_bm";
// D1 bookmarks are dash-separated hex groups; anything else is ignored rather than passed to D1.
const BOOKMARK_PATTERN = /^[0-9a-f]{1,16}(-[0-9a-f]{1,64}){1,8}$/;

/**
 * Whether a response may say what it cost in D1. How many statements a request ran tells which
 * branch it took — whether an email, an order number or a guest's pair matched — so by default
 * only public responses (the same for everyone, nothing to tell) carry it. `D1_TIMING = "all"`
 * shows it everywhere, for local measurement only (npm run bench); never in a deployed shop.
 */
export function mayShowD1Timing(setting: string | undefined, headers: Headers): boolean {
	if (setting === "all") return true;
	return /(^|[\s,])public([\s,]|$)/i.test(headers.get("cache-control") ?? "");
}

/**
 * Every request reads through a D1 session (read replication): a shopper with a bookmark
 * cookie reads at least their own last write; others take the nearest replica. Writes
 * hand back a fresh bookmark so the next read sees them. The session is metered: a public
 * response that touched D1 says how many round trips it took and how long they ran (Server-Timing).
 */
export const d1Session = () =>
	createMiddleware<AppEnv>(async (c, next) => {
		const cookie = getCookie(c, BOOKMARK_COOKIE, "host");
		const isRead = c.req.method === "GET" || c.req.method === "HEAD";
		const constraint =
			cookie && BOOKMARK_PATTERN.test(cookie) ? cookie : isRead ? "first-unconstrained" : "first-primary";
		const session = c.env.DB.withSession(constraint);
		const meter = newD1Meter();
		c.set("db", requestDatabase(meteredSession(session, meter)));
		await next();
		const timing = d1ServerTiming(meter);
		if (timing && mayShowD1Timing(c.env.D1_TIMING, c.res.headers))
			c.header("Server-Timing", timing, { append: true });
		const bookmark = session.getBookmark();
		if (!isRead && bookmark && bookmark !== cookie) {
			setCookie(c, BOOKMARK_COOKIE, bookmark, {
				prefix: "host",
				httpOnly: true,
				secure: true,
				sameSite: "Lax",
				path: "/",
			});
		}
	});
