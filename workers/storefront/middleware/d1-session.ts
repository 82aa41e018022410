import { drizzle } from "drizzle-orm/d1";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import * as schema from "../db/schema";
import type { AppEnv } from "../env";

export const BOOKMARK_COOKIE = "lw_bm";
// D1 bookmarks are dash-separated hex groups; anything else is ignored rather than passed to D1.
const BOOKMARK_PATTERN = /^[0-9a-f]{1,16}(-[0-9a-f]{1,64}){1,8}$/;

/**
 * Every request reads through a D1 session (read replication): a shopper with a bookmark
 * cookie reads at least their own last write; others take the nearest replica. Writes
 * hand back a fresh bookmark so the next read sees them.
 */
export const d1Session = () =>
	createMiddleware<AppEnv>(async (c, next) => {
		const cookie = getCookie(c, BOOKMARK_COOKIE, "host");
		const isRead = c.req.method === "GET" || c.req.method === "HEAD";
		const constraint =
			cookie && BOOKMARK_PATTERN.test(cookie) ? cookie : isRead ? "first-unconstrained" : "first-primary";
		const session = c.env.DB.withSession(constraint);
		// drizzle only calls prepare() and batch(), which a session provides like the database does.
		c.set("db", drizzle(session as unknown as D1Database, { schema }));
		await next();
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
