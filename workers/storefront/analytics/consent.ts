// Consent first (DESIGN P6). Browser signals win over everything: `Sec-GPC: 1` or `DNT: 1` means
// no analytics, whatever a cookie says. Otherwise the shopper's `lw_consent` cookie decides;
// anonymous aggregate analytics are on until withdrawn. A logged-in customer's account setting
// applies on top: a withdrawal in the account wins over a cookie that still says granted.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import * as z from "zod";
import { signedAccountId } from "../accounts/current-account";
import { getCustomer } from "../db/customers";
import type { AppEnv } from "../env";
import { clearRecentViews } from "./recent-views";

export const CONSENT_COOKIE = "lw_consent";
const ConsentCookieSchema = z.enum(["granted", "withdrawn"]);
const CONSENT_MAX_AGE_SECONDS = 365 * 24 * 3600;

export type AnalyticsConsent = {
	allowed: boolean;
	reason: "granted" | "default" | "withdrawn" | "global_privacy_control" | "do_not_track";
};

export function analyticsConsentOf(headers: {
	gpc?: string;
	dnt?: string;
	cookie?: string;
}): AnalyticsConsent {
	if (headers.gpc?.trim() === "1") return { allowed: false, reason: "global_privacy_control" };
	if (headers.dnt?.trim() === "1") return { allowed: false, reason: "do_not_track" };
	if (headers.cookie === undefined) return { allowed: true, reason: "default" };
	const parsed = ConsentCookieSchema.safeParse(headers.cookie);
	// A cookie we cannot read is treated as a withdrawal: when unsure, collect nothing.
	if (!parsed.success || parsed.data === "withdrawn") return { allowed: false, reason: "withdrawn" };
	return { allowed: true, reason: "granted" };
}

/** What this browser says: its signals and its consent cookie. */
export function browserAnalyticsConsent(c: Context<AppEnv>): AnalyticsConsent {
	return analyticsConsentOf({
		gpc: c.req.header("Sec-GPC"),
		dnt: c.req.header("DNT"),
		cookie: getCookie(c, CONSENT_COOKIE, "host"),
	});
}

/**
 * The browser's answer, narrowed by the account's setting when a signed session cookie names one:
 * a withdrawal made in the account (on any device) holds from the next request on.
 */
export async function analyticsConsent(c: Context<AppEnv>): Promise<AnalyticsConsent> {
	const browser = browserAnalyticsConsent(c);
	if (!browser.allowed) return browser;
	const accountId = await signedAccountId(c);
	if (!accountId) return browser;
	const customer = await getCustomer(c.var.db, accountId);
	return customer && !customer.analyticsConsent ? { allowed: false, reason: "withdrawn" } : browser;
}

export function setAnalyticsConsent(c: Context<AppEnv>, allowed: boolean): void {
	setCookie(c, CONSENT_COOKIE, allowed ? "granted" : "withdrawn", {
		prefix: "host",
		httpOnly: true,
		secure: true,
		sameSite: "Lax",
		path: "/",
		maxAge: CONSENT_MAX_AGE_SECONDS,
	});
	// Withdrawal also forgets the shopper's recent views: nothing is kept for analytics.
	if (!allowed) clearRecentViews(c);
}
