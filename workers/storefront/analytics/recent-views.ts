// The shopper's recent product views live in the shopper's own cookie (DESIGN §4.1), so co-view
// pairs need no server-side session: the cookie rides along as context and is never stored. Both
// context cookies are signed (SESSION_KEY): a client cannot write itself a history to pair with,
// nor a pair budget; an unsigned or edited value reads as none.
import type { Context } from "hono";
import { deleteCookie } from "hono/cookie";
import * as z from "zod";
import { ProductIdSchema } from "../../../analytics/event-schema";
import { MAX_PAIRS_PER_SHOPPER_DAY, MAX_RECENT } from "../../../analytics/limits";
import type { AppEnv } from "../env";
import { readSignedCookie, writeSignedCookie } from "../signed-cookie";

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

export async function readRecentViews(c: Context<AppEnv>): Promise<number[]> {
	return parseRecentViews(await readSignedCookie(c, RECENT_COOKIE));
}

export async function writeRecentViews(c: Context<AppEnv>, recent: readonly number[]): Promise<void> {
	await writeSignedCookie(c, RECENT_COOKIE, recent.join("."), RECENT_MAX_AGE_SECONDS);
}

export function clearRecentViews(c: Context<AppEnv>): void {
	const options = { prefix: "host", path: "/", secure: true, httpOnly: true, sameSite: "Lax" } as const;
	deleteCookie(c, RECENT_COOKIE, options);
	deleteCookie(c, PAIRED_COOKIE, options);
}

// The co-view pairs this browser has already contributed today, in its own cookie too: a shopper
// going back and forth between two rugs counts once a day, not once per visit, so "k shoppers"
// means k browser-days. A client that drops its cookies escapes this bound; the server-side daily
// budget per client (event-budget.ts) still holds then.
export const PAIRED_COOKIE = "lw_paired";
const PAIRED_MAX_AGE_SECONDS = 24 * 3600;

/** Unordered pair key, smaller id first. */
export function pairKey(x: number, y: number): string {
	return x < y ? `${x}-${y}` : `${y}-${x}`;
}

const PairedCookieSchema = z
	.string()
	.max(7 + MAX_PAIRS_PER_SHOPPER_DAY * 22)
	.regex(/^\d{1,6}(\.\d{1,10}-\d{1,10})*$/)
	.transform((value) => {
		const [day, ...pairs] = value.split(".");
		return { day: Number(day), pairs };
	})
	.pipe(
		z.object({
			day: z.number().int(),
			pairs: z.array(z.string()).max(MAX_PAIRS_PER_SHOPPER_DAY),
		}),
	);

/** Today's counted pairs; another day's list, or anything malformed, reads as none. */
export function parsePairedToday(value: string | undefined, today: number): string[] {
	const parsed = PairedCookieSchema.safeParse(value);
	if (!parsed.success || parsed.data.day !== today) return [];
	return parsed.data.pairs.filter((p) => {
		const [a, b] = p.split("-").map(Number) as [number, number];
		return ProductIdSchema.safeParse(a).success && ProductIdSchema.safeParse(b).success && a < b;
	});
}

export async function readPairedToday(c: Context<AppEnv>, today: number): Promise<string[]> {
	return parsePairedToday(await readSignedCookie(c, PAIRED_COOKIE), today);
}

export async function writePairedToday(
	c: Context<AppEnv>,
	today: number,
	pairs: readonly string[],
): Promise<void> {
	await writeSignedCookie(c, PAIRED_COOKIE, [today, ...pairs].join("."), PAIRED_MAX_AGE_SECONDS);
}
