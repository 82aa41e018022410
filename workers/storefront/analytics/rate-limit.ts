// Bounds what one client can post to the beacon, so nobody can flood the aggregates.
// The limiter is keyed by a pseudonym of the client IP: an HMAC under a key derived from a
// Worker secret and the day, so the key the limiter sees (and local dev even writes to disk)
// is not an IP, cannot be reversed without the secret, and changes every day.
// DESIGN §4.5 rules out date+secret salts for anything *kept*, because whoever holds the secret
// can recompute them later and test a guessed IP against what was stored. This key is kept
// nowhere by us: it goes only to the Rate Limiting binding, whose counters live for its 60 s
// period, and is never logged, queued or written to D1. A per-isolate random salt would make it
// unrecomputable, but the limit would then be per isolate, multiplied by however many isolates
// serve one client, and this limit is what bounds one client's weight in the counts.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { pseudonym } from "../pseudonym";

const DAY_MS = 86_400_000;

/** A pseudonym of `value` under a key derived from the secret, the purpose and the UTC day. */
export function dailyPseudonym(
	secret: string,
	purpose: string,
	value: string,
	nowMs: number,
): Promise<string> {
	return pseudonym(secret, `${purpose}/${Math.floor(nowMs / DAY_MS)}`, value);
}

export function rateLimitKey(clientIp: string, secret: string, nowMs: number): Promise<string> {
	return dailyPseudonym(secret, "rate-limit", clientIp, nowMs);
}

/** What the client helpers need of a request context (staff routes have a wider Env). */
type ClientContext = Pick<Context<AppEnv>, "req" | "env">;

/**
 * The network a client address stands for: an IPv4 address itself, an IPv6 address its /64 (one
 * subscriber's allocation: a host with a /64 has 2^64 addresses, and limits keyed by the full
 * address would not bind it at all). Anything unparsable is kept whole.
 */
export function clientNetwork(address: string): string {
	if (!address.includes(":")) return address;
	const [head = "", tail = ""] = address.toLowerCase().split("::");
	const left = head ? head.split(":") : [];
	const right = address.includes("::") ? (tail ? tail.split(":") : []) : [];
	const groups = address.includes("::")
		? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
		: left;
	if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return address;
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ""))
		.join(":")}::/64`;
}

/** The client's network as Cloudflare reports its address; without one (local tools), one shared bucket. */
export function clientAddress(c: ClientContext): string {
	const address = c.req.header("CF-Connecting-IP");
	return address ? clientNetwork(address) : "unknown-client";
}

/** Whether one more request of this client fits the limiter, keyed by the client's pseudonym. */
export async function withinClientLimit(
	limiter: RateLimit,
	c: ClientContext,
	address = clientAddress(c),
): Promise<boolean> {
	const key = await rateLimitKey(address, c.env.SESSION_KEY, Date.now());
	return (await limiter.limit({ key })).success;
}

export async function limitEventRate(c: Context<AppEnv>): Promise<void> {
	if (!(await withinClientLimit(c.env.EVENTS_RATE_LIMITER, c))) {
		throw new AppError("rate_limited", "Too many events; slow down");
	}
}
