// The shop's signed cookies (signed with SESSION_KEY): always __Host-, HttpOnly, Secure,
// SameSite=Lax, Path=/. A value that is absent, unsigned or edited reads as undefined, so every
// caller treats a forgery as "nothing there".
import type { Context } from "hono";
import { getSignedCookie, setSignedCookie } from "hono/cookie";
import type { AppEnv } from "./env";

export async function readSignedCookie(c: Context<AppEnv>, name: string): Promise<string | undefined> {
	try {
		const value = await getSignedCookie(c, c.env.SESSION_KEY, name, "host");
		return typeof value === "string" ? value : undefined;
	} catch {
		return undefined;
	}
}

export function writeSignedCookie(
	c: Context<AppEnv>,
	name: string,
	value: string,
	maxAgeSeconds: number,
): Promise<void> {
	return setSignedCookie(c, name, value, c.env.SESSION_KEY, {
		prefix: "host",
		httpOnly: true,
		secure: true,
		sameSite: "Lax",
		path: "/",
		maxAge: maxAgeSeconds,
	});
}
