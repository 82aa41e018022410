// The edge cache's decisions, free of I/O: what the key is, what may be stored, how old an entry
// is and what a stored copy carries. The middleware (edge-cache.ts) is a thin shell around these.

/** How long a stored page is served as is, then how long it may still be served while refreshed. */
export type Lifetime = { ttlSeconds: number; swrSeconds: number };

/** When the entry was stored (ms since the epoch), written on the stored copy only. */
export const STORED_AT_HEADER = "lw-edge-stored-at";

/**
 * Marks the background refresh's own request (edge-cache.ts): it renders a stale entry anew
 * instead of serving it, and never starts another refresh. A client sending it gains nothing a
 * plain request would not do a moment later: a fresh entry is still served from the cache.
 */
export const REFRESH_HEADER = "lw-edge-refresh";

// Per request, or per shopper: never part of a stored copy. Set-Cookie never reaches the store
// (mayStore refuses it); it is listed so that no later change can slip one through.
const PER_REQUEST_HEADERS = ["x-request-id", "server-timing", "set-cookie", "age", STORED_AT_HEADER];

/**
 * The cache key: origin, path and the query parameters sorted by name (values of one name keep
 * their order). Nothing else of the request — no cookie, no header — so one URL is one entry
 * whoever asks, and only a route's shopper-independent response may be stored under it. A route
 * that reads only some parameters (or none) names them: `?utm_source=…` or random junk that the
 * route ignores would otherwise make an entry, and a miss, per variant of the same page.
 */
export function cacheKeyUrl(requestUrl: string, queryKeys: QueryKeys = "all"): string {
	const url = new URL(requestUrl);
	const read = queryKeys === "all" ? undefined : new Set(queryKeys);
	const params = [...url.searchParams]
		.filter(([name]) => read === undefined || read.has(name))
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const query = new URLSearchParams(params).toString();
	return `${url.origin}${url.pathname}${query ? `?${query}` : ""}`;
}

// Words a shopper typed (the listing's search) may be personal, and a shared entry would show the
// next asker, by its speed alone, that someone searched them: such requests are never cached.
const FREE_TEXT_PARAMS = ["q"];

/** Whether the request carries free text a shopper typed: it neither reads nor fills the cache. */
export function carriesFreeText(requestUrl: string): boolean {
	const params = new URL(requestUrl).searchParams;
	return FREE_TEXT_PARAMS.some((name) => params.getAll(name).some((value) => value.trim() !== ""));
}

/** The query parameters a route reads, which alone may tell its entries apart; "all" for every one. */
export type QueryKeys = "all" | readonly string[];

/** `EDGE_CACHE`: unset or "on" caches; "off" (or any value we don't know) turns the cache off. */
export function edgeCacheEnabled(setting: string | undefined): boolean {
	return setting === undefined || setting === "" || setting === "on";
}

/** GET and HEAD only: HEAD is answered from the GET entry, without its body. */
export function isCacheableMethod(method: string): boolean {
	return method === "GET" || method === "HEAD";
}

/**
 * A response may be stored only when it is a 200 without Set-Cookie that its route did not mark
 * private or no-store: anything else may be personal, or an error that must not outlive itself.
 */
export function mayStore(res: { status: number; headers: Headers }): boolean {
	if (res.status !== 200) return false;
	if (res.headers.has("set-cookie")) return false;
	const cacheControl = (res.headers.get("cache-control") ?? "").toLowerCase();
	return !/(^|[\s,])(private|no-store|no-cache)([\s,=]|$)/.test(cacheControl);
}

export type Freshness = { state: "fresh" | "stale" | "expired"; ageSeconds: number };

/** How an entry stored at `storedAt` stands at `now` (both ms since the epoch). */
export function freshnessOf(storedAt: number, now: number, lifetime: Lifetime): Freshness {
	const ageSeconds = Math.max(0, Math.floor((now - storedAt) / 1000));
	const state =
		ageSeconds < lifetime.ttlSeconds
			? "fresh"
			: ageSeconds < lifetime.ttlSeconds + lifetime.swrSeconds
				? "stale"
				: "expired";
	return { state, ageSeconds };
}

/** The stored-at time of a cached copy, or null when it is missing or not a time. */
export function storedAtOf(headers: Headers): number | null {
	const raw = headers.get(STORED_AT_HEADER);
	if (raw === null || !/^\d{1,15}$/.test(raw)) return null;
	return Number(raw);
}

/**
 * The headers a stored copy keeps: the route's own, without anything per request, plus when it
 * was stored and a Cache-Control that makes the Cache API keep it for the whole TTL + SWR.
 */
export function storedHeaders(
	routeHeaders: Headers,
	etag: string,
	storedAt: number,
	lifetime: Lifetime,
): Headers {
	const headers = withoutPerRequestHeaders(routeHeaders);
	headers.set("etag", etag);
	headers.set(STORED_AT_HEADER, String(storedAt));
	headers.set("cache-control", `public, max-age=${lifetime.ttlSeconds + lifetime.swrSeconds}`);
	return headers;
}

/** The headers a client gets from a stored copy: its own Cache-Control and Age, nothing internal. */
export function servedHeaders(stored: Headers, cacheControl: string, ageSeconds: number): Headers {
	const headers = withoutPerRequestHeaders(stored);
	headers.set("cache-control", cacheControl);
	headers.set("age", String(ageSeconds));
	return headers;
}

function withoutPerRequestHeaders(source: Headers): Headers {
	const headers = new Headers(source);
	for (const name of PER_REQUEST_HEADERS) headers.delete(name);
	return headers;
}

/** A strong ETag of the body (SHA-1, as hono/etag makes it). */
export async function etagOf(body: ArrayBuffer): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", body));
	return `"${[...digest].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

/** Whether If-None-Match names this ETag (weak comparison, RFC 9110 §13.1.2), or is "*". */
export function ifNoneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
	if (!ifNoneMatch) return false;
	if (ifNoneMatch.trim() === "*") return true;
	const opaque = etag.replace(/^W\//, "");
	return (ifNoneMatch.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => tag.replace(/^W\//, "") === opaque);
}

// What a 304 keeps: the headers of the 200 it stands for (RFC 9110 §15.4.5), its Age, and this
// request's own id and timings.
const NOT_MODIFIED_KEEPS = [
	"cache-control",
	"content-location",
	"date",
	"etag",
	"expires",
	"vary",
	"age",
	"x-request-id",
	"server-timing",
];

/** The headers of a 304 standing for a 200 with `full`. */
export function notModifiedHeaders(full: Headers): Headers {
	const headers = new Headers();
	for (const name of NOT_MODIFIED_KEEPS) {
		const value = full.get(name);
		if (value !== null) headers.set(name, value);
	}
	return headers;
}

/** The Server-Timing entry for how the edge cache answered. */
export function cacheServerTiming(outcome: "hit" | "stale" | "miss"): string {
	return `cache;desc="${outcome}"`;
}
