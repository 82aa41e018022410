// The shopper's recent product views live in the shopper's own cookie (DESIGN §4.1), so co-view
// pairs need no server-side session: the cookie rides along as context and is never stored.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { ProductIdSchema } from "../../../analytics/event-schema";
import { MAX_RECENT } from "../../../analytics/limits";
import type { AppEnv } from "../env";

export const RECENT_COOKIE = "lw_recent";
const RECENT_MAX_AGE_SECONDS = 30 * 24 * 3600;

const RecentCookieSchema = z
	.string()
	.max(MAX_RECENT * 11)
	.regex(/^\d{1,10}(\.\d{1,10})*$/)
	.transform((value) => value.split(".").map(Number))
	.pipe(z.array(ProductIdSchema).max(MAX_RECENT));

/** Parses the cookie value; anything malformed reads as no history (and is overwritten). */
export function parseRecentViews(value: string | undefined): number[] {
	const parsed = RecentCookieSchema.safeParse(value);
	return parsed.success ? [...new Set(parsed.data)] : [];
}

/** Most recent first, without duplicates, bounded. */
export function pushRecentView(recent: readonly number[], productId: number): number[] {
	return [productId, ...recent.filter((id) => id !== productId)].slice(0, MAX_RECENT);
}

export function readRecentViews(c: Context<AppEnv>): number[] {
	return parseRecentViews(getCookie(c, RECENT_COOKIE));
}

export function writeRecentViews(c: Context<AppEnv>, recent: readonly number[]): void {
	setCookie(c, RECENT_COOKIE, recent.join("."), {
		httpOnly: true,
		secure: true,
		sameSite: "Lax",
		path: "/",
		maxAge: RECENT_MAX_AGE_SECONDS,
	});
}

export function clearRecentViews(c: Context<AppEnv>): void {
	deleteCookie(c, RECENT_COOKIE, { path: "/", secure: true });
}
