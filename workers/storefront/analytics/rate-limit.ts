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

const DAY_MS = 86_400_000;
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string, day: number): Promise<CryptoKey> {
	const cacheKey = `${day}`;
	let key = keyCache.get(cacheKey);
	if (!key) {
		keyCache.clear();
		key = (async () => {
			const root = await crypto.subtle.importKey(
				"raw",
				new TextEncoder().encode(secret),
				{ name: "HMAC", hash: "SHA-256" },
				false,
				["sign"],
			);
			const derived = await crypto.subtle.sign(
				"HMAC",
				root,
				new TextEncoder().encode(`loomwash/rate-limit/${day}`),
			);
			return crypto.subtle.importKey("raw", derived, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
		})();
		keyCache.set(cacheKey, key);
	}
	return key;
}

export async function rateLimitKey(clientIp: string, secret: string, nowMs: number): Promise<string> {
	const key = await hmacKey(secret, Math.floor(nowMs / DAY_MS));
	const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(clientIp)));
	return btoa(String.fromCharCode(...mac.subarray(0, 16)))
		.replaceAll("+", "-")
		.replaceAll("/", "_")
		.replace(/=+$/, "");
}

export async function limitEventRate(c: Context<AppEnv>): Promise<void> {
	const ip = c.req.header("CF-Connecting-IP") ?? "unknown-client";
	const key = await rateLimitKey(ip, c.env.SESSION_KEY, Date.now());
	const { success } = await c.env.EVENTS_RATE_LIMITER.limit({ key });
	if (!success) throw new AppError("rate_limited", "Too many events; slow down");
}
